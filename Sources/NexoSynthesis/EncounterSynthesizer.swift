import NexoKit
import NexoMatch
import NexoTemplateMath
import NexoTemplateSynthesis

/// What a repeat encounter captured and how its biographic data was changed.
public struct SyntheticEncounter: Sendable, Hashable {
    /// The probe: the modalities captured this time.
    public var sample: BiometricSample
    /// The biographic changes made, in the order applied (empty without biographic data).
    public var noise: [BiographicNoise]

    /// Creates an encounter.
    public init(sample: BiometricSample, noise: [BiographicNoise]) {
        self.sample = sample
        self.noise = noise
    }
}

/// Makes synthetic people's enrolments and repeat encounters for accuracy evaluation: the same
/// face, irises and fingers captured again with fresh noise, a random subset of modalities, and
/// biographic data changed the way border records of one person really differ
/// (``BiographicNoise``); and strangers, people who are not in the gallery.
///
/// Everything is drawn from the identity's seed and the generator passed in, so a seed gives the
/// same samples on every machine.
///
/// ```swift
/// let synthesizer = EncounterSynthesizer()
/// let person = synthesizer.identity(seed: SyntheticIdentity.seed(world: 7, entity: "P-12"))
/// var rng = SeededGenerator(seed: 1)
/// let enrolment = synthesizer.enrolment(of: person, record: record, using: &rng)
/// let encounter = synthesizer.encounter(of: person, record: record, names: pool, using: &rng)
/// ```
public struct EncounterSynthesizer: Sendable {
    /// Face captures.
    public var face = FaceSynthesizer()
    /// Iris captures.
    public var iris = IrisSynthesizer()
    /// Finger impressions.
    public var impression = ImpressionSettings()
    /// Finger positions an identity has masters for, most often captured first (right and left
    /// index fingers, as border posts take them).
    public var fingerPositions = [2, 7]
    /// What an enrolment captures.
    public var enrolmentPlan = EnrolmentPlan()
    /// How often a repeat encounter captures each modality.
    public var captureRates = CaptureRates()
    /// Number of fingers a repeat encounter takes when it takes fingers.
    public var probeFingers: ClosedRange<Int> = 1...2
    /// Chance that an iris capture takes both eyes (otherwise one).
    public var bothIrises = 0.7
    /// Chance that a capture taking fewer fingers than positions takes the first position.
    public var firstFingerPreference = 0.8
    /// Chance of each biographic change in a repeat encounter.
    public var noiseRates = BiographicNoiseRates()

    /// What an enrolment captures.
    public struct EnrolmentPlan: Sendable, Hashable {
        /// Whether the face is enrolled.
        public var face = true
        /// Irises enrolled (0, 1 right, 2 both).
        public var irises = 2
        /// Fingers enrolled, drawn uniformly.
        public var fingers: ClosedRange<Int> = 1...2
        /// Chance that the enrolled record keeps its document number.
        public var document = 1.0

        /// The default: face, both irises, one or two fingers, the document kept.
        public init() {}
    }

    /// How often a repeat encounter captures each modality (independently; a probe that drew
    /// none gets its face).
    public struct CaptureRates: Sendable, Hashable {
        public var face = 0.9
        public var finger = 0.7
        public var iris = 0.3
        public var biographic = 0.95

        /// The defaults: face 90 %, fingers 70 %, iris 30 %, biographic 95 %.
        public init() {}
    }

    /// A synthesizer with the default settings.
    public init() {}

    /// The identity made from `seed`: a face vector, two iris codes and a master finger per
    /// ``fingerPositions``.
    public func identity(seed: UInt64) -> SyntheticIdentity {
        SyntheticIdentity.make(seed: seed, face: face, iris: iris, fingerPositions: fingerPositions)
    }

    /// The enrolment of `identity` with `record`: the captures of ``enrolmentPlan``.
    public func enrolment(
        of identity: SyntheticIdentity, record: BiographicRecord,
        using rng: inout some RandomNumberGenerator
    ) -> BiometricSample {
        var sample = BiometricSample()
        if enrolmentPlan.face { sample.face = face.capture(of: identity.face, using: &rng) }
        for eye in identity.irises.prefix(enrolmentPlan.irises) {
            sample.irises.append(iris.capture(of: eye, using: &rng))
        }
        let count = Int.random(in: enrolmentPlan.fingers, using: &rng)
        for master in chooseFingers(identity, count: count, using: &rng) {
            sample.fingers.append(master.impression(impression, using: &rng))
        }
        var enrolled = record
        if Double.random(in: 0..<1, using: &rng) >= enrolmentPlan.document { enrolled.documents = [] }
        sample.biographic = enrolled
        return sample
    }

