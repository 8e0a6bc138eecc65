import NexoKit
import NexoTemplateMath
import Testing

@testable import NexoMatch

/// Templates are checked at every door of the engine — enrolment, probes, exchange files, the
/// gallery loaded from the store — and the engine's float → integer conversions are total, so no
/// template, however poisoned, stops a search.
@Suite struct TemplateDoorTests {
    /// 1e-45 as float32: the smallest subnormal.
    static let subnormal: [Float] = Array(repeating: Float(bitPattern: 1), count: 512)

    static func faceFile(_ vector: [Float]) -> [UInt8] {
        vector.flatMap { x in (0..<4).map { UInt8(truncatingIfNeeded: x.bitPattern >> (8 * $0)) } }
    }

    func error(_ body: () throws -> Void) -> NexoError? {
        do {
            try body()
            return nil
        } catch {
            return error as? NexoError
        }
    }

    @Test func faceDefectsNameTheValueAndTheRule() {
        var vector = [Float](repeating: 0.04, count: 512)
        #expect(FaceTemplate.defect(of: vector) == nil)
        #expect(
            FaceTemplate.defect(of: Self.subnormal)
                == "value 1 is subnormal (1e-45); templates must hold finite normal numbers")
        vector[16] = .nan
        #expect(
            FaceTemplate.defect(of: vector)
                == "value 17 is not a number (nan); templates must hold finite normal numbers")
        vector[16] = -.infinity
        #expect(
            FaceTemplate.defect(of: vector) == "value 17 is infinite (-inf); templates must hold finite normal numbers")
        vector[16] = 1e30
        #expect(FaceTemplate.defect(of: vector) == nil)
        #expect(
            FaceTemplate.defect(of: [Float](repeating: 0, count: 512))
                == "the face vector is all zeros; an embedding must have a direction")
        #expect(
            FaceTemplate.defect(of: [Float](repeating: 3e38, count: 512))?
                .hasSuffix("is too large to normalise in float32; scale the embedding to a length near 1") == true)
        #expect(FaceTemplate.defect(of: [1, 2, 3]) == "it holds 3 values, not 512")
        #expect(FaceTemplate(vector: Self.subnormal) == nil)
    }

    @Test func irisAndFingerDefectsAreNamed() {
        let sparse = IrisTemplate(code: Array(repeating: 0, count: 32), mask: Array(repeating: 0b1111, count: 32))!
        #expect(sparse.defect == "its mask leaves 128 of 2048 bits usable; a comparison needs at least 256")
        let minutia = Minutia(x: 10, y: 10, angle: .nan, kind: .ending, quality: 50)
        let finger = FingerTemplate(position: 1, width: 100, height: 100, minutiae: [minutia])
        #expect(finger.defect == "minutia 1 has angle nan; angles are 0…360 degrees")
        var outside = finger
        outside.minutiae = [Minutia(x: 100, y: 5, angle: 0, kind: .ending, quality: 50)]
        #expect(outside.defect == "minutia 1 at (100, 5) is outside the 100×100 image")
        outside.minutiae = [Minutia(x: 5, y: 5, angle: 0, kind: .ending, quality: 101)]
        #expect(outside.defect == "minutia 1 has quality 101; qualities are 0…100")
    }

    @Test func aSubnormalFaceFileIsRefusedAtEveryDoorAndNothingIsStored() throws {
        let storage = MemoryGalleryStorage()
        let session = MatchEngine().session(storage: storage)
        #expect(
            error { _ = try session.decode(Self.faceFile(Self.subnormal), as: .face) }?.message
                == "value 1 is subnormal (1e-45); templates must hold finite normal numbers")
        // A template made in memory (an inline feed line, another plugin) meets the same rule.
        var face = FaceTemplate(vector: [Float](repeating: 0.04, count: 512))!
        face.vector = Self.subnormal
        let poisoned = BiometricSample(face: face)
        #expect(
            error { _ = try session.enroll(poisoned, for: "P-1") }?.message
                == "face template: value 1 is subnormal (1e-45); templates must hold finite normal numbers")
        #expect(storage.templateCount == 0)
        #expect(
            error { _ = try session.identify(poisoned, top: 5) }?.message
                == "face template: value 1 is subnormal (1e-45); templates must hold finite normal numbers")
        #expect(
            error {
                _ = try session.identify(
                    [BiometricSample(face: FaceTemplate(vector: Self.subnormal.map { _ in 0.04 })), poisoned], top: 5)
            }?
            .message
                == ("face template of probe 2 of 2: value 1 is subnormal (1e-45); templates must hold finite "
                    + "normal numbers")
        )
        #expect(error { _ = try session.verify(poisoned, against: "P-1") }?.code == .invalidInput)
    }

    @Test func aPoisonedFaceAlreadyInTheStoreIsSkippedWithAWarning() throws {
        let storage = MemoryGalleryStorage()
        let session = MatchEngine().session(storage: storage)
        var random = TestVectors(state: 5)
        let good = (0..<3).map { _ in FaceTemplate(vector: random.vector())! }
        for (i, face) in good.enumerated() {
            _ = try session.enroll(BiometricSample(face: face), for: EntityID("P-\(i + 1)"))
        }
        // As an older nexo stored it: the codec's bytes of 512 × 1e-45.
        var bytes = TemplateCodec.encode(good[0])
        bytes.replaceSubrange(1..., with: Self.faceFile(Self.subnormal))
        try storage.addTemplate(EncodedTemplate(entity: "P-9", modality: .face, position: 0, data: bytes))
        let fresh = MatchEngine().session(storage: storage)
        let result = try fresh.identify(BiometricSample(face: good[1]), top: 5)
        #expect(result.candidates.first?.entity == "P-2")
        #expect(result.searched[.face] == 3)
        #expect(
            storage.warnings == [
                "skipped P-9's face template (stored template 4): stored face template: value 1 is subnormal (1e-45); "
                    + "templates must hold finite normal numbers; enrol it again with 'bio enroll' to replace it"
            ])
        #expect(try fresh.statistics().first { $0.modality == .face }?.templates == 3)
        #expect(try fresh.sample(of: "P-9")?.face == nil)
    }

    @Test func theQuantiserIsTotal() {
        let hostile: [[Float]] = [
            Self.subnormal, [Float](repeating: .nan, count: 512), [Float](repeating: .infinity, count: 512),
            [Float](repeating: -.greatestFiniteMagnitude, count: 512), [Float](repeating: 0, count: 512),
            (0..<512).map { $0 % 2 == 0 ? Float.leastNonzeroMagnitude : -.infinity },
        ]
        for vector in hostile {
            var codes: [Int8] = []
            let scale = QuantizedFaceGallery.quantize(vector[...], into: &codes)
            #expect(codes.count == 512)
            #expect(scale.isFinite)
        }
        var codes: [Int8] = []
        #expect(QuantizedFaceGallery.quantize([0.5, -1, 0.25][...], into: &codes) == Float(1) / 127)
        #expect(codes == [64, -127, 32])
    }

    @Test func floatToIntegerConversionsClampInsteadOfTrapping() {
        #expect(Int8(clampingFloat: Float.nan) == 0)
        #expect(Int8(clampingFloat: Float.infinity) == 127)
        #expect(Int8(clampingFloat: -Float.infinity) == -128)
        #expect(Int8(clampingFloat: Float(126.6), rounding: .toNearestOrAwayFromZero) == 127)
        #expect(Int(clampingFloat: Double.greatestFiniteMagnitude) == Int.max)
        #expect(Int(clampingFloat: Float(1e-45)) == 0)
        #expect(UInt8(clampingFloat: -3.5) == 0)
        #expect(FingerAngle.byte(.nan) == 0)
        #expect(FingerMatchScratch.cellIndex(.nan, .infinity) >= 0)
        #expect(MinutiaeRecord.angleUnits(.infinity, format: .iso19794_2_2005) >= 0)
    }

    @Test func theFloatToIntFormAgreesWithTheGenericOneEverywhere() {
        let values: [Float] = [
            .nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, 2.5, -2.5, 2.7, -2.7, 126.6, 1e30, -1e30,
            0x1p63, -0x1p63, 0x1p62, -0x1p62, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        ]
        for value in values {
            for rule in [FloatingPointRoundingRule.towardZero, .toNearestOrAwayFromZero, .up, .down] {
                // The concrete overload (Float) against the generic initialiser, reached through a generic function.
                func generic<F: BinaryFloatingPoint>(_ x: F) -> Int { Int(clampingFloat: x, rounding: rule) }
                #expect(Int(clampingFloat: value, rounding: rule) == generic(value), "\(value) \(rule)")
            }
        }
        #expect(Int(clampingFloat: Float(0x1p63)) == Int.max)
        #expect(Int(clampingFloat: Float(-0x1p63)) == Int.min)
        #expect(Int(clampingFloat: Float(-2.7)) == -2)
    }
}
