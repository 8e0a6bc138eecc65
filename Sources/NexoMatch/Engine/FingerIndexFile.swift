import NexoFiles
import NexoKit

/// The finger index file beside the face index file (``IndexFileFormat``, modality finger): every finger as the
/// matcher compares it — minutiae as floats and the table of minutia pairs with their codes, computed once at
/// enrolment — so that a fresh process reads them instead of decoding each template from the store and preparing
/// it again (the pair table is most of a finger's preparation). Written with the face index file, in the engine's
/// owner numbering of that file, and tied to it like the iris index file (``IrisIndexFile``).
///
/// | section | content |
/// |---|---|
/// | 1 summary | Int64 each: face file header checksum, state's changes, rows, owners with a finger, owner table size |
/// | 2 positions | Int32 per row: the finger position (0 unknown) |
/// | 3 minutia starts | Int64 per row, plus one: where the row's minutiae start in sections 4–6 |
/// | 4, 5, 6 x, y, θ | Float32 per minutia (θ in degrees) |
/// | 7 edge starts | Int64 per row, plus one: where the row's minutia pairs start in sections 8–9 |
/// | 8 edge codes | UInt16 per pair |
/// | 9 edge ends | UInt32 per pair: `i | j << 8 | φ << 16` |
/// | 10 row owners | Int32 per row: the engine's owner number |
///
/// Rows are in the order the fingers were added (a re-enrolled position replaces the owner's earlier finger
/// there, as when they were added). Opening reads and checks every section.
enum FingerIndexFile {
    enum Section: UInt32, CaseIterable {
        case summary = 1, positions, minutiaStart, xs, ys, thetas, edgeStart, edgeCodes, edgeEnds, rowOwners
    }

    /// Writes `index` (owners numbered as in an owner table of `ownerCount`) as of `state`, tied to the face index
    /// file whose header checksum is `faceChecksum`, to `path`, replacing it whole.
    static func write(
        _ index: FingerIndex, ownerCount: Int, state: TemplateState, faceChecksum: UInt64, to path: String
    ) throws(NexoError) {
        try index.checkSource()
        let (fingers, owners) = index.rows
        var summary: [UInt8] = []
        for value in [
            Int64(bitPattern: faceChecksum), state.changes, Int64(fingers.count), Int64(index.ownerCount),
            Int64(ownerCount),
        ] { IndexFileFormat.append(value, to: &summary) }
        var minutiaStart: [Int64] = [0], edgeStart: [Int64] = [0]
        var xs: [Float] = [], ys: [Float] = [], thetas: [Float] = []
        var codes: [UInt16] = [], ends: [UInt32] = []
        for finger in fingers {
            xs += finger.xs
            ys += finger.ys
            thetas += finger.thetas
            codes += finger.edgeCodes
            ends += finger.edgeEnds
            minutiaStart.append(Int64(xs.count))
            edgeStart.append(Int64(codes.count))
        }
        let parts: [(Section, [any IndexSectionBytes])] = [
            (.summary, [summary]), (.positions, [fingers.map { Int32($0.position) }]), (.minutiaStart, [minutiaStart]),
            (.xs, [xs]), (.ys, [ys]), (.thetas, [thetas]), (.edgeStart, [edgeStart]), (.edgeCodes, [codes]),
            (.edgeEnds, [ends]), (.rowOwners, [owners]),
        ]
        try IndexFileWriting.write(
            parts.map { ($0.rawValue, $1, false) }, modality: .finger, state: state, to: path, what: "finger index")
    }

