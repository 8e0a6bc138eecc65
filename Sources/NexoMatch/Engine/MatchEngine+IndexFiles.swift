import NexoFiles
import NexoKit

/// The engine's index files: the face index beside the store (``FaceIndexFile``) with the changes recorded beside
/// it (``FaceIndexChanges``), opened by a fresh engine, written after a rebuild and once enough changed, and
/// reported, checked and rebuilt for an operator (`bio index verify|rebuild`).
extension MatchEngine {
    /// Adopts the face index file at `path` with its changes file, as of the store's state they were written at
    /// (the caller then applies what changed since); a missing file is left to the rebuild, a damaged or foreign
    /// one is reported and rebuilt (a damaged changes file: reported, the rows compared with the store instead).
    func openFaceIndex(_ path: String, _ storage: any GalleryStorage) throws(NexoError) {
        let opened: FaceIndexFile.Opened
        do {
            opened = try FaceIndexFile.open(path)
        } catch let error as NexoError where error.code == .notFound {
            return
        } catch {
            storage.warning("the face index '\(path)' cannot be used: \(error); it is rebuilt from the store")
            return
        }
        var face = opened.index
        var state = opened.state
        var added: [Int64] = []
        do {
            let applied = try FaceIndexChanges.applied(to: opened, at: path)
            (face, state, added) = (applied.index, applied.state, applied.changes?.added ?? [])
        } catch {
            storage.warning(
                "the face index changes '\(FaceIndexChanges.path(for: path))' cannot be used: \(error); the rows are "
                    + "compared with the store instead")
        }
        var adopted = makeIndexes()
        adopted[.face] = face
        indexes = adopted
        owners = opened.owners
        ownerNumbers = [:]
        ownerNumbersPending = true
        try storage.forEachTemplate(ids: added) { (template: EncodedTemplate) throws(NexoError) in
            add(template, storage)
        }
        var others = 0
        // Irises and fingers from their files when tied to this one at the state it holds, else from the store.
        if let tied = openTiedIndexFiles(opened, at: state, storage) {
            for (modality, index) in tied {
                indexes[modality] = index
                others += index.templateCount
            }
        } else if opened.otherTemplates > 0 || state != opened.state {
            try storage.forEachTemplate(of: Self.modalitiesBesideFaces, through: state.newest) {
                (template: EncodedTemplate) throws(NexoError) in
                add(template, storage)
                others += 1
            }
        }
        settleIndexes()
        // The templates the store holds up to the state's newest must make up that state; if not, the store
        // changed since: the caller compares (the loaded state is then only a marker).
        let faces = (indexes[.face] as? FaceIndex)?.templateCount ?? 0
        loaded = faces + others == state.count ? state : TemplateState(newest: state.newest, count: -1, changes: -1)
        faceIndexFile = (path, opened.index.gallery.base?.file.bytes.count ?? 0, opened.state, true, opened.checksum)
    }

    /// After the rows were compared with the store: writes the face index again once what changed since it was
    /// written (rows added, rows made tombstones or live again) reaches ``indexFileRewriteRows`` and a tenth of
    /// its rows, else records the changes beside it. No file yet: the first rebuild writes it.
    func saveFaceIndexIfChanged(_ path: String?, _ storage: any GalleryStorage, comparedRows: Bool) {
        guard let path, let face = indexes[.face] as? FaceIndex, let base = face.gallery.base,
            let file = faceIndexFile
        else { return }
        let changed = face.gallery.added.count + face.templateOfRow.changedCount
        if changed >= max(indexFileRewriteRows, base.count / 10) {
            saveFaceIndex(path, storage)
        } else if comparedRows {
            let addedRows = face.templateOfRow.mappedCount..<face.templateOfRow.count
            let changes = FaceIndexChanges.Changes(
                base: file.checksum, state: loaded,
                rows: face.templateOfRow.changes.map { ($0.position, $0.value) },
                added: addedRows.map { face.templateOfRow[$0] }.filter { $0 > 0 })
            do throws(NexoError) {
                try FaceIndexChanges.write(changes, to: FaceIndexChanges.path(for: path))
            } catch {
                storage.warning(
                    "cannot save the face index changes: \(error.message); the next process compares the rows again")
                return
            }
            // Irises and fingers written again at that state (their removals are not kept as tombstones).
            writeTiedIndexFiles(faceChecksum: file.checksum, storage)
        }
    }

