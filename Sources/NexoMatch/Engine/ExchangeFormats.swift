import NexoKit

/// Exchange files of faces and irises (fingers use the ISO/ANSI minutiae records).
enum ExchangeFormats {
    /// 512 little-endian float32.
    static func face(_ bytes: [UInt8]) throws(NexoError) -> FaceTemplate {
        let expected = FaceTemplate.dimensions * 4
        guard bytes.count == expected else {
            throw NexoError(
                .invalidInput, "a face file holds \(expected) bytes (512 float32), this one \(bytes.count)",
                hint: "write the embedding as 512 little-endian float32 values")
        }
        var vector: [Float] = []
        vector.reserveCapacity(FaceTemplate.dimensions)
        for i in stride(from: 0, to: expected, by: 4) {
            let bits =
                UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            vector.append(Float(bitPattern: bits))
        }
        if let defect = FaceTemplate.defect(of: vector) {
            throw NexoError(
                .invalidInput, defect, hint: "write the embedding as 512 finite float32 values, not all zero")
        }
        return FaceTemplate(vector: vector)!
    }

    static func faceBytes(_ face: FaceTemplate) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(face.vector.count * 4)
        for x in face.vector {
            let bits = x.bitPattern
            out += [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
        }
        return out
    }

    /// 256 bytes of code then 256 of mask, bit i of the code in byte i/8, least significant bit first.
    static func iris(_ bytes: [UInt8]) throws(NexoError) -> IrisTemplate {
        let half = IrisTemplate.bits / 8
        guard bytes.count == 2 * half else {
            throw NexoError(
                .invalidInput, "an iris file holds \(2 * half) bytes (code then mask), this one \(bytes.count)")
        }
        func words(_ start: Int) -> [UInt64] {
            (0..<IrisTemplate.words).map { w in
                var v: UInt64 = 0
                for b in 0..<8 { v |= UInt64(bytes[start + w * 8 + b]) << UInt64(8 * b) }
                return v
            }
        }
        let iris = IrisTemplate(code: words(0), mask: words(half))!
        if let defect = iris.defect { throw NexoError(.invalidInput, defect, hint: "capture the iris again") }
        return iris
    }

    static func irisBytes(_ iris: IrisTemplate) -> [UInt8] {
        var out: [UInt8] = []
        for word in iris.code + iris.mask { for b in 0..<8 { out.append(UInt8((word >> UInt64(8 * b)) & 0xFF)) } }
        return out
    }
}

extension MatchSession {
    public func decode(_ bytes: [UInt8], as modality: Modality) throws(NexoError) -> BiometricSample {
        switch modality {
        case .face: return BiometricSample(face: try ExchangeFormats.face(bytes))
        case .iris: return BiometricSample(irises: [try ExchangeFormats.iris(bytes)])
        case .finger:
            guard let decode = engine.fingerRecordDecoder else {
                throw NexoError(.failed, "this nexo cannot read minutiae records yet")
            }
            let (fingers, warnings) = try decode(bytes)
            for (i, finger) in fingers.enumerated() {
                if let defect = finger.defect {
                    throw NexoError(
                        .invalidInput, fingers.count > 1 ? "view \(i + 1): \(defect)" : defect,
                        hint: "re-extract the minutiae or re-export the record")
                }
            }
            return BiometricSample(fingers: fingers, warnings: warnings)
        case .biographic:
            throw NexoError(
                .usage, "biographic data has no exchange file", hint: "give --name, --dob, --nationality, --document")
        }
    }

    public func encode(_ sample: BiometricSample, as modality: Modality, fingerFormat: String) throws(NexoError)
        -> [UInt8]
    {
        switch modality {
        case .face:
            guard let face = sample.face else { throw NexoError(.notFound, "no face enrolled") }
            return ExchangeFormats.faceBytes(face)
        case .iris:
            guard let iris = sample.irises.first else { throw NexoError(.notFound, "no iris enrolled") }
            return ExchangeFormats.irisBytes(iris)
        case .finger:
            guard !sample.fingers.isEmpty else { throw NexoError(.notFound, "no fingers enrolled") }
            guard let encode = engine.fingerRecordEncoder else {
                throw NexoError(.failed, "this nexo cannot write minutiae records yet")
            }
            return try encode(sample.fingers, fingerFormat)
        case .biographic:
            throw NexoError(.usage, "biographic data has no exchange file")
        }
    }
}
