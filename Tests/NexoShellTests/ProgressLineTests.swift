import Testing

@testable import NexoShell

@Suite struct ProgressLineTests {
    @Test func drawsABarAndRedrawsOnlyWhenThePercentChanges() {
        let text = CapturedText()
        let line = ProgressLine(sink: text)
        line.update(0, of: 200, label: "generate large: routes")
        line.update(1, of: 200, label: "generate large: routes") // still 0 %: not redrawn
        line.update(100, of: 200, label: "generate large: routes")
        line.update(200, of: 200, label: "generate large: routes")
        let frames = text.stderr.split(separator: "\r").map(String.init)
        #expect(
            frames == [
                "generate large: routes [░░░░░░░░░░░░░░░░░░░░░░░░]   0%  0/200\u{1B}[K",
                "generate large: routes [████████████░░░░░░░░░░░░]  50%  100/200\u{1B}[K",
                "generate large: routes [████████████████████████] 100%  200/200\u{1B}[K",
            ])
        line.finish()
        #expect(text.stderr.hasSuffix("\r\u{1B}[K"))
    }

    @Test func unknownTotalsShowACountAndLabelsAreEscaped() {
        let text = CapturedText()
        let line = ProgressLine(sink: text)
        line.update(20_000, of: nil, label: "import \u{1B}[31mred")
        #expect(!text.stderr.contains("\u{1B}[31m"))
        #expect(text.stderr.hasSuffix(": 20000\u{1B}[K"))
    }

    @Test func finishWithoutProgressWritesNothing() {
        let text = CapturedText()
        ProgressLine(sink: text).finish()
        #expect(text.stderr.isEmpty)
    }
}
