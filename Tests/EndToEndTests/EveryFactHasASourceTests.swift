import Foundation
import Testing

/// Every fact has a source, whatever wrote it: the generated world, core writes, notes, watches, enrolments, the
/// feed's encounters and matches, and imports with and without a named source. Checked on the export, where each
/// entity and edge line names the source it cites.
@Suite struct EveryFactHasASourceTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "facts.db"] + arguments, directory: directory)
    }

    @Test func everyEntityAndEdgeWrittenAnyWayCitesASource() throws {
        let temp = try TemporaryDirectory()
        try temp.write("people.csv", "id,kind,label\nP-9001,person,Ana Prueba\n")
        try temp.write("links.ndjson", #"{"type":"edge","kind":"knows","from":"P-9001","to":"P-1"}"# + "\n")
        let day = try String(
            contentsOfFile: NexoProcess.packageRoot + "/Scripts/examples/el-amatillo-day.ndjson", encoding: .utf8)
        try temp.write("day.ndjson", day)
        let script = """
            generate --scale demo --seed 22
            add person "Zed Test"; link add P-1 knows P-271
            note add G-12 "seen at the market"
            bio watch add --gang MS-13
            bio synth P-5 --face p5.f32; bio enroll P-5 --face p5.f32
            bio feed run day.ndjson
            import people.csv
            import links.ndjson --reported-by "Partner list" --grading C3
            export all.ndjson
            """
        try temp.write("writes.nexo", script)
        let run = try nexo(["run", "writes.nexo"], in: temp.path)
        #expect(run.status == 0, "\(run)")
        let lines = try temp.read("all.ndjson").split(separator: "\n")
        let facts = lines.filter { !$0.hasPrefix(#"{"type":"source""#) }
        #expect(facts.count > 4_000)
        let uncited = facts.filter { !$0.contains(#""source":"S-"#) }
        #expect(uncited.isEmpty, "facts without a source: \(uncited.prefix(3))")
        let sources = lines.filter { $0.hasPrefix(#"{"type":"source""#) }.joined(separator: "\n")
        for expected in [
            "synthetic world (generate --scale demo --seed 22)", "own entry by tester",
            "border post El Amatillo: encounters and their matches", "people.csv imported by tester", "Partner list",
        ] {
            #expect(sources.contains(expected), "no source '\(expected)' in \(sources)")
        }
    }

    @Test func tablesOfEdgesShowEachEdgesSourceAndGrading() throws {
        let temp = try TemporaryDirectory()
        let script = """
            generate --scale demo --seed 22
            note add G-12 "seen at the market"
            gang members G-12 --provenance | select source grading reported_by | limit 1
            neighbors G-12 --via note_on --provenance | select id edge source grading reported_by
            gang history P-13 --provenance | select event source grading
            """
        try temp.write("read.nexo", script)
        let run = try nexo(["--format", "csv", "run", "read.nexo"], in: temp.path)
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout.hasSuffix(
                "source,grading,reported_by\nS-1,B2,synthetic world (generate --scale demo --seed 22)\n"
                    + "id,edge,source,grading,reported_by\nN-1,E-3699,S-2,F6,own entry by tester\n"
                    + "event,source,grading\nmember,S-1,B2\nprison,S-1,B2\n"), "\(run)")
    }
}
