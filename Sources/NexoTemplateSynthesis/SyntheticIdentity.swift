import NexoKit
import NexoTemplateMath

/// Everything about one synthetic person's body that captures are drawn from: the face identity
/// vector, the two iris codes and the master fingers. Made from a seed alone, so the same seed
/// always gives the same person, whichever order people are made in.
public struct SyntheticIdentity: Sendable, Hashable {
    /// The seed it was made from.
    public let seed: UInt64
    /// Unit face identity vector (``FaceSynthesizer/identity(using:)``).
    public var face: [Float]
    /// Iris identity codes: right, then left (``IrisSynthesizer/identity(using:)``).
    public var irises: [[UInt64]]
    /// Master fingers, one per position the synthesizer captures.
    public var fingers: [SyntheticFinger]

    /// Creates an identity from its parts.
    public init(seed: UInt64, face: [Float], irises: [[UInt64]], fingers: [SyntheticFinger]) {
        self.seed = seed
        self.face = face
        self.irises = irises
        self.fingers = fingers
    }

    /// The master finger at `position`, if the identity has one.
    public func finger(at position: Int) -> SyntheticFinger? { fingers.first { $0.position == position } }

    /// A seed for the person `entity` of the world made from `worldSeed`: FNV-1a of the id mixed
    /// with the world seed, so identities do not depend on the order people are enrolled in.
    public static func seed(world worldSeed: UInt64, entity: EntityID) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in entity.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var mixer = SeededGenerator(seed: hash ^ (worldSeed &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next()
    }
}

extension SyntheticIdentity {
    /// The identity made from `seed`: a face vector, the right then the left iris code and a master finger per
    /// position of `fingerPositions`, drawn in that order from one generator (so a list that starts the same gives
    /// the same first fingers).
    public static func make(
        seed: UInt64, face: FaceSynthesizer = FaceSynthesizer(), iris: IrisSynthesizer = IrisSynthesizer(),
        fingerPositions: [Int]
    ) -> SyntheticIdentity {
        var rng = SeededGenerator(seed: seed)
        let faceVector = face.identity(using: &rng)
        let irises = [iris.identity(using: &rng), iris.identity(using: &rng)]
        let fingers = fingerPositions.map { SyntheticFinger.random(position: $0, using: &rng) }
        return SyntheticIdentity(seed: seed, face: faceVector, irises: irises, fingers: fingers)
    }
}
