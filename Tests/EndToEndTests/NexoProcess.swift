import Foundation
import Testing

/// Runs the built `nexo` binary as a child process, as a user or a script would.
struct NexoProcess {
    /// What a run produced.
    struct Output: Equatable, CustomStringConvertible {
        var stdout: String
        var stderr: String
        var status: Int32
        var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// The directory holding `nexo` and the plugin libraries: `$NEXO_BUILD_DIR`, else `.build/debug`.
    static let binDirectory: String = {
        if let dir = ProcessInfo.processInfo.environment["NEXO_BUILD_DIR"] { return dir }
        return packageRoot + "/.build/debug"
    }()

    /// The repository root, found from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
                FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources/NexoKit").path)
            {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static var executable: String { binDirectory + "/nexo" }

    /// An environment that makes runs reproducible: fixed clock and user, a private HOME, no
    /// plugin path from the caller's environment, no pager (a REPL in a terminal test shows every
    /// result on the screen; PagerTerminalTests name their own).
    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NEXO_CLOCK"] = "2026-11-29T12:00:00Z"
        env["NEXO_USER"] = "tester"
        env["HOME"] = home
        env["LANG"] = "C.UTF-8"
        env["PAGER"] = "cat"
        env.removeValue(forKey: "NEXO_PLUGIN_PATH")
        env.removeValue(forKey: "NEXO_DB")
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs nexo with `arguments`, feeding `stdin`, in `directory`.
    static func run(_ arguments: [String], stdin: String? = nil, directory: String, environment: [String: String] = [:])
        throws -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = Self.environment(home: directory, extra: environment)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave()
        }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
            status: process.terminationStatus)
    }
}

/// A fresh temporary directory per test, removed at the end.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "nexo-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }
}
