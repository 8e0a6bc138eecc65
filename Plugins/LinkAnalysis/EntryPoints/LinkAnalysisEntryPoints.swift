// The library's two C entry points, in a target of their own: the plugin's unit tests link the
// plugin target, and every in-tree plugin's tests link into one test bundle, where a second
// `nexo_plugin_abi` would be a duplicate symbol.
import LinkAnalysisPlugin
import NexoKit

/// Tells the host which NexoKit ABI this plugin was compiled against.
@_cdecl("nexo_plugin_abi")
public func nexoPluginABI() -> Int32 { NexoABI.compiledAgainst }

/// Creates the plugin; the host takes ownership of the returned pointer.
@_cdecl("nexo_plugin_create")
public func nexoPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retained(LinkAnalysisPlugin()) }
