import NexoFiles
import NexoKit

/// The engine's owners (people with templates) by number: those of a face index file, whose entity ids are read
/// from its mapping when asked for, then those numbered since, held in memory. Opening a file of a million owners
/// then makes no string until a search names its candidates.
struct OwnerTable {
    private var mapped: MappedOwnerIDs?
    private var added: [EntityID] = []

    /// No owners.
    init() {}

    /// The owners of an index file.
    init(mapped: MappedOwnerIDs) { self.mapped = mapped }

    /// The owners of `ids`, in order (for tests and writers).
    init(_ ids: [EntityID]) { added = ids }

    var count: Int { (mapped?.count ?? 0) + added.count }

    /// The entity of owner `number`.
    subscript(number: Int) -> EntityID {
        if let mapped, number < mapped.count { return mapped.id(number) }
        return added[number - (mapped?.count ?? 0)]
    }

    /// Numbers `id` next.
    mutating func append(_ id: EntityID) { added.append(id) }
}

/// The owners' entity ids in a mapped index file: UTF-8 text end to end, with `count + 1` offsets, read per id
/// asked for, both checked by block as read. Offsets out of order or past the text (a crafted or damaged file: the
/// block checksums record damage) give an empty id.
struct MappedOwnerIDs: @unchecked Sendable {
    // @unchecked: the buffers point into `file`'s read-only mapping, which lives as long as this value.
    let file: MappedFile
    let offsets: UnsafeBufferPointer<UInt64>
    let text: UnsafeRawBufferPointer
    let offsetBlocks: CheckedBlocks
    let textBlocks: CheckedBlocks

    var count: Int { max(offsets.count - 1, 0) }

    func id(_ number: Int) -> EntityID {
        offsetBlocks.check(number * 8, 16)
        let start = UInt64(littleEndian: offsets[number]), end = UInt64(littleEndian: offsets[number + 1])
        guard start <= end, end <= UInt64(text.count) else { return EntityID("") }
        textBlocks.check(Int(start), Int(end - start))
        return EntityID(String(decoding: UnsafeRawBufferPointer(rebasing: text[Int(start)..<Int(end)]), as: UTF8.self))
    }
}
