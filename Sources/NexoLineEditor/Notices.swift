import CLibEdit
import Glibc
import NexoFiles
import Synchronization

/// Messages from other threads for the user at the terminal (a feed's alerts): shown at once
/// above the line being edited, which is then redrawn as it was, or before the next prompt when
/// no line is being edited.
public final class Notices: Sendable {
    /// The process's notice board (there is one terminal).
    public static let shared = Notices()

    private let pending = Mutex<[String]>([])

    private init() {}

    /// Queues `text` (one or more lines) and wakes the line editor if it is waiting for a key.
    /// Safe from any thread.
    public func post(_ text: String) {
        pending.withLock { $0.append(text) }
        signalFlags.wake()
    }

    /// Takes the queued notices, oldest first.
    public func take() -> [String] {
        pending.withLock { notices in
            defer { notices.removeAll() }
            return notices
        }
    }
}

extension LineEditor {
    /// Prints queued notices above the line being edited and redraws the prompt and the line.
    func showNotices(_ editLine: OpaquePointer) {
        let notices = Notices.shared.take()
        guard !notices.isEmpty else { return }
        var text = "\r\u{1B}[K"
        for notice in notices { text += notice + (notice.hasSuffix("\n") ? "" : "\n") }
        if let outputFile { fflush(outputFile) }
        DescriptorIO.writeAll(Array(text.utf8), to: streams.output)
        nexo_el_refresh(editLine)
    }
}
