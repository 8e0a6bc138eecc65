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

/// The owners' entity ids in a mapped index file: UTF-8 text end to end, with `count + 1` offsets. The offsets
/// are checked when it is made; the text is decoded per id asked for.
struct MappedOwnerIDs: @unchecked Sendable {
    // @unchecked: the buffers point into `file`'s read-only mapping, which lives as long as this value.
    let file: MappedFile
    let offsets: UnsafeBufferPointer<UInt64>
    let text: UnsafeRawBufferPointer

    /// The ids of `offsets` (little-endian) into `text`; `nil` unless the offsets start at 0 and never go down
    /// or past the text.
    init?(file: MappedFile, offsets: UnsafeBufferPointer<UInt64>, text: UnsafeRawBufferPointer) {
        guard offsets.first == 0, offsets.last.map({ UInt64(littleEndian: $0) == UInt64(text.count) }) == true else {
            return nil
        }
        var previous: UInt64 = 0
        for offset in offsets {
            let value = UInt64(littleEndian: offset)
            guard value >= previous else { return nil }
            previous = value
        }
        self.file = file
        self.offsets = offsets
        self.text = text
    }

    var count: Int { offsets.count - 1 }

    func id(_ number: Int) -> EntityID {
        let start = Int(UInt64(littleEndian: offsets[number])), end = Int(UInt64(littleEndian: offsets[number + 1]))
        return EntityID(String(decoding: UnsafeRawBufferPointer(rebasing: text[start..<end]), as: UTF8.self))
    }
}
