import Glibc
import NexoKit

/// Graphviz, run as a process: the one place the plugin starts a program.
///
/// `render` starts `dot -T<format> -K<layout>` (found on `PATH`), feeds it the DOT text on its
/// standard input and reads the rendered file from its standard output, up to a bound, within a
/// time limit, stopping it on Ctrl-C (``GraphvizProcess`` holds the system calls).
struct Graphviz {
    /// The layout engines a chart may use.
    enum Layout: String, CaseIterable {
        case dot, neato, sfdp
    }

    /// The file formats a chart may be rendered to, named by the output file's extension.
    enum Format: String, CaseIterable {
        case svg, png, pdf
    }

    /// The `dot` executable's path.
    let executable: String
    /// The most bytes a rendering may have (256 MiB).
    var outputLimit = 256 << 20
    /// The most seconds a rendering may take.
    var timeLimit = 300

    /// The error when no `dot` is on the search path.
    static let missing = NexoError(
        .failed, "Graphviz is not installed",
        hint: "install Debian's graphviz (apt-get install graphviz)")

    /// Finds `dot` in the directories of `searchPath` (a `PATH` value; the process's when `nil`).
    static func locate(searchPath: String? = nil) throws(NexoError) -> Graphviz {
        let path = searchPath ?? getenv("PATH").map { String(cString: $0) } ?? ""
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = directory.hasSuffix("/") ? "\(directory)dot" : "\(directory)/dot"
            var status = stat()
            if stat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return Graphviz(executable: candidate)
            }
        }
        throw missing
    }

    /// `dot` rendered with `layout` to `format`; `isCancelled` is asked while it runs.
    func render(_ dot: String, layout: Layout, format: Format, isCancelled: () -> Bool) throws(NexoError)
        -> [UInt8]
    {
        let process = try GraphvizProcess(executable: executable, arguments: ["-T\(format)", "-K\(layout)"])
        defer { process.finish() }
        let deadline = GraphvizProcess.now() + Double(timeLimit)
        var input = ArraySlice(Array(dot.utf8))
        var output: [UInt8] = [], errors: [UInt8] = []
        var outputOpen = true, errorsOpen = true
        if input.isEmpty { process.closeInput() }
        while outputOpen || errorsOpen {
            if isCancelled() { throw NexoError(.cancelled, "cancelled") }
            if GraphvizProcess.now() > deadline {
                throw NexoError(
                    .failed, "Graphviz took longer than \(timeLimit) seconds",
                    hint: "chart fewer entities (a lower --depth), or try --layout sfdp")
            }
            let ready = try process.wait(writing: !input.isEmpty, milliseconds: 100)
            if ready.input && !input.isEmpty {
                input = input.dropFirst(try process.write(input))
                if input.isEmpty { process.closeInput() }
            }
            if ready.output { outputOpen = try process.read(from: .output, into: &output) }
            if ready.errors { errorsOpen = try process.read(from: .errors, into: &errors) }
            if output.count > outputLimit {
                throw NexoError(
                    .failed, "Graphviz wrote more than \(outputLimit >> 20) MiB",
                    hint: "chart fewer entities (a lower --depth)")
            }
            if errors.count > 65536 { errors.removeLast(errors.count - 65536) }
        }
        let status = process.exitStatus()
        guard status == 0, !output.isEmpty else {
            let message =
                String(decoding: errors, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? "no message"
            throw NexoError(
                .failed, "Graphviz failed (exit status \(status)): \(message)",
                hint: "check that Debian's graphviz is complete (apt-get install graphviz)")
        }
        return output
    }
}
