import Glibc

/// Builds fixture libraries into a test's directory.
enum FixtureBuilder {
    /// Compiles C `source` into `directory/<name>` with `cc -shared -fPIC`; returns the path.
    static func cLibrary(_ name: String, source: String, in directory: String) throws -> String {
        let sourcePath = directory + "/" + name + ".c"
        let output = directory + "/" + name
        try Files.write(source, to: sourcePath)
        try Subprocess.check(["cc", "-shared", "-fPIC", "-o", output, sourcePath])
        unlink(sourcePath)
        try Files.setMode(0o755, of: output)
        return output
    }

    /// A text file named like a library.
    static func garbage(_ name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try Files.write(FixtureSources.garbage, to: path, mode: 0o644)
        return path
    }

    /// Copies the real Notes plugin into `directory` (as `libNexoNotes.so` unless named).
    static func notes(in directory: String, as name: String = "libNexoNotes.so") throws -> String {
        guard Files.exists(BuildProducts.notesLibrary) else {
            throw TestFailure(
                "\(BuildProducts.notesLibrary) is missing: run 'swift build' first (or set NEXO_BUILD_DIR)")
        }
        let path = directory + "/" + name
        try Files.copy(BuildProducts.notesLibrary, to: path, mode: 0o755)
        return path
    }

    /// NexoKit's Swift sources, in every subfolder, sorted.
    static func sdkSources() throws -> [String] {
        let directory = BuildProducts.sdkPackage + "/Sources/NexoKit"
        let listing = try Subprocess.check(["find", directory, "-name", "*.swift", "-type", "f"])
        return listing.split(separator: "\n").map(String.init).sorted()
    }

    /// Compiles a plugin together with NexoKit's sources into `directory/libstaticcopy.so`.
    static func staticCopy(in directory: String) throws -> String {
        let sourcePath = directory + "/fixture.swift"
        try Files.write(FixtureSources.staticCopySwift, to: sourcePath)
        let output = directory + "/libstaticcopy.so"
        try Subprocess.check(
            [
                "swiftc", "-emit-library", "-parse-as-library", "-swift-version", "6",
                "-module-name", "StaticCopy", "-module-cache-path", directory + "/module-cache",
            ]
                + (try sdkSources()) + [sourcePath, "-o", output])
        unlink(sourcePath)
        _ = try? Subprocess.run(["rm", "-rf", directory + "/module-cache"])
        return output
    }
}
