import Foundation
import FoundationXML
import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting

/// A small graph for the link commands' tests: two people (one with a hostile label: quotes, `<`,
/// `&`, a line break, non-ASCII), a clique, a phone whose number a spreadsheet would run, and four
/// links of each grading class (B2, C3, E5, no source), dated and undated.
struct LinkTestGraph {
    let kit: PluginTestKit
    let files = MemoryFiles()

    /// The hostile label of P-1.
    static let hostileLabel = "Ana \"La Güera\" <Pérez> & Co\nalias 'Nena'"

    init() throws {
        kit = try PluginTestKit(plugin: LinkAnalysisPlugin(), files: files)
        let store = kit.store
        try store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.person, label: Self.hostileLabel,
                properties: [
                    CoreSchema.Person.dateOfBirth: .date(CivilDate(year: 1990, month: 4, day: 2)!),
                    CoreSchema.Person.nationality: .string("SV"),
                ]),
            source: nil)
        try store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.person, label: "Beto Ramos",
                properties: [CoreSchema.Person.nationality: .string("GT")]),
            source: nil)
        try store.addEntity(EntityDraft(kind: CoreSchema.Kind.group, label: "Sonsonate Locos"), source: nil)
        try store.addEntity(EntityDraft(kind: CoreSchema.Kind.phone, label: "+503 7477 1235"), source: nil)
        let report = try store.addSource(description: "Police report", reliability: .b, credibility: .probablyTrue)
        let informant = try store.addSource(description: "Informant", reliability: .c, credibility: .possiblyTrue)
        let rumour = try store.addSource(description: "Rumour", reliability: .e, credibility: .improbable)
        try store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.memberOf, from: "P-1", to: "G-1",
                properties: [CoreSchema.MemberOf.role: .string("palabrero")],
                validFrom: CivilDate(year: 2024, month: 1, day: 1), validTo: CivilDate(year: 2025, month: 3, day: 31),
                confidence: 0.9),
            source: report.id)
        try store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.memberOf, from: "P-2", to: "G-1",
                validFrom: CivilDate(year: 2023, month: 6, day: 1), confidence: 0.5),
            source: informant.id)
        try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.usesPhone, from: "P-1", to: "PH-1"), source: rumour.id)
        try store.addEdge(
            EdgeDraft(kind: CoreSchema.Edge.usesPhone, from: "P-2", to: "PH-1", confidence: 0.25), source: nil)
    }

    /// Every entity of the graph, as `find` would pipe them.
    func everyone() throws -> ResultTable {
        let entities = try kit.store.entities(EntityQuery())
        return ResultTable(columns: [Column("id", .entity(kind: nil))], rows: entities.map { [.entity($0.ref)] })
    }

    /// The text of the file written at `path`.
    func text(_ path: String) throws -> String {
        String(decoding: try files.read(path), as: UTF8.self)
    }
}

/// Files in memory, written through the host's `FileAccess` as a command sees it.
final class MemoryFiles: FileAccess {
    /// The files, by path.
    var contents: [String: [UInt8]] = [:]

    func read(_ path: String) throws(NexoError) -> [UInt8] {
        guard let bytes = contents[path] else { throw NexoError(.notFound, "no file '\(path)'") }
        return bytes
    }

    func write(_ bytes: [UInt8], to path: String) throws(NexoError) { contents[path] = bytes }

    func forEachLine(in path: String, _ body: (Result<String, NexoError>, Int) throws(NexoError) -> Void)
        throws(NexoError)
    {
        throw NexoError(.failed, "the link tests read no files")
    }
}

/// An XML document parsed back into elements, to check that a written file is well-formed and
/// what it holds.
final class ParsedXML {
    let name: String
    let attributes: [String: String]
    var children: [ParsedXML] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every element below this one named `name`, in document order.
    func all(_ name: String) -> [ParsedXML] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    /// Parses `text`; `nil` when it is not well-formed XML.
    static func parse(_ text: String) -> ParsedXML? {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: ParsedXML?
        var stack: [ParsedXML] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            let element = ParsedXML(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
}
