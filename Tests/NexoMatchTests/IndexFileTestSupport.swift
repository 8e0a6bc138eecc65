import Glibc
import NexoKit

@testable import NexoMatch

/// A memory gallery that keeps its index files beside `path` (the face index), `path.iris` and `path.finger`.
struct FileStorage: GalleryStorage {
    let memory: MemoryGalleryStorage
    let path: String
    /// Counts the engine's comparisons of its rows with the store's template ids.
    final class Calls: @unchecked Sendable { var count = 0 }
    let comparisons = Calls()

    func templateIDs(of modality: Modality) throws(NexoError) -> [Int64] {
        comparisons.count += 1
        return try memory.templateIDs(of: modality)
    }

    func indexFilePath(for modality: Modality) -> String? { modality == .face ? path : path + "." + modality.rawValue }
    func warning(_ text: String) { memory.warning(text) }
    func templateState() throws(NexoError) -> TemplateState { try memory.templateState() }
    func forEachTemplate(after afterID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void)
        throws(NexoError)
    { try memory.forEachTemplate(after: afterID, body) }
    func addTemplate(_ template: EncodedTemplate) throws(NexoError) { try memory.addTemplate(template) }
    func templates(of entity: EntityID) throws(NexoError) -> [EncodedTemplate] { try memory.templates(of: entity) }
    func biographic(of entity: EntityID) throws(NexoError) -> BiographicRecord? { try memory.biographic(of: entity) }
    func nameCandidates(_ name: String, limit: Int) throws(NexoError) -> [EntityID] {
        try memory.nameCandidates(name, limit: limit)
    }
    func personCount() throws(NexoError) -> Int { try memory.personCount() }
}

/// Reading, replacing and inspecting index files in tests.
enum IndexTestFiles {
    /// The bytes of the file at `path`.
    static func bytes(of path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw NexoError(.failed, "cannot open \(path)") }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case let count = Glibc.read(fd, &buffer, buffer.count), count > 0 { result += buffer[0..<count] }
        return result
    }

    /// Replaces the file at `path` with `bytes` (a new inode, as the engine's writer does).
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw NexoError(.failed, "cannot create \(path)") }
        defer { close(fd) }
        guard write(fd, bytes, bytes.count) == bytes.count else { throw NexoError(.failed, "short write") }
    }

    /// The permission bits of the file at `path`.
    static func permissions(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }
}
