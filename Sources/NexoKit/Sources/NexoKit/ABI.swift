/// The binary contract between the host and its plugins.
///
/// Swift has no stable ABI on Linux: a plugin must be compiled against the same NexoKit
/// as the host that loads it. Each plugin exports the ABI number it was *compiled* against
/// (``NexoABI/compiledAgainst`` is inlined into the plugin) and the loader compares it with the
/// number of the NexoKit it actually loaded (``NexoABI/loaded``).
///
/// To bump the ABI, add a new enum (`ABI4`) and re-point ``CurrentABI``: incremental builds do
/// not notice an edited literal inside an inlinable body, but they do notice a new declaration.
public enum ABI1 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 1 }
}

/// Revision 2: schema extensions (``KindExtension``) and ``EntityQuery/ids``.
public enum ABI2 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 2 }
}

/// Revision 3: the match engine (``MatchEngineAccess``, templates) and ``FileAccess`` in the
/// command context.
public enum ABI3 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 3 }
}

/// Revision 4: background jobs (``BackgroundJobs``, ``JobContext``) in the command context.
public enum ABI4 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 4 }
}

/// Revision 5: ``MatchEngineAccess`` identifies a batch of probes in one call.
public enum ABI5 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 5 }
}

/// Revision 6: ``CommandResult/footer``, ``GraphStoreAccess/commitProgress()``, bounded job waits
/// (``JobWaitBound``), ``SourceOptions/source(from:context:)``, templates checked at the door
/// (``BiometricSample/checkTemplates(source:)``, ``FaceTemplate/defect(of:)``) with
/// ``FingerTemplate/extendedData`` and ``BiometricSample/warnings``, ``NameFolding``, and record
/// lines as results: ``FileAccess/forEachLine(in:_:)`` hands each line as `Result<String, NexoError>`
/// (invalid UTF-8, ``UTF8Input``, or longer than ``RecordLine/maximumBytes``).
public enum ABI6 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 6 }
}

/// Revision 7 (the platform's second edition): typed argument keys (``ArgumentKey``,
/// ``OptionKey``, ``FlagKey`` … read through ``ParsedArguments`` subscripts) with specs declared
/// from them (``ArgumentDeclaration``, ``OptionDeclaration``), the core schema in the SDK
/// (``CoreSchema``, with its kinds, properties and enumerated values),
/// ``CommandContext/entities(given:kind:)``; the string-keyed reads of ``ParsedArguments`` are
/// removed. Also ``GraphStoreAccess/importRecords(expectedEdges:source:produce:)``
/// with ``ImportRecord``, ``FileAccess/makeDirectory(_:)`` and ``FileAccess/recordFile(_:)``,
/// ``EncodedTemplate``, ``NameFolding/words(_:upperCased:)``, ``NameFolding/foldQuery(_:)`` and
/// ``PropertySpec/check(_:of:)``.
public enum ABI7 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 7 }
}

/// Revision 8: ``GraphView`` carries what link analysis needs. Nodes have their ``GraphView/labels``;
/// stored edges are numbered `0..<edgeCount` (``GraphView/edgeIndex(_:)`` from a slot) and carry
/// their validity, confidence and source grading (``GraphView/validFrom(ofEdge:)``,
/// ``GraphView/validTo(ofEdge:)``, ``GraphView/confidence(ofEdge:)``, ``GraphView/grading(ofEdge:)``,
/// ``GraphView/isEdge(_:validDuring:)``); ``GraphView/distances(from:maxHops:direction:kinds:during:)``
/// can keep to edges valid during a range. ``GraphView/Link`` takes the new fields and its
/// initializer, like the view's, throws `invalid-input` on bad input instead of trapping.
public enum ABI8 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 8 }
}

/// Revision 9: ``ResultTable`` may be built from its columns' cells (``ColumnCells``, flat arrays
/// per column, entity columns as ``GraphView`` node numbers) and is read by ``ResultTable/rowCount``,
/// ``ResultTable/row(_:)`` and ``ResultTable/cell(row:column:)``; ``GraphView/entityRef(ofNode:)``.
public enum ABI9 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 9 }
}

