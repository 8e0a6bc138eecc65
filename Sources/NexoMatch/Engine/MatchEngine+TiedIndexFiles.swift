import NexoFiles
import NexoKit

/// The iris and finger index files (``IrisIndexFile``, ``FingerIndexFile``): written with the face index file, in
/// its owner numbering, and tied to it by its header checksum; a fresh engine that opens that face file at the
/// state they were written at adopts them instead of loading irises and fingers from the store.
/// An index read from a file tied to the face index file, with the store state it was written at, the face index
/// file it belongs to (its header checksum) and the size of the owner table its owner numbers refer to.
struct TiedIndexFile<Index> {
    var index: Index
    var state: TemplateState
    var faceChecksum: UInt64
    var ownerTableCount: Int
}

extension TiedIndexFile where Index: ModalityIndex {
    /// The same, its index as any modality's.
    var erased: TiedIndexFile<any ModalityIndex> {
        TiedIndexFile<any ModalityIndex>(
            index: index, state: state, faceChecksum: faceChecksum, ownerTableCount: ownerTableCount)
    }
}

extension MatchEngine {
    /// The modalities kept in files tied to the face index file.
    static let tiedModalities: [Modality] = [.iris, .finger]

    /// The iris and finger indexes of the files tied to the face index file `face`, written at `state` (the face
    /// file's own, or the one its changes bring it to), when both are there (none: when the face file was written
    /// without irises and fingers); `nil` otherwise (a damaged file said in a warning), and the caller loads those
    /// modalities from the store.
    func openTiedIndexFiles(
        _ face: FaceIndexFile.Opened, at state: TemplateState, _ storage: any GalleryStorage
    ) -> [Modality: any ModalityIndex]? {
        var found: [Modality: any ModalityIndex] = [:]
        for modality in Self.tiedModalities {
            guard let path = storage.indexFilePath(for: modality) else { return nil }
            do {
                let tied = try Self.openTied(modality, path)
                guard tied.faceChecksum == face.checksum, tied.state == state,
                    tied.ownerTableCount == face.owners.count
                else { return nil }
                found[modality] = tied.index
                tiedIndexFiles[modality] = (path, FileSystem.status(path).map { Int($0.size) } ?? 0, true)
            } catch let error as NexoError where error.code == .notFound {
                continue
            } catch {
                storage.warning(
                    "the \(modality.rawValue) index '\(path)' cannot be used: \(error); its templates are loaded from "
                        + "the store")
                return nil
            }
        }
        // Both files, or none where the face file holds every template of its state.
        guard found.count == Self.tiedModalities.count || (found.isEmpty && face.otherTemplates == 0) else {
            tiedIndexFiles = [:]
            return nil
        }
        return found
    }

    /// The index in the tied file of `modality` at `path`, with the state and face file it belongs to.
    private static func openTied(_ modality: Modality, _ path: String) throws -> TiedIndexFile<any ModalityIndex> {
        modality == .iris ? try IrisIndexFile.open(path).erased : try FingerIndexFile.open(path).erased
    }

    /// Writes the iris and finger indexes to their files, tied to the face index file whose header checksum is
    /// `faceChecksum` (just written, or whose changes were just recorded), as of the loaded state — both, one of
    /// them empty when only the other modality has templates, none when neither has. The iris index is then
    /// searched from its file. A failure is a warning (a fresh engine loads them from the store).
    func writeTiedIndexFiles(faceChecksum: UInt64, _ storage: any GalleryStorage) {
        let templates = Self.tiedModalities.reduce(0) { $0 + (indexes[$1]?.templateCount ?? 0) }
        guard templates > 0 else { return removeTiedIndexFiles(storage) }
        tiedIndexFiles = [:]
        for modality in Self.tiedModalities {
            guard let path = storage.indexFilePath(for: modality) else { continue }
            do {
                guard let index = indexes[modality] else { continue }
                FileWriter.removeAbandonedTemporaries(of: path, unmodifiedFor: 3_600)
                if let iris = index as? IrisIndex {
                    try IrisIndexFile.write(
                        iris, ownerCount: owners.count, state: loaded, faceChecksum: faceChecksum, to: path)
                    indexes[.iris] = try IrisIndexFile.open(path).index
                } else if let finger = index as? FingerIndex {
                    try FingerIndexFile.write(
                        finger, ownerCount: owners.count, state: loaded, faceChecksum: faceChecksum, to: path)
                }
                tiedIndexFiles[modality] = (path, FileSystem.status(path).map { Int($0.size) } ?? 0, false)
            } catch {
                storage.warning(
                    "cannot save the \(modality.rawValue) index '\(path)': \(error); the next process loads its "
                        + "templates from the store")
            }
        }
    }

