import NexoKit
import Testing

@testable import NexoMatch

/// Minutiae records as partners send them: read, with a warning naming the byte offset, when a
/// length or padding is off but every view and minutia is intact; extended data kept on export.
@Suite struct FingerprintLenientRecordTests {
    static let iso = "fingerprintio-iso19794p2v2005-sample.dat"
    static let nistISO = "nist-biomdi-iso19794-2-2005-appendix-c2.raw"
    static let nistANSI = "nist-biomdi-ansi378-2004-appendix-b2.raw"

    /// `bytes` with the 4-byte ISO record length (offset 8) set to `length`.
    func withISOLength(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        var bytes = bytes
        for i in 0..<4 { bytes[8 + i] = UInt8(truncatingIfNeeded: length >> (8 * (3 - i))) }
        return bytes
    }

    /// `bytes` with the 2-byte ANSI record length (offset 8) set to `length`.
    func withANSILength(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        var bytes = bytes
        bytes[8] = UInt8(length >> 8)
        bytes[9] = UInt8(length & 0xFF)
        return bytes
    }

    @Test func zeroPaddingAfterTheRecordIsReadWithAWarning() throws {
        let bytes = try MinutiaeFixtures.bytes(Self.iso)
        let original = try MinutiaeRecord(bytes: bytes)
        let padded = try MinutiaeRecord(bytes: bytes + [UInt8](repeating: 0, count: 12))
        #expect(padded.fingers == original.fingers)
        #expect(padded.quirks.last == "12 zero byte(s) of padding after the record, from offset 340")
        // Anything but zeros after the record is still refused.
        #expect(throws: NexoError.self) { try MinutiaeRecord(bytes: bytes + [0, 0, 1]) }
    }

    @Test func aRecordLengthOffByAFewBytesIsReadWithAWarning() throws {
        let bytes = try MinutiaeFixtures.bytes(Self.nistANSI)
        let original = try MinutiaeRecord(bytes: bytes)
        let longer = try MinutiaeRecord(bytes: withANSILength(bytes, 346))
        #expect(longer.fingers == original.fingers)
        #expect(longer.quirks == ["record length field at offset 8 says 346 bytes, content has 343"])
        let shorter = try MinutiaeRecord(bytes: withANSILength(bytes, 339) + [0, 0])
        #expect(shorter.fingers == original.fingers)
        #expect(
            shorter.quirks == [
                "record length field at offset 8 says 339 bytes, content has 343",
                "2 zero byte(s) of padding after the record, from offset 343",
            ])
        #expect(throws: NexoError.self) { try MinutiaeRecord(bytes: withANSILength(bytes, 360)) }
    }

    @Test func anExtendedDataBlockRunningOneOrTwoBytesPastTheEndIsReadWithAWarning() throws {
        // The NIST ISO example's record length says 340; cut there, its last block (11 bytes at
        // offset 330) runs one byte past the end.
        let nist = try MinutiaeFixtures.bytes(Self.nistISO)
        let full = try MinutiaeRecord(bytes: nist)
        let cut = try MinutiaeRecord(bytes: Array(nist.prefix(340)))
        #expect(cut.fingers.map(\.minutiae) == full.fingers.map(\.minutiae))
        #expect(
            cut.quirks == [
                "extended data block of view 2 at offset 330 declares 11 bytes but the input ends 1 byte(s) short, "
                    + "at byte 340; its last area keeps the bytes there are"
            ])
        #expect(cut.views[1].ridgeCounts?.edges == [RidgeCounts.Edge(from: 1, to: 20, count: 12)])
        let two = try MinutiaeRecord(bytes: withISOLength(Array(nist.prefix(339)), 339))
        #expect(two.fingers.map(\.minutiae) == full.fingers.map(\.minutiae))
        // Three bytes short is more than a miscount: refused, naming the block.
        #expect(throws: NexoError.self) { try MinutiaeRecord(bytes: withISOLength(Array(nist.prefix(338)), 338)) }
    }

    @Test func theEngineSurfacesTheWarningsAndKeepsExtendedDataOnExport() throws {
        let storage = MemoryGalleryStorage()
        let session = MatchEngine().session(storage: storage)
        let bytes = try MinutiaeFixtures.bytes(Self.iso)
        let decoded = try session.decode(bytes + [0, 0, 0, 0], as: .finger)
        #expect(
            decoded.warnings.last
                == ("ISO/IEC 19794-2:2005 record read with a flaw: 4 zero byte(s) of padding after the record, from "
                    + "offset 340")
        )
        _ = try session.enroll(BiometricSample(fingers: decoded.fingers), for: "P-1")
        let enrolled = try #require(try session.sample(of: "P-1"))
        let exported = try session.encode(enrolled, as: .finger, fingerFormat: "iso")
        #expect(exported.count == 340)
        let original = try MinutiaeRecord(bytes: bytes), again = try MinutiaeRecord(bytes: exported)
        #expect(again.views.map(\.extendedData) == original.views.map(\.extendedData))
        let ansi = try MinutiaeRecord(bytes: session.encode(enrolled, as: .finger, fingerFormat: "ansi"))
        #expect(ansi.views.map(\.extendedData) == original.views.map(\.extendedData))
    }
}
