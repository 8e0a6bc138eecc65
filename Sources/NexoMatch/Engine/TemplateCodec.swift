import NexoKit
import NexoTemplateMath

/// How templates are stored: compact little-endian binary, one modality per encoding, each
/// starting with a format byte so a later encoding can be told apart.
///
/// - face: `0x01`, then 512 float32;
/// - iris: `0x01`, then 32 code words and 32 mask words (UInt64);
/// - finger: `0x01`, position, width, height, resolution, quality (UInt16 each), minutia count
///   (UInt16), then per minutia x, y (UInt16), angle in 1/100 degree (UInt16), kind, quality (UInt8);
///   `0x02` when the finger has extended data, which then follows: its length (UInt16) and bytes.
///
/// Decoding checks what it decodes against the SDK's template rules (``NexoKit/FaceTemplate/defect(of:)``
/// and its kin), so a template stored by an older version that would not be accepted today is
/// refused with the reason rather than matched.
public enum TemplateCodec {
    static let version: UInt8 = 1
    /// The finger encoding that carries extended data.
    static let fingerWithExtendedData: UInt8 = 2

    /// Encodes a face template.
    public static func encode(_ face: FaceTemplate) -> [UInt8] {
        var out = ByteWriter(version)
        for x in face.vector { out.u32(x.bitPattern) }
        return out.bytes
    }

    /// Encodes an iris template.
    public static func encode(_ iris: IrisTemplate) -> [UInt8] {
        var out = ByteWriter(version)
        for word in iris.code + iris.mask { out.u64(word) }
        return out.bytes
    }

    /// Encodes a finger template.
    public static func encode(_ finger: FingerTemplate) -> [UInt8] {
        var out = ByteWriter(finger.extendedData.isEmpty ? version : fingerWithExtendedData)
        for field in [
            finger.position, finger.width, finger.height, finger.resolution, finger.quality, finger.minutiae.count,
        ] {
            out.u16(UInt16(clamping: field))
        }
        for m in finger.minutiae {
            out.u16(UInt16(clamping: m.x))
            out.u16(UInt16(clamping: m.y))
            var angle = m.angle.truncatingRemainder(dividingBy: 360)
            if angle < 0 { angle += 360 }
            out.u16(UInt16(clamping: Int(clampingFloat: angle * 100, rounding: .toNearestOrAwayFromZero) % 36_000))
            let kind: UInt8 =
                switch m.kind {
                case .ending: 1;
                case .bifurcation: 2;
                case .other: 0
                }
            out.bytes.append(kind)
            out.bytes.append(UInt8(clamping: m.quality))
        }
        if !finger.extendedData.isEmpty {
            out.u16(UInt16(clamping: finger.extendedData.count))
            out.bytes += finger.extendedData.prefix(Int(UInt16.max))
        }
        return out.bytes
    }

    /// Decodes a face template.
    public static func face(_ bytes: [UInt8]) throws(NexoError) -> FaceTemplate {
        var input = try ByteReader(bytes, what: "face template")
        var vector: [Float] = []
        vector.reserveCapacity(FaceTemplate.dimensions)
        for _ in 0..<FaceTemplate.dimensions { vector.append(Float(bitPattern: try input.u32())) }
        try input.end()
        if let defect = FaceTemplate.defect(of: vector) {
            throw NexoError(.invalidInput, "stored face template: \(defect)")
        }
        return FaceTemplate(vector: vector)!
    }

    /// Decodes an iris template.
    public static func iris(_ bytes: [UInt8]) throws(NexoError) -> IrisTemplate {
        var input = try ByteReader(bytes, what: "iris template")
        var words: [UInt64] = []
        for _ in 0..<(2 * IrisTemplate.words) { words.append(try input.u64()) }
        try input.end()
        let iris = IrisTemplate(code: Array(words[..<IrisTemplate.words]), mask: Array(words[IrisTemplate.words...]))!
        if let defect = iris.defect { throw NexoError(.invalidInput, "stored iris template: \(defect)") }
        return iris
    }

    /// Decodes a finger template.
    public static func finger(_ bytes: [UInt8]) throws(NexoError) -> FingerTemplate {
        var input = try ByteReader(bytes, what: "finger template", versions: version...fingerWithExtendedData)
        let position = Int(try input.u16()), width = Int(try input.u16()), height = Int(try input.u16())
        let resolution = Int(try input.u16()), quality = Int(try input.u16()), count = Int(try input.u16())
        var minutiae: [Minutia] = []
        for _ in 0..<count {
            let x = Int(try input.u16()), y = Int(try input.u16()), angle = Double(try input.u16()) / 100
            let kind: MinutiaKind =
                switch try input.u8() {
                case 1: .ending;
                case 2: .bifurcation;
                default: .other
                }
            minutiae.append(Minutia(x: x, y: y, angle: angle, kind: kind, quality: Int(try input.u8())))
        }
        var extendedData: [UInt8] = []
        if bytes[0] == fingerWithExtendedData { extendedData = Array(try input.take(Int(try input.u16()))) }
        try input.end()
        let finger = FingerTemplate(
            position: position, width: width, height: height, resolution: resolution, quality: quality,
            minutiae: minutiae, extendedData: extendedData)
        if let defect = finger.defect { throw NexoError(.invalidInput, "stored finger template: \(defect)") }
        return finger
    }
}

/// Little-endian writer.
struct ByteWriter {
    var bytes: [UInt8]
    init(_ version: UInt8) { bytes = [version] }
    mutating func u16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    mutating func u32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }
    mutating func u64(_ v: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((v >> UInt64(shift)) & 0xFF)) }
    }
}

/// Little-endian reader whose errors say what is wrong and where.
struct ByteReader {
    let bytes: [UInt8]
    let what: String
    var offset = 1

    init(_ bytes: [UInt8], what: String, versions: ClosedRange<UInt8> = TemplateCodec.version...TemplateCodec.version)
        throws(NexoError)
    {
        self.bytes = bytes
        self.what = what
        guard let first = bytes.first else { throw NexoError(.invalidInput, "\(what) is empty") }
        guard versions.contains(first) else {
            let readable =
                versions.count == 1 ? "\(versions.lowerBound)" : "\(versions.lowerBound) to \(versions.upperBound)"
            throw NexoError(
                .invalidInput, "\(what) has encoding \(first), this nexo reads \(readable)",
                hint: "re-enrol it with this version")
        }
    }

    mutating func take(_ n: Int) throws(NexoError) -> ArraySlice<UInt8> {
        guard offset + n <= bytes.count else {
            throw NexoError(
                .invalidInput, "\(what) is truncated at byte \(offset) (needs \(offset + n), has \(bytes.count))")
        }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }
    mutating func u8() throws(NexoError) -> UInt8 { try take(1).first! }
    mutating func u16() throws(NexoError) -> UInt16 {
        let b = try take(2)
        return UInt16(b[b.startIndex]) | UInt16(b[b.startIndex + 1]) << 8
    }
    mutating func u32() throws(NexoError) -> UInt32 {
        var v: UInt32 = 0
        for (i, byte) in try take(4).enumerated() { v |= UInt32(byte) << UInt32(8 * i) }
        return v
    }
    mutating func u64() throws(NexoError) -> UInt64 {
        var v: UInt64 = 0
        for (i, byte) in try take(8).enumerated() { v |= UInt64(byte) << UInt64(8 * i) }
        return v
    }
    func end() throws(NexoError) {
        guard offset == bytes.count else {
            throw NexoError(.invalidInput, "\(what) has \(bytes.count - offset) bytes too many after byte \(offset)")
        }
    }
}
