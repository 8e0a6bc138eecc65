import Foundation
import Testing

/// `link export` and `link chart` through the real binary: their files go through the host's file
/// access (0600, never through a symbolic link, never onto the store's files), and a missing
/// Graphviz is a one-line error that says how to install it.
@Suite struct LinkFilesEndToEndTests {
    private func nexo(_ command: String, in directory: String, environment: [String: String] = [:]) throws
        -> NexoProcess.Output
    {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "S.db", "-c", command], directory: directory,
            environment: environment)
    }

    private func seeded() throws -> TemporaryDirectory {
        let temp = try TemporaryDirectory()
        let add = try nexo(
            #"add person "Ana <x> & \"y\""; add person Beto; add group Locos; link add P-1 member_of G-1; "#
                + "link add P-2 member_of G-1",
            in: temp.path)
        #expect(add.status == 0, "\(add)")
        return temp
    }

    @Test func exportsAreWrittenForTheirOwnerOnly() throws {
        let temp = try seeded()
        let export = try nexo("link export --all --format i2-csv --out net.csv", in: temp.path)
        #expect(export.status == 0, "\(export)")
        for name in ["net.csv", "net-links.csv"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: temp.path + "/" + name)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(name)")
        }
        #expect(
            try temp.read("net.csv")
                == "entity_id,entity_type,label\nG-1,group,Locos\nP-1,person,\"Ana <x> & \"\"y\"\"\"\nP-2,person,Beto\n"
        )
    }

    @Test func aSymbolicLinkOrTheStoreIsNeverWritten() throws {
        let temp = try seeded()
        try temp.write("target.txt", "keep me\n")
        try FileManager.default.createSymbolicLink(
            atPath: temp.path + "/net.graphml", withDestinationPath: "target.txt")
        let linked = try nexo("link export --all --out net.graphml", in: temp.path)
        #expect(linked.status == 1)
        #expect(
            linked.stderr.hasPrefix(
                "-c:1:1: error: 'net.graphml' is a symbolic link; Nexo does not write through links; remove it or "
                    + "choose another name\n"),
            "\(linked)")
        #expect(try temp.read("target.txt") == "keep me\n")

        let before = try Data(contentsOf: URL(fileURLWithPath: temp.path + "/S.db"))
        let store = try nexo("link export --all --format graphml --out S.db", in: temp.path)
        #expect(store.status == 1)
        #expect(
            store.stderr.hasPrefix(
                "-c:1:1: error: 'S.db' is the store in use ('S.db'); writing there would destroy it; choose another "
                    + "file name\n"),
            "\(store)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.path + "/S.db")) == before)
    }

    @Test func withoutGraphvizOnPATHTheChartSaysHowToInstallItAndWritesNothing() throws {
        let temp = try seeded()
        let chart = try nexo("link chart P-1 --out chart.svg", in: temp.path, environment: ["PATH": "/var/empty"])
        #expect(chart.status == 1)
        #expect(
            chart.stderr.hasPrefix(
                "-c:1:1: error: Graphviz is not installed; install Debian's graphviz (apt-get install graphviz)\n"),
            "\(chart)")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/chart.svg"))
    }
}
