import NexoThreads

/// The layout of the match engine's index files: one file per modality beside the store, mapped
/// into memory and searched in place, so a fresh process is ready once it has checked the header.
///
/// All numbers are little-endian.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `4E 58 49 44 58 00 0D 0A` ("NXIDX", NUL, CR, LF: a text-mode copy breaks it) |
/// | 8 | 4 | format version (``formatVersion``) |
/// | 12 | 4 | modality (``Modality``: 1 face, 2 iris, 3 finger, 4 biographic) |
/// | 16 | 8 | data version: the store's template state the file was built from (newest template id) |
/// | 24 | 8 | template count of that state |
/// | 32 | 4 | section count *n* (at most ``maximumSections``) |
/// | 36 | 4 | zero |
/// | 40 | 32 *n* | section table: per section its id (4), zero (4), offset (8), length (8), checksum (8) |
/// | 40 + 32 *n* | 8 | header checksum: ``IndexChecksum`` of bytes `0 ..< 40 + 32n` |
///
/// Sections follow the header, each at an offset that is a multiple of ``sectionAlignment`` (so
/// typed arrays in them are aligned for any element type and start on a page), in table order,
/// without overlap, and within the file. Each carries the ``IndexChecksum`` of its bytes. What
/// the sections hold, and their ids, is the modality's business (the face index documents its own).
///
/// A section written checked by block (``IndexSection/checkedByBlock``) has a companion section,
/// id ``blockSumsID(of:)``, holding the ``IndexChecksum`` (8 bytes) of each ``checkBlockSize``-byte
/// block of it (the last one shorter), so that a reader checks only the blocks it reads, when it
/// first reads them (``CheckedBlocks``), instead of reading a whole section to open the file.
///
/// A file is trusted only when its magic, version, modality and header checksum are right, its
/// section table is consistent with the file's size, and (for the sections a reader checks, see
/// ``IndexFileView/verify(_:)``) each section's checksum matches, or (checked by block) each
/// block's as it is read; its data version then says whether it is current. Anything else means:
/// rebuild from the store.
public enum IndexFileFormat {
    /// The file's first eight bytes.
    public static let magic: [UInt8] = [0x4E, 0x58, 0x49, 0x44, 0x58, 0x00, 0x0D, 0x0A]
    /// The layout version written, and the only one read.
    public static let formatVersion: UInt32 = 4
    /// The most sections a file may have.
    public static let maximumSections = 64
    /// Sections start at multiples of this many bytes (a page).
    public static let sectionAlignment = 4_096
    /// The block size of sections checked by block: a page, the least a read maps.
    public static let checkBlockSize = 4_096
    /// The id of the section holding the block checksums of section `id`.
    public static func blockSumsID(of id: UInt32) -> UInt32 { id | 0x8000_0000 }
    /// Bytes before the section table.
    static let fixedHeaderSize = 40
    /// Bytes per section table entry.
    static let tableEntrySize = 32

    /// What an index file is for.
    public enum Modality: UInt32, Sendable {
        case face = 1
        case iris = 2
        case finger = 3
        case biographic = 4
    }

    /// The header's size with `sections` sections, checksum included.
    static func headerSize(sections: Int) -> Int { fixedHeaderSize + tableEntrySize * sections + 8 }

    /// `value` rounded up to a multiple of ``sectionAlignment``.
    static func aligned(_ value: Int) -> Int {
        (value + sectionAlignment - 1) / sectionAlignment * sectionAlignment
    }
}

/// Why an index file cannot be used; each says what is wrong, where, and that the file is rebuilt.
public enum IndexFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooShort(size: Int)
    case notAnIndexFile
    case unsupportedVersion(UInt32)
    case otherModality(found: UInt32, expected: UInt32)
    case tooManySections(Int)
    case headerChecksum
    case sectionOutOfBounds(id: UInt32, offset: UInt64, length: UInt64, fileSize: Int)
    case sectionChecksum(id: UInt32)
    case missingSection(id: UInt32)

    public var description: String {
        let rebuilt = "it is rebuilt from the store"
        switch self {
        case .tooShort(let size): return "the index file has \(size) bytes, fewer than its header; \(rebuilt)"
        case .notAnIndexFile: return "not a Nexo index file (wrong magic bytes); \(rebuilt)"
        case .unsupportedVersion(let version):
            return "index file format \(version), this nexo reads \(IndexFileFormat.formatVersion); \(rebuilt)"
        case .otherModality(let found, let expected):
            return "the index file is for modality \(found), not \(expected); \(rebuilt)"
        case .tooManySections(let count):
            return "the index file lists \(count) sections, more than \(IndexFileFormat.maximumSections); \(rebuilt)"
        case .headerChecksum: return "the index file's header is damaged (checksum differs); \(rebuilt)"
        case .sectionOutOfBounds(let id, let offset, let length, let size):
            return
                "section \(id) of the index file (\(length) bytes at \(offset)) lies outside its \(size) bytes or "
                + "overlaps another; \(rebuilt)"
        case .sectionChecksum(let id):
            return "section \(id) of the index file is damaged (checksum differs); \(rebuilt)"
        case .missingSection(let id): return "the index file has no section \(id); \(rebuilt)"
        }
    }
}

