import NexoTemplateMath
import Testing

@testable import NexoMatch

/// The index file layout: what is written is read back, and damage anywhere is caught — in the
/// header when the file is opened, in a section when that section is verified.
@Suite struct IndexFileFormatTests {
    /// Three sections of different sizes (one empty, one longer than a page), as a writer lays them out.
    private static let contents: [(id: UInt32, bytes: [UInt8])] = [
        (7, (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }),
        (2, []),
        (40, (0..<123).map { UInt8(truncatingIfNeeded: $0 &* 17) }),
    ]

    private static func file(dataVersion: Int64 = 1_234, templateCount: Int64 = 56) -> [UInt8] {
        var out: [UInt8] = []
        func withSections(_ index: Int, _ done: [IndexSection], _ body: ([IndexSection]) -> Void) {
            if index == contents.count { return body(done) }
            contents[index].bytes.withUnsafeBytes { raw in
                withSections(index + 1, done + [IndexSection(id: contents[index].id, bytes: raw)], body)
            }
        }
        withSections(0, []) { sections in
            IndexFileFormat.write(
                modality: .face, dataVersion: dataVersion, templateCount: templateCount, sections: sections
            ) { bytes in out += bytes }
        }
        return out
    }

    private static func view(_ bytes: [UInt8]) throws -> (Int64, Int64, [UInt32: [UInt8]]) {
        try bytes.withUnsafeBytes { raw in
            let view = try IndexFileView(raw, modality: .face)
            try view.verify()
            var sections: [UInt32: [UInt8]] = [:]
            for id in view.sections.keys { sections[id] = Array(try view.section(id)) }
            return (view.dataVersion, view.templateCount, sections)
        }
    }

