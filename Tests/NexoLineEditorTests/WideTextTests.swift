import Testing

@testable import NexoLineEditor

@Suite struct WideTextTests {
    private func prompt(_ text: String) -> String {
        WideText.string(WideText.promptText(text, marker: "|"))
    }

    @Test func colourSequencesInThePromptAreMarkedAsInvisible() {
        #expect(prompt("\u{1B}[1;32mnexo\u{1B}[0m> ") == "|\u{1B}[1;32m|nexo|\u{1B}[0m|> ")
    }

    @Test func titleSequencesAndShortEscapesAreMarked() {
        #expect(
            prompt("\u{1B}]0;title\u{07}x\u{1B}]2;t\u{1B}\\y\u{1B}7z")
                == "|\u{1B}]0;title\u{07}|x|\u{1B}]2;t\u{1B}\\|y|\u{1B}7|z")
    }

    @Test func aPlainPromptIsUnchangedExceptForTheMarker() {
        #expect(prompt("nexo[SV-2026-0141]> ") == "nexo[SV-2026-0141]> ")
        #expect(prompt("a|b") == "ab")
        #expect(prompt("cut\u{1B}[") == "cut|\u{1B}[|")
    }

    @Test func wideTextRoundTripsUnicode() {
        let text = "Pérez Núñez 🇸🇻"
        let wide = WideText.wide(text)
        #expect(wide.last == 0)
        let back = wide.dropLast().withUnsafeBufferPointer { WideText.scalars($0.baseAddress!, count: $0.count) }
        #expect(WideText.string(back) == text)
        #expect(WideText.scalar(-1) == "\u{FFFD}")
    }

    @Test func utf8SequencesAreMeasuredAndDecoded() {
        #expect(UTF8Sequence.length(lead: 0x41) == 1)
        #expect(UTF8Sequence.length(lead: 0xC3) == 2)
        #expect(UTF8Sequence.length(lead: 0xE2) == 3)
        #expect(UTF8Sequence.length(lead: 0xF0) == 4)
        #expect(UTF8Sequence.length(lead: 0x80) == nil)
        #expect(UTF8Sequence.length(lead: 0xC0) == nil)
        #expect(UTF8Sequence.decode([0xC3, 0xB1]) == "ñ")
        #expect(UTF8Sequence.decode([0xED, 0xA0, 0x80]) == "\u{FFFD}")
    }
}
