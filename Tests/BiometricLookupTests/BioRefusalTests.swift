import BiometricLookupPlugin
import NexoKit
import NexoKitTesting
import Testing

/// The bio commands' usage errors and refusals that need no match engine, run by the test kit
/// in a host without one (no matcher, no files, no background jobs).
@Suite struct BioRefusalTests {
    private let kit: PluginTestKit

    init() throws {
        kit = try PluginTestKit(plugin: BiometricLookupPlugin())
        try kit.store.addPeople(["Ana Pérez"])
        try kit.store.addGroups([("MS-13", "gang")])
    }

    @Test func conformsToTheSDKRules() {
        #expect(PluginConformance.problems(in: BiometricLookupPlugin()) == [])
    }

    @Test(arguments: [
        "bio enroll P-1 --face p.f32", "bio enroll P-1", "bio identify --name Ana", "bio verify P-1 --face p.f32",
        "bio explain P-1 P-1", "bio gallery stats", "bio export P-1 p.f32 --modality face", "bio import people.ndjson",
        "bio feed run feed.ndjson",
    ])
    func commandsOfTheEngineRefuseAHostWithoutOne(line: String) {
        #expect(throws: NexoError(.failed, "this host has no match engine", hint: "run the command in nexo")) {
            try kit.run(line)
        }
    }

    @Test(arguments: [
        "bio feed start feed.ndjson", "bio feed status", "bio feed stop feed-1", "bio feed wait --until 5m",
    ])
    func feedJobsRefuseAHostWithoutBackgroundJobs(line: String) {
        #expect(
            throws: NexoError(
                .failed, "this host runs no background jobs",
                hint: "use 'bio feed run FILE' to match a file in the foreground")
        ) {
            try kit.run(line)
        }
    }

    @Test func limitsAreCheckedBeforeTheEngineIsAsked() {
        #expect(throws: NexoError(.usage, "--top must be 1 to 1000")) { try kit.run("bio identify --top 0") }
        #expect(throws: NexoError(.usage, "--top must be 1 to 1000")) { try kit.run("bio identify --top 1001") }
        #expect(throws: NexoError(.usage, "--top must be 1 to 100")) { try kit.run("bio feed run f --top 101") }
        #expect(throws: NexoError(.usage, "say what to export with --modality face|finger|iris")) {
            try kit.run("bio export P-1 p.ist")
        }
        #expect(throws: NexoError(.usage, "--limit must be at least 1")) { try kit.run("bio alerts --limit 0") }
    }

    @Test func badWordsAreRefusedByTheBinderAsNexoRefusesThem() {
        #expect(
            throws: NexoError(
                .usage, "missing argument <person> for 'bio enroll'",
                hint: "usage: bio enroll <person> [--face file] [--finger file] [--iris file]")
        ) {
            try kit.run("bio enroll")
        }
        #expect(throws: NexoError(.usage, "G-1 is a group, expected a person")) { try kit.run("bio verify G-1") }
        #expect(throws: NexoError(.usage, "invalid value 'xml' for --record-format; expected one of: iso, ansi")) {
            try kit.run("bio export P-1 p.ist --modality finger --record-format xml")
        }
    }
}