/// One section to write: its id and bytes, given in one or more parts laid end to end (borrowed for the
/// duration of the write).
public struct IndexSection {
    /// The section's id, unique in its file.
    public var id: UInt32
    /// Its bytes, part after part.
    public var parts: [UnsafeRawBufferPointer]
    /// Whether the file also holds the checksum of each block of it (a reader checks blocks as it reads them).
    public var checkedByBlock: Bool

    /// A section `id` holding `bytes`.
    public init(id: UInt32, bytes: UnsafeRawBufferPointer, checkedByBlock: Bool = false) {
        self.init(id: id, parts: [bytes], checkedByBlock: checkedByBlock)
    }

    /// A section `id` holding the bytes of `parts`, one after the other.
    public init(id: UInt32, parts: [UnsafeRawBufferPointer], checkedByBlock: Bool = false) {
        self.id = id
        self.parts = parts
        self.checkedByBlock = checkedByBlock
    }

    /// The section's length in bytes.
    var count: Int { parts.reduce(0) { $0 + $1.count } }
}

extension IndexFileFormat {
    /// Writes an index file through `write`, header first, then each section padded to the next
    /// alignment boundary: the bytes a file holds, in order. The checksums are computed here, and
    /// the block checksums of the sections checked by block added as their companion sections.
    public static func write(
        modality: Modality, dataVersion: Int64, templateCount: Int64, sections: [IndexSection],
        to write: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        let checked = sections.filter(\.checkedByBlock)
        let sums = checked.map { IndexChecksum.blocks(of: $0.parts, size: checkBlockSize) }
        let sumBytes: [UInt8] = sums.joined().flatMap { sum in withUnsafeBytes(of: sum.littleEndian) { Array($0) } }
        try sumBytes.withUnsafeBytes { all in
            var next = 0
            let companions = zip(checked, sums).map { section, sums in
                defer { next += sums.count * 8 }
                return IndexSection(
                    id: blockSumsID(of: section.id),
                    bytes: UnsafeRawBufferPointer(rebasing: all[next..<next + sums.count * 8]))
            }
            try writeSections(
                modality: modality, dataVersion: dataVersion, templateCount: templateCount,
                sections: sections + companions, to: write)
        }
    }

    private static func writeSections(
        modality: Modality, dataVersion: Int64, templateCount: Int64, sections: [IndexSection],
        to write: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        precondition(sections.count <= maximumSections, "at most \(maximumSections) sections")
        precondition(Set(sections.map(\.id)).count == sections.count, "section ids are unique")
        var header: [UInt8] = []
        header += magic
        append(formatVersion, to: &header)
        append(modality.rawValue, to: &header)
        append(UInt64(bitPattern: dataVersion), to: &header)
        append(UInt64(bitPattern: templateCount), to: &header)
        append(UInt32(sections.count), to: &header)
        append(UInt32(0), to: &header)
        var offset = aligned(headerSize(sections: sections.count))
        var offsets: [Int] = []
        for section in sections {
            offsets.append(offset)
            append(section.id, to: &header)
            append(UInt32(0), to: &header)
            append(UInt64(offset), to: &header)
            append(UInt64(section.count), to: &header)
            append(IndexChecksum.of(parts: section.parts), to: &header)
            offset = aligned(offset + section.count)
        }
        append(IndexChecksum.of(header), to: &header)
        let padding = [UInt8](repeating: 0, count: sectionAlignment)
        var written = 0
        try header.withUnsafeBytes { bytes in
            try write(bytes)
            written += bytes.count
        }
        for (section, start) in zip(sections, offsets) {
            while written < start {
                let gap = min(start - written, padding.count)
                try padding.withUnsafeBytes { all in try write(UnsafeRawBufferPointer(rebasing: all[0..<gap])) }
                written += gap
            }
            for part in section.parts { try write(part) }
            written += section.count
        }
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}

/// A mapped (or loaded) index file, its header checked: the data version it was built from and
/// its sections, read in place.
public struct IndexFileView {
    /// The file's bytes.
    public let bytes: UnsafeRawBufferPointer
    /// The modality the file indexes.
    public let modality: IndexFileFormat.Modality
    /// The store's template state the file was built from: newest template id and count.
    public let dataVersion: Int64
    /// The template count of that state.
    public let templateCount: Int64
    /// Each section's place and checksum, by id.
    public let sections: [UInt32: (offset: Int, length: Int, checksum: UInt64)]
    /// The header's checksum: names this file's content (a file that refers to it records it).
    public let headerChecksum: UInt64

