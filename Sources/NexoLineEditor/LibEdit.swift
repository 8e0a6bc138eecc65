import CLibEdit

/// libedit, opened at run time by the first line editor: `nexo` does not link it, so only the
/// interactive REPL pays for loading it (and the libtinfo, libbsd and libmd it needs).
/// CLibEdit holds the table of its functions; this is the Swift side of loading it.
enum LibEdit {
    /// The library the line editor opens (Debian's libedit2).
    static let library = NEXO_LIBEDIT_LIBRARY

    /// Opens libedit once per process; later calls return the first call's result.
    static func load() throws(LineEditorError) {
        try check(library) { error, size in nexo_libedit_load(error, size) }
    }

    /// Opens `library` and resolves every libedit function Nexo uses as ``load()`` does, then closes
    /// it again: the error ``load()`` would report for that library, without changing the loaded one.
    static func probe(_ library: String) throws(LineEditorError) {
        try check(library) { error, size in nexo_libedit_probe(library, error, size) }
    }

    /// Runs `open` with an error buffer and turns its failure into the user-facing error.
    private static func check(
        _ library: String, _ open: (UnsafeMutablePointer<CChar>, Int) -> Int32
    ) throws(LineEditorError) {
        var reason = [CChar](repeating: 0, count: 512)
        let status = reason.withUnsafeMutableBufferPointer { buffer in open(buffer.baseAddress!, buffer.count) }
        guard status != 0 else { return }
        let text = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        throw failure(library, reason: text)
    }

    /// What failed (the loader's reason) and the two ways on: install the library, or run Nexo
    /// without the line editor.
    static func failure(_ library: String, reason: String) -> LineEditorError {
        LineEditorError(
            "\(library) could not be loaded: \(reason); the interactive line editor needs it: install "
                + "Debian's libedit2 package (apt-get install libedit2), or run commands without it "
                + "with `nexo -c COMMANDS`, `nexo run FILE` or on standard input")
    }
}
