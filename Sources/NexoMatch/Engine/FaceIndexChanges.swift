import NexoFiles
import NexoKit

/// The changes file beside a face index file (`<db>.face-index-changes`): what the engine changed in the index
/// file's rows since it was written (rows made tombstones or live again when templates were removed or brought
/// back) and the face templates no row of it holds, as of a later store state. A fresh engine applies it to the
/// mapped index instead of comparing every row with the store again. Small (one entry per change), so written
/// whole, replacing the last, after each comparison; the index file is written again, and this one removed, once
/// enough changed. One that names another index file (by its header checksum) is ignored; a damaged one is
/// reported and ignored.
///
/// An ``IndexFileFormat`` file (modality face) whose header's data version and template count are the state's
/// newest template id and count:
///
/// | section | content |
/// |---|---|
/// | 1 summary | the index file's header checksum (8), the state's count of template changes (8) |
/// | 2 row templates | per changed row of the index file: row (Int64), template id (Int64, negative: a tombstone) |
/// | 3 added templates | Int64 per face template of the state that no row of the index file holds |
enum FaceIndexChanges {
    enum Section: UInt32 {
        case summary = 1, rowTemplates, addedTemplates
    }

    /// Changes to one index file.
    struct Changes {
        /// The header checksum of the index file they apply to.
        var base: UInt64
        /// The store's state they bring it to.
        var state: TemplateState
        /// The rows whose template id changed, with the new id.
        var rows: [(row: Int, template: Int64)]
        /// The face templates of that state no row of the index file holds, to be loaded from the store.
        var added: [Int64]
    }

    /// Where the changes of the face index at `indexPath` are kept.
    static func path(for indexPath: String) -> String { indexPath + "-changes" }

    /// `opened` with the changes recorded beside it (the index file at `indexPath`) applied, when they name it:
    /// the index, the store's state it then holds, and the changes applied (`nil`: none, or they name another
    /// file). Throws what reading a damaged changes file throws.
    static func applied(to opened: FaceIndexFile.Opened, at indexPath: String) throws -> (
        index: FaceIndex, state: TemplateState, changes: Changes?
    ) {
        var index = opened.index
        let changes: Changes
        do {
            changes = try read(path(for: indexPath))
        } catch let error as NexoError where error.code == .notFound {
            return (index, opened.state, nil)
        }
        guard changes.base == opened.checksum, index.apply(changes.rows) else {
            return (opened.index, opened.state, nil)
        }
        return (index, changes.state, changes)
    }

    /// Writes `changes` to `path`, replacing the file whole (a reader sees the old file or the new one).
    static func write(_ changes: Changes, to path: String) throws(NexoError) {
        var summary: [Int64] = [Int64(bitPattern: changes.base), changes.state.changes]
        summary = summary.map(\.littleEndian)
        let rows = changes.rows.flatMap { [Int64($0.row).littleEndian, $0.template.littleEndian] }
        let added = changes.added.map(\.littleEndian)
        try IndexFileWriting.write(
            [
                (Section.summary.rawValue, [summary], false), (Section.rowTemplates.rawValue, [rows], false),
                (Section.addedTemplates.rawValue, [added], false),
            ], modality: .face, state: changes.state, to: path, what: "face index changes")
    }

    /// The changes in the file at `path`, every section checked. Throws ``IndexFileError`` for a damaged file,
    /// `NexoError` when it cannot be read (`not-found` when there is none).
    static func read(_ path: String) throws -> Changes {
        let file = try MappedFile(path: path)
        let view = try IndexFileView(file.bytes, modality: .face)
        try view.verify()
        func numbers(_ section: Section) throws -> [Int64] {
            let bytes = try view.section(section.rawValue)
            guard bytes.count % 8 == 0 else { throw IndexFileError.sectionChecksum(id: section.rawValue) }
            return (0..<bytes.count / 8).map {
                Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self))
            }
        }
        let summary = try numbers(.summary), pairs = try numbers(.rowTemplates)
        guard summary.count == 2, pairs.count % 2 == 0 else {
            throw IndexFileError.sectionChecksum(id: Section.summary.rawValue)
        }
        return Changes(
            base: UInt64(bitPattern: summary[0]),
            state: TemplateState(newest: view.dataVersion, count: Int(view.templateCount), changes: summary[1]),
            rows: stride(from: 0, to: pairs.count, by: 2).map { (Int(clamping: pairs[$0]), pairs[$0 + 1]) },
            added: try numbers(.addedTemplates))
    }
}
