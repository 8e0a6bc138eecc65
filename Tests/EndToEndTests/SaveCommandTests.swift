import Foundation
import Testing

/// `… | save FILE` through the real binary: the rows in the format the extension names, 0600, CSV made safe for
/// spreadsheets, and the export rules (not onto the store, not through a link, only from a pipe).
@Suite struct SaveCommandTests {
    private func nexo(_ command: String, in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(["--db", "s.db", "-c", command], directory: directory)
    }

    @Test func writesThePipedRowsAsTheExtensionSays() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo("add person \"=HYPERLINK(1) Pérez\"; add person \"Ana Pérez\"", in: temp.path).status == 0)
        let saved = try nexo("find person perez | sort id | select id label | save people.csv", in: temp.path)
        #expect(saved.status == 0 && saved.stderr.contains("saved 2 rows to people.csv as csv"), "\(saved)")
        #expect(try temp.read("people.csv") == "id,label\nP-1,'=HYPERLINK(1) Pérez\nP-2,Ana Pérez\n")
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path + "/people.csv")[.posixPermissions]
        #expect(mode as? Int == 0o600)
        #expect(try nexo("find person ana | select id | save ana.json", in: temp.path).status == 0)
        #expect(try temp.read("ana.json").contains("\"id\":\"P-2\""))

        let store = try nexo("find person ana | save s.db", in: temp.path)
        #expect(store.status != 0 && store.stderr.contains("writing there would destroy it"), "\(store)")
        let unpiped = try nexo("save alone.csv", in: temp.path)
        #expect(unpiped.status == 2 && unpiped.stderr.contains("'save' writes rows from a pipe"), "\(unpiped)")
    }
}
