import Testing

@Suite struct NexoLanguageTestsPlaceholder {}
