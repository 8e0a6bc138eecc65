import Foundation
import Testing

/// What every start of `nexo` loads: not the Concurrency and StringProcessing runtimes (nor
/// libdispatch under them), about 1 ms of each start, which nothing at start needs; not libedit,
/// about 0.5 ms, which only the REPL needs.
@Suite struct StartPathLibraryTests {
    #if os(Linux)
        @Test func nexoLoadsNeitherConcurrencyNorStringProcessing() throws {
            let temp = try TemporaryDirectory()
            // The dynamic loader lists what it loads for the program and exits (what ldd does).
            let run = try NexoProcess.run(
                ["-c", ""], directory: temp.path, environment: ["LD_TRACE_LOADED_OBJECTS": "1"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("libNexoKit.so"), "\(run)")
            let unwanted = [
                "libswift_Concurrency", "libswift_StringProcessing", "libswift_RegexParser", "libdispatch",
                "libBlocksRuntime",
            ]
            let loaded = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(loaded.filter { line in unwanted.contains { line.hasPrefix($0) } } == [], "\(run)")
        }

        /// Only the interactive REPL edits lines: libedit (and the libtinfo, libbsd and libmd it
        /// needs) is opened when the first line editor is made, never linked or opened by a start
        /// that runs commands.
        @Test func nexoOpensLibeditOnlyForTheREPL() throws {
            let temp = try TemporaryDirectory()
            // The dynamic loader reports each library it opens, linked or dlopen'ed, on stderr.
            let run = try NexoProcess.run(
                ["--no-plugins", "-c", ""], directory: temp.path, environment: ["LD_DEBUG": "files"])
            #expect(run.status == 0, "\(run)")
            let opened = run.stderr.split(separator: "\n").compactMap { line -> Substring? in
                guard let name = line.range(of: "file=")?.upperBound else { return nil }
                return line[name...].prefix { $0 != " " }
            }
            #expect(opened.contains { $0.hasPrefix("libNexoKit.so") }, "\(run)")
            let unwanted = ["libedit", "libtinfo", "libbsd", "libmd"]
            #expect(opened.filter { name in unwanted.contains { name.hasPrefix($0) } } == [], "\(run)")
        }
    #endif
}
