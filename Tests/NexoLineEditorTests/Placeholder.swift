import Testing

@Suite struct NexoLineEditorTestsPlaceholder {}
