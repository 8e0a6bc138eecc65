import Glibc
import NexoLineEditor
import Testing

/// A tiny REPL on LineEditor for EndToEndTests/LineEditorTerminalTests, which runs this test binary
/// in a real terminal (tmux) filtered to this suite, with NEXO_LINE_EDITOR_DRIVER set. Without that
/// variable the test is skipped: it only waits for keyboard input.
///
/// It prints `read[<line>]` for each line (adding it to the history), `interrupted` on Ctrl-C and
/// `end` on Ctrl-D. TAB completes the last word from a fixed list.
@Suite struct LineEditorTerminalDriver {
    static let words = ["members", "member-of", "memo", "Pérez", "Pérez-Núñez", "Núñez", "plugins/"]

    @Test(.enabled(if: getenv("NEXO_LINE_EDITOR_DRIVER") != nil, "runs only under EndToEndTests"))
    func runInteractiveDriver() throws {
        let history = getenv("NEXO_LINE_EDITOR_HISTORY").map { String(cString: $0) }
        let editor = try LineEditor(programName: "nexo-driver", historyFile: history)
        editor.completer = { line, cursor in
            let characters = Array(line)
            var start = cursor
            while start > 0, characters[start - 1] != " " { start -= 1 }
            let word = String(characters[start..<cursor]).lowercased()
            return Completion(replaceFrom: start, candidates: Self.words.filter { $0.lowercased().hasPrefix(word) })
        }
        while true {
            switch editor.readLine(prompt: "\u{1B}[1mdriver\u{1B}[0m> ") {
            case .line(let line):
                print("read[\(line)]")
                editor.addToHistory(line)
            case .interrupted:
                print("interrupted")
            case .endOfInput:
                print("end")
                return
            }
        }
    }
}
