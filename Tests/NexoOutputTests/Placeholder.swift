import Testing

@Suite struct NexoOutputTestsPlaceholder {}
