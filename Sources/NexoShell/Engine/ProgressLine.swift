import NexoOutput

/// One progress line on a terminal's standard error, redrawn in place:
/// `generate large: routes [██████████░░░░░░░░░░░░░░]  41%  185/450`.
///
/// Redraws only when what it shows changes (a whole percent, or the label), so a command can
/// report every step without flooding a slow terminal; ``finish()`` clears the line so the
/// command's own output starts on a clean line.
final class ProgressLine {
    private let sink: any TextSink
    private var shown: (label: String, percent: Int, done: Int)?
    static let width = 24

    init(sink: any TextSink) { self.sink = sink }

    func update(_ done: Int, of total: Int?, label: String) {
        let label = Renderer.escapeForTerminal(label)
        guard let total, total > 0 else {
            sink.err("\r\(label): \(done)\u{1B}[K")
            shown = (label, -1, done)
            return
        }
        let fraction = min(1, max(0, Double(done) / Double(total)))
        let percent = Int(fraction * 100)
        if let shown, shown.label == label, shown.percent == percent, done != total { return }
        let filled = Int(fraction * Double(Self.width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: Self.width - filled)
        let percentText = String(percent).leftPadded(to: 3)
        sink.err("\r\(label) [\(bar)] \(percentText)%  \(done)/\(total)\u{1B}[K")
        shown = (label, percent, done)
    }

    /// Clears the line if anything was drawn.
    func finish() {
        if shown != nil { sink.err("\r\u{1B}[K") }
        shown = nil
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
