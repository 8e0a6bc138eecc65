import Foundation
import NexoKit
import Testing

@testable import NexoMatch

/// The standards' and fingerprintio's sample records, with the values they must decode to.
enum MinutiaeFixtures {
    static let directory = URL(fileURLWithPath: "/work/shared/fixtures/minutiae")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The decoded values fingerprintio's tests expect (angles in the format's raw units).
    struct Expected: Decodable {
        struct Finger: Decodable {
            struct Point: Decodable {
                var type: String
                var positionX: Int
                var positionY: Int
                var angle: Int
                var quality: Int
            }
            struct Counts: Decodable {
                struct Edge: Decodable { var from: Int, to: Int, count: Int }
                var type: String
                var edges: [Edge]
            }
            struct Extension: Decodable { var type: Int, data: String }
            var position: String
            var view: Int
            var scanType: String
            var quality: Int
            var minutiae: [Point]
            var counts: Counts?
            var extensions: [Extension]
        }
        var vendorId: Int?
        var subformat: Int?
        var sensorCertified: Bool
        var sensorId: Int
        var width: Int
        var height: Int
        var resolutionX: Int
        var resolutionY: Int
        var fingerprints: [Finger]
    }

    static func expected(_ name: String) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static let positions = [
        "UNKNOWN", "RIGHT_THUMB", "RIGHT_INDEX", "RIGHT_MIDDLE", "RIGHT_RING", "RIGHT_LITTLE",
        "LEFT_THUMB", "LEFT_INDEX", "LEFT_MIDDLE", "LEFT_RING", "LEFT_LITTLE",
    ]
    static let kinds: [String: MinutiaKind] = ["ENDING": .ending, "BIFURCATION": .bifurcation, "OTHER": .other]
}

@Suite struct FingerprintRecordTests {
    /// Compares a decoded record with fingerprintio's expected values; `degrees` maps raw units.
    func expectMatches(
        _ record: MinutiaeRecord, _ expected: MinutiaeFixtures.Expected, checkAngles: Bool = true,
        degrees: (Int) -> Double
    ) {
        #expect(record.equipmentCertified == expected.sensorCertified)
        #expect(record.equipmentID == expected.sensorId)
        #expect(record.width == expected.width)
        #expect(record.height == expected.height)
        #expect(record.resolutionX == expected.resolutionX)
        #expect(record.resolutionY == expected.resolutionY)
        #expect(record.views.count == expected.fingerprints.count)
        for (view, finger) in zip(record.views, expected.fingerprints) {
            #expect(MinutiaeFixtures.positions[view.template.position] == finger.position)
            #expect(view.viewNumber == finger.view)
            #expect(view.impressionType == 0 && finger.scanType == "LIVE_PLAIN")
            #expect(view.template.quality == finger.quality)
            #expect(view.template.width == expected.width)
            #expect(view.template.minutiae.count == finger.minutiae.count)
            for (m, e) in zip(view.template.minutiae, finger.minutiae) {
                #expect(m.x == e.positionX)
                #expect(m.y == e.positionY)
                #expect(m.kind == MinutiaeFixtures.kinds[e.type])
                #expect(m.quality == e.quality)
                if checkAngles { #expect(abs(m.angle - degrees(e.angle)) < 1e-9) }
            }
        }
    }

    @Test func isoSampleDecodesToFingerprintioValues() throws {
        let record = try MinutiaeRecord(bytes: MinutiaeFixtures.bytes("fingerprintio-iso19794p2v2005-sample.dat"))
        let expected = try MinutiaeFixtures.expected("fingerprintio-iso19794p2v2005-sample.json")
        #expect(record.format == .iso19794_2_2005)
        expectMatches(record, expected) { Double($0) * 360 / 256 }
        for (view, finger) in zip(record.views, expected.fingerprints) {
            #expect(view.extendedData.map(\.type) == finger.extensions.map(\.type))
            #expect(view.extendedData.map { Data($0.data).base64EncodedString() } == finger.extensions.map(\.data))
        }
        #expect(
            record.quirks == ["view 2 extended data area lengths (block at offset 330) exclude their 4-byte header"])
    }