    /// Maps the finger index at `path` and checks its header and summary; the fingers are read (every section
    /// checked) when first needed (``DeferredFingers``). Throws ``IndexFileError`` for a file that must not be used,
    /// `NexoError` when it cannot be opened (`not-found` when there is none).
    static func open(_ path: String) throws -> TiedIndexFile<FingerIndex> {
        let file = try MappedFile(path: path)
        let view = try IndexFileView(file.bytes, modality: .finger)
        try view.verify([Section.summary.rawValue])
        let summary = try view.section(Section.summary.rawValue)
        guard summary.count >= 40 else { throw IndexFileError.sectionChecksum(id: Section.summary.rawValue) }
        let rowCount = Int(summary.int64(at: 16)), ownerTableCount = Int(summary.int64(at: 32))
        let deferred = DeferredFingers(count: rowCount, owners: Int(summary.int64(at: 24))) {
            try read(file, rows: rowCount, ownerTableCount: ownerTableCount)
        }
        return TiedIndexFile(
            index: FingerIndex(deferred: deferred),
            state: TemplateState(
                newest: view.dataVersion, count: Int(view.templateCount), changes: summary.int64(at: 8)),
            faceChecksum: UInt64(bitPattern: summary.int64(at: 0)), ownerTableCount: ownerTableCount)
    }

    /// The `rowCount` fingers of the mapped finger index `file` (owner numbers below `ownerTableCount`), every
    /// section checked.
    private static func read(_ file: MappedFile, rows rowCount: Int, ownerTableCount: Int) throws -> FingerIndex {
        let view = try IndexFileView(file.bytes, modality: .finger)
        try view.verify()
        func values<T: IndexSectionElement>(_ section: Section, _: T.Type) throws -> UnsafeBufferPointer<T> {
            let bytes = try view.section(section.rawValue)
            guard bytes.count % MemoryLayout<T>.stride == 0 else {
                throw IndexFileError.sectionChecksum(id: section.rawValue)
            }
            return bytes.bindMemory(to: T.self)
        }
        let positions = try values(.positions, Int32.self), owners = try values(.rowOwners, Int32.self)
        let minutiaStart = try values(.minutiaStart, Int64.self), edgeStart = try values(.edgeStart, Int64.self)
        let xs = try values(.xs, Float.self), ys = try values(.ys, Float.self), thetas = try values(.thetas, Float.self)
        let codes = try values(.edgeCodes, UInt16.self), ends = try values(.edgeEnds, UInt32.self)
        func bad(_ section: Section) -> IndexFileError { .sectionChecksum(id: section.rawValue) }
        guard rowCount >= 0, positions.count == rowCount, owners.count == rowCount else { throw bad(.positions) }
        guard isRunning(minutiaStart, rows: rowCount, to: xs.count), ys.count == xs.count, thetas.count == xs.count
        else { throw bad(.minutiaStart) }
        guard isRunning(edgeStart, rows: rowCount, to: codes.count), ends.count == codes.count else {
            throw bad(.edgeStart)
        }
        guard owners.allSatisfy({ (0..<Int32(clamping: ownerTableCount)).contains(Int32(littleEndian: $0)) }) else {
            throw bad(.rowOwners)
        }
        var fingers: [PreparedFinger] = []
        fingers.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let minutiae = Int(minutiaStart[row])..<Int(minutiaStart[row + 1])
            let edges = Int(edgeStart[row])..<Int(edgeStart[row + 1])
            guard
                let finger = PreparedFinger(
                    position: Int(Int32(littleEndian: positions[row])), xs: Array(xs[minutiae]),
                    ys: Array(ys[minutiae]), thetas: Array(thetas[minutiae]),
                    edgeCodes: codes[edges].map { UInt16(littleEndian: $0) },
                    edgeEnds: ends[edges].map { UInt32(littleEndian: $0) })
            else { throw bad(.edgeEnds) }
            fingers.append(finger)
        }
        return FingerIndex(fingers: fingers, ownerOfRow: owners.map { Int32(littleEndian: $0) })
    }

    /// Whether `starts` holds `rows + 1` offsets running from 0 up, never down, to `end`.
    private static func isRunning(_ starts: UnsafeBufferPointer<Int64>, rows: Int, to end: Int) -> Bool {
        starts.count == rows + 1 && starts.first == 0 && starts.last == Int64(end)
            && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// Checks every section's checksum of the finger index at `path` (reads all of it).
    static func verify(_ path: String) throws {
        let file = try MappedFile(path: path)
        try IndexFileView(file.bytes, modality: .finger).verify()
    }
}
