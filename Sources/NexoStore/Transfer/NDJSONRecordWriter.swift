import NexoFiles
import NexoKit

/// Writes import records to an NDJSON file in exactly the form `import` reads and `export`
/// writes (one object per line, property keys sorted), plus free-form objects such as
/// ground-truth lines. Call ``close()`` to flush and learn whether everything was written.
public final class NDJSONRecordWriter: RecordFileWriting {
    private let file: FileWriter
    private var line = JSONWriter(capacity: 512)

    /// Starts a new file for `path` through ``FileWriter`` (0600, never through a link, never onto
    /// an open store's files); it replaces `path` at ``close()``, and not at all if never closed.
    public init(path: String) throws(NexoError) {
        file = try FileWriter(path: path)
    }

    /// Appends one entity or edge line.
    public func write(_ record: ImportRecord) throws(NexoError) {
        line.clear()
        switch record {
        case .entity(let draft, let aliases):
            line.raw("{\"type\":\"entity\",\"id\":")
            if let id = draft.id { line.string(id.rawValue) } else { line.raw("null") }
            line.raw(",\"kind\":")
            line.string(draft.kind)
            line.raw(",\"label\":")
            line.string(draft.label)
            line.raw(",\"properties\":")
            line.object(draft.properties)
            if !aliases.isEmpty {
                line.raw(",\"aliases\":")
                line.array(aliases)
            }
        case .edge(let draft):
            line.raw("{\"type\":\"edge\",\"kind\":")
            line.string(draft.kind)
            line.raw(",\"from\":")
            line.string(draft.from.rawValue)
            line.raw(",\"to\":")
            line.string(draft.to.rawValue)
            line.raw(",\"valid_from\":")
            line.value(draft.validFrom.map(Value.date) ?? .null)
            line.raw(",\"valid_to\":")
            line.value(draft.validTo.map(Value.date) ?? .null)
            line.raw(",\"confidence\":")
            line.number(draft.confidence)
            line.raw(",\"properties\":")
            line.object(draft.properties)
        }
        line.raw("}\n")
        try file.write(line.bytes)
    }

    /// Appends one object whose fields keep the given order.
    public func writeObject(_ fields: [(String, Value)]) throws(NexoError) {
        line.clear()
        line.raw(UInt8(ascii: "{"))
        for (n, (key, value)) in fields.enumerated() {
            if n > 0 { line.raw(UInt8(ascii: ",")) }
            line.string(key)
            line.raw(UInt8(ascii: ":"))
            line.value(value)
        }
        line.raw("}\n")
        try file.write(line.bytes)
    }

    /// Flushes and closes the file.
    public func close() throws(NexoError) { try file.close() }
}
