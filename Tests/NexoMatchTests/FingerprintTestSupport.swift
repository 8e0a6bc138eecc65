import NexoMatch
import NexoTemplateMath

/// The fingerprint tests' seeded generator.
typealias SplitMix64 = SeededGenerator
