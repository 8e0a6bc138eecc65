import NexoKit
import Testing

/// One reading of durations for every option that takes one.
@Suite struct DurationTextTests {
    @Test(arguments: [
        ("0", 0.0), ("45", 45), ("90s", 90), ("1.5m", 90), ("2h", 7_200), ("3d", 259_200), ("0.5", 0.5),
    ])
    func readsSecondsAndUnits(text: String, seconds: Double) throws {
        #expect(try DurationText.seconds(text, option: "--within") == seconds)
    }

    @Test(arguments: ["", "h", "-1s", "2 hours", "1e3", "5w", "nan", "inf", "1.2.3m", "99999999999999d", "٣s"])
    func refusesWhatIsNoDuration(text: String) {
        #expect(throws: NexoError.self) { try DurationText.seconds(text, option: "--until") }
    }
}
