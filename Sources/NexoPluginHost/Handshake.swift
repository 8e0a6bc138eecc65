import NexoKit

/// The checks between an opened library and a plugin instance: ABI number, SDK identity, creation.
enum Handshake {
    /// What the handshake gave.
    enum Outcome {
        /// A plugin of this process's NexoKit.
        case plugin(any NexoPlugin)
        /// A refusal reason (without the leading path).
        case refused(String)
    }

    /// Runs the handshake with `library`.
    static func perform(_ library: DynamicLibrary) -> Outcome {
        guard let abi = library.callInt32(NexoABI.abiSymbol) else {
            return .refused(
                "not a plugin: no \(NexoABI.abiSymbol) symbol; build it against NexoKit (see Plugins/README.md)")
        }
        guard abi == NexoABI.loaded else {
            return .refused(
                "built for NexoKit ABI \(abi), this nexo has ABI \(NexoABI.loaded): rebuild the plugin with this SDK")
        }
        // The marker must resolve, in the plugin's scope, to the shared libNexoKit.so this process
        // loaded, not to a copy inside the plugin. (Comparing with the process-wide lookup would not
        // do: an executable that exports symbols, like a test runner, interposes harmlessly.)
        if let shared = sharedMarker, library.symbol(NexoABI.sdkMarkerSymbol) != shared {
            return .refused(staticCopy)
        }
        guard let created = library.callPointer(NexoABI.createSymbol) else {
            return .refused("not a plugin: no \(NexoABI.createSymbol) symbol; export it as Plugins/README.md shows")
        }
        guard let pointer = created else {
            return .refused(
                "\(NexoABI.createSymbol) returned no plugin; return PluginExport.retained(YourPlugin()) from it")
        }
        guard let plugin = PluginExport.take(pointer) else { return .refused(staticCopy) }
        return .plugin(plugin)
    }

    /// The marker's address in the shared NexoKit library, if this process loaded one.
    private static var sharedMarker: UnsafeMutableRawPointer? {
        DynamicLibrary.alreadyLoaded(PluginLoader.sdkLibraryName)?.symbol(NexoABI.sdkMarkerSymbol)
    }

    private static let staticCopy =
        "links its own static copy of NexoKit: depend on the NexoKit product (dynamic) instead"
}