    /// Writes the face index to `path`, as of the loaded state, when it is worth a file, and searches the file
    /// from then on (the rows held in memory are released); a failure is a warning (searches go on, a fresh
    /// engine rebuilds).
    func saveFaceIndex(_ path: String, _ storage: any GalleryStorage) {
        guard let face = indexes[.face] as? FaceIndex, face.templateCount >= indexFileMinimumRows else { return }
        // A write of a process killed meanwhile left its temporary file: gone after an hour untouched.
        FileWriter.removeAbandonedTemporaries(of: path, unmodifiedFor: 3_600)
        do {
            try FaceIndexFile.write(
                face, owners: owners, state: loaded, otherTemplates: loaded.count - face.templateCount, to: path)
            try? FileSystem.removeFile(FaceIndexChanges.path(for: path))
            let written = try FaceIndexFile.open(path)
            indexes[.face] = written.index
            faceIndexFile = (path, written.index.gallery.base?.file.bytes.count ?? 0, loaded, false, written.checksum)
            writeTiedIndexFiles(faceChecksum: written.checksum, storage)
        } catch {
            storage.warning("cannot save the face index '\(path)': \(error); the next process rebuilds it")
        }
    }

    /// When reading the face index file found a damaged block (``CheckedBlocks``): warns, removes the file and its
    /// changes, and rebuilds every index from the store (writing the file again); returns whether it did. The
    /// operation that read the damage ended without harm (what it read was bounds-checked), but its answer is not
    /// trusted: the caller asks again.
    func rebuildIfDamaged(_ storage: any GalleryStorage) throws(NexoError) -> Bool {
        let faceDamage = (indexes[.face] as? FaceIndex)?.gallery.base?.damage.damagedSection
        let irisDamage = (indexes[.iris] as? IrisIndex)?.source?.damage.damagedSection
        let fingerDamage = (indexes[.finger] as? FingerIndex)?.deferred?.damage.damagedSection
        let damaged: Modality = faceDamage != nil ? .face : irisDamage != nil ? .iris : .finger
        guard let section = faceDamage ?? irisDamage ?? fingerDamage else { return false }
        let path = damaged == .face ? faceIndexFile?.path : tiedIndexFiles[damaged]?.path
        storage.warning(
            "the \(damaged.rawValue) index '\(path ?? "?")' is damaged (section \(section): a checksum differs); "
                + "every index is rebuilt from the store")
        if let path = faceIndexFile?.path {
            try? FileSystem.removeFile(FaceIndexChanges.path(for: path))
            try? FileSystem.removeFile(path)
        }
        removeTiedIndexFiles(storage)
        try rebuild(storage, facePath: usesIndexFiles ? storage.indexFilePath(for: .face) : nil)
        return true
    }

    /// What `bio gallery stats` says of the face index file: none, or its path, size, the state it holds, the faces
    /// added in memory since and the removed ones passed over.
    func faceIndexFileNote() -> String {
        guard let file = faceIndexFile else {
            return usesIndexFiles ? "; no index file (written after a rebuild of \(indexFileMinimumRows)+ faces)" : ""
        }
        let size = Format.fixed(Double(file.bytes) / Double(1 << 20), 1)
        let face = indexes[.face] as? FaceIndex
        var since: [String] = []
        if let added = face?.gallery.added.count, added > 0 {
            since.append("\(added) faces added since, held in memory")
        }
        if let tombstones = face?.tombstones, tombstones > 0 {
            since.append("\(tombstones) removed faces passed over (tombstones, gone at the next rebuild)")
        }
        return "; index file \(file.path) (\(size) MiB, templates up to id \(file.state.newest), "
            + "\(file.opened ? "opened" : "written") by this process"
            + (since.isEmpty ? ", current)" : ", " + since.joined(separator: ", ") + ")")
    }

    /// The face index file compared with the store's state; with `verify`, every checksum checked and its rows
    /// compared with the store's face templates (throws `failed` when it is damaged, or says it is current and
    /// disagrees).
    func indexFileReports(_ storage: any GalleryStorage, verify: Bool) throws(NexoError) -> [IndexFileReport] {
        let face = try faceIndexFileReport(storage, verify: verify)
        guard usesIndexFiles, let path = storage.indexFilePath(for: .face) else { return [face] }
        let header = try? FaceIndexFile.open(path)
        let faceState = header.map { (try? FaceIndexChanges.applied(to: $0, at: path))?.state ?? $0.state }
        return try [face]
            + tiedIndexFileReports(
                storage, face: header, faceState: faceState, store: storage.templateState(), verify: verify)
    }

