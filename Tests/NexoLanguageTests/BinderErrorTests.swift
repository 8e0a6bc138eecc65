import NexoKit
import Testing

@testable import NexoLanguage

/// The exact text of every binding error a user can meet.
@Suite struct BinderErrorTests {
    @Test func unknownCommandSuggestsTheClosestName() {
        #expect(
            Fixtures.bindError("gnag members MS-13") == """
                error: unknown command 'gnag'; Did you mean 'gang'?
                    gnag members MS-13
                    ^
                """)
        #expect(Fixtures.bindMessage("xyzzy") == "unknown command 'xyzzy'; type 'help' for a list of commands")
    }

    @Test func unknownSubcommandSuggestsTheFullCommand() {
        #expect(
            Fixtures.bindError("case opn \"Test\"", file: "s.nexo") == """
                s.nexo:1:6: error: unknown command 'case opn'; Did you mean 'case open'?
                    case opn "Test"
                         ^
                """)
        #expect(
            Fixtures.bindMessage("case frobnicate")
                == "unknown command 'case frobnicate'; 'case' takes: close, list, open, use")
        #expect(
            Fixtures.bindError("case") == """
                error: incomplete command 'case'; add one of: close, list, open, use
                    case
                        ^
                """)
    }

    @Test func unknownOptionSuggestsTheClosestOption() {
        #expect(
            Fixtures.bindError("gang members MS-13 --rol palabrero", file: "script.nexo") == """
                script.nexo:1:20: error: unknown option '--rol' for 'gang members'; Did you mean '--role'?
                    gang members MS-13 --rol palabrero
                                       ^
                """)
        #expect(
            Fixtures.bindMessage("gang members MS-13 --rol=palabrero")
                == "unknown option '--rol' for 'gang members'; Did you mean '--role'?")
        #expect(
            Fixtures.bindMessage("gang members MS-13 --formt json")
                == "unknown option '--formt' for 'gang members'; Did you mean '--format'?")
        #expect(
            Fixtures.bindMessage("gang list --zzzzzz")
                == "unknown option '--zzzzzz' for 'gang list'; see 'help gang list'")
    }

    @Test func missingAndSurplusArguments() {
        #expect(
            Fixtures.bindError("link path P-1") == """
                error: missing argument <to> for 'link path'; usage: link path <from> <to> [--max-hops int] [--during \
                date-range] [--min-confidence number]
                    link path P-1
                                 ^
                """)
        #expect(
            Fixtures.bindError("case open a b") == """
                error: too many arguments for 'case open': 'b'; usage: case open <title>
                    case open a b
                                ^
                """)
        #expect(Fixtures.bindMessage("sort") == "missing argument <columns> for 'sort'; usage: sort <columns>…")
    }

    @Test func optionValueProblems() {
        #expect(
            Fixtures.bindError("gang members MS-13 --role") == """
                error: option '--role' needs a value; write --role <corredor|palabrero>
                    gang members MS-13 --role
                                       ^
                """)
        #expect(
            Fixtures.bindMessage("gang members MS-13 --since --active")
                == "option '--since' needs a value; write --since <date>")
        #expect(
            Fixtures.bindMessage("gang members MS-13 --active=yes")
                == "flag '--active' takes no value; write --active alone")
        #expect(
            Fixtures.bindMessage("gang members MS-13 --role corredor --role palabrero")
                == "option '--role' given more than once; --role takes one value")
    }

    @Test func wrongTypesNameTheValueTheOptionAndWhatWasExpected() {
        #expect(
            Fixtures.bindError("gang members MS-13 --since 2026-13-01") == """
                error: invalid date '2026-13-01' for --since; expected YYYY-MM-DD
                    gang members MS-13 --since 2026-13-01
                                               ^
                """)
        #expect(
            Fixtures.bindError("gang members MS-13 --since=2026-02-30") == """
                error: invalid date '2026-02-30' for --since; expected YYYY-MM-DD
                    gang members MS-13 --since=2026-02-30
                                               ^
                """)
        #expect(
            Fixtures.bindMessage("link path P-1 P-2 --max-hops four")
                == "invalid integer 'four' for --max-hops; expected a whole number")
        #expect(
            Fixtures.bindMessage("link path P-1 P-2 --max-hops 99999999999999999999")
                == "invalid integer '99999999999999999999' for --max-hops; expected a whole number")
        #expect(
            Fixtures.bindMessage("link path P-1 P-2 --min-confidence nan")
                == "invalid number 'nan' for --min-confidence; expected a number such as 0.75")
        #expect(
            Fixtures.bindMessage("link path P-1 P-2 --min-confidence 1e999")
                == "invalid number '1e999' for --min-confidence; expected a number such as 0.75")
        #expect(
            Fixtures.bindMessage("find x --exact maybe")
                == "invalid boolean 'maybe' for --exact; expected true or false")
        #expect(
            Fixtures.bindMessage("link path P-1 P-2 --during 2026-06..2026-01")
                == ("invalid date range '2026-06..2026-01' for --during; expected FROM..TO such as 2026-01..2026-06, "
                    + "2025.. or ..2024-03, or a period such as 2026-03")
        )
        #expect(
            Fixtures.bindMessage("gang members MS-13 --role palabreros")
                == ("invalid value 'palabreros' for --role; expected one of: corredor, palabrero; Did you mean "
                    + "'palabrero'?")
        )
        #expect(
            Fixtures.bindMessage("gang members MS-13 --role boss")
                == "invalid value 'boss' for --role; expected one of: corredor, palabrero")
        #expect(
            Fixtures.bindMessage("where label like x") == "invalid value 'like' for <op>; expected one of: =, !=, ~")
        #expect(
            Fixtures.bindMessage("gang members MS-13 --format jsn")
                == ("invalid value 'jsn' for --format; expected one of: table, json, ndjson, csv, tsv; Did you "
                    + "mean 'json'?")
        )
    }

    @Test func variableProblems() {
        let variables: [String: Variable] = [
            "leaders": .table(ResultTable(columns: [])), "since": .value(.string("soon")),
        ]
        #expect(
            Fixtures.bindError("show $ledaers", variables: variables) == """
                error: unknown variable '$ledaers'; Did you mean '$leaders'?
                    show $ledaers
                         ^
                """)
        #expect(
            Fixtures.bindMessage("show $zzz")
                == "unknown variable '$zzz'; set it first (set zzz VALUE), "
                + "or give it to the script: nexo run FILE --param zzz=VALUE")
        #expect(
            Fixtures.bindMessage("show $leaders", variables: variables)
                == "variable '$leaders' holds a table, not a value; pipe it into the command: $leaders | show …")
        #expect(
            Fixtures.bindMessage("find x$leaders", variables: variables)
                == "variable '$leaders' holds a table, not a value; only single values can be part of a word")
        #expect(
            Fixtures.bindMessage("gang members MS-13 --since $since", variables: variables)
                == "invalid date 'soon' from $since for --since; expected YYYY-MM-DD")
    }

    @Test func errorsInLaterLinesOfAScriptPointThere() {
        let source = "gang list\ngang members MS-13 \\\n    --since 2026-13-01"
        do {
            let script = try Parser.parse(source, file: "s.nexo")
            _ = try Fixtures.binder.bind(script.statements[1].pipeline.stages[0], resolveEntity: Fixtures.resolve)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.rendered == """
                    s.nexo:3:13: error: invalid date '2026-13-01' for --since; expected YYYY-MM-DD
                            --since 2026-13-01
                                    ^
                    """)
        }
    }

    /// The fixtures' entities and a place named like the first word of a gang's name.
    static func resolveWithPlace(_ text: String, _ kind: String?) throws(NexoError) -> EntityRef {
        let place = EntityRef(id: "PL-1", kind: "place", label: "Sonsonate")
        guard text == place.label else { return try Fixtures.resolve(text, kind) }
        if let kind, kind != place.kind { throw NexoError(.usage, "'\(text)' is a place, not a \(kind)") }
        return place
    }

    func severalWordsError(_ source: String) -> String? {
        do {
            _ = try Fixtures.binder.bind(try Fixtures.call(source), resolveEntity: Self.resolveWithPlace)
            return nil
        } catch let error as LocatedError {
            return error.rendered
        } catch {
            return "\(error)"
        }
    }

    func severalWordsMessage(_ source: String) -> String? {
        do {
            _ = try Fixtures.binder.bind(try Fixtures.call(source), resolveEntity: Self.resolveWithPlace)
            return nil
        } catch let error as LocatedError {
            return error.error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func aNameOfSeveralWordsWithoutQuotesIsShownQuoted() {
        // The first word alone names an entity of another kind.
        #expect(
            severalWordsError("gang members Sonsonate Locos --role palabrero") == """
                error: 'Sonsonate' is a place, not a gang; the words after it look like the rest of a name; \
                quote the name: gang members "Sonsonate Locos" (G-2)
                    gang members Sonsonate Locos --role palabrero
                                 ^
                """)
        // The first word alone names nothing.
        #expect(
            severalWordsMessage("show José Hernández")
                == "no entity 'José'; the words after it look like the rest of a name; "
                + "quote the name: show \"José Hernández\" (P-2)")
        // Too many arguments after a word that did name something: the name starts at that word.
        #expect(
            severalWordsError("show Sonsonate Locos") == """
                error: too many arguments for 'show': 'Locos' looks like the rest of a name; \
                quote the name: show "Sonsonate Locos" (G-2)
                    show Sonsonate Locos
                         ^
                """)
        // Words that name nothing together keep the plain errors.
        #expect(
            severalWordsMessage("show Sonsonate Nowhere")?.hasPrefix("too many arguments for 'show': 'Nowhere'; usage")
                == true)
        #expect(
            severalWordsMessage("show \"Sonsonate\" Locos")?.hasPrefix("too many arguments for 'show': 'Locos'; usage")
                == true)
    }
}
