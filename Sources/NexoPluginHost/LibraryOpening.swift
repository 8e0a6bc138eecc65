import NexoFiles
import NexoKit

/// The checks of one plugin library, all on one open descriptor so that the bytes checked are the
/// bytes loaded: ownership and permissions (``WriteAccess``), the trust manifest's digest, the ELF
/// check, `dlopen` of the descriptor and the handshake. The same at start and when a cached plugin
/// is opened on first use.
struct LibraryOpening: Sendable {
    /// Who may change what loads.
    let access: WriteAccess
    /// The trust manifest in force, if any.
    let manifest: TrustManifest?
    /// SHA-256 of an open descriptor (required with a manifest).
    let digest: (@Sendable (Int32) -> String?)?

    /// What the checks before `dlopen` found.
    enum Vetting {
        /// Not a regular file: not a candidate at all, skipped silently.
        case skipped
        /// Refused: the reason, starting with the path.
        case refused(String)
        /// May be opened; the key of the library as it is now.
        case accepted(SpecCache.Key)
    }

    /// What opening a library gave.
    enum Outcome {
        /// The plugin it created.
        case plugin(any NexoPlugin)
        /// Refused: the reason, starting with the path.
        case refused(String)
    }

    /// The checks that need no more than `fstat(2)` and, with a manifest, the digest.
    func vet(_ file: borrowing FileSystem.OpenFile, at path: String) -> Vetting {
        guard let status = file.status(), status.isRegularFile else { return .skipped }
        if let problem = access.libraryProblem(path, status) { return .refused(problem) }
        var sha256: String?
        if let manifest {
            guard let digest = digest?(file.descriptor) else {
                return .refused(
                    "\(path): cannot compute its SHA-256 for the trust manifest; check that the file is readable")
            }
            guard manifest.allows(digest: digest) else {
                return .refused(
                    "\(path): SHA-256 \(digest) is not in the trust manifest \(manifest.path); "
                        + "add it there if you trust this library")
            }
            sha256 = digest
        }
        return .accepted(SpecCache.Key(path: path, status: status, sha256: sha256))
    }

    /// The ELF check, `dlopen` and the handshake, on a file that passed ``vet(_:at:)``.
    func open(_ file: consuming FileSystem.OpenFile, at path: String, size: UInt64) -> Outcome {
        do {
            try ELFCheck.check(size: size) { offset, count throws(FileSystem.Failure) in
                try file.read(at: offset, count: count)
            }
        } catch {
            return .refused("\(path): \(error.reason)")
        }
        let library: DynamicLibrary
        do { library = try DynamicLibrary.open(file, path: path) } catch {
            return .refused(
                "\(path): not loadable: \(error.message); rebuild it or remove it from the plugin directory")
        }
        switch Handshake.perform(library) {
        case .refused(let reason):
            library.unloadIfForeign()
            return .refused("\(path): \(reason)")
        case .plugin(let plugin):
            // From here on the library stays loaded: the plugin's code and metadata live in it.
            return .plugin(plugin)
        }
    }

    /// Opens the entry `name` of `directory` (the library `path`) without following a symbolic link.
    /// - Throws: the refusal, the same at start and on first use.
    static func openEntry(
        _ name: String, in directory: borrowing FileSystem.OpenFile, at path: String
    ) throws(Refusal) -> FileSystem.OpenFile {
        do {
            return try directory.entry(name)
        } catch {
            if error.isSymbolicLink {
                throw Refusal(
                    reason: "\(path): a symbolic link, which nexo does not follow to a plugin; "
                        + "copy the library itself into the plugin directory")
            }
            throw Refusal(reason: "\(path): cannot open it (\(error.message)); check its permissions")
        }
    }

    /// A refusal reason, as an error.
    struct Refusal: Error {
        var reason: String
    }
}
