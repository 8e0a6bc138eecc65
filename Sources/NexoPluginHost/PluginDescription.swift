import NexoKit
import Synchronization

/// Everything the host needs from a plugin at start, without its code: name, version, summary,
/// schema contribution and command specs. The spec cache stores it; a cached plugin is registered
/// from it and its library is opened only when one of its commands runs.
public struct PluginDescription: Sendable, Hashable {
    /// The plugin's name (``NexoPlugin/name``).
    public var name: String
    /// The plugin's version (``NexoPlugin/version``).
    public var version: String
    /// The plugin's one-line summary (``NexoPlugin/summary``).
    public var summary: String
    /// The kinds and extensions the plugin adds (``NexoPlugin/schema``).
    public var schema: SchemaContribution
    /// The specs of its commands, in the plugin's order.
    public var commands: [CommandSpec]

    /// Creates a description.
    public init(
        name: String, version: String, summary: String, schema: SchemaContribution, commands: [CommandSpec]
    ) {
        self.name = name
        self.version = version
        self.summary = summary
        self.schema = schema
        self.commands = commands
    }

    /// The description of a plugin instance.
    public init(of plugin: any NexoPlugin) {
        self.init(
            name: plugin.name, version: plugin.version, summary: plugin.summary, schema: plugin.schema,
            commands: plugin.commands.map(\.spec))
    }
}

/// A plugin as its spec cache entry describes it, read at start without decoding its command specs:
/// name, version, summary and schema are read, each command is known by its path, and a command's
/// spec is decoded the first time it is needed (to bind the command, for `help`, for completion).
/// A start that runs one command decodes one spec; `nexo -c ''` decodes none.
public final class CachedDescription: Sendable {
    /// The plugin's name.
    public let name: String
    /// The plugin's version.
    public let version: String
    /// The plugin's one-line summary.
    public let summary: String
    /// The kinds and extensions the plugin adds.
    public let schema: SchemaContribution
    /// The path of each command, in the plugin's order.
    public let commandPaths: [[String]]
    private let encoded: [UInt8]
    private let ranges: [Range<Int>]
    private let decoded: Mutex<[Int: CommandSpec]>

    init(
        name: String, version: String, summary: String, schema: SchemaContribution, commandPaths: [[String]],
        encoded: [UInt8], ranges: [Range<Int>]
    ) {
        self.name = name
        self.version = version
        self.summary = summary
        self.schema = schema
        self.commandPaths = commandPaths
        self.encoded = encoded
        self.ranges = ranges
        decoded = Mutex([:])
    }

    /// The spec of command `index` (of ``commandPaths``), or `nil` when its bytes do not decode (an
    /// entry that passed its checksum yet does not decode was not written by Nexo).
    public func spec(at index: Int) -> CommandSpec? {
        if let spec = decoded.withLock({ $0[index] }) { return spec }
        guard let spec = try? SpecReader.command(in: encoded, at: ranges[index]), spec.path == commandPaths[index]
        else { return nil }
        decoded.withLock { $0[index] = spec }
        return spec
    }

    /// The whole description, every spec decoded; `nil` when one does not decode.
    public var full: PluginDescription? {
        var specs: [CommandSpec] = []
        for index in commandPaths.indices {
            guard let spec = spec(at: index) else { return nil }
            specs.append(spec)
        }
        return PluginDescription(name: name, version: version, summary: summary, schema: schema, commands: specs)
    }
}
