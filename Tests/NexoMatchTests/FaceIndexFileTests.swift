import Glibc
import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// The face index file: what is written searches the same once mapped back (exact scan and inverted lists),
/// damage is caught (at opening for the sections checked then, by a full check for the large ones), and the
/// engine opens a current file instead of rebuilding, loads only what the store added since, makes removed faces
/// tombstones (rewriting the file once enough changed, rebuilding past a quarter of tombstones), and rebuilds a
/// damaged file.
@Suite struct FaceIndexFileTests {
    /// A scratch directory, removed with its files by `remove()`.
    struct Scratch {
        let path: String
        init() throws {
            var template = Array("/tmp/nexo-face-index-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw NexoError(.failed, "mkdtemp failed") }
            path = String(cString: made)
        }
        func file(_ name: String) -> String { path + "/" + name }
        func remove() {
            if let directory = opendir(path) {
                while let entry = readdir(directory) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) {
                        String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                    }
                    if name != "." && name != ".." { unlink(file(name)) }
                }
                closedir(directory)
            }
            rmdir(path)
        }
    }

    /// Built once for the suite (building lists is slow in a debug build): 1,600 realistic faces, filed under
    /// inverted lists; 1,200 isotropic ones, scanned exactly (impostors measured).
    static let filed: [FaceSpectrum: (FaceIndex, [[Float]], FaceSynthesizer)] = [
        .decaying: try! index(.decaying, count: 1_600), .isotropic: try! index(.isotropic, count: 1_200),
    ]

    /// A face index of `count` people, one face each, settled (inverted lists from 1,500 faces on).
    static func index(_ spectrum: FaceSpectrum, count: Int) throws -> (FaceIndex, [[Float]], FaceSynthesizer) {
        let (synthesizer, faces) = identities(spectrum, count: count, seed: 5)
        var index = FaceIndex()
        index.approximateAbove = 1_500
        for (i, vector) in faces.enumerated() {
            try index.add(template(i, vector), owner: Int32(i))
        }
        index.settle()
        return (index, faces, synthesizer)
    }

    static func template(_ person: Int, _ vector: [Float], id: Int64 = 0) -> EncodedTemplate {
        EncodedTemplate(
            id: id, entity: EntityID("P-\(person + 1)"), modality: .face, position: 0,
            data: TemplateCodec.encode(FaceTemplate(vector: vector)!))
    }

    /// Searches `index` and `opened` with captures of 40 people and 10 strangers: the same owners and scores.
    static func expectSameAnswers(
        _ index: FaceIndex, _ opened: FaceIndex, faces: [[Float]], synthesizer: FaceSynthesizer
    ) {
        var rng = SeededRandom(seed: 9)
        var probes = stride(from: 3, to: faces.count, by: faces.count / 40).map {
            BiometricSample(face: synthesizer.capture(of: faces[$0], using: &rng))
        }
        var vectors = TestVectors(state: 4)
        probes += (0..<10).map { _ in BiometricSample(face: FaceTemplate(vector: vectors.vector())!) }
        for probe in probes {
            let want = index.search(probe, k: 5)
            let got = opened.search(probe, k: 5)
            #expect(want.map(\.owner) == got.map(\.owner) && want.map(\.score) == got.map(\.score))
            #expect(index.compare(probe, owner: 7)?.score == opened.compare(probe, owner: 7)?.score)
        }
    }

    @Test(arguments: [FaceSpectrum.decaying, .isotropic])
    func writtenAndOpenedSearchesTheSame(spectrum: FaceSpectrum) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (index, faces, synthesizer) = Self.filed[spectrum]!
        #expect((index.lists != nil) == (spectrum == .decaying), "\(index.method)")
        let owners = faces.indices.map { EntityID("P-\($0 + 1)") }
        try FaceIndexFile.write(
            index, owners: OwnerTable(owners), state: TemplateState(newest: 2_000, count: 2_003, changes: 2_010),
            otherTemplates: 3, to: scratch.file("f"))
        let opened = try FaceIndexFile.open(scratch.file("f"))
        #expect((0..<opened.owners.count).map { opened.owners[$0] } == owners)
        #expect(
            opened.state == TemplateState(newest: 2_000, count: 2_003, changes: 2_010) && opened.otherTemplates == 3)
        #expect(opened.index.templateCount == faces.count && opened.index.ownerCount == faces.count)
        #expect((opened.index.lists != nil) == (index.lists != nil))
        #expect(opened.index.method == index.method)
        #expect(opened.index.impostorScores?.mean == index.impostorScores?.mean)
        Self.expectSameAnswers(index, opened.index, faces: faces, synthesizer: synthesizer)
        #expect(IndexTestFiles.permissions(scratch.file("f")) == 0o600)
        try FaceIndexFile.verify(scratch.file("f"))
    }

    @Test func damageIsCaught() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (index, _, _) = Self.filed[.decaying]!
        let path = scratch.file("f")
        try FaceIndexFile.write(
            index, owners: OwnerTable((0..<1_600).map { EntityID("P-\($0 + 1)") }),
            state: TemplateState(newest: 1_600, count: 1_600, changes: 1_600), otherTemplates: 0, to: path)
        let clean = try IndexTestFiles.bytes(of: path)
        let places = try clean.withUnsafeBytes { try IndexFileView($0, modality: .face).sections }
        let large = Set([FaceIndexFile.Section.codes, .vectors, .listCodes].map(\.rawValue))
        let byBlock = Set(FaceIndexFile.checkedByBlock.map(\.rawValue))
        for (id, place) in places where place.length > 0 {
            var damaged = clean
            // The last byte of a section checked by block: in a block after the first (each is more than one).
            damaged[place.offset + (byBlock.contains(id) ? place.length - 1 : place.length / 2)] ^= 0x10
            try IndexTestFiles.replace(path, with: damaged)
            if large.contains(id) {
                _ = try FaceIndexFile.open(path) // read in place unchecked: caught by the full check
            } else if byBlock.contains(id) {
                // Opened; caught when the damaged block is read, not before.
                let opened = try FaceIndexFile.open(path)
                let damage = opened.index.gallery.base!.damage
                readFirstBlocks(of: opened)
                #expect(place.length > IndexFileFormat.checkBlockSize && damage.damagedSection == nil, "section \(id)")
                readEverything(of: opened)
                #expect(damage.damagedSection == id, "section \(id)")
            } else {
                #expect(throws: (any Error).self, "section \(id)") { try FaceIndexFile.open(path) }
            }
            #expect(throws: (any Error).self, "section \(id)") { try FaceIndexFile.verify(path) }
        }
        // A clean file read whole: no damage.
        try IndexTestFiles.replace(path, with: clean)
        let opened = try FaceIndexFile.open(path)
        readEverything(of: opened)
        #expect(opened.index.gallery.base!.damage.damagedSection == nil)
        var header = clean
        header[20] ^= 1 // the data version
        try IndexTestFiles.replace(path, with: header)
        #expect(throws: IndexFileError.headerChecksum) { try FaceIndexFile.open(path) }
    }

    @Test func theEngineOpensAddsToAndRebuildsItsFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (synthesizer, faces) = identities(.isotropic, count: 300, seed: 8)
        let memory = MemoryGalleryStorage()
        for (i, vector) in faces.prefix(270).enumerated() { try memory.addTemplate(Self.template(i, vector)) }
        let storage = FileStorage(memory: memory, path: scratch.file("g.face-index"))
        var rng = SeededRandom(seed: 3)
        let probes = [5, 77, 289, 295].map { BiometricSample(face: synthesizer.capture(of: faces[$0], using: &rng)) }
        func engine() -> MatchEngine {
            let engine = MatchEngine()
            engine.indexFileMinimumRows = 10
            return engine
        }
        func face(_ engine: MatchEngine) -> FaceIndex { engine.indexes[.face] as! FaceIndex }

        // Built from the store, then written.
        let first = engine()
        let built = try first.session(storage: storage).identify(probes, top: 3)
        // Searched from the file written (the rows in memory released).
        #expect(face(first).gallery.base?.count == 270)
        #expect(try FaceIndexFile.open(storage.path).state == TemplateState(newest: 270, count: 270, changes: 270))
        // A fresh engine opens the file and answers the same.
        let second = engine()
        #expect(try second.session(storage: storage).identify(probes, top: 3) == built)
        #expect(face(second).gallery.base?.count == 270 && face(second).gallery.added.count == 0)
        // Templates added since: the file, plus those thirty loaded from the store.
        for i in 270..<300 { try memory.addTemplate(Self.template(i, faces[i])) }
        let third = engine()
        let grown = try third.session(storage: storage).identify(probes, top: 3)
        #expect(face(third).gallery.base?.count == 270 && face(third).gallery.added.count == 30)
        #expect(grown[3].candidates.first?.entity == "P-296")
        #expect(try engine().session(storage: storage).identify(probes, top: 3) == grown)
        // Enough added to be worth writing the file again (mapped rows and added ones together).
        let rewriting = engine()
        rewriting.indexFileRewriteRows = 20
        #expect(try rewriting.session(storage: storage).identify(probes, top: 3) == grown)
        #expect(try FaceIndexFile.open(storage.path).state == TemplateState(newest: 300, count: 300, changes: 300))
        let reopened = engine()
        #expect(try reopened.session(storage: storage).identify(probes, top: 3) == grown)
        #expect(face(reopened).gallery.base?.count == 300 && face(reopened).gallery.added.count == 0)
        try FaceIndexFile.verify(storage.path)
        // A removal (an undo): the file opened, the removed face a tombstone (not rebuilt, nothing written).
        memory.removeTemplates(of: "P-78")
        let fourth = engine()
        let removed = try fourth.session(storage: storage).identify(probes, top: 3)
        #expect(face(fourth).gallery.base?.count == 300 && face(fourth).tombstones == 1)
        #expect(face(fourth).templateCount == 299 && face(fourth).ownerCount == 299)
        let note = try fourth.session(storage: storage).statistics().first { $0.modality == .face }?.index ?? ""
        #expect(note.contains("1 removed faces passed over"), "\(note)")
        #expect(!removed[1].candidates.contains { $0.entity == "P-78" })
        #expect(try FaceIndexFile.open(storage.path).state == TemplateState(newest: 300, count: 300, changes: 300))
        #expect(storage.comparisons.count == 1)
        // The comparison's outcome was recorded beside the file: a fresh engine applies it, comparing nothing.
        let changes = try FaceIndexChanges.read(FaceIndexChanges.path(for: storage.path))
        #expect(changes.rows.map(\.template) == [-78] && changes.added.isEmpty)
        #expect(changes.state == TemplateState(newest: 300, count: 299, changes: 301))
        let applying = engine()
        #expect(try applying.session(storage: storage).identify(probes, top: 3) == removed)
        #expect(face(applying).tombstones == 1 && storage.comparisons.count == 1)
        // Thirty more removed: enough changed to write the file again, tombstones and all; a fresh engine then
        // needs no comparison, and answers as a clean rebuild does.
        for person in 200..<230 { memory.removeTemplates(of: EntityID("P-\(person)")) }
        let clean = MatchEngine()
        clean.usesIndexFiles = false
        let fewer = try clean.session(storage: storage).identify(probes, top: 3)
        let tombstoning = engine()
        tombstoning.indexFileRewriteRows = 20
        #expect(try tombstoning.session(storage: storage).identify(probes, top: 3) == fewer)
        #expect(try FaceIndexFile.open(storage.path).state == TemplateState(newest: 300, count: 269, changes: 331))
        #expect(access(FaceIndexChanges.path(for: storage.path), F_OK) != 0)
        let withTombstones = engine()
        #expect(try withTombstones.session(storage: storage).identify(probes, top: 3) == fewer)
        #expect(face(withTombstones).tombstones == 31 && face(withTombstones).gallery.added.count == 0)
        // Past a quarter of the rows in tombstones: rebuilt without them, and written.
        for person in 1..<60 where person != 6 { memory.removeTemplates(of: EntityID("P-\(person)")) }
        let fewest = try clean.session(storage: storage).identify(probes, top: 3)
        let compacting = engine()
        #expect(try compacting.session(storage: storage).identify(probes, top: 3) == fewest)
        #expect(face(compacting).gallery.base?.count == 211 && face(compacting).tombstones == 0)
        #expect(try FaceIndexFile.open(storage.path).state.count == 211)
        // A damaged file: said, rebuilt, the same answers.
        var damaged = try IndexTestFiles.bytes(of: storage.path)
        damaged[damaged.count - 1] ^= 0xFF
        try IndexTestFiles.replace(storage.path, with: damaged)
        let fifth = engine()
        #expect(try fifth.session(storage: storage).identify(probes, top: 3) == fewest)
        #expect(memory.warnings.contains { $0.contains("cannot be used") && $0.contains("rebuilt from the store") })
        // A damaged block a search reads (the row owners): found by the search, said, rebuilt, asked again.
        let written = try IndexTestFiles.bytes(of: storage.path)
        let owners = try written.withUnsafeBytes {
            try IndexFileView($0, modality: .face).sections[FaceIndexFile.Section.rowOwners.rawValue]!
        }
        var damagedOwners = written
        damagedOwners[owners.offset + 4 * 100] ^= 0x40
        try IndexTestFiles.replace(storage.path, with: damagedOwners)
        let sixth = engine()
        #expect(try sixth.session(storage: storage).identify(probes, top: 3) == fewest)
        #expect(
            memory.warnings.contains {
                $0.contains("is damaged (section \(FaceIndexFile.Section.rowOwners.rawValue)")
                    && $0.contains("rebuilt from the store")
            })
        #expect(face(sixth).gallery.base?.damage.damagedSection == nil)
        try FaceIndexFile.verify(storage.path)
        // Without the file: the same again, and written anew.
        unlink(storage.path)
        #expect(try engine().session(storage: storage).identify(probes, top: 3) == fewest)
        try FaceIndexFile.verify(storage.path)
    }
}

/// Reads the first number of each section checked by block (and the first owner's id and list's entries).
private func readFirstBlocks(of opened: FaceIndexFile.Opened) {
    let index = opened.index
    _ = (index.ownerOfRow[0], index.rowOfOwner[0], index.templateOfRow[0], opened.owners[0])
    _ = index.lists?.mapped?.range(of: 0)
    index.gallery.base!.scaleBlocks.check(0, 4)
}

/// Reads every number of each section checked by block, as searches and comparisons would.
private func readEverything(of opened: FaceIndexFile.Opened) {
    let index = opened.index
    for row in 0..<index.ownerOfRow.count { _ = (index.ownerOfRow[row], index.templateOfRow[row]) }
    for owner in 0..<index.rowOfOwner.count { _ = index.rowOfOwner[owner] }
    for owner in 0..<opened.owners.count { _ = opened.owners[owner] }
    if let lists = index.lists, let mapped = lists.mapped {
        for list in 0..<lists.listCount { _ = mapped.range(of: list) }
    }
    index.gallery.base!.scaleBlocks.checkAll()
}
