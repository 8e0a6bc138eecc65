import Testing

@Suite struct NexoShellTestsPlaceholder {}
