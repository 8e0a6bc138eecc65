import NexoKit
import NexoKitTesting
import Testing

@testable import LinkAnalysisPlugin

/// Whether Graphviz's `dot` is on PATH: `Scripts/setup` installs it; without it the rendering
/// tests are skipped (the missing-Graphviz error is tested either way).
private let graphvizInstalled = (try? Graphviz.locate()) != nil

/// `link chart`: the DOT it writes and, when Graphviz is installed, the SVG Graphviz renders.
@Suite struct LinkChartTests {
    @Test(.enabled(if: graphvizInstalled, "Graphviz (Debian's graphviz) is not installed"))
    func theSVGShowsEveryLabelAndDrawsEachLinkAsItsGradeSays() throws {
        let graph = try LinkTestGraph()
        let result = try graph.kit.run("link chart P-1 --depth 2 --out chart.svg")
        #expect(result.message == "charted 4 entities and 4 links to chart.svg")
        #expect(result.table?.rows.map { $0[0].description } == ["G-1", "P-1", "P-2", "PH-1"])
        let svg = try #require(ParsedXML.parse(try graph.text("chart.svg")))
        let texts = svg.all("text").map(\.text)
        for line in [
            "Ana \"La Güera\" <Pérez> & Co", "alias 'Nena'", "Beto Ramos", "Sonsonate Locos", "+503 7477 1235",
        ] {
            #expect(texts.contains(line), "missing \(line)")
        }
        #expect(texts.contains("2024-01-01 to 2025-03-31"))
        func path(_ id: String) throws -> [String: String] {
            let group = try #require(svg.all("g").first { $0.attributes["id"] == id })
            return try #require(group.all("path").first).attributes
        }
        #expect(try path("E-1")["stroke-dasharray"] == nil) // B2: solid
        #expect(try path("E-2")["stroke-dasharray"] == "5,2") // C3: dashed
        #expect(try path("E-3")["stroke-dasharray"] == "1,5") // E5: dotted
        #expect(try path("E-3")["stroke"] == "#a0a0a0") // and gray
        #expect(try path("E-4")["stroke-dasharray"] == "1,5") // no source: dotted
        #expect(texts.contains("A1-B2: solid") && texts.contains("person") && texts.contains("phone"))
    }

    @Test(.enabled(if: graphvizInstalled, "Graphviz (Debian's graphviz) is not installed"))
    func pipedEntitiesAreChartedWithTheLinksAmongThemInEveryLayoutAndFormat() throws {
        let graph = try LinkTestGraph()
        let input = ResultTable(
            columns: [Column("id", .entity(kind: nil))],
            rows: try ["P-1", "P-2", "G-1"].map {
                [.entity(try #require(try graph.kit.store.entity(EntityID($0))).ref)]
            })
        for (layout, file) in [("dot", "c.png"), ("neato", "c.pdf"), ("sfdp", "c.svg")] {
            let result = try graph.kit.run("link chart --layout \(layout) --out \(file)", input: input)
            #expect(result.message == "charted 3 entities and 2 links to \(file)")
        }
        #expect(Array(try graph.files.read("c.png").prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(Array(try graph.files.read("c.pdf").prefix(5)) == Array("%PDF-".utf8))
    }

    @Test func withoutGraphvizTheErrorSaysHowToInstallItAndNothingIsWritten() throws {
        #expect(
            throws: NexoError(
                .failed, "Graphviz is not installed", hint: "install Debian's graphviz (apt-get install graphviz)")
        ) {
            try Graphviz.locate(searchPath: "/nonexistent:/var/empty")
        }
    }

    @Test(.enabled(if: graphvizInstalled, "Graphviz (Debian's graphviz) is not installed"))
    func graphvizRefusingTheTextIsAClearError() throws {
        let graphviz = try Graphviz.locate()
        #expect(throws: NexoError.self) {
            try graphviz.render("digraph {", layout: .dot, format: .svg, isCancelled: { false })
        }
        #expect(throws: NexoError(.cancelled, "cancelled")) {
            try graphviz.render("digraph { a -> b }", layout: .dot, format: .svg, isCancelled: { true })
        }
    }

    @Test func chartRefusesAMissingEntityFileOrFormat() throws {
        let graph = try LinkTestGraph()
        #expect(
            throws: NexoError(
                .usage, "nothing to chart", hint: "name an entity ('link chart P-1 --out p1.svg') or pipe entities in")
        ) {
            try graph.kit.run("link chart --out c.svg")
        }
        #expect(
            throws: NexoError(
                .usage, "cannot tell the chart's format from 'c.jpg'", hint: "end the file in .svg, .png or .pdf")
        ) {
            try graph.kit.run("link chart P-1 --out c.jpg")
        }
        #expect(
            throws: NexoError(.usage, "missing --out", hint: "name the chart's file: link chart P-1 --out chart.svg")
        ) {
            try graph.kit.run("link chart P-1")
        }
        #expect(graph.files.contents.isEmpty)
    }

    /// neato and sfdp took five minutes to route curved, labelled links around 500 entities (dot 2 s):
    /// they draw straight links.
    @Test func onlyTheDotLayoutCurvesLinks() throws {
        let graph = try LinkTestGraph()
        let selection = try LinkSelection.whole(graph.kit.store)
        #expect(try ChartDocument.document(selection, layout: .dot).contains("splines=true,"))
        #expect(try ChartDocument.document(selection, layout: .neato).contains("splines=false,"))
        #expect(try ChartDocument.document(selection, layout: .sfdp).contains("splines=false,"))
    }

    @Test func gradesFollowTheAdmiraltyScale() {
        func grade(_ letter: SourceReliability, _ digit: InformationCredibility) -> LinkGrade {
            LinkGrade(SourceInfo(id: "S-1", description: "s", reliability: letter, credibility: digit))
        }
        #expect(grade(.a, .confirmed) == .strong && grade(.b, .probablyTrue) == .strong)
        #expect(grade(.a, .possiblyTrue) == .fair && grade(.c, .confirmed) == .fair && grade(.d, .doubtful) == .fair)
        #expect(
            grade(.e, .confirmed) == .weak && grade(.a, .improbable) == .weak && grade(.f, .cannotBeJudged) == .weak)
        #expect(LinkGrade(nil) == .weak)
    }

    @Test func pluginKindsGetAStableStyleUnlikeAnyCoreKind() {
        let style = ChartStyle(kind: "note")
        #expect(style == ChartStyle(kind: "note"))
        #expect(!ChartStyle.core.values.map(\.shape).contains(style.shape))
        #expect(ChartStyle(kind: CoreSchema.Kind.person) == ChartStyle(shape: "ellipse", color: "#9ecae1"))
    }
}
