import Glibc
import NexoFiles
import NexoKit
import Testing

@testable import NexoLanguage

@Suite struct CompleterTests {
    let completer = Completer(
        specs: Fixtures.specs, globalOptions: Fixtures.globals, variableNames: ["leaders", "limit", "since"],
        homeDirectory: "/home/ana",
        listDirectory: { directory in
            FileNames.list(directory: directory).map {
                Completer.DirectoryEntry(name: $0.name, isDirectory: $0.isDirectory)
            }
        })

    func complete(_ line: String, cursor: Int? = nil) -> CompletionResult {
        completer.complete(line: line, cursor: cursor ?? line.count) { prefix, kind in
            Fixtures.entities.filter { kind == nil || $0.kind == kind }.map(\.id.rawValue).filter {
                $0.hasPrefix(prefix)
            }
        }
    }

    @Test func commandNamesAtCommandPosition() {
        #expect(
            complete("")
                == CompletionResult(
                    replaceFrom: 0, candidates: ["bio", "case", "find", "gang", "link", "set", "show", "sort", "where"])
        )
        #expect(complete("s") == CompletionResult(replaceFrom: 0, candidates: ["set", "show", "sort"]))
        #expect(complete("gang list; ca") == CompletionResult(replaceFrom: 11, candidates: ["case"]))
        #expect(complete("let x = ga") == CompletionResult(replaceFrom: 8, candidates: ["gang"]))
    }

    @Test func subcommandWords() {
        #expect(complete("case ") == CompletionResult(replaceFrom: 5, candidates: ["close", "list", "open", "use"]))
        #expect(complete("case o") == CompletionResult(replaceFrom: 5, candidates: ["open"]))
        #expect(complete("link p") == CompletionResult(replaceFrom: 5, candidates: ["path"]))
    }

    @Test func afterAPipeOnlyCommandsThatReadAPipe() {
        #expect(complete("gang list | ") == CompletionResult(replaceFrom: 12, candidates: ["link", "sort", "where"]))
        #expect(complete("gang list | link ") == CompletionResult(replaceFrom: 17, candidates: ["chart"]))
    }

    @Test func optionNamesAfterDashes() {
        #expect(complete("gang members MS-13 --r") == CompletionResult(replaceFrom: 19, candidates: ["--role"]))
        #expect(
            complete("gang members MS-13 --role corredor --")
                == CompletionResult(
                    replaceFrom: 35, candidates: ["--active", "--dry-run", "--format", "--help", "--since", "--via"]))
        #expect(complete("gang members MS-13 --via phone --v").candidates == ["--via"])
        #expect(complete("find -- --l").candidates == [])
    }

    @Test func enumValuesForOptionsAndArguments() {
        #expect(
            complete("gang members MS-13 --role ")
                == CompletionResult(replaceFrom: 26, candidates: ["corredor", "palabrero"]))
        #expect(complete("gang members MS-13 --role p") == CompletionResult(replaceFrom: 26, candidates: ["palabrero"]))
        #expect(complete("gang members MS-13 --role=P") == CompletionResult(replaceFrom: 26, candidates: ["palabrero"]))
        #expect(complete("x | where label ") == CompletionResult(replaceFrom: 16, candidates: ["!=", "=", "~"]))
        #expect(complete("find x --exact ").candidates == ["false", "true"])
        #expect(complete("gang list --format n").candidates == ["ndjson"])
    }

    @Test func entityIdsThroughTheCaller() {
        #expect(complete("gang members ") == CompletionResult(replaceFrom: 13, candidates: ["G-1", "G-2"]))
        #expect(complete("link path P-1 P") == CompletionResult(replaceFrom: 14, candidates: ["P-1", "P-2"]))
        #expect(complete("show ").candidates == ["G-1", "G-2", "P-1", "P-2"])
        #expect(complete("link chart P-1 G").candidates == ["G-1", "G-2"])
    }

    @Test func variableNamesAfterDollar() {
        #expect(complete("show $") == CompletionResult(replaceFrom: 5, candidates: ["$leaders", "$limit", "$since"]))
        #expect(complete("$l") == CompletionResult(replaceFrom: 0, candidates: ["$leaders", "$limit"]))
        #expect(complete("find ${s") == CompletionResult(replaceFrom: 5, candidates: ["${since}"]))
    }

    @Test func onlyTheTextBeforeTheCursorCounts() {
        #expect(complete("case o | whatever", cursor: 6) == CompletionResult(replaceFrom: 5, candidates: ["open"]))
        #expect(complete("ca", cursor: 99) == CompletionResult(replaceFrom: 0, candidates: ["case"]))
    }

    @Test func nothingWhereNothingFits() {
        #expect(complete("case open ").candidates == [])
        #expect(complete("zzz ").candidates == [])
        #expect(complete("find \"a\\q").candidates == [])
        #expect(complete("$leaders ").candidates == [])
        #expect(complete("case close ").candidates == ["--dry-run", "--format", "--help"])
    }

    @Test func filePathsListTheDirectoryAndQuoteWhenNeeded() throws {
        var template = Array("/tmp/nexo-complete-XXXXXX".utf8CString)
        let directory = try #require(
            template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        defer {
            for name in ["probe.f32", "probe two.f32", "pics/a", ".hidden"] { unlink(directory + "/" + name) }
            rmdir(directory + "/pics")
            rmdir(directory)
        }
        for name in ["probe.f32", "probe two.f32", ".hidden"] { fclose(fopen(directory + "/" + name, "w")) }
        mkdir(directory + "/pics", 0o700)

        let line = "bio identify --face \(directory)/"
        #expect(
            complete(line)
                == CompletionResult(
                    replaceFrom: 20,
                    candidates: [
                        "\(directory)/pics/", "'\(directory)/probe two.f32'", "\(directory)/probe.f32",
                    ]))
        #expect(complete("bio identify --face \(directory)/probe t").candidates == [])
        #expect(complete("bio identify --face \"\(directory)/probe t").candidates == ["\"\(directory)/probe two.f32\""])
        #expect(complete("bio identify --face \(directory)/.").candidates == ["\(directory)/.hidden"])
        #expect(
            complete("bio identify --face=\(directory)/pi")
                == CompletionResult(replaceFrom: 20, candidates: ["\(directory)/pics/"]))
    }

    @Test func freeFunctionMatchesTheCompleter() {
        let (from, candidates) = completions(for: "case u", cursor: 6, registry: Fixtures.specs) { _, _ in [] }
        #expect(from == 5)
        #expect(candidates == ["use"])
    }
}