/// Revision 10: ``MatchEngineAccess/indexFiles(verify:)`` and ``MatchEngineAccess/rebuildIndexFiles()`` with
/// ``IndexFileReport`` (`bio index verify|rebuild`).
public enum ABI10 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 10 }
}

/// Revision 11: ``BiographicRecord`` keeps given names and surnames apart and carries ``PostalAddress``es
/// (``BiographicRecord/init(person:aliases:)`` reads a stored person); ``MatchEngineAccess/calibrateBiographic()``
/// with ``BiographicCalibrationReport``; ``MatchEngineAccess/duplicates(minimum:)`` with ``DuplicateSearch``.
public enum ABI11 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 11 }
}

/// Revision 12: ``CommandContext/today``; ``ValueType/partialDate`` (a person's `date_of_birth` known whole or in
/// part) with ``PartialDate`` moved beside it (``PartialDate/parse(_:what:today:earliestYear:)``).
public enum ABI12 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 12 }
}

/// Revision 13: specs declare what completion offers without running a command: ``CommandSpec/columns``
/// (``ResultColumns``), and ``ArgumentSpec/completion`` and ``OptionSpec/completion`` (``CompletionSource``: the
/// columns piped in, the session's jobs, values stored in an edge property), declared with
/// ``ArgumentType/string(completing:)``; ``DurationText`` (one reading of `90s`, `5m`, `2h`, `3d`);
/// ``ChangeSummary/sourcesRemoved``; a bulk write cites a source
/// (``GraphStoreAccess/importRecords(expectedEdges:source:produce:)``).
public enum ABI13 {
    /// The ABI number of this revision of the contract.
    @_alwaysEmitIntoClient public static var number: Int32 { 13 }
}

/// The ABI revision this NexoKit implements.
public typealias CurrentABI = ABI13

/// ABI numbers as seen by a plugin (at compile time) and by the host (at run time).
public enum NexoABI {
    /// The ABI number the calling code was compiled against. Inlined into the caller, so a plugin
    /// carries the number of the SDK it was built with. Return it from `nexo_plugin_abi`.
    @_alwaysEmitIntoClient public static var compiledAgainst: Int32 { CurrentABI.number }

    /// The ABI number of the NexoKit library loaded in this process.
    public static var loaded: Int32 { CurrentABI.number }

    /// Name of the C symbol a plugin exports returning its ``compiledAgainst`` number.
    public static let abiSymbol = "nexo_plugin_abi"
    /// Name of the C symbol a plugin exports returning a retained plugin instance.
    public static let createSymbol = "nexo_plugin_create"
    /// Name of a C symbol that only NexoKit itself defines. If a plugin resolves it to a different
    /// address than the host does, the plugin carries its own static copy of the SDK.
    public static let sdkMarkerSymbol = "nexo_kit_sdk_marker"
}

/// Marker symbol used by the loader to detect a plugin that linked a static copy of NexoKit.
@_cdecl("nexo_kit_sdk_marker")
public func nexoKitSDKMarker() -> Int32 { CurrentABI.number }

/// Helpers for the two C entry points every plugin exports.
///
/// ```swift
/// @_cdecl("nexo_plugin_abi")
/// public func nexoPluginABI() -> Int32 { NexoABI.compiledAgainst }
///
/// @_cdecl("nexo_plugin_create")
/// public func nexoPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retained(NotesPlugin()) }
/// ```
public enum PluginExport {
    /// Returns a +1 retained opaque pointer to `plugin`; the host takes ownership.
    public static func retained(_ plugin: any NexoPlugin) -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(PluginBox(plugin)).toOpaque()
    }

    /// Takes ownership of a pointer made by ``retained(_:)``. Returns `nil` when the object behind
    /// the pointer is not a `PluginBox` of *this* NexoKit (a plugin with a static SDK copy).
    public static func take(_ pointer: UnsafeMutableRawPointer) -> (any NexoPlugin)? {
        let object = Unmanaged<AnyObject>.fromOpaque(pointer).takeRetainedValue()
        return (object as? PluginBox)?.plugin
    }
}

/// A class box so a plugin of any type (struct or class) can cross the C boundary.
public final class PluginBox: Sendable {
    /// The boxed plugin.
    public let plugin: any NexoPlugin
    /// Boxes `plugin`.
    public init(_ plugin: any NexoPlugin) { self.plugin = plugin }
}