    @Test func ansiSampleDecodesToFingerprintioValues() throws {
        let record = try MinutiaeRecord(bytes: MinutiaeFixtures.bytes("fingerprintio-ansi378v2004-sample.dat"))
        let expected = try MinutiaeFixtures.expected("fingerprintio-ansi378v2004-sample.json")
        #expect(record.format == .ansi378_2004)
        #expect(record.productOwner == expected.vendorId)
        #expect(record.productType == expected.subformat)
        expectMatches(record, expected) { Double(($0 * 2) % 360) }
        for (view, finger) in zip(record.views, expected.fingerprints) {
            let counts = view.ridgeCounts
            #expect(
                counts?.edges.map { [$0.from, $0.to, $0.count] }
                    == finger.counts?.edges.map { [$0.from, $0.to, $0.count] })
            #expect((counts?.method == .quadrants) == (finger.counts?.type == "QUADRANTS"))
        }
        #expect(
            record.quirks == [
                "version field at offset 4 reads \"020\" instead of \" 20\"",
                "view 2 has angles of 180 or more 2-degree units (first: minutia 21, 213, at offset 322); reduced "
                    + "modulo 360 degrees",
                "record length field at offset 8 says 340 bytes, content has 342",
            ])
    }

    @Test func nistIsoExampleDescribesTheSameFingers() throws {
        let record = try MinutiaeRecord(bytes: MinutiaeFixtures.bytes("nist-biomdi-iso19794-2-2005-appendix-c2.raw"))
        let expected = try MinutiaeFixtures.expected("fingerprintio-iso19794p2v2005-sample.json")
        #expect(record.format == .iso19794_2_2005)
        expectMatches(record, expected) { Double($0) * 360 / 256 }
        #expect(record.views[0].extendedData.isEmpty)
        let counts = try #require(record.views[1].ridgeCounts)
        #expect(counts.method == .quadrants)
        #expect(
            counts.edges == [RidgeCounts.Edge(from: 1, to: 20, count: 12), RidgeCounts.Edge(from: 5, to: 7, count: 5)])
        #expect(record.quirks == ["record length field at offset 8 says 340 bytes, content has 341"])
    }

    @Test func nistAnsiExampleDescribesTheSameFingersInTwoDegreeUnits() throws {
        let record = try MinutiaeRecord(bytes: MinutiaeFixtures.bytes("nist-biomdi-ansi378-2004-appendix-b2.raw"))
        let ansi = try MinutiaeFixtures.expected("fingerprintio-ansi378v2004-sample.json")
        let iso = try MinutiaeFixtures.expected("fingerprintio-iso19794p2v2005-sample.json")
        #expect(record.format == .ansi378_2004)
        #expect(record.quirks.isEmpty)
        #expect(record.productOwner == ansi.vendorId && record.productType == ansi.subformat)
        expectMatches(record, ansi, checkAngles: false) { Double($0) }
        // The same minutiae as the ISO sample: angles agree within one 2-degree unit.
        for (view, finger) in zip(record.views, iso.fingerprints) {
            for (m, e) in zip(view.template.minutiae, finger.minutiae) {
                let isoDegrees = Double(e.angle) * 360 / 256
                let difference = abs(m.angle - isoDegrees).truncatingRemainder(dividingBy: 360)
                #expect(min(difference, 360 - difference) <= 2)
            }
        }
        #expect(record.views[0].template.minutiae[0].angle == 112)
    }

    @Test func conformingRecordsRoundTripByteForByte() throws {
        let ansi = try MinutiaeFixtures.bytes("nist-biomdi-ansi378-2004-appendix-b2.raw")
        #expect(try MinutiaeRecord(bytes: ansi).bytes(as: .ansi378_2004) == ansi)
        // The ISO example's length field is one short; writing corrects just that field.
        var iso = try MinutiaeFixtures.bytes("nist-biomdi-iso19794-2-2005-appendix-c2.raw")
        let written = try MinutiaeRecord(bytes: iso).bytes(as: .iso19794_2_2005)
        iso[10] = UInt8(iso.count >> 8)
        iso[11] = UInt8(iso.count & 0xFF)
        #expect(written == iso)
        #expect(try MinutiaeRecord(bytes: written).quirks.isEmpty)
    }

    @Test(arguments: MinutiaeRecord.Format.allCases, MinutiaeRecord.Format.allCases)
    func everySampleRoundTripsBetweenFormats(from: MinutiaeRecord.Format, to: MinutiaeRecord.Format) throws {
        let name =
            from == .iso19794_2_2005
            ? "fingerprintio-iso19794p2v2005-sample.dat" : "nist-biomdi-ansi378-2004-appendix-b2.raw"
        let record = try MinutiaeRecord(bytes: MinutiaeFixtures.bytes(name))
        let again = try MinutiaeRecord(bytes: record.bytes(as: to))
        #expect(again.format == to)
        #expect(again.quirks.isEmpty)
        #expect(again.views.map(\.extendedData) == record.views.map(\.extendedData))
        let unit = to == .iso19794_2_2005 ? 360.0 / 256 : 2
        for (a, b) in zip(again.fingers, record.fingers) {
            #expect(a.position == b.position && a.quality == b.quality && a.minutiae.count == b.minutiae.count)
            for (m, n) in zip(a.minutiae, b.minutiae) {
                #expect(m.x == n.x && m.y == n.y && m.kind == n.kind && m.quality == n.quality)
                let d = abs(m.angle - n.angle).truncatingRemainder(dividingBy: 360)
                #expect(min(d, 360 - d) <= unit / 2 + 1e-9)
            }
        }
    }

    @Test func syntheticRecordsRoundTripExactlyInBothFormats() throws {
        var rng = SplitMix64(seed: 7)
        for format in MinutiaeRecord.Format.allCases {
            let unit = format == .iso19794_2_2005 ? 360.0 / 256 : 2
            var views: [FingerView] = []
            for position in 1...10 {
                let minutiae = (0..<Int.random(in: 0...120, using: &rng)).map { _ in
                    Minutia(
                        x: .random(in: 0..<800, using: &rng), y: .random(in: 0..<750, using: &rng),
                        angle: Double(Int.random(in: 0..<Int(360 / unit), using: &rng)) * unit,
                        kind: MinutiaKind.allCases.randomElement(using: &rng)!,
                        quality: .random(in: 0...100, using: &rng))
                }
                let template = FingerTemplate(
                    position: position, width: 800, height: 750, resolution: 197,
                    quality: .random(in: 0...100, using: &rng), minutiae: minutiae)
                let extra =
                    position % 3 == 0
                    ? [ExtendedDataArea(type: 2, data: [1, 2, 3]), ExtendedDataArea(type: 0x0101, data: [])] : []
                views.append(
                    FingerView(template: template, viewNumber: position % 2, impressionType: 1, extendedData: extra))
            }
            var record = MinutiaeRecord(
                format: format, productOwner: format == .ansi378_2004 ? 0x1234 : 0,
                productType: format == .ansi378_2004 ? 9 : 0, equipmentCompliance: 8,
                equipmentID: 0xABC, width: 800, height: 750, resolutionX: 197, resolutionY: 196,
                views: views)
            record.quirks = []
            let bytes = try record.bytes(as: format)
            let again = try MinutiaeRecord(bytes: bytes)
            #expect(again == record)
            #expect(try again.bytes(as: format) == bytes)
        }
    }

    @Test func longAnsiRecordsUseTheSixByteLength() throws {
        let minutiae = (0..<255).map { Minutia(x: $0, y: $0, angle: 0, kind: .ending, quality: 50) }
        let views = (0..<50).map {
            FingerView(
                template: FingerTemplate(position: $0 % 11, width: 300, height: 300, minutiae: minutiae),
                viewNumber: $0 / 11)
        }
        let record = MinutiaeRecord(format: .ansi378_2004, width: 300, height: 300, views: views)
        let bytes = try record.bytes(as: .ansi378_2004)
        #expect(bytes.count > 0xFFFF)
        #expect(bytes[8] == 0 && bytes[9] == 0)
        #expect(try MinutiaeRecord(bytes: bytes) == record)
        var iso = record
        iso.format = .iso19794_2_2005
        #expect(try MinutiaeRecord(bytes: record.bytes(as: .iso19794_2_2005)) == iso)
    }
}
