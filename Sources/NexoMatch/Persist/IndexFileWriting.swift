import NexoFiles
import NexoKit

/// Writing and re-checking the engine's index files, the same for every modality.
enum IndexFileWriting {
    /// Writes an index file of `modality` built from the store's `state` to `path`, replacing it whole (a reader
    /// sees the old file or the new one): each section's id, its bytes in parts (borrowed for the write), and
    /// whether it is checked by block. Returns the file's size in bytes. `what` names the file in errors.
    @discardableResult
    static func write(
        _ sections: [(id: UInt32, parts: [any IndexSectionBytes], checkedByBlock: Bool)],
        modality: IndexFileFormat.Modality, state: TemplateState, to path: String, what: String
    ) throws(NexoError) -> Int {
        let writer = try FileWriter(path: path)
        var size = 0
        do {
            try withBytes(of: Array(sections.map(\.parts).joined())) { bytes in
                var next = 0
                let written = sections.map { section in
                    defer { next += section.parts.count }
                    return IndexSection(
                        id: section.id, parts: Array(bytes[next..<next + section.parts.count]),
                        checkedByBlock: section.checkedByBlock)
                }
                try IndexFileFormat.write(
                    modality: modality, dataVersion: state.newest, templateCount: Int64(state.count),
                    sections: written,
                    to: { bytes in
                        size += bytes.count
                        try writer.write(bytes)
                    })
            }
            try writer.close()
            return size
        } catch let error as NexoError {
            throw error
        } catch {
            throw NexoError(.failed, "cannot write the \(what) '\(path)': \(error)")
        }
    }

    /// Calls `body` with the bytes of every one of `parts`, in order, all valid at once.
    private static func withBytes(
        of parts: [any IndexSectionBytes], _ taken: [UnsafeRawBufferPointer] = [],
        _ body: ([UnsafeRawBufferPointer]) throws -> Void
    ) throws {
        guard let first = parts.first else { return try body(taken) }
        try first.withSectionBytes { try withBytes(of: Array(parts.dropFirst()), taken + [$0], body) }
    }

    /// Checks every section of `file` (an index file of `modality` that an index was opened from) before its bytes
    /// are copied into a new file, so that damage is not given fresh checksums; throws, recording the damage in
    /// `damage`, when it is damaged. `what` names the index in the error.
    static func checkSource(
        _ file: MappedFile, modality: IndexFileFormat.Modality, damage: IndexDamage, what: String
    ) throws(NexoError) {
        do {
            try IndexFileView(file.bytes, modality: modality).verify()
        } catch {
            damage.record(error)
            throw NexoError(.failed, "the \(what) this one was opened from is damaged: \(error)")
        }
    }
}
