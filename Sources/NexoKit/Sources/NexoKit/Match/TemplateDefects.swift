/// The rules a template must follow before anything matches or stores it, one per modality, in
/// words a user can act on. The match engine applies them at every door (enrolment, probes,
/// exchange files, feed lines, the gallery loaded from the store); plugins may call them to refuse
/// bad input early with the same words.

extension FaceTemplate {
    /// Why `vector` cannot be a face template, or `nil` when it can: the wrong size; a value
    /// that is NaN, infinite or subnormal (values are numbered from 1); all zeros; a length that
    /// float32 cannot normalise; a value out of −1…1 after normalisation. For example
    /// `value 17 is subnormal (1e-45); templates must hold finite normal numbers`.
    public static func defect(of vector: [Float]) -> String? {
        guard vector.count == dimensions else {
            return "it holds \(vector.count) \(vector.count == 1 ? "value" : "values"), not \(dimensions)"
        }
        let rule = "templates must hold finite normal numbers"
        var squares = 0.0
        for (i, x) in vector.enumerated() {
            if x.isNaN { return "value \(i + 1) is not a number (nan); \(rule)" }
            if x.isInfinite { return "value \(i + 1) is infinite (\(x)); \(rule)" }
            if x.isSubnormal { return "value \(i + 1) is subnormal (\(x)); \(rule)" }
            squares += Double(x) * Double(x)
        }
        guard squares > 0 else { return "the face vector is all zeros; an embedding must have a direction" }
        // The engine normalises as here: one float32 scale, 1 / length.
        let length = squares.squareRoot()
        let scale = Float(1 / length)
        guard scale.isNormal else {
            return "its length (\(length)) is too large to normalise in float32; scale the embedding to a length near 1"
        }
        var unitSquares = 0.0
        for (i, x) in vector.enumerated() {
            let unit = x * scale
            guard unit.isFinite, abs(unit) <= 1.001 else {
                return "value \(i + 1) is \(unit) after normalisation, outside -1…1"
            }
            unitSquares += Double(unit) * Double(unit)
        }
        guard abs(unitSquares - 1) <= 1e-3 else {
            return
                "its length after normalisation is \(unitSquares.squareRoot()), not 1; scale the embedding to a "
                + "length near 1"
        }
        return nil
    }
}

extension IrisTemplate {
    /// The fewest usable mask bits a template may have: below that a comparison rests on too few
    /// bits to mean anything (Daugman's typical comparison uses 911).
    public static let minimumUsableBits = 256

    /// Why the template cannot be matched, or `nil` when it can: a code or mask of the wrong
    /// size, or a mask that leaves fewer than ``minimumUsableBits`` bits usable.
    public var defect: String? {
        guard code.count == Self.words, mask.count == Self.words else {
            return
                "its code has \(code.count) words and its mask \(mask.count); both must have \(Self.words) "
                + "(\(Self.bits) bits)"
        }
        let usable = mask.reduce(0) { $0 + $1.nonzeroBitCount }
        guard usable >= Self.minimumUsableBits else {
            return
                "its mask leaves \(usable) of \(Self.bits) bits usable; a comparison needs at least "
                + "\(Self.minimumUsableBits)"
        }
        return nil
    }
}

extension FingerTemplate {
    /// The most minutiae a finger may have (what ISO/IEC 19794-2 and ANSI 378 records hold).
    public static let maximumMinutiae = 255

    /// Why the template cannot be matched, or `nil` when it can: a finger position outside 0…15;
    /// an image size or resolution outside 0…65535; a quality outside 0…100; more than
    /// ``maximumMinutiae`` minutiae; a minutia outside the image (0…16383 when the size is 0),
    /// with an angle that is not in 0…360 degrees or a quality outside 0…100 (minutiae are
    /// numbered from 1); an extended data block over 65535 bytes.
    public var defect: String? {
        guard (0...15).contains(position) else { return "finger position \(position) is outside 0…15" }
        for (name, value) in [("image width", width), ("image height", height), ("resolution", resolution)]
        where !(0...0xFFFF).contains(value) {
            return "its \(name) \(value) is outside 0…65535"
        }
        guard (0...100).contains(quality) else { return "its quality \(quality) is outside 0…100" }
        guard minutiae.count <= Self.maximumMinutiae else {
            return "it has \(minutiae.count) minutiae; a finger holds at most \(Self.maximumMinutiae)"
        }
        let xs = width > 0 ? width : 0x4000, ys = height > 0 ? height : 0x4000
        for (i, m) in minutiae.enumerated() {
            let name = "minutia \(i + 1)"
            guard (0..<xs).contains(m.x), (0..<ys).contains(m.y) else {
                return "\(name) at (\(m.x), \(m.y)) is outside the \(xs)×\(ys) image"
            }
            guard m.angle.isFinite, (0...360).contains(m.angle) else {
                return "\(name) has angle \(m.angle); angles are 0…360 degrees"
            }
            guard (0...100).contains(m.quality) else {
                return "\(name) has quality \(m.quality); qualities are 0…100"
            }
        }
        guard extendedData.count <= 0xFFFF else {
            return "its extended data has \(extendedData.count) bytes; at most 65535"
        }
        return nil
    }
}

extension BiometricSample {
    /// Throws `invalid-input` naming the first template that cannot be matched and why
    /// (`face template: value 17 is subnormal (1e-45); …`), with `source` (a file, a feed line)
    /// after the modality when given; returns when every template can be matched.
    public func checkTemplates(source: String? = nil) throws(NexoError) {
        let named = source.map { " \($0)" } ?? ""
        if let face, let defect = FaceTemplate.defect(of: face.vector) {
            throw NexoError(
                .invalidInput, "face template\(named): \(defect)",
                hint: "export the embedding again from the face model")
        }
        for (i, finger) in fingers.enumerated() {
            if let defect = finger.defect {
                let which = fingers.count > 1 ? " (finger \(i + 1) of \(fingers.count))" : ""
                throw NexoError(
                    .invalidInput, "finger template\(named)\(which): \(defect)",
                    hint: "re-extract the minutiae or re-export the record")
            }
        }
        for (i, iris) in irises.enumerated() {
            if let defect = iris.defect {
                let which = irises.count > 1 ? " (iris \(i + 1) of \(irises.count))" : ""
                throw NexoError(
                    .invalidInput, "iris template\(named)\(which): \(defect)", hint: "capture the iris again")
            }
        }
    }
}
