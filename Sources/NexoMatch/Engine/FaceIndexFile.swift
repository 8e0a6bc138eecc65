import NexoFiles
import NexoKit

/// The face index file (``IndexFileFormat``, modality face): a face gallery as the engine searches it, so that a
/// fresh process maps it and answers instead of rebuilding it from the store. Its data version is the store's
/// template state it was built from (``TemplateState``: newest template id and template count in the header, the
/// count of template changes in the summary).
///
/// | section | content |
/// |---|---|
/// | 1 summary | counts and measurements, below |
/// | 2 codes | int8, 512 per row |
/// | 3 scales | Float32 per row |
/// | 4 vectors | Float32, 512 per row, unit length |
/// | 5 row owners | Int32 per row: the engine's owner number |
/// | 6 owner rows | Int32 per owner: its current row, −1 for none |
/// | 7 owner id offsets | UInt64 per owner, plus one: where each owner's entity id starts in section 8 |
/// | 8 owner ids | the owners' entity ids, UTF-8, end to end |
/// | 19 row templates | Int64 per row: the store's template id, negated for a tombstone (its template was removed) |
///
/// The summary, little-endian: row count (8 bytes), owner count (8), templates of other modalities in the file's
/// state (8), impostor cosine mean and deviation (8 + 8, Float64; NaN when not measured), the gallery size they
/// were measured at (8), the gallery size the inverted lists were sized for (8), the owners with a face (8), the
/// live rows (8: rows not tombstones), the store's count of template changes (8), then the UTF-8 text of the lists
/// decision (shown by `bio gallery stats`).
///
/// Opening checks the header, the summary and the lists' small sections whole; the per-row and per-owner sections
/// (scales, row owners, owner rows, owner ids and their offsets, row templates, the lists' members and scales) are
/// checked by block as they are read (``CheckedBlocks``: a search reads a few hundred rows of a million), and a
/// damaged block makes the engine rebuild. The two large sections (codes and vectors) are read unchecked by
/// searches; ``verify(_:)`` checks every section (`bio index verify`), and so does writing a new file from an
/// opened one, before its bytes are copied.
///
/// The file may be older than the store: the engine adds the templates enrolled since, and when some were removed
/// or brought back (an undo, a replaced face) it compares the row templates with the store's face template ids,
/// making rows tombstones or live again instead of rebuilding.
///
/// A gallery filed under inverted lists adds sections 9–18: the lists' shape (list count, lists scanned,
/// projection rank or 0; Int64 each), the projection basis (Float32, rank × 512), the centroids and the group
/// centroids (Float32), the groups' starts (Int64) and members (Int32), the lists' starts (Int64), members
/// (Int32 rows), codes (int8, one code per member) and scales (Float32); all but the codes checked on opening;
/// the entries (starts, members, codes, scales), the projection and the centroids read in place, the rest copied.
enum FaceIndexFile {
    enum Section: UInt32, CaseIterable {
        case summary = 1, codes, scales, vectors, rowOwners, ownerRows, ownerIDOffsets, ownerIDs
        case listShape, listProjection, listCentroids, listGroups, listGroupStart, listGroupMembers, listStart
        case listMembers, listCodes, listScales, rowTemplates
    }

    /// The sections checked by block as they are read (the rest of the small ones are checked at opening).
    static let checkedByBlock: Set<Section> = [
        .scales, .rowOwners, .ownerRows, .ownerIDOffsets, .ownerIDs, .rowTemplates, .listMembers, .listScales,
    ]

    /// A face index read from a file, with what the engine needs besides.
    struct Opened {
        var index: FaceIndex
        /// The engine's owners when the file was written, by number.
        var owners: OwnerTable
        /// The store's template state the file was built from.
        var state: TemplateState
        /// How many templates of other modalities that state held (loaded from the store).
        var otherTemplates: Int
        /// The file's header checksum, which names its content (see ``FaceIndexChanges``).
        var checksum: UInt64
    }

