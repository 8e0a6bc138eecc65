import NexoFiles
import NexoKit

/// The iris index file beside the face index file (``IndexFileFormat``, modality iris): the iris gallery as the
/// engine searches it, mapped by a fresh process and searched in place instead of decoded from the store. Written
/// with the face index file, in the engine's owner numbering of that file, and tied to it: its summary holds the
/// face file's header checksum, and it is used only with that file, at the store state both were written at
/// (anything else loads the irises from the store, as a gallery without the file does).
///
/// | section | content |
/// |---|---|
/// | 1 summary | Int64 each: face file header checksum, state's changes, rows, owners with an iris, owner table size |
/// | 2 words | per row: 32 code words then 32 mask words (UInt64; ``IrisGallery``'s layout) |
/// | 3 row owners | Int32 per row: the engine's owner number (checked by block as read) |
/// | 4 owner starts | Int64 per owner of the face file's owner table, plus one: where its rows start in 5 (by block) |
/// | 5 owner rows | Int32: each owner's rows, owner after owner (checked by block) |
///
/// Opening checks the header and the summary; the words are read unchecked by searches (like the face codes) and
/// checked by `bio index verify` and before a new file is written from them.
enum IrisIndexFile {
    enum Section: UInt32, CaseIterable {
        case summary = 1, words, rowOwners, ownerStart, ownerRows
    }

    /// Writes `index` (owners numbered as in an owner table of `ownerCount`) as of `state`, tied to the face index
    /// file whose header checksum is `faceChecksum`, to `path`, replacing it whole.
    static func write(
        _ index: IrisIndex, ownerCount: Int, state: TemplateState, faceChecksum: UInt64, to path: String
    ) throws(NexoError) {
        try index.checkSource()
        var summary: [UInt8] = []
        for value in [
            Int64(bitPattern: faceChecksum), state.changes, Int64(index.templateCount), Int64(index.ownerCount),
            Int64(ownerCount),
        ] { IndexFileFormat.append(value, to: &summary) }
        var starts: [Int64] = [0]
        var rows: [Int32] = []
        starts.reserveCapacity(ownerCount + 1)
        rows.reserveCapacity(index.templateCount)
        for owner in 0..<ownerCount {
            rows += index.rows(of: Int32(owner)).map(Int32.init)
            starts.append(Int64(rows.count))
        }
        let parts: [(Section, [any IndexSectionBytes])] = [
            (.summary, [summary]), (.words, index.gallery.sectionParts), (.rowOwners, index.ownerOfRow.sectionParts),
            (.ownerStart, [starts]), (.ownerRows, [rows]),
        ]
        try IndexFileWriting.write(
            parts.map { ($0.rawValue, $1, $0 != .summary && $0 != .words) }, modality: .iris, state: state,
            to: path, what: "iris index")
    }

    /// Maps the iris index at `path` and checks its header and summary. Throws ``IndexFileError`` for a file that
    /// must not be used, `NexoError` when it cannot be opened (`not-found` when there is none).
    static func open(_ path: String) throws -> TiedIndexFile<IrisIndex> {
        let file = try MappedFile(path: path)
        let view = try IndexFileView(file.bytes, modality: .iris)
        try view.verify([Section.summary.rawValue])
        let summary = try view.section(Section.summary.rawValue)
        guard summary.count >= 40 else { throw IndexFileError.sectionChecksum(id: Section.summary.rawValue) }
        let rowCount = Int(summary.int64(at: 16)), owners = Int(summary.int64(at: 24))
        let damage = IndexDamage()
        let checked = try view.checkedBlocks(
            [Section.rowOwners, .ownerStart, .ownerRows].map(\.rawValue), damage: damage)
        let words = try view.section(Section.words.rawValue)
        func column<T: FixedWidthInteger & IndexSectionElement>(_ section: Section, _: T.Type) -> NumberColumn<T> {
            let blocks = checked[section.rawValue]!
            return NumberColumn(mapped: blocks.bytes.bindMemory(to: T.self), in: file, checkedBy: blocks)
        }
        let ownerOfRow = column(.rowOwners, Int32.self)
        let starts = column(.ownerStart, Int64.self), rows = column(.ownerRows, Int32.self)
        guard rowCount >= 0, owners >= 0, words.count == rowCount * IrisGallery.stride * 8,
            ownerOfRow.count == rowCount, rows.count == rowCount, starts.count == Int(summary.int64(at: 32)) + 1
        else {
            throw IndexFileError.sectionOutOfBounds(id: 0, offset: 0, length: 0, fileSize: file.bytes.count)
        }
        let index = IrisIndex(
            gallery: IrisGallery(mapped: words.bindMemory(to: UInt64.self), in: file), ownerOfRow: ownerOfRow,
            filedStart: starts, filedRows: rows, owners: owners, source: (file, damage))
        return TiedIndexFile(
            index: index,
            state: TemplateState(
                newest: view.dataVersion, count: Int(view.templateCount), changes: summary.int64(at: 8)),
            faceChecksum: UInt64(bitPattern: summary.int64(at: 0)), ownerTableCount: Int(summary.int64(at: 32)))
    }

    /// Checks every section's checksum of the iris index at `path` (reads all of it).
    static func verify(_ path: String) throws {
        let file = try MappedFile(path: path)
        try IndexFileView(file.bytes, modality: .iris).verify()
    }
}
