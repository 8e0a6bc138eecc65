import Glibc
import NexoKit

@testable import NexoStore

/// A directory under /tmp for one test, removed (with its files) when the fixture goes away.
final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/nexo-store-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws -> String {
        let file = file(name)
        guard let handle = fopen(file, "w") else { throw NexoError(.failed, "cannot write \(file)") }
        fputs(text, handle)
        fclose(handle)
        return file
    }

    func read(_ name: String) -> String {
        guard let handle = fopen(file(name), "r") else { return "<missing>" }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, handle)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The small schema the tests use.
enum TestSchema {
    static let contribution = SchemaContribution(
        entityKinds: [
            EntityKindSpec(
                "person", idPrefix: "P", summary: "A person",
                properties: [
                    PropertySpec("given_names", .string),
                    PropertySpec("date_of_birth", .date),
                    PropertySpec("sex", .oneOf(["F", "M", "X"])),
                    PropertySpec("height", .double),
                    PropertySpec("children", .int),
                    PropertySpec("deceased", .bool),
                ]),
            EntityKindSpec(
                "group", idPrefix: "G", summary: "A group",
                properties: [
                    PropertySpec("type", .oneOf(["gang", "clique"])),
                    PropertySpec("founded", .date),
                ]),
            EntityKindSpec(
                "phone", idPrefix: "PH", summary: "A phone",
                properties: [
                    PropertySpec("number", .string, required: true)
                ]),
        ],
        edgeKinds: [
            EdgeKindSpec(
                "member_of", summary: "Membership", from: ["person"], to: ["group"],
                properties: [PropertySpec("role", .string)]),
            EdgeKindSpec("uses_phone", summary: "Uses a phone", from: ["person"], to: ["phone"]),
            EdgeKindSpec(
                "called", summary: "Called", from: ["phone"], to: ["phone"],
                properties: [PropertySpec("calls", .int)]),
        ])

    static let schema: Schema = {
        var schema = Schema()
        try! schema.add(contribution, from: "test")
        return schema
    }()
}

/// A fresh store in its own temporary directory, with helpers to run commands.
final class Fixture {
    let directory = TemporaryDirectory()
    let store: Store
    private var clock = 0

    init(path: String? = nil) throws {
        store = try Store.open(path: path ?? directory.file("nexo.db"), schema: TestSchema.schema)
    }

    /// A request with a deterministic, increasing time.
    func request(_ command: String, user: String = "ana", caseID: String? = nil) -> RunRequest {
        clock += 1
        let seconds = String(clock % 60)
        let time =
            "2026-03-01T10:\(clock / 60 < 10 ? "0" : "")\(clock / 60):\(seconds.count == 1 ? "0" : "")\(seconds)Z"
        return RunRequest(
            user: user, caseID: caseID, command: command, plugin: "core", pluginVersion: "0.1.0", time: time)
    }

    /// Runs a writing command.
    @discardableResult
    func write<T>(
        _ command: String = "test write", caseID: String? = nil,
        _ body: (StoreSession) throws -> T
    ) throws -> CommandOutcome<T> {
        try store.perform(request(command, caseID: caseID), writes: true, dryRun: false, body)
    }

    /// Runs a read-only command and returns its value.
    func read<T>(_ body: (StoreSession) throws -> T) throws -> T {
        try store.perform(request("test read"), writes: false, dryRun: false, body).value
    }

    /// Adds a small graph: two people, a gang, two phones, memberships, phone use and a call.
    func seedGraph() throws {
        try write("seed") { s in
            // P-1
            try s.addEntity(
                EntityDraft(kind: "person", label: "José Hernández", properties: ["sex": .string("M")]), source: nil)
            try s.addEntity(EntityDraft(kind: "person", label: "Ana López"), source: nil) // P-2
            try s.addEntity(
                EntityDraft(kind: "group", label: "Sonsonate Locos", properties: ["type": .string("clique")]),
                source: nil) // G-1
            try s.addEntity(
                EntityDraft(kind: "phone", label: "+503 7000 0001", properties: ["number": .string("+50370000001")]),
                source: nil) // PH-1
            try s.addEntity(
                EntityDraft(kind: "phone", label: "+503 7000 0002", properties: ["number": .string("+50370000002")]),
                source: nil) // PH-2
            try s.addEdge(
                EdgeDraft(
                    kind: "member_of", from: "P-1", to: "G-1", properties: ["role": .string("palabrero")],
                    validFrom: CivilDate(year: 2020, month: 1, day: 1),
                    validTo: CivilDate(year: 2022, month: 12, day: 31)), source: nil) // E-1
            try s.addEdge(
                EdgeDraft(
                    kind: "member_of", from: "P-2", to: "G-1", validFrom: CivilDate(year: 2024, month: 1, day: 1)),
                source: nil) // E-2
            try s.addEdge(EdgeDraft(kind: "uses_phone", from: "P-1", to: "PH-1"), source: nil) // E-3
            try s.addEdge(EdgeDraft(kind: "uses_phone", from: "P-2", to: "PH-2"), source: nil) // E-4
            // E-5
            try s.addEdge(
                EdgeDraft(kind: "called", from: "PH-1", to: "PH-2", properties: ["calls": .int(12)]), source: nil)
        }
    }
}

/// The error a throwing call raised, as a NexoError.
func nexoError(_ body: () throws -> Void) -> NexoError? {
    do {
        try body()
        return nil
    } catch let error as NexoError {
        return error
    } catch {
        return NexoError(.failed, "unexpected error \(error)")
    }
}