    @Test func writtenSectionsReadBackAligned() throws {
        let bytes = Self.file()
        let (version, count, sections) = try Self.view(bytes)
        #expect(version == 1_234 && count == 56)
        #expect(sections == Dictionary(uniqueKeysWithValues: Self.contents.map { ($0.id, $0.bytes) }))
        try bytes.withUnsafeBytes { raw in
            let view = try IndexFileView(raw, modality: .face)
            #expect(view.sections.values.allSatisfy { $0.offset % IndexFileFormat.sectionAlignment == 0 })
            #expect(throws: IndexFileError.missingSection(id: 3)) { try view.section(3) }
            #expect(throws: IndexFileError.otherModality(found: 1, expected: 2)) {
                try IndexFileView(raw, modality: .iris)
            }
        }
    }

    /// Every byte of the header, changed, makes the file refused when opened; every byte of a section,
    /// changed, makes that section fail its check.
    @Test func anyChangedByteIsCaught() throws {
        let bytes = Self.file()
        let headerSize = IndexFileFormat.headerSize(sections: Self.contents.count)
        for position in 0..<headerSize {
            var damaged = bytes
            damaged[position] ^= 0x5A
            #expect(throws: IndexFileError.self, "header byte \(position)") {
                try damaged.withUnsafeBytes { raw in _ = try IndexFileView(raw, modality: .face) }
            }
        }
        let places = try bytes.withUnsafeBytes { raw in try IndexFileView(raw, modality: .face).sections }
        for (id, place) in places where place.length > 0 {
            for position in stride(from: place.offset, to: place.offset + place.length, by: 97) {
                var damaged = bytes
                damaged[position] ^= 0x01
                #expect(throws: IndexFileError.sectionChecksum(id: id), "section \(id) byte \(position)") {
                    _ = try Self.view(damaged)
                }
            }
        }
    }

    @Test func aCutFileIsRefused() throws {
        let bytes = Self.file()
        for length in stride(from: 0, to: bytes.count, by: 61) {
            #expect(throws: IndexFileError.self, "cut at \(length)") { _ = try Self.view(Array(bytes[0..<length])) }
        }
    }

    @Test func otherFilesAndVersionsAreRefused() throws {
        var text = Array("NXIDX is not this\n".utf8)
        text += [UInt8](repeating: 0, count: 200)
        #expect(throws: IndexFileError.notAnIndexFile) { _ = try Self.view(text) }
        var future = Self.file()
        future[8] = UInt8(IndexFileFormat.formatVersion + 1)
        #expect(throws: IndexFileError.unsupportedVersion(IndexFileFormat.formatVersion + 1)) {
            _ = try Self.view(future)
        }
    }

    @Test func checksumSeesEveryByteAndIgnoresAlignment() {
        let data = (0..<301).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 3) }
        let reference = IndexChecksum.of(data)
        var seen: Set<UInt64> = [reference]
        for position in data.indices {
            var changed = data
            changed[position] &+= 1
            seen.insert(IndexChecksum.of(changed))
        }
        #expect(seen.count == data.count + 1, "each one-byte change gives another checksum")
        for shift in 1..<8 {
            let padded = [UInt8](repeating: 0xEE, count: shift) + data
            let shifted = padded.withUnsafeBytes { IndexChecksum.of(UnsafeRawBufferPointer(rebasing: $0[shift...])) }
            #expect(shifted == reference, "the same bytes at offset \(shift)")
        }
        #expect(IndexChecksum.of([]) != IndexChecksum.of([0]))
        #expect(
            IndexChecksum.of([UInt8](repeating: 0, count: 64)) != IndexChecksum.of([UInt8](repeating: 0, count: 65)))
    }

    @Test func aChecksumOverPartsIsTheChecksumOfTheWhole() {
        var random = SeededGenerator(seed: 12)
        for length in [0, 1, 31, 32, 33, 100, 1_000] {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            data.withUnsafeBytes { whole in
                for _ in 0..<20 {
                    var cuts = (0..<3).map { _ in Int.random(in: 0...length, using: &random) }.sorted()
                    cuts = [0] + cuts + [length]
                    let parts = zip(cuts, cuts.dropFirst()).map { UnsafeRawBufferPointer(rebasing: whole[$0..<$1]) }
                    #expect(IndexChecksum.of(parts: parts) == IndexChecksum.of(whole), "\(length) bytes cut at \(cuts)")
                }
            }
        }
    }

    @Test func blockChecksumsAreEachBlocksChecksumAndReadersCheckOnlyWhatTheyRead() throws {
        var random = SeededGenerator(seed: 13)
        let size = IndexFileFormat.checkBlockSize
        let data = (0..<(size * 3 + 100)).map { _ in UInt8.random(in: 0...255, using: &random) }
        try data.withUnsafeBytes { whole in
            let expected = stride(from: 0, to: whole.count, by: size).map {
                IndexChecksum.of(UnsafeRawBufferPointer(rebasing: whole[$0..<min($0 + size, whole.count)]))
            }
            let cuts = [0, 17, size + 5, 2 * size, whole.count]
            let parts = zip(cuts, cuts.dropFirst()).map { UnsafeRawBufferPointer(rebasing: whole[$0..<$1]) }
            #expect(IndexChecksum.blocks(of: parts, size: size) == expected)
            #expect(IndexChecksum.blocks(of: [], size: size).isEmpty)
            // Written checked by block: the companion section holds them; a reader finds a changed byte only in
            // the block it reads.
            var file: [UInt8] = []
            IndexFileFormat.write(
                modality: .iris, dataVersion: 1, templateCount: 1,
                sections: [IndexSection(id: 7, parts: parts, checkedByBlock: true)], to: { file += $0 })
            file.withUnsafeBytes { bytes in
                let view = try! IndexFileView(bytes, modality: .iris)
                #expect(view.sections[IndexFileFormat.blockSumsID(of: 7)]?.length == expected.count * 8)
            }
            let start = file.withUnsafeBytes { try! IndexFileView($0, modality: .iris).sections[7]!.offset }
            file[start + 2 * size + 1] ^= 1
            try file.withUnsafeBytes { bytes in
                let view = try IndexFileView(bytes, modality: .iris)
                let damage = IndexDamage()
                let blocks = try #require(try view.checkedBlocks([7], damage: damage)[7])
                #expect(blocks.check(0, 2 * size) && damage.damagedSection == nil)
                #expect(blocks.check(3 * size, 100) && damage.damagedSection == nil)
                #expect(!blocks.check(2 * size + 10, 1) && damage.damagedSection == 7)
                #expect(!blocks.checkAll())
            }
        }
    }
}
