import Testing

@Suite struct NexoPluginHostTestsPlaceholder {}