    /// Removes the iris and finger index files (a rebuild, or damage found).
    func removeTiedIndexFiles(_ storage: any GalleryStorage) {
        tiedIndexFiles = [:]
        for modality in Self.tiedModalities {
            if let path = storage.indexFilePath(for: modality) { try? FileSystem.removeFile(path) }
        }
    }

    /// What `bio gallery stats` says of `modality`'s tied index file.
    func tiedIndexFileNote(_ modality: Modality) -> String {
        guard usesIndexFiles, Self.tiedModalities.contains(modality) else { return "" }
        guard let file = tiedIndexFiles[modality] else {
            return "; no index file (written with the face index file), loaded from the store"
        }
        let size = Format.fixed(Double(file.bytes) / Double(1 << 20), 1)
        return "; index file \(file.path) (\(size) MiB, \(file.opened ? "opened" : "written") by this process)"
    }

    /// The tied index files compared with the face index file on disk (`face`, at `faceState` with its changes)
    /// and the store's `store` state; with `verify`, every checksum checked (throws `failed` when one is damaged). A
    /// missing file is reported only when the face file says it was written with irises or fingers.
    func tiedIndexFileReports(
        _ storage: any GalleryStorage, face: FaceIndexFile.Opened?, faceState: TemplateState?, store: TemplateState,
        verify: Bool
    ) throws(NexoError) -> [IndexFileReport] {
        var reports: [IndexFileReport] = []
        for modality in Self.tiedModalities {
            guard let path = storage.indexFilePath(for: modality) else { continue }
            let bytes = FileSystem.status(path).map { Int($0.size) } ?? 0
            do {
                let file = try Self.openTied(modality, path)
                let (index, state) = (file.index, file.state)
                if verify { try modality == .iris ? IrisIndexFile.verify(path) : FingerIndexFile.verify(path) }
                let tied = file.faceChecksum == face?.checksum && state == faceState
                let current = tied && state == store
                let behind = "behind the store (its templates are loaded from the store until the face index is "
                let foreign = "not the face index file's (written with another one): its templates are loaded from "
                let text =
                    (current ? "current" : tied ? behind + "written again)" : foreign + "the store")
                    + (verify ? "; every checksum right" : "")
                reports.append(
                    IndexFileReport(
                        modality: modality, path: path, bytes: bytes, templates: index.templateCount,
                        newestTemplate: state.newest, isCurrent: current, state: text))
            } catch let error as NexoError where error.code == .notFound {
                guard (face?.otherTemplates ?? 0) > 0 else { continue }
                reports.append(
                    IndexFileReport(
                        modality: modality, path: path, bytes: 0, templates: 0, newestTemplate: 0, isCurrent: false,
                        state: "missing: written with the face index file when there are \(modality.rawValue) "
                            + "templates"))
            } catch {
                if verify {
                    throw NexoError(
                        .failed, "the \(modality.rawValue) index '\(path)' is damaged: \(error)",
                        hint: "'bio index rebuild' writes it again from the store")
                }
                reports.append(
                    IndexFileReport(
                        modality: modality, path: path, bytes: bytes, templates: 0, newestTemplate: 0,
                        isCurrent: false, state: "damaged: \(error)"))
            }
        }
        return reports
    }
}
