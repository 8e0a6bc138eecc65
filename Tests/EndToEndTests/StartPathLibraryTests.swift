import Foundation
import Testing

/// What every start of `nexo` loads: not the Concurrency and StringProcessing runtimes (nor
/// libdispatch under them), about 1 ms of each start, which nothing at start needs.
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
    #endif
}
