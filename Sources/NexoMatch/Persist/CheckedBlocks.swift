import Synchronization

/// What a reader of an index file found damaged while reading it: nothing, or the first section whose block
/// checksum differed. Shared by the ``CheckedBlocks`` of one file; the engine asks after each operation and
/// rebuilds from the store when a section is damaged (the values read meanwhile were bounds-checked, so the
/// operation ended without harm, but its answer is not trusted).
public final class IndexDamage: Sendable {
    /// The damaged section's id, 0 for none (ids start at 1).
    private let section = Atomic<UInt32>(0)

    /// No damage found yet.
    public init() {}

    /// The first section found damaged, if any.
    public var damagedSection: UInt32? {
        let id = section.load(ordering: .acquiring)
        return id == 0 ? nil : id
    }

    /// Records that section `id` is damaged (the first one recorded is kept).
    func record(_ id: UInt32) {
        _ = section.compareExchange(expected: 0, desired: max(id, 1), ordering: .acquiringAndReleasing)
    }

    /// Records the damage a whole-file check found: the section whose checksum differs (the summary, section 1,
    /// for damage outside any section).
    func record(_ error: IndexFileError) {
        if case .sectionChecksum(let id) = error { record(id) } else { record(1) }
    }
}

/// A section of a mapped index file checked block by block as it is read (``IndexFileFormat/checkBlockSize``
/// bytes each, against the block checksums the file holds beside it): a reader calls ``check(_:_:)`` with the
/// bytes it is about to read, which checks the blocks not checked yet and records a mismatch in ``damage``.
/// Opening costs nothing but the block checksums; each block is read through the checksum once per process.
/// Safe to use from several threads (a block may be checked twice at once; both agree).
public final class CheckedBlocks: @unchecked Sendable {
    // @unchecked: `bytes` and `sums` point into a read-only mapping the owner keeps alive; `states` is owned here
    // and only touched atomically.
    /// The section's id.
    public let id: UInt32
    /// The section's bytes.
    public let bytes: UnsafeRawBufferPointer
    /// Where damage found is recorded (shared by the sections of one file).
    public let damage: IndexDamage
    private let sums: UnsafeRawBufferPointer
    private let blockCount: Int
    /// Per block: 0 not checked, 1 right, 2 damaged.
    private let states: UnsafeMutablePointer<Atomic<UInt8>>

    /// Section `id`'s `bytes` with its block checksums `sums` (8 bytes each, little-endian); `nil` when their
    /// count does not fit the section's length.
    init?(id: UInt32, bytes: UnsafeRawBufferPointer, sums: UnsafeRawBufferPointer, damage: IndexDamage) {
        let size = IndexFileFormat.checkBlockSize
        blockCount = (bytes.count + size - 1) / size
        guard sums.count == blockCount * 8 else { return nil }
        self.id = id
        self.bytes = bytes
        self.sums = sums
        self.damage = damage
        states = .allocate(capacity: max(blockCount, 1))
        for block in 0..<blockCount { (states + block).initialize(to: Atomic(0)) }
    }

    deinit {
        states.deinitialize(count: blockCount)
        states.deallocate()
    }

    /// Checks the blocks holding bytes `offset ..< offset + length` of the section (the part within it) that were
    /// not checked yet; returns whether all are right (a damaged one is recorded in ``damage``).
    @discardableResult @inline(__always)
    public func check(_ offset: Int, _ length: Int) -> Bool {
        guard length > 0, offset >= 0, offset < bytes.count else { return true }
        let shift = IndexFileFormat.checkBlockSize.trailingZeroBitCount
        let last = min(offset + length - 1, bytes.count - 1) >> shift
        var block = offset >> shift
        var right = true
        while block <= last {
            if states[block].load(ordering: .acquiring) != 1 { right = checkBlock(block) && right }
            block += 1
        }
        return right
    }

    /// Checks every block (reads the whole section once); returns whether all are right.
    @discardableResult
    public func checkAll() -> Bool { check(0, bytes.count) }

    private func checkBlock(_ block: Int) -> Bool {
        let size = IndexFileFormat.checkBlockSize
        let start = block * size
        let content = UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + size, bytes.count)])
        let expected = UInt64(littleEndian: sums.loadUnaligned(fromByteOffset: block * 8, as: UInt64.self))
        let right = IndexChecksum.of(content) == expected
        states[block].store(right ? 1 : 2, ordering: .releasing)
        if !right { damage.record(id) }
        return right
    }
}

extension IndexFileView {
    /// Sections `ids`, each checked block by block as it is read: their block checksums are checked whole here
    /// (they are small), their bytes when read, damage recorded in `damage`. Throws when a section or its block
    /// checksums are missing or do not fit.
    public func checkedBlocks(_ ids: [UInt32], damage: IndexDamage) throws(IndexFileError) -> [UInt32: CheckedBlocks] {
        try verify(ids.map(IndexFileFormat.blockSumsID(of:)))
        var checked: [UInt32: CheckedBlocks] = [:]
        for id in ids {
            let sumsID = IndexFileFormat.blockSumsID(of: id)
            guard let blocks = CheckedBlocks(id: id, bytes: try section(id), sums: try section(sumsID), damage: damage)
            else { throw .sectionChecksum(id: sumsID) }
            checked[id] = blocks
        }
        return checked
    }
}
