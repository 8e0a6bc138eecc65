import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `link export` to each format, parsed back, on the test kit's store and in-memory files.
@Suite struct LinkExportTests {
    @Test func thePluginConforms() {
        #expect(PluginConformance.problems(in: LinkAnalysisPlugin()) == [])
    }

    @Test func graphMLDeclaresEveryAttributeWithItsTypeAndCarriesEveryValue() throws {
        let graph = try LinkTestGraph()
        let result = try graph.kit.run("link export --all --format graphml --out net.graphml")
        #expect(result.message == "wrote 4 entities and 4 links to net.graphml")
        #expect(result.table?.rows == [[.string("net.graphml"), .string("graphml"), .int(4), .int(4)]])
        let root = try #require(ParsedXML.parse(try graph.text("net.graphml")))
        let keys = root.all("key").map {
            "\($0.attributes["for"] ?? "") \($0.attributes["attr.name"] ?? "") \($0.attributes["attr.type"] ?? "")"
        }
        #expect(
            keys == [
                "node kind string", "node label string", "node date_of_birth string", "node nationality string",
                "edge kind string", "edge valid_from string", "edge valid_to string", "edge confidence double",
                "edge source string", "edge reliability string", "edge credibility int", "edge role string",
            ])
        let names = Dictionary(
            uniqueKeysWithValues: root.all("key").map { ($0.attributes["id"]!, $0.attributes["attr.name"]!) })
        func data(_ element: ParsedXML) -> [String: String] {
            Dictionary(uniqueKeysWithValues: element.all("data").map { (names[$0.attributes["key"]!]!, $0.text) })
        }
        let nodes = root.all("node")
        #expect(nodes.map { $0.attributes["id"] } == ["G-1", "P-1", "P-2", "PH-1"])
        #expect(
            data(nodes[1]) == [
                "kind": "person", "label": LinkTestGraph.hostileLabel, "date_of_birth": "1990-04-02",
                "nationality": "SV",
            ])
        let edges = root.all("edge")
        #expect(
            edges.map { "\($0.attributes["source"]!)->\($0.attributes["target"]!)" } == [
                "P-1->G-1", "P-2->G-1", "P-1->PH-1", "P-2->PH-1",
            ])
        #expect(
            data(edges[0]) == [
                "kind": "member_of", "valid_from": "2024-01-01", "valid_to": "2025-03-31", "confidence": "0.9",
                "source": "S-1", "reliability": "B", "credibility": "2", "role": "palabrero",
            ])
        #expect(data(edges[3]) == ["kind": "uses_phone", "confidence": "0.25"])
    }

    @Test func gexfCarriesValidityAsSpellsAndGradingAsAttributes() throws {
        let graph = try LinkTestGraph()
        _ = try graph.kit.run("link export --all --out net.gexf")
        let root = try #require(ParsedXML.parse(try graph.text("net.gexf")))
        #expect(root.attributes["version"] == "1.3")
        let graphElement = try #require(root.all("graph").first)
        #expect(graphElement.attributes["mode"] == "dynamic")
        #expect(graphElement.attributes["timeformat"] == "date")
        let titles = Dictionary(
            uniqueKeysWithValues: root.all("attribute").map { ($0.attributes["id"]!, $0.attributes["title"]!) })
        #expect(
            Set(titles.values).isSuperset(of: ["kind", "nationality", "date_of_birth", "confidence", "reliability"]))
        let nodes = root.all("node")
        #expect(nodes[1].attributes["label"] == LinkTestGraph.hostileLabel)
        let edges = root.all("edge")
        #expect(edges.map { $0.attributes["weight"] } == ["0.9", "0.5", "1.0", "0.25"])
        #expect(edges[0].all("spell").map(\.attributes) == [["start": "2024-01-01", "end": "2025-03-31"]])
        #expect(edges[1].all("spell").map(\.attributes) == [["start": "2023-06-01"]])
        #expect(edges[2].all("spell").isEmpty)
        let values = Dictionary(
            uniqueKeysWithValues: edges[2].all("attvalue").map {
                (titles[$0.attributes["for"]!]!, $0.attributes["value"]!)
            })
        #expect(
            values == [
                "kind": "uses_phone", "confidence": "1.0", "source": "S-3", "reliability": "E", "credibility": "5",
            ])
    }

    @Test func dotQuotesEveryNameAndValue() throws {
        let graph = try LinkTestGraph()
        _ = try graph.kit.run("link export --all --format dot --out net.gv")
        let text = try graph.text("net.gv")
        #expect(
            text.contains(
                #"  "P-1" ["label"="Ana \"La Güera\" <Pérez> & Co\nalias 'Nena'", "kind"="person", "#
                    + #""date_of_birth"="1990-04-02", "nationality"="SV"];"#))
        #expect(
            text.contains(
                #"  "P-1" -> "G-1" ["id"="E-1", "kind"="member_of", "valid_from"="2024-01-01", "#
                    + #""valid_to"="2025-03-31", "confidence"="0.9", "source"="S-1", "reliability"="B", "#
                    + #""credibility"="2", "role"="palabrero"];"#))
        #expect(text.hasPrefix("digraph nexo {\n") && text.hasSuffix("}\n"))
    }

    @Test func i2CSVWritesAnEntityFileAndALinkFileWithTheDocumentedColumns() throws {
        let graph = try LinkTestGraph()
        let result = try graph.kit.run("link export --all --format i2-csv --out out/net.csv")
        #expect(result.message == "wrote 4 entities and 4 links to out/net.csv and out/net-links.csv")
        #expect(
            try graph.text("out/net.csv") == """
                entity_id,entity_type,label,date_of_birth,nationality
                G-1,group,Sonsonate Locos,,
                P-1,person,"Ana ""La Güera"" <Pérez> & Co
                alias 'Nena'",1990-04-02,SV
                P-2,person,Beto Ramos,,GT
                PH-1,phone,'+503 7477 1235,,

                """)
        #expect(
            try graph.text("out/net-links.csv") == """
                link_id,from_id,to_id,link_type,label,valid_from,valid_to,confidence,source,grading,reliability,\
                credibility,role
                E-1,P-1,G-1,member_of,member_of 2024-01-01 to 2025-03-31,2024-01-01,2025-03-31,0.9,S-1,B2,B,2,palabrero
                E-2,P-2,G-1,member_of,member_of from 2023-06-01,2023-06-01,,0.5,S-2,C3,C,3,
                E-3,P-1,PH-1,uses_phone,uses_phone,,,1.0,S-3,E5,E,5,
                E-4,P-2,PH-1,uses_phone,uses_phone,,,0.25,,,,,

                """)
    }

    @Test func pipedEntitiesExportOnlyTheLinksAmongThem() throws {
        let graph = try LinkTestGraph()
        let input = ResultTable(
            columns: [Column("id", .entity(kind: nil))],
            rows: try ["P-1", "G-1"].map { [.entity(try #require(try graph.kit.store.entity(EntityID($0))).ref)] })
        let result = try graph.kit.run("link export --out two.graphml", input: input)
        #expect(result.message == "wrote 2 entities and 1 links to two.graphml")
        let root = try #require(ParsedXML.parse(try graph.text("two.graphml")))
        #expect(root.all("edge").map { $0.attributes["id"] } == ["E-1"])
    }

    @Test func aControlCharacterXMLCannotCarryIsRefusedAndNothingIsWritten() throws {
        let graph = try LinkTestGraph()
        try graph.kit.store.updateEntity("P-2", label: "Beto\u{7}Ramos", properties: [:])
        #expect(
            throws: NexoError(
                .invalidInput, "the label of P-2 holds the control character U+0007, which XML cannot carry",
                hint: "correct that text in the store, or leave the entity out of the selection")
        ) {
            try graph.kit.run("link export --all --out net.graphml")
        }
        #expect(graph.files.contents.isEmpty)
    }

    @Test func refusesAMissingSelectionOutputOrFormat() throws {
        let graph = try LinkTestGraph()
        #expect(
            throws: NexoError(
                .usage, "nothing to export",
                hint: "pipe entities in ('find person ana | link export …') or give --all for the whole graph")
        ) {
            try graph.kit.run("link export --out net.graphml")
        }
        #expect(
            throws: NexoError(
                .usage, "both --all and piped entities",
                hint: "pipe entities in, or give --all for the whole graph, not both")
        ) {
            try graph.kit.run("link export --all --out net.graphml", input: try graph.everyone())
        }
        #expect(
            throws: NexoError(
                .usage, "no format for 'net.xml'",
                hint: "give --format graphml, gexf, dot or i2-csv (or end the file in .graphml, .gexf, .dot, .csv)")
        ) {
            try graph.kit.run("link export --all --out net.xml")
        }
        #expect(
            throws: NexoError(
                .usage, "missing --out", hint: "name the file to write: link export --all --out network.graphml")
        ) {
            try graph.kit.run("link export --all")
        }
        #expect(graph.files.contents.isEmpty)
    }
}
