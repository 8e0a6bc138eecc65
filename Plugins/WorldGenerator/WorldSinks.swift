import NexoKit
import NexoWorld

/// Sends generated records into the store's bulk write, and the truth to its file (if any).
final class StoreSink: WorldSink {
    let add: (ImportRecord) throws(NexoError) -> Void
    let truthFile: (any RecordFileWriting)?

    init(add: @escaping (ImportRecord) throws(NexoError) -> Void, truth: (any RecordFileWriting)?) {
        self.add = add
        truthFile = truth
    }

    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) { try add(.entity(draft, aliases: aliases)) }
    func edge(_ draft: EdgeDraft) throws(NexoError) { try add(.edge(draft)) }
    func truth(_ fields: [(String, Value)]) throws(NexoError) { try truthFile?.writeObject(fields) }
}

/// Writes generated records to NDJSON files.
final class FileSink: WorldSink {
    let world: any RecordFileWriting
    let truthFile: any RecordFileWriting

    init(world: any RecordFileWriting, truth: any RecordFileWriting) {
        self.world = world
        truthFile = truth
    }

    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) {
        try world.write(.entity(draft, aliases: aliases))
    }
    func edge(_ draft: EdgeDraft) throws(NexoError) { try world.write(.edge(draft)) }
    func truth(_ fields: [(String, Value)]) throws(NexoError) { try truthFile.writeObject(fields) }
}

/// Counts what would be generated (dry runs).
final class CountingSink: WorldSink {
    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) {}
    func edge(_ draft: EdgeDraft) throws(NexoError) {}
    func truth(_ fields: [(String, Value)]) throws(NexoError) {}
}
