extension GraphView {
    /// A source's admiralty grading as the view hands it out: reliability A–F and credibility 1–6
    /// (as ``SourceInfo`` and ``SourceOptions/parseGrading(_:)`` spell them).
    public typealias Grading = (reliability: SourceReliability, credibility: InformationCredibility)

    /// A stored edge as the builder takes it: its ends and kind as indexes into the view, its id,
    /// its validity, its confidence and the grading of the source that reported it.
    ///
    /// Kept compact (the builder holds one per stored edge): dates as days since 1970-01-01 and
    /// the grading as one byte.
    public struct Link: Sendable, Hashable {
        // Declared widest first, so a link takes 40 bytes, not 48.
        /// The stored edge's id.
        public var edge: EdgeID
        /// Confidence in the relation, a finite number in 0...1.
        public private(set) var confidence: Double
        /// Source node index.
        public var from: Int32
        /// Target node index.
        public var to: Int32
        let validFromDay: Int32
        let validToDay: Int32
        /// Index into the view's edge kind names.
        public var kind: UInt16
        let gradingCode: UInt8

        /// Creates a link. Throws `invalid-input` when `confidence` is not a finite number in
        /// 0...1 or `validFrom` is after `validTo`, naming the edge.
        public init(
            from: Int32, to: Int32, kind: UInt16, edge: EdgeID, validFrom: CivilDate? = nil, validTo: CivilDate? = nil,
            confidence: Double = 1, grading: Grading? = nil
        ) throws(NexoError) {
            guard confidence.isFinite, (0...1).contains(confidence) else {
                throw NexoError(
                    .invalidInput, "edge \(edge): confidence must be between 0 and 1, got \(Value.format(confidence))",
                    hint: "a confidence runs from 0 (none) to 1 (certain); correct the edge's confidence")
            }
            if let validFrom, let validTo, validFrom > validTo {
                throw NexoError(
                    .invalidInput, "edge \(edge): valid_from \(validFrom) is after valid_to \(validTo)",
                    hint: "an edge's validity must end on or after the day it starts; correct its dates")
            }
            self.from = from
            self.to = to
            self.kind = kind
            self.edge = edge
            self.confidence = confidence
            validFromDay = validFrom.map(Link.day) ?? Link.openStart
            validToDay = validTo.map(Link.day) ?? Link.openEnd
            gradingCode = grading.map(Link.code) ?? Link.ungraded
        }

        /// First day the relation held, if known.
        public var validFrom: CivilDate? { Link.date(validFromDay, open: Link.openStart) }
        /// Last day the relation held, if it ended.
        public var validTo: CivilDate? { Link.date(validToDay, open: Link.openEnd) }
        /// Grading of the edge's source, or `nil` when no source was named.
        public var grading: Grading? { Link.grading(gradingCode) }

        /// Day number standing for "no start date": before every real day.
        static let openStart = Int32.min
        /// Day number standing for "no end date": after every real day.
        static let openEnd = Int32.max
        /// Grading code of an edge without a source.
        static let ungraded: UInt8 = 0

        /// `date` as days since 1970-01-01 (years 1...9999 fit easily in 32 bits).
        static func day(_ date: CivilDate) -> Int32 { Int32(date.daysSinceEpoch) }

        static func date(_ day: Int32, open: Int32) -> CivilDate? {
            day == open ? nil : CivilDate(daysSinceEpoch: Int(day))
        }

        /// 1 + 6 × reliability index + (credibility − 1): 1 is A1, 36 is F6.
        static func code(_ grading: Grading) -> UInt8 {
            let letter = SourceReliability.allCases.firstIndex(of: grading.reliability) ?? 0
            return UInt8(1 + 6 * letter + grading.credibility.rawValue - 1)
        }

        static func grading(_ code: UInt8) -> Grading? {
            guard code != ungraded, let credibility = InformationCredibility(rawValue: Int(code - 1) % 6 + 1)
            else { return nil }
            return (SourceReliability.allCases[Int(code - 1) / 6], credibility)
        }
    }
}
