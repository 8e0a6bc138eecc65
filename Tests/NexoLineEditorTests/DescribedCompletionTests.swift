import Testing

@testable import NexoLineEditor

/// Candidates that stand for something (entity ids found by name, with their labels) and lists cut short.
@Suite struct DescribedCompletionTests {
    func plan(_ line: String, _ completion: Completion, repeated: Bool = false) -> CompletionPlan {
        CompletionPlan.make(line: line, cursor: line.count, completion: completion, repeatedTab: repeated)
    }

    @Test func idsFoundByNameDoNotReplaceTheNameWithTheirCommonPrefix() {
        let found = Completion(
            replaceFrom: 5, candidates: ["P-110", "P-112"],
            descriptions: ["P-110": "Henry Alvarado", "P-112": "Henry Ortiz"])
        #expect(plan("show henry", found) == .nothing)
        #expect(plan("show henry", found, repeated: true) == .list(["P-110", "P-112"]))
        // One found by name takes the word's place.
        #expect(
            plan("show alvara", Completion(replaceFrom: 5, candidates: ["P-110"]))
                == .replace(from: 5, text: "P-110 "))
    }

    @Test func aListCutShortIsNotExtendedByItsCommonPrefix() {
        let cut = Completion(replaceFrom: 5, candidates: ["P-100", "P-101"], more: 30)
        #expect(plan("show P-", cut) == .nothing)
        #expect(plan("show P-", cut, repeated: true) == .list(["P-100", "P-101"]))
        #expect(
            plan("show P-", Completion(replaceFrom: 5, candidates: ["P-100", "P-101"]))
                == .replace(from: 5, text: "P-10"))
    }

    @Test func describedCandidatesAreListedOneALineWithTheirDescriptionsAligned() {
        let rows = CandidateColumns.describedRows(
            ["P-7", "P-110", "G-2"], descriptions: ["P-7": "Ana Henríquez", "P-110": "Henry Alvarado"], width: 80)
        #expect(rows == ["P-7    Ana Henríquez", "P-110  Henry Alvarado", "G-2"])
    }

    @Test func describedListsStopAtTheLimitAndSayHowManyMore() {
        let ids = (1...25).map { "P-\($0)" }
        let rows = CandidateColumns.describedRows(ids, descriptions: ["P-1": "Ana"], more: 10, width: 80, limit: 20)
        #expect(rows.count == 21)
        #expect(rows.first == "P-1   Ana")
        #expect(rows.last == "…and 15 more")
        #expect(
            CandidateColumns.describedRows(["P-1"], descriptions: [:], more: 3, width: 80) == ["P-1", "…and 3 more"])
    }

    @Test func longDescriptionsAreCutToTheWidthAndCannotDriveTheTerminal() {
        let rows = CandidateColumns.describedRows(
            ["P-1"], descriptions: ["P-1": "Ana \u{1B}[2J" + String(repeating: "x", count: 50)], width: 20)
        #expect(rows == ["P-1  Ana ?[2Jxxxxxx…"])
        #expect(rows[0].count == 20)
    }
}
