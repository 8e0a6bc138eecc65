import NexoKit
import Testing

@testable import NexoLanguage

/// Completion of what the specs declare beyond types: the columns of the command before a pipe, the
/// session's jobs, values stored in the graph, and entities best first with their labels.
@Suite struct CompleterSourceTests {
    static let findColumns = [
        Column("id", .entity(kind: nil)), Column("kind", .string), Column("label", .string),
        Column("matched", .string), Column("score", .double),
    ]

    static let specs: [CommandSpec] = [
        CommandSpec(
            ["find"], summary: "Search",
            arguments: [ArgumentSpec("text", .string, "Text"), ArgumentSpec("more", .string, "More", optional: true)],
            options: [OptionSpec("limit", .int, "Limit")], columns: .fixed(findColumns)),
        CommandSpec(["gang", "list"], summary: "Gangs"),
        CommandSpec(
            ["gang", "members"], summary: "Members",
            arguments: [ArgumentSpec("group", .entity(kind: "group"), "Group", optional: true)],
            options: [
                OptionSpec("role", .string, "Role", completion: .edgeProperty(edge: "member_of", property: "role"))
            ],
            input: .entities(kind: "group"), columns: .fixed([Column("person", .entity(kind: "person"))])),
        CommandSpec(
            ["where"], summary: "Filter",
            arguments: [
                ArgumentSpec("column", .string, "Column", completion: .inputColumns),
                ArgumentSpec("op", .oneOf(["=", "~", "!="]), "Operator"),
                ArgumentSpec("value", .string, "Value", variadic: true),
            ], input: .rows, columns: .input),
        CommandSpec(
            ["sort"], summary: "Sort",
            arguments: [ArgumentSpec("columns", .string, "Columns", variadic: true, completion: .sortKeys)],
            input: .rows, columns: .input),
        CommandSpec(
            ["limit"], summary: "Limit", arguments: [ArgumentSpec("count", .int, "Count")], input: .rows,
            columns: .input),
        CommandSpec(
            ["select"], summary: "Select",
            arguments: [ArgumentSpec("columns", .string, "Columns", variadic: true, completion: .inputColumns)],
            input: .rows),
        CommandSpec(
            ["count"], summary: "Count", options: [OptionSpec("by", .string, "Column", completion: .inputColumns)],
            input: .rows),
        CommandSpec(["show"], summary: "Show", arguments: [ArgumentSpec("entity", .record, "Entity")]),
        CommandSpec(
            ["bio", "feed", "stop"], summary: "Stop", arguments: [ArgumentSpec("feed", .string, "A feed id")]),
        CommandSpec(
            ["bio", "feed", "status"], summary: "Status",
            arguments: [ArgumentSpec("feed", .string, "A feed id", optional: true)]),
        CommandSpec(
            ["job", "cancel"], summary: "Cancel",
            arguments: [ArgumentSpec("which", .string, "A job", completion: .jobs(kind: nil))]),
    ]

    /// A session with two feeds and an import job, a table in `$people`, members with roles, and people.
    struct Lookup: CompletionLookup {
        func entities(prefix: String, kind: String?, limit: Int) -> (candidates: [CompletionCandidate], more: Int) {
            let people = [
                CompletionCandidate("P-110", description: "Henry Alvarado"),
                CompletionCandidate("P-12", description: "Henrietta Paz"),
                CompletionCandidate("P-7", description: "Ana Henríquez"),
            ]
            guard prefix.lowercased().hasPrefix("he") || prefix.isEmpty else { return ([], 0) }
            return (Array(people.prefix(limit)), 41)
        }

        func words(from source: CompletionSource, command: [String], prefix: String, limit: Int)
            -> [CompletionCandidate]
        {
            switch source {
            case .jobs(let kind):
                let jobs = [
                    CompletionCandidate("feed-2", description: "running: b.ndjson"),
                    CompletionCandidate("feed-1", description: "finished: a.ndjson"),
                    CompletionCandidate("import-1", description: "running: people.csv"),
                ]
                return jobs.filter { kind == nil || $0.text.hasPrefix(kind! + "-") }
                    .filter { $0.text.lowercased().hasPrefix(prefix.lowercased()) }
            case .edgeProperty("member_of", "role"):
                return ["corredor", "homeboy", "palabrero"].filter { $0.hasPrefix(prefix.lowercased()) }.map {
                    CompletionCandidate($0)
                }
            default:
                return []
            }
        }

        func columns(ofVariable name: String) -> [Column]? {
            name == "people" ? [Column("person", .entity(kind: "person")), Column("born", .date)] : nil
        }
    }

    let completer = Completer(specs: specs, variableNames: ["people", "n"])

    func complete(_ line: String, cursor: Int? = nil) -> CompletionResult {
        completer.complete(line: line, cursor: cursor ?? line.count, lookup: Lookup())
    }

