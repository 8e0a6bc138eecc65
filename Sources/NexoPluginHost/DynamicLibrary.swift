import Glibc
import NexoFiles

/// A shared library opened with `dlopen(3)`. This is the only type in Nexo that calls the dynamic
/// linker (`dlopen`, `dlsym`, `dlclose`, `dlerror`).
///
/// Libraries are opened with `RTLD_NOW | RTLD_LOCAL`: every undefined symbol is resolved at once
/// (a missing dependency fails here, not in the middle of a command), and the library's symbols do
/// not become visible to libraries loaded later, so two plugins never interpose on each other.
///
/// A library stays loaded for the life of the process: `deinit` does **not** call `dlclose`.
/// Loading a Swift image registers its type metadata and protocol conformances with the Swift
/// runtime, which keeps pointers into the image; unloading it would leave those dangling. Only
/// ``unloadIfForeign()`` closes a library, and only one that does not use the Swift runtime.
///
/// Related documentation: `dlopen(3)`, `dlsym(3)`, `dlclose(3)`, `dlerror(3)`, `ld.so(8)`.
final class DynamicLibrary {
    /// The path the library was found at (and is named by in messages).
    let path: String
    private var handle: UnsafeMutableRawPointer?
    /// The descriptor the library was opened through, kept open while the library is loaded.
    private var descriptor: Int32?

    private init(path: String, handle: UnsafeMutableRawPointer) {
        self.path = path
        self.handle = handle
    }

    /// Opens the library already open as `file` (`dlopen(3)` with `RTLD_NOW | RTLD_LOCAL`) through
    /// its descriptor, `/proc/self/fd/N`, never by its path: the dynamic linker maps the very file
    /// that was checked and hashed, even if `path` names another file by now. `path` names the
    /// library in messages.
    ///
    /// The descriptor stays open while the library is loaded (for Swift libraries, for the life of
    /// the process): the dynamic linker knows the library by the name `/proc/self/fd/N` and would
    /// hand out this library again for a later file opened under the same number.
    ///
    /// A dependency the library finds through `$ORIGIN` is looked for in `/proc/self/fd`, so only
    /// dependencies already loaded (`libNexoKit.so`, the Swift runtime) or on the system path resolve.
    ///
    /// - Throws: the `dlerror(3)` text, without the leading name the dynamic linker adds.
    static func open(_ file: consuming FileSystem.OpenFile, path: String) throws(DynamicLibrary.OpenError)
        -> DynamicLibrary
    {
        let library = DynamicLibrary(path: path, handle: try openHandle(file.descriptorPath))
        library.descriptor = file.keepOpen()
        return library
    }

    private static func openHandle(_ name: String) throws(DynamicLibrary.OpenError) -> UnsafeMutableRawPointer {
        _ = dlerror() // clear a stale error of this thread
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            var text = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            if text.hasPrefix(name + ": ") { text.removeFirst(name.count + 2) }
            throw OpenError(message: text)
        }
        return handle
    }

    /// Why `dlopen(3)` failed.
    struct OpenError: Error, Sendable, Hashable {
        /// The dynamic linker's message (`invalid ELF header`).
        var message: String
    }

    /// The address of `name` as this library resolves it (the library first, then its
    /// dependencies, `dlsym(3)` on the handle), or `nil`.
    func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        guard let handle else { return nil }
        return dlsym(handle, name)
    }

    /// The library `name` if the process has already loaded it (`dlopen(3)` with `RTLD_NOLOAD`,
    /// which matches the names loaded objects were asked for, such as `libNexoKit.so`), else `nil`.
    /// Never loads anything.
    static func alreadyLoaded(_ name: String) -> DynamicLibrary? {
        _ = dlerror()
        guard let handle = dlopen(name, RTLD_NOW | RTLD_NOLOAD) else {
            _ = dlerror()
            return nil
        }
        return DynamicLibrary(path: name, handle: handle)
    }

    /// Calls `name` as a C function `int32_t name(void)`; `nil` when the symbol is missing.
    /// The caller vouches for the signature (it is part of the plugin contract).
    func callInt32(_ name: String) -> Int32? {
        guard let address = symbol(name) else { return nil }
        let function = unsafeBitCast(address, to: (@convention(c) () -> Int32).self)
        return function()
    }

    /// Calls `name` as a C function `void *name(void)`; `.none` when the symbol is missing,
    /// `.some(nil)` when the function returned `NULL`.
    func callPointer(_ name: String) -> UnsafeMutableRawPointer?? {
        guard let address = symbol(name) else { return .none }
        let function = unsafeBitCast(address, to: (@convention(c) () -> UnsafeMutableRawPointer?).self)
        return .some(function())
    }

    /// Whether the library uses the Swift runtime: `swift_retain` resolves from its scope, that is
    /// from the library or one of its dependencies. Such a library must never be closed.
    var usesSwiftRuntime: Bool { symbol("swift_retain") != nil }

    /// Closes the library (`dlclose(3)`) when that is safe: it does not use the Swift runtime and no
    /// code or object of it was handed out. Otherwise leaves it loaded. Call only for a refused
    /// library, never for one whose plugin was created.
    func unloadIfForeign() {
        guard let handle, !usesSwiftRuntime else { return }
        dlclose(handle)
        self.handle = nil
        if let descriptor { FileSystem.close(kept: descriptor) }
        descriptor = nil
    }
}

@available(*, unavailable)
extension DynamicLibrary: Sendable {}