    /// A repeat encounter of `identity`, whose true record is `record`: fresh captures of the
    /// modalities drawn by ``captureRates`` and the biographic changes drawn by ``noiseRates``.
    /// `names` supplies surnames for married names.
    public func encounter(
        of identity: SyntheticIdentity, record: BiographicRecord, names: SyntheticNamePool,
        using rng: inout some RandomNumberGenerator
    ) -> SyntheticEncounter {
        var sample = BiometricSample()
        var noise: [BiographicNoise] = []
        let takeFace = Double.random(in: 0..<1, using: &rng) < captureRates.face
        let takeFingers = Double.random(in: 0..<1, using: &rng) < captureRates.finger
        let takeIris = Double.random(in: 0..<1, using: &rng) < captureRates.iris
        let takeBiographic = Double.random(in: 0..<1, using: &rng) < captureRates.biographic
        if takeFace || !(takeFingers || takeIris || takeBiographic) {
            sample.face = face.capture(of: identity.face, using: &rng)
        }
        if takeFingers {
            let count = Int.random(in: probeFingers, using: &rng)
            for master in chooseFingers(identity, count: count, using: &rng) {
                sample.fingers.append(master.impression(impression, using: &rng))
            }
        }
        if takeIris {
            if Double.random(in: 0..<1, using: &rng) < bothIrises {
                sample.irises = identity.irises.map { iris.capture(of: $0, using: &rng) }
            } else if let eye = identity.irises.randomElement(using: &rng) {
                sample.irises = [iris.capture(of: eye, using: &rng)]
            }
        }
        if takeBiographic {
            let (changed, applied) = noisy(record, names: names, using: &rng)
            sample.biographic = changed
            noise = applied
        }
        return SyntheticEncounter(sample: sample, noise: noise)
    }

    /// `record` as a border post might write it: each kind drawn with its rate, at most one
    /// change to the date of birth, structural name changes before typos and folding.
    public func noisy(
        _ record: BiographicRecord, names: SyntheticNamePool,
        using rng: inout some RandomNumberGenerator
    ) -> (record: BiographicRecord, noise: [BiographicNoise]) {
        var result = record
        result.otherNames = []
        var applied: [BiographicNoise] = []
        var dateChanged = false
        for kind in BiographicNoise.applicationOrder {
            guard Double.random(in: 0..<1, using: &rng) < noiseRates[kind] else { continue }
            if kind.field == .dateOfBirth && dateChanged { continue }
            guard let changed = kind.apply(to: result, names: names, using: &rng) else { continue }
            result = changed
            applied.append(kind)
            if kind.field == .dateOfBirth { dateChanged = true }
        }
        return (result, applied)
    }

    /// A person who is not in the gallery: a fresh identity and a plausible record from `names`.
    public func stranger(
        names: SyntheticNamePool,
        using rng: inout some RandomNumberGenerator
    ) -> (identity: SyntheticIdentity, record: BiographicRecord)? {
        let seed = rng.next()
        guard let record = names.stranger(using: &rng) else { return nil }
        return (identity(seed: seed), record)
    }

    /// `count` of the identity's master fingers: all when `count` covers them; otherwise the
    /// first position is taken with ``firstFingerPreference``, the rest at random.
    private func chooseFingers(
        _ identity: SyntheticIdentity, count: Int,
        using rng: inout some RandomNumberGenerator
    ) -> [SyntheticFinger] {
        var chosen = identity.fingers
        while chosen.count > max(count, 0) {
            if chosen.count == 2, Double.random(in: 0..<1, using: &rng) < firstFingerPreference {
                chosen.removeLast()
            } else {
                chosen.remove(at: Int.random(in: 0..<chosen.count, using: &rng))
            }
        }
        return chosen
    }
}

/// The chance of each ``BiographicNoise`` kind in a repeat encounter.
public struct BiographicNoiseRates: Sendable, Hashable {
    /// Chance per kind; kinds not listed never happen.
    public var rates: [BiographicNoise: Double]

    /// Rates of the order seen in border and civil records (names typed by a clerk from what the
    /// person says or a document shows).
    public init(rates: [BiographicNoise: Double] = BiographicNoiseRates.defaults) { self.rates = rates }

    /// The default rates.
    public static let defaults: [BiographicNoise: Double] = [
        .typo: 0.15, .accentsAndCaseDropped: 0.3, .maternalSurnameDropped: 0.15, .nameOrderSwapped: 0.05,
        .nickname: 0.1, .marriedName: 0.08, .birthDateTransposed: 0.05, .birthYearOffByOne: 0.05, .birthYearOnly: 0.05,
        .nationalityMissing: 0.1, .documentMissing: 0.4, .documentDigitWrong: 0.05,
    ]

    /// No changes at all.
    public static let none = BiographicNoiseRates(rates: [:])

    /// The chance of `kind`.
    public subscript(kind: BiographicNoise) -> Double {
        get { rates[kind] ?? 0 }
        set { rates[kind] = newValue }
    }
}

extension BiographicNoise {
    /// Structural name changes, then typos and folding of the written name, then the other fields.
    static let applicationOrder: [BiographicNoise] = [
        .maternalSurnameDropped, .marriedName, .nickname, .nameOrderSwapped, .typo, .accentsAndCaseDropped,
        .birthDateTransposed, .birthYearOffByOne, .birthYearOnly, .nationalityMissing, .documentMissing,
        .documentDigitWrong,
    ]
}