    /// Reads and checks the header of `bytes` (magic, version, modality, header checksum, section
    /// bounds); the sections' own checksums are checked by ``verify(_:)``.
    public init(_ bytes: UnsafeRawBufferPointer, modality: IndexFileFormat.Modality) throws(IndexFileError) {
        self.bytes = bytes
        self.modality = modality
        let fixed = IndexFileFormat.fixedHeaderSize
        guard bytes.count >= IndexFileFormat.headerSize(sections: 0) else { throw .tooShort(size: bytes.count) }
        guard IndexFileFormat.magic.indices.allSatisfy({ bytes[$0] == IndexFileFormat.magic[$0] }) else {
            throw .notAnIndexFile
        }
        func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        let version = integer(8, UInt32.self)
        guard version == IndexFileFormat.formatVersion else { throw .unsupportedVersion(version) }
        let kind = integer(12, UInt32.self)
        guard kind == modality.rawValue else { throw .otherModality(found: kind, expected: modality.rawValue) }
        let count = Int(integer(32, UInt32.self))
        guard count <= IndexFileFormat.maximumSections else { throw .tooManySections(count) }
        let headerSize = IndexFileFormat.headerSize(sections: count)
        guard bytes.count >= headerSize else { throw .tooShort(size: bytes.count) }
        let checked = UnsafeRawBufferPointer(rebasing: bytes[0..<headerSize - 8])
        headerChecksum = integer(headerSize - 8, UInt64.self)
        guard IndexChecksum.of(checked) == headerChecksum else { throw .headerChecksum }
        dataVersion = Int64(bitPattern: integer(16, UInt64.self))
        templateCount = Int64(bitPattern: integer(24, UInt64.self))
        var table: [UInt32: (offset: Int, length: Int, checksum: UInt64)] = [:]
        var end = headerSize
        for index in 0..<count {
            let entry = fixed + index * IndexFileFormat.tableEntrySize
            let id = integer(entry, UInt32.self)
            let offset = integer(entry + 8, UInt64.self), length = integer(entry + 16, UInt64.self)
            guard offset >= UInt64(end), offset % UInt64(IndexFileFormat.sectionAlignment) == 0,
                length <= UInt64(bytes.count), offset <= UInt64(bytes.count) - length, table[id] == nil
            else { throw .sectionOutOfBounds(id: id, offset: offset, length: length, fileSize: bytes.count) }
            table[id] = (Int(offset), Int(length), integer(entry + 24, UInt64.self))
            end = Int(offset + length)
        }
        sections = table
    }

    /// The bytes of section `id`.
    public func section(_ id: UInt32) throws(IndexFileError) -> UnsafeRawBufferPointer {
        guard let place = sections[id] else { throw .missingSection(id: id) }
        return UnsafeRawBufferPointer(rebasing: bytes[place.offset..<place.offset + place.length])
    }

    /// Checks the checksums of sections `ids` (every section when empty): reads all their bytes, large sections
    /// shared among the machine's cores.
    public func verify(_ ids: [UInt32] = []) throws(IndexFileError) {
        let wanted = ids.isEmpty ? sections.keys.sorted() : ids
        var places: [(offset: Int, length: Int, checksum: UInt64)] = []
        for id in wanted {
            guard let place = sections[id] else { throw .missingSection(id: id) }
            places.append(place)
        }
        let bytes = self.bytes
        func matches(_ index: Int) -> Bool {
            let place = places[index]
            let content = UnsafeRawBufferPointer(rebasing: bytes[place.offset..<place.offset + place.length])
            return IndexChecksum.of(content) == place.checksum
        }
        // A thread costs more than checking a few megabytes (a fresh process checks the small sections).
        let total = places.reduce(0) { $0 + $1.length }
        let matches =
            total < 16 << 20 ? places.indices.map(matches) : ParallelWork.map(places.count) { matches($0) }
        if let bad = matches.firstIndex(of: false) { throw .sectionChecksum(id: wanted[bad]) }
    }
}

/// Values whose bytes can be written as an index file section, in place.
public protocol IndexSectionBytes {
    /// Calls `body` with the value's bytes.
    func withSectionBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

/// Element types an index file stores as they lie in memory (fixed size, no references; little-endian here).
public protocol IndexSectionElement {}
extension Int8: IndexSectionElement {}
extension UInt8: IndexSectionElement {}
extension UInt16: IndexSectionElement {}
extension UInt32: IndexSectionElement {}
extension Int32: IndexSectionElement {}
extension Int64: IndexSectionElement {}
extension UInt64: IndexSectionElement {}
extension Float: IndexSectionElement {}

extension Array: IndexSectionBytes where Element: IndexSectionElement {
    public func withSectionBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes { try body($0) }
    }
}

/// Bytes of a mapping, as a section part.
struct MappedSectionBytes: IndexSectionBytes {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
    /// `count` bytes from `start`; none when there is no `start`.
    init(start: UnsafeRawPointer?, count: Int) {
        bytes = UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : count)
    }
    func withSectionBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try body(bytes) }
}

extension UnsafeRawBufferPointer {
    /// The little-endian `Int64` at byte `offset` (a number of an index file's summary).
    func int64(at offset: Int) -> Int64 {
        Int64(littleEndian: loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }
}
