import Testing

@Suite struct NexoStoreTestsPlaceholder {}