    /// The face index file's part of ``indexFileReports(_:verify:)``.
    private func faceIndexFileReport(_ storage: any GalleryStorage, verify: Bool) throws(NexoError) -> IndexFileReport {
        let store = try storage.templateState()
        guard usesIndexFiles, let path = storage.indexFilePath(for: .face) else {
            return IndexFileReport(
                modality: .face, path: nil, bytes: 0, templates: 0, newestTemplate: 0, isCurrent: false,
                state: "none: index files are kept beside a store on disk seen whole (no case open)")
        }
        func failed(_ what: String) -> NexoError {
            NexoError(
                .failed, "the face index '\(path)' \(what)",
                hint: "'bio index rebuild' writes it again from the store (a search would rebuild it too)")
        }
        let opened: FaceIndexFile.Opened
        do {
            opened = try FaceIndexFile.open(path)
            if verify { try FaceIndexFile.verify(path) }
        } catch let error as NexoError where error.code == .notFound {
            return IndexFileReport(
                modality: .face, path: path, bytes: 0, templates: 0, newestTemplate: 0, isCurrent: false,
                state: "missing: written by the first search of a gallery of \(indexFileMinimumRows)+ faces, "
                    + "or by 'bio index rebuild'")
        } catch {
            if verify { throw failed("is damaged: \(error)") }
            return IndexFileReport(
                modality: .face, path: path, bytes: FileSystem.status(path).map { Int($0.size) } ?? 0, templates: 0,
                newestTemplate: 0, isCurrent: false, state: "damaged: \(error)")
        }
        var face = opened.index
        var state = opened.state
        var recorded = ""
        var added: [Int64] = []
        let changesPath = FaceIndexChanges.path(for: path)
        do {
            let applied = try FaceIndexChanges.applied(to: opened, at: path)
            (face, state, added) = (applied.index, applied.state, applied.changes?.added ?? [])
            if let changes = applied.changes {
                recorded =
                    "; with the changes recorded in \(changesPath) (\(changes.rows.count) rows changed, "
                    + "\(changes.added.count) faces added)"
            }
        } catch {
            if verify { throw NexoError(.failed, "the face index changes '\(changesPath)' are damaged: \(error)") }
            recorded = "; the changes beside it are damaged (\(error)): a fresh process compares its rows instead"
        }
        let current = state == store
        var text: String
        if current {
            text = "current"
        } else if store.newest >= state.newest, store.count > state.count,
            store.changes - state.changes == Int64(store.count - state.count)
        {
            text = "behind the store by \(store.count - state.count) templates added since (loaded at opening)"
        } else {
            text = "behind the store: templates removed or brought back since (the rows are compared at opening)"
        }
        if verify {
            // Current: every row as the store has it, and the faces no row holds are those recorded as added.
            let (missing, changedRows) = face.reconcile(stored: try storage.templateIDs(of: .face))
            let unrecorded = Set(missing).symmetricDifference(added).count
            if current && (changedRows > 0 || unrecorded > 0) {
                throw failed(
                    "says it holds the store's templates, but \(changedRows) rows and \(unrecorded) faces differ")
            }
            text += "; every checksum right; rows checked against the store"
        }
        return IndexFileReport(
            modality: .face, path: path, bytes: opened.index.gallery.base?.file.bytes.count ?? 0,
            templates: state.count, newestTemplate: state.newest, isCurrent: current, state: text + recorded)
    }

    /// Rebuilds every index from the store's templates, replacing the face index file and dropping its changes.
    func rebuildIndexFiles(_ storage: any GalleryStorage) throws(NexoError) -> [IndexFileReport] {
        guard usesIndexFiles, let path = storage.indexFilePath(for: .face) else {
            throw NexoError(
                .failed, "index files are kept only beside a store on disk seen whole",
                hint: "close the case ('case close') or open a store file with --db")
        }
        indexes = [:]
        loaded = .empty
        faceIndexFile = nil
        removeTiedIndexFiles(storage)
        do {
            try FileSystem.removeFile(FaceIndexChanges.path(for: path))
            try FileSystem.removeFile(path)
        } catch {
            throw NexoError(.failed, "cannot remove the old face index '\(path)': \(error)")
        }
        try synchronise(storage)
        guard faceIndexFile != nil else {
            let faces = indexes[.face]?.templateCount ?? 0
            return [
                IndexFileReport(
                    modality: .face, path: path, bytes: 0, templates: 0, newestTemplate: 0, isCurrent: false,
                    state: "not written: \(faces) faces, fewer than \(indexFileMinimumRows) (rebuilt in memory at "
                        + "little cost)")
            ]
        }
        return try indexFileReports(storage, verify: false)
    }

}
