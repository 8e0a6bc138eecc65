/// One record of a bulk write (``GraphStoreAccess/importRecords(expectedEdges:source:produce:)``) or of
/// an NDJSON record file (``RecordFileWriting``): an entity with its aliases, or an edge.
public enum ImportRecord: Sendable, Hashable {
    /// An entity and its aliases.
    case entity(EntityDraft, aliases: [String])
    /// An edge.
    case edge(EdgeDraft)
}

/// An NDJSON record file being written through the host (``FileAccess/recordFile(_:)``): one JSON
/// object per line, records in exactly the form `import` reads and `export` writes.
///
/// The file appears at its path, whole, only at ``close()``; a writer never closed leaves the path
/// as it was.
public protocol RecordFileWriting: AnyObject {
    /// Appends one entity or edge line.
    func write(_ record: ImportRecord) throws(NexoError)
    /// Appends one free-form object (a ground-truth line, say) whose fields keep the given order.
    func writeObject(_ fields: [(String, Value)]) throws(NexoError)
    /// Flushes the file and puts it in place.
    func close() throws(NexoError)
}

extension GraphStoreAccess {
    /// Adds the records one at a time with ``addEntity(_:source:)``, ``addAlias(_:to:)`` and
    /// ``addEdge(_:source:)``, each citing `source`: for stores without a bulk path (test doubles).
    public func importRecords(
        expectedEdges: Int, source: EntityID?,
        produce: (_ add: (ImportRecord) throws(NexoError) -> Void) throws(NexoError) -> Void
    ) throws(NexoError) {
        try produce { (record: ImportRecord) throws(NexoError) in
            switch record {
            case .entity(let draft, let aliases):
                let entity = try addEntity(draft, source: source)
                for alias in aliases { try addAlias(alias, to: entity.id) }
            case .edge(let draft):
                try addEdge(draft, source: source)
            }
        }
    }
}

extension FileAccess {
    /// Refuses: this host does not create directories for commands.
    public func makeDirectory(_ path: String) throws(NexoError) {
        throw NexoError(.failed, "cannot create directory '\(path)': this host does not create directories")
    }

    /// Refuses: this host does not write record files for commands.
    public func recordFile(_ path: String) throws(NexoError) -> any RecordFileWriting {
        throw NexoError(.failed, "cannot write '\(path)': this host does not write record files")
    }
}
