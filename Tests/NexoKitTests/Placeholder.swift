import Testing

@Suite struct NexoKitTestsPlaceholder {}
