import NexoMatch

/// The fingerprint tests' seeded generator.
typealias SplitMix64 = SeededGenerator