    /// Writes `index` with the engine's `owners`, as built from the store's `state`, to `path` (replacing it
    /// whole: a reader sees the old file or the new one); returns the file's size in bytes.
    @discardableResult
    static func write(
        _ index: FaceIndex, owners: OwnerTable, state: TemplateState, otherTemplates: Int,
        to path: String
    ) throws(NexoError) -> Int {
        let rows = index.gallery.added
        var summary: [UInt8] = []
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { summary += $0 } }
        put(Int64(index.gallery.count))
        put(Int64(owners.count))
        put(Int64(otherTemplates))
        put((index.impostorScores?.mean ?? .nan).bitPattern)
        put((index.impostorScores?.deviation ?? .nan).bitPattern)
        put(Int64(index.impostorsMeasuredAt))
        put(Int64(index.listsSizedFor))
        put(Int64(index.ownerCount))
        put(Int64(index.liveRows))
        put(state.changes)
        summary += Array((index.listsDecision ?? "").utf8)
        var idOffsets: [UInt64] = [0]
        var idText: [UInt8] = []
        for number in 0..<owners.count {
            idText += Array(owners[number].rawValue.utf8)
            idOffsets.append(UInt64(idText.count))
        }
        // One entry per owner of the engine's table: those numbered after the last face (people with only irises
        // or fingers) have no row.
        var rowOfOwner = index.rowOfOwner
        rowOfOwner.grow(to: owners.count, with: -1)
        // The rows of a gallery opened from a file come first from its mapping, then from memory.
        let base = index.gallery.base
        let d = FaceGallery.dimensions
        var parts: [(Section, [any IndexSectionBytes])] = [
            (.summary, [summary]),
            (
                .codes,
                [
                    MappedSectionBytes(start: base.map { UnsafeRawPointer($0.codes) }, count: (base?.count ?? 0) * d),
                    rows.codes,
                ]
            ),
            (
                .scales,
                [
                    MappedSectionBytes(
                        start: base.map { UnsafeRawPointer($0.scales.baseAddress!) }, count: (base?.count ?? 0) * 4),
                    rows.scales,
                ]
            ),
            (
                .vectors,
                [
                    MappedSectionBytes(
                        start: base.map { UnsafeRawPointer($0.vectors) }, count: (base?.count ?? 0) * d * 4),
                    rows.exact.storage,
                ]
            ),
            (.rowOwners, index.ownerOfRow.sectionParts), (.ownerRows, rowOfOwner.sectionParts),
            (.ownerIDOffsets, [idOffsets]),
            (.ownerIDs, [idText]), (.rowTemplates, index.templateOfRow.sectionParts),
        ]
        // The bytes copied from the file this gallery was opened from are checked first: a new file must not give
        // damaged bytes fresh checksums.
        if let base {
            try IndexFileWriting.checkSource(base.file, modality: .face, damage: base.damage, what: "face index")
        }
        if let lists = index.lists?.flat {
            let shape = [lists.listCount, lists.probeLists, lists.projectionRank].map { Int64($0).littleEndian }
            parts += [
                (.listShape, [shape]), (.listProjection, [lists.projectionBasis]), (.listCentroids, [lists.centroids]),
                (.listGroups, [lists.groups]), (.listGroupStart, [lists.groupStart]),
                (.listGroupMembers, [lists.groupMembers]), (.listStart, [lists.listStart]),
                (.listMembers, [lists.members]), (.listCodes, [lists.codes]), (.listScales, [lists.scales]),
            ]
        }
        return try IndexFileWriting.write(
            parts.map { ($0.rawValue, $1, checkedByBlock.contains($0)) }, modality: .face, state: state, to: path,
            what: "face index")
    }

    /// Maps the face index at `path` and checks it (see the type's notes). Throws ``IndexFileError`` for a file
    /// that must be rebuilt, `NexoError` when it cannot be opened (`not-found` when there is none).
    static func open(_ path: String) throws -> Opened {
        let file = try MappedFile(path: path)
        let view = try IndexFileView(file.bytes, modality: .face)
        try view.verify([Section.summary.rawValue])
        let damage = IndexDamage()
        let checked = try view.checkedBlocks(
            [Section.scales, .rowOwners, .ownerRows, .ownerIDOffsets, .ownerIDs, .rowTemplates].map(\.rawValue),
            damage: damage)
        func blocks(_ section: Section) -> CheckedBlocks { checked[section.rawValue]! }
        let summary = try view.section(Section.summary.rawValue)
        guard summary.count >= 80 else { throw IndexFileError.sectionChecksum(id: Section.summary.rawValue) }
        func real(_ offset: Int) -> Double {
            Double(bitPattern: UInt64(littleEndian: summary.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        }
        let rowCount = Int(summary.int64(at: 0)), ownerCount = Int(summary.int64(at: 8))
        let d = FaceGallery.dimensions
        let codes = try view.section(Section.codes.rawValue)
        let scales = try view.section(Section.scales.rawValue)
        let vectors = try view.section(Section.vectors.rawValue)
        let rowOwners = try view.section(Section.rowOwners.rawValue)
        let ownerRows = try view.section(Section.ownerRows.rawValue)
        let idOffsets = try view.section(Section.ownerIDOffsets.rawValue)
        let ids = try view.section(Section.ownerIDs.rawValue)
        let rowTemplates = try view.section(Section.rowTemplates.rawValue)
        // Sizes that disagree with the counts mean a file this code did not write: rebuild.
        guard rowCount > 0, ownerCount >= 0, codes.count == rowCount * d, scales.count == rowCount * 4,
            vectors.count == rowCount * d * 4, rowOwners.count == rowCount * 4, ownerRows.count == ownerCount * 4,
            idOffsets.count == (ownerCount + 1) * 8, rowTemplates.count == rowCount * 8,
            (0...rowCount).contains(Int(summary.int64(at: 64)))
        else { throw IndexFileError.sectionOutOfBounds(id: 0, offset: 0, length: 0, fileSize: file.bytes.count) }
        // A search re-ranks a few hundred rows' vectors, at random places: no readahead there (on a cold cache it
        // read megabytes per row).
        if let place = view.sections[Section.vectors.rawValue] {
            file.willReadRandomly(place.offset..<place.offset + place.length)
        }
        var index = FaceIndex()
        index.gallery = FaceRows(
            base: MappedFaceRows(
                file: file, count: rowCount, codes: codes.bindMemory(to: Int8.self).baseAddress!,
                scales: scales.bindMemory(to: Float.self), scaleBlocks: blocks(.scales),
                vectors: vectors.bindMemory(to: Float.self).baseAddress!, damage: damage),
            rerankCount: FaceIndex.rerankCount)
        index.restore(
            ownerOfRow: NumberColumn(
                mapped: rowOwners.bindMemory(to: Int32.self), in: file, checkedBy: blocks(.rowOwners)),
            rowOfOwner: NumberColumn(
                mapped: ownerRows.bindMemory(to: Int32.self), in: file, checkedBy: blocks(.ownerRows)),
            templateOfRow: NumberColumn(
                mapped: rowTemplates.bindMemory(to: Int64.self), in: file, checkedBy: blocks(.rowTemplates)),
            owners: Int(summary.int64(at: 56)), live: Int(summary.int64(at: 64)))
        let mean = real(24), deviation = real(32)
        index.impostorScores = mean.isNaN || deviation.isNaN ? nil : (mean, deviation)
        index.impostorsMeasuredAt = Int(summary.int64(at: 40))
        index.listsSizedFor = Int(summary.int64(at: 48))
        let decision = String(decoding: UnsafeRawBufferPointer(rebasing: summary[80...]), as: UTF8.self)
        index.listsDecision = decision.isEmpty ? nil : decision
        if view.sections[Section.listShape.rawValue] != nil {
            index.lists = try lists(of: view, in: file, damage: damage)
        }
        let owners = MappedOwnerIDs(
            file: file, offsets: idOffsets.bindMemory(to: UInt64.self), text: ids,
            offsetBlocks: blocks(.ownerIDOffsets), textBlocks: blocks(.ownerIDs))
        return Opened(
            index: index, owners: OwnerTable(mapped: owners),
            state: TemplateState(
                newest: view.dataVersion, count: Int(view.templateCount), changes: summary.int64(at: 72)),
            otherTemplates: Int(summary.int64(at: 16)), checksum: view.headerChecksum)
    }

    /// The inverted lists of `view`: their entries' codes read in place, their members and scales read in place
    /// and checked by block (damage recorded in `damage`), the small parts checked, then the projection,
    /// centroids and group centroids read in place and the groups' starts and members copied (a few KB).
    private static func lists(of view: IndexFileView, in file: MappedFile, damage: IndexDamage) throws
        -> InvertedFaceLists
    {
        let small: [Section] = [
            .listShape, .listProjection, .listCentroids, .listGroups, .listGroupStart, .listGroupMembers, .listStart,
        ]
        try view.verify(small.map(\.rawValue))
        let checked = try view.checkedBlocks([Section.listMembers, .listScales].map(\.rawValue), damage: damage)
        func bytes<T>(_ section: Section, _: T.Type) throws -> UnsafeBufferPointer<T> {
            let bytes = try view.section(section.rawValue)
            guard bytes.count % MemoryLayout<T>.stride == 0 else {
                throw IndexFileError.sectionChecksum(id: section.rawValue)
            }
            return bytes.bindMemory(to: T.self)
        }
        func values<T>(_ section: Section, _ type: T.Type) throws -> [T] { Array(try bytes(section, type)) }
        func inPlace<T>(_ section: Section, _ type: T.Type) throws -> StoredValues<T> {
            StoredValues(mapped: try bytes(section, type), owner: file)
        }
        let shape = try values(.listShape, Int64.self).map { Int(Int64(littleEndian: $0)) }
        guard shape.count == 3 else { throw IndexFileError.sectionChecksum(id: Section.listShape.rawValue) }
        let members = try bytes(.listMembers, Int32.self)
        let scales = try bytes(.listScales, Float.self)
        let codes = try bytes(.listCodes, Int8.self)
        let space = shape[2] == 0 ? FaceGallery.dimensions : shape[2]
        guard scales.count == members.count, codes.count == members.count * space else {
            throw IndexFileError.sectionChecksum(id: Section.listCodes.rawValue)
        }
        // Lists are made for galleries of thousands: a file with lists but no entries is not one nexo wrote.
        guard !members.isEmpty else { throw IndexFileError.sectionChecksum(id: Section.listMembers.rawValue) }
        let entries = MappedListEntries(
            file: file, listStart: try bytes(.listStart, Int64.self), members: members.baseAddress!,
            codes: codes.baseAddress!, scales: scales, memberBlocks: checked[Section.listMembers.rawValue]!,
            scaleBlocks: checked[Section.listScales.rawValue]!)
        let flat = FlatInvertedLists(
            listCount: shape[0], probeLists: shape[1], projectionRank: shape[2],
            projectionBasis: try inPlace(.listProjection, Float.self),
            centroids: try inPlace(.listCentroids, Float.self),
            groups: try inPlace(.listGroups, Float.self), groupStart: try values(.listGroupStart, Int64.self),
            groupMembers: try values(.listGroupMembers, Int32.self), listStart: [], members: [], codes: [], scales: [])
        guard let lists = InvertedFaceLists(flat: flat, entries: entries) else {
            throw IndexFileError.sectionChecksum(id: Section.listShape.rawValue)
        }
        return lists
    }

    /// Checks every section's checksum of the face index at `path`, the large ones included (reads all of it).
    static func verify(_ path: String) throws {
        let file = try MappedFile(path: path)
        try IndexFileView(file.bytes, modality: .face).verify()
    }
}