    @Test func whereOffersTheColumnsTheCommandBeforeThePipeDeclares() {
        #expect(
            complete("find person perez | where ")
                == CompletionResult(replaceFrom: 26, candidates: ["id", "kind", "label", "matched", "score"]))
        #expect(complete("find person perez | where la") == CompletionResult(replaceFrom: 26, candidates: ["label"]))
        #expect(complete("find perez | where LA").candidates == ["label"])
        #expect(complete("find perez | where label ").candidates == ["!=", "=", "~"])
        #expect(complete("gang members G-1 | where ").candidates == ["person"])
        #expect(complete("let hits = find perez | where s").candidates == ["score"])
    }

    @Test func sortOffersColumnsAndTheirDescendingForms() {
        #expect(
            complete("find perez | sort -")
                == CompletionResult(replaceFrom: 18, candidates: ["-id", "-kind", "-label", "-matched", "-score"]))
        #expect(complete("find perez | sort -sc").candidates == ["-score"])
        #expect(complete("find perez | sort sc").candidates == ["score"])
        #expect(complete("find perez | sort -score l").candidates == ["label"])
        #expect(complete("find perez | sort --").candidates == [], "options, and sort has none")
    }

    @Test func columnsFollowThroughFiltersAndIntoSelectAndCountBy() {
        let all = ["id", "kind", "label", "matched", "score"]
        #expect(complete("find perez | where score ~ 1 | limit 5 | select ").candidates == all)
        #expect(complete("find perez | select id ").candidates == all)
        #expect(complete("find perez | count --by ").candidates == all)
        #expect(complete("find perez | count --by k").candidates == ["kind"])
        #expect(complete("find perez | count --by=k") == CompletionResult(replaceFrom: 24, candidates: ["kind"]))
    }

    @Test func aCommandThatDeclaresNoColumnsOffersNone() {
        #expect(complete("gang list | where ").candidates == [])
        #expect(complete("find perez | select id | sort ").candidates == [], "select declares no columns")
        #expect(complete("find perez | bogus | where ").candidates == [])
        #expect(complete("where ").candidates == [], "nothing piped in")
    }

    @Test func aVariableBeforeThePipeGivesTheColumnsOfItsTable() {
        #expect(complete("$people | where ").candidates == ["person", "born"])
        #expect(complete("${people} | sort -b").candidates == ["-born"])
        #expect(complete("$n | where ").candidates == [], "not a table")
        #expect(complete("$missing | where ").candidates == [])
        #expect(complete("$people x | where ").candidates == [])
    }

    @Test func jobArgumentsOfferTheSessionsJobs() {
        let stop = complete("bio feed stop ")
        #expect(stop.candidates == ["feed-2", "feed-1"], "an argument named after a kind of job")
        #expect(stop.descriptions == ["feed-2": "running: b.ndjson", "feed-1": "finished: a.ndjson"])
        #expect(complete("bio feed status feed-1").candidates == ["feed-1"])
        #expect(complete("bio feed stop FEED-2").candidates == ["feed-2"])
        #expect(complete("job cancel ").candidates == ["feed-2", "feed-1", "import-1"], "declared: every kind")
        #expect(complete("find ").candidates == [], "a text argument not named after a job")
    }

    @Test func optionValuesComeFromTheStoreWhereTheSpecSaysSo() {
        #expect(
            complete("gang members G-1 --role ")
                == CompletionResult(replaceFrom: 24, candidates: ["corredor", "homeboy", "palabrero"]))
        #expect(complete("gang members --role p").candidates == ["palabrero"])
        #expect(complete("gang members --role=ho") == CompletionResult(replaceFrom: 20, candidates: ["homeboy"]))
    }

    @Test func entitiesComeBestFirstWithTheirLabelsAndACount() {
        let result = complete("show he")
        #expect(result.replaceFrom == 5)
        #expect(result.candidates == ["P-110", "P-12", "P-7"], "the lookup's order, not sorted")
        #expect(result.descriptions["P-110"] == "Henry Alvarado")
        #expect(result.more == 41)
        #expect(complete("gang members G-1 --role x | where ").candidates == ["person"])
    }

    @Test func quotedWordsCompleteInTheirQuotes() {
        #expect(complete("find perez | where \"la").candidates == ["\"label\""])
        #expect(complete("find perez | where 'ma").candidates == ["'matched'"])
        // Ids need no quotes: they replace the quotes a name was typed in.
        #expect(complete("show \"He") == complete("show He").with(replaceFrom: 5))
        #expect(complete("show 'He").descriptions["P-110"] == "Henry Alvarado")
        #expect(complete("find 'perez | where ").candidates == [], "the pipe is inside the quotes")
    }

    /// Any line, whole or cut anywhere: completion answers and never traps.
    @Test func partialLinesNeverCrash() {
        let lines = [
            "find person perez | where label ~ \"ana\" | sort -score | count --by kind",
            "let x = $people | where born = 1990 | select person; show \"P-1",
            "bio feed stop feed-1 | where ${people} '\\",
            "|| | ; ;| where $ ${ ${} $ | sort -- - --by= \"' '\"",
            "gang members --role=\"pa | where \\",
        ]
        for line in lines {
            let characters = Array(line)
            for end in 0...characters.count {
                let text = String(characters[..<end])
                for cursor in [0, end / 2, end, end + 3] {
                    let result = complete(text, cursor: cursor)
                    #expect(result.replaceFrom >= 0 && result.replaceFrom <= min(cursor, end), "\(text) at \(cursor)")
                }
            }
        }
    }
}

extension CompletionResult {
    func with(replaceFrom: Int) -> CompletionResult {
        var copy = self
        copy.replaceFrom = replaceFrom
        return copy
    }
}
