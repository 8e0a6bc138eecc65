import NexoKit
import Testing

@testable import NexoStore

/// Control characters and sizes refused at the door, on every write path.
@Suite struct TextRulesTests {
    private let nameHint = "remove it; tab and newline are the only control characters allowed"
    private let propertyHint = "remove it; tab, newline and carriage return are the only control characters allowed"

    @Test func labelWithNULIsRefusedNamingTheCharacter() throws {
        let f = try Fixture()
        let error = nexoError {
            try f.write { _ = try $0.addEntity(EntityDraft(kind: "person", label: "Ana\u{0}hidden"), source: nil) }
        }
        #expect(
            error == NexoError(.invalidInput, "label has a control character U+0000 at character 4", hint: nameHint))
        #expect(try f.read { try $0.countEntities(kind: nil) } == 0)
    }

    @Test func aliasesLabelUpdatesAndPropertiesAreCheckedToo() throws {
        let f = try Fixture()
        try f.write { _ = try $0.addEntity(EntityDraft(kind: "person", label: "José\tPérez\nLópez"), source: nil) }
        #expect(
            nexoError { try f.write { try $0.addAlias("La \u{1B}[2JFlaca", to: "P-1") } }
                == NexoError(.invalidInput, "alias has a control character U+001B at character 4", hint: nameHint))
        #expect(
            nexoError { try f.write { try $0.updateEntity("P-1", label: "Ana\u{85}", properties: [:]) } }
                == NexoError(.invalidInput, "label has a control character U+0085 at character 4", hint: nameHint))
        #expect(
            nexoError { try f.write { try $0.addEntity(EntityDraft(kind: "person", label: "Ana\r"), source: nil) } }
                == NexoError(.invalidInput, "label has a control character U+000D at character 4", hint: nameHint))
        #expect(
            nexoError {
                try f.write {
                    try $0.updateEntity("P-1", label: nil, properties: ["given_names": .string("Jo\u{7}sé")])
                }
            }
                == NexoError(
                    .invalidInput, "property 'given_names' of person has a control character U+0007 at character 3",
                    hint: propertyHint))
        try f.write { _ = try $0.addEntity(EntityDraft(kind: "group", label: "G"), source: nil) }
        #expect(
            nexoError {
                try f.write {
                    try $0.addEdge(
                        EdgeDraft(
                            kind: "member_of", from: "P-1", to: "G-1",
                            properties: ["role": .string("x\u{0}")]), source: nil)
                }
            }
                == NexoError(
                    .invalidInput, "property 'role' of member_of has a control character U+0000 at character 2",
                    hint: propertyHint))
        #expect(
            nexoError {
                try f.write { try $0.addSource(description: "PNC\u{0}", reliability: .b, credibility: .probablyTrue) }
            }
                == NexoError(
                    .invalidInput, "source description has a control character U+0000 at character 4", hint: nameHint))
        // Tab, newline and (in property text) carriage return are allowed.
        try f.write { try $0.updateEntity("P-1", label: nil, properties: ["given_names": .string("José\r\nMaría\t")]) }
        #expect(try f.read { try $0.search("lopez", kind: nil, limit: 5).map(\.entity.id) } == ["P-1"])
    }

    @Test func importedLabelsAliasesAndPropertiesAreChecked() throws {
        let f = try Fixture()
        let ndjson = try f.directory.write(
            "nul.ndjson",
            """
            {"type":"entity","id":"P-1","kind":"person","label":"Ana"}
            {"type":"entity","id":"P-2","kind":"person","label":"Beto\\u0000 Secret"}
            """)
        #expect(
            nexoError {
                try f.write { _ = try $0.importFile(path: ndjson, format: .detect, skipInvalid: false) { _ in } }
            }
                == NexoError(
                    .invalidInput, "\(ndjson):2: label has a control character U+0000 at character 5", hint: nameHint))
        let aliases = try f.directory.write(
            "alias.ndjson",
            """
            {"type":"entity","id":"P-1","kind":"person","label":"Ana","aliases":["La\\u0001Flaca"]}
            """)
        #expect(
            nexoError {
                try f.write { _ = try $0.importFile(path: aliases, format: .detect, skipInvalid: false) { _ in } }
            }
                == NexoError(
                    .invalidInput, "\(aliases):1: alias has a control character U+0001 at character 3", hint: nameHint))
        // The CSV fast path (a clean-looking row) and the general path (with aliases).
        let csv = try f.directory.write("esc.csv", "id,kind,label\nP-1,person,Ana\nP-2,person,Be\u{1B}to\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: csv, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(
                    .invalidInput, "\(csv):3: label has a control character U+001B at character 3", hint: nameHint))
        let property = try f.directory.write("prop.csv", "id,kind,label,given_names\nP-1,person,Ana,An\u{7}a\n")
        #expect(
            nexoError {
                try f.write { _ = try $0.importFile(path: property, format: .csv, skipInvalid: false) { _ in } }
            }
                == NexoError(
                    .invalidInput,
                    "\(property):2: property 'given_names' of person has a control character U+0007 at character 3",
                    hint: propertyHint))
        #expect(try f.read { try $0.countEntities(kind: nil) } == 0)
    }

    @Test func namesAreAtMostAThousandCharacters() throws {
        let f = try Fixture()
        let longest = String(repeating: "é", count: TextRules.maxNameCharacters)
        try f.write { _ = try $0.addEntity(EntityDraft(kind: "person", label: longest), source: nil) }
        #expect(
            nexoError {
                try f.write { _ = try $0.addEntity(EntityDraft(kind: "person", label: longest + "x"), source: nil) }
            }
                == NexoError(
                    .invalidInput, "label is 1001 characters long; the limit is 1000",
                    hint: "shorten it; longer text belongs in a property (up to 64 KiB)"))
        #expect(
            nexoError { try f.write { try $0.addAlias(String(repeating: "a", count: 5000), to: "P-1") } }
                == NexoError(
                    .invalidInput, "alias is 5000 characters long; the limit is 1000",
                    hint: "shorten it; longer text belongs in a property (up to 64 KiB)"))
        let big = try f.directory.write(
            "big.csv", "id,kind,label\nP-9,person," + String(repeating: "x", count: 100_000) + "\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: big, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(
                    .invalidInput, "\(big):2: label is 100000 characters long; the limit is 1000",
                    hint: "shorten it; longer text belongs in a property (up to 64 KiB)"))
        #expect(try f.read { try $0.countEntities(kind: nil) } == 1)
    }

    @Test func textPropertiesAreAtMost64KiB() throws {
        let f = try Fixture()
        let limit = TextRules.maxPropertyBytes
        try f.write {
            _ = try $0.addEntity(
                EntityDraft(
                    kind: "person", label: "Ana",
                    properties: ["given_names": .string(String(repeating: "a", count: limit))]), source: nil)
        }
        let hint = "shorten it, or keep the document in a file and store its path"
        #expect(
            nexoError {
                try f.write {
                    try $0.updateEntity(
                        "P-1", label: nil,
                        properties: ["given_names": .string(String(repeating: "ñ", count: limit / 2 + 1))])
                }
            }
                == NexoError(
                    .invalidInput, "property 'given_names' of person is 65538 bytes long; the limit is 65536 (64 KiB)",
                    hint: hint))
        let ndjson = try f.directory.write(
            "big.ndjson",
            """
            {"type":"entity","kind":"person","label":"Beto",\
            "properties":{"given_names":"\(String(repeating: "b", count: 200_000))"}}
            """)
        #expect(
            nexoError {
                try f.write { _ = try $0.importFile(path: ndjson, format: .detect, skipInvalid: false) { _ in } }
            }
                == NexoError(
                    .invalidInput,
                    "\(ndjson):1: property 'given_names' of person is 200000 bytes long; the limit is 65536 (64 KiB)",
                    hint: hint))
        #expect(try f.read { try $0.countEntities(kind: nil) } == 1)
    }
}
