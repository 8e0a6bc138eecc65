import Testing

@testable import NexoLineEditor

@Suite struct CompletionPlanTests {
    private func plan(
        _ line: String, _ candidates: [String], from: Int? = nil, cursor: Int? = nil, repeated: Bool = false
    )
        -> CompletionPlan
    {
        let cursor = cursor ?? line.count
        let from = from ?? (line.lastIndex(of: " ").map { line.distance(from: line.startIndex, to: $0) + 1 } ?? 0)
        return CompletionPlan.make(
            line: line, cursor: cursor, completion: Completion(replaceFrom: from, candidates: candidates),
            repeatedTab: repeated)
    }

    @Test func aSingleCandidateReplacesTheWordAndAddsASpace() {
        #expect(plan("gang mem", ["members"]) == .replace(from: 5, text: "members "))
    }

    @Test func aSingleDirectoryCandidateGetsNoSpace() {
        #expect(plan("run scr", ["scripts/"]) == .replace(from: 4, text: "scripts/"))
    }

    @Test func severalCandidatesInsertTheirLongestCommonPrefix() {
        #expect(plan("link p", ["path", "paths-all", "pagerank"]) == .replace(from: 5, text: "pa"))
    }

    @Test func aCommonPrefixThatOnlyFixesCaseReplacesTheWord() {
        #expect(plan("show p-10", ["P-1042", "P-1077"]) == .replace(from: 5, text: "P-10"))
    }

    @Test func noProgressRingsTheBellThenARepeatedTabLists() {
        let candidates = ["members", "member-of"]
        #expect(plan("gang mem", candidates) == .replace(from: 5, text: "member"))
        #expect(plan("gang member", candidates) == .nothing)
        #expect(plan("gang member", candidates, repeated: true) == .list(candidates))
    }

    @Test func noCandidatesRingTheBell() {
        #expect(plan("zzz", []) == .nothing)
    }

    @Test func duplicateCandidatesCountOnce() {
        #expect(plan("he", ["help", "help"]) == .replace(from: 0, text: "help "))
    }

    @Test func offsetsCountCharactersNotBytes() {
        #expect(plan("find Pé", ["Pérez", "Pérez-Núñez"]) == .replace(from: 5, text: "Pérez"))
        #expect(plan("find Núñ", ["Núñez"]) == .replace(from: 5, text: "Núñez "))
    }

    @Test func completingInTheMiddleOfTheLineUsesTheCursor() {
        #expect(plan("gang mem MS-13", ["members"], from: 5, cursor: 8) == .replace(from: 5, text: "members "))
    }

    @Test func outOfRangeOffsetsAreClamped() {
        #expect(plan("abc", ["abcdef"], from: 99, cursor: 99) == .replace(from: 3, text: "abcdef "))
        #expect(plan("abc", ["abcdef"], from: -4, cursor: 3) == .replace(from: 0, text: "abcdef "))
    }

    @Test func longestCommonPrefixComparesCharacters() {
        #expect(CompletionPlan.longestCommonPrefix(["Núñez", "Núñes", "Núria"]) == "Nú")
        #expect(CompletionPlan.longestCommonPrefix(["same"]) == "same")
        #expect(CompletionPlan.longestCommonPrefix([]) == "")
        #expect(CompletionPlan.longestCommonPrefix(["abc", "xyz"]) == "")
    }
}

@Suite struct CandidateColumnsTests {
    @Test func candidatesFillColumnsTopToBottom() {
        let rows = CandidateColumns.rows(["alpha", "bravo", "charlie", "delta", "echo"], width: 20)
        #expect(rows == ["alpha    delta", "bravo    echo", "charlie"])
    }

    @Test func theLastColumnNeedsNoGap() {
        #expect(CandidateColumns.rows(["abcd", "efgh"], width: 10) == ["abcd  efgh"])
        #expect(CandidateColumns.rows(["abcd", "efgh"], width: 9) == ["abcd", "efgh"])
    }

    @Test func aNarrowTerminalGetsOneColumn() {
        #expect(CandidateColumns.rows(["a-long-candidate", "b"], width: 5) == ["a-long-candidate", "b"])
    }

    @Test func wideListsAreCut() {
        let rows = CandidateColumns.rows((1...5).map { "c\($0)" }, width: 80, limit: 3)
        #expect(rows == ["c1  c2  c3", "(2 more not shown)"])
    }

    @Test func controlCharactersInCandidatesCannotReachTheTerminal() {
        #expect(CandidateColumns.rows(["evil\u{1B}[2Jname", "ok\u{9B}"], width: 80) == ["evil?[2Jname  ok?"])
    }

    @Test func widthCountsCharacters() {
        #expect(CandidateColumns.rows(["Núñez", "Pérez", "Li"], width: 19) == ["Núñez  Pérez  Li"])
    }
}
