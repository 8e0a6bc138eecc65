/// The program the REPL pages long results through: `$PAGER`, or `less -SFRX` when it is unset.
///
/// As git and psql read it: `PAGER` set to nothing (or blanks) or to `cat` means no pager. A command of plain
/// words (`less -R`, `most`) is run directly, found on `PATH`; one that uses the shell (quotes, `|`, `$`, `~`,
/// redirections…) is run with `/bin/sh -c`.
public struct PagerCommand: Equatable, Sendable {
    /// The pager when `PAGER` is unset: `-S` chops long lines (← and → scroll sideways), `-F` quits at once
    /// when the text fits the screen, `-R` passes colours, `-X` leaves the text on the screen afterwards.
    public static let standard = "less -SFRX"

    /// The command as given.
    public let text: String
    /// The program and its arguments when ``text`` is plain words; `nil` when it needs the shell.
    public let words: [String]?

    /// The characters that make a command need the shell (git's list, run-command.c).
    static let shellCharacters = Set("|&;<>()$`\\\"' \t\n*?[#~=%").subtracting(" \t")

    /// The pager `text` names, or `nil` when it names none (empty, blanks, `cat`).
    public init?(_ text: String) {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty, trimmed != "cat" else { return nil }
        self.text = trimmed
        words =
            trimmed.contains(where: Self.shellCharacters.contains)
            ? nil : trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The pager `environment` asks for: `PAGER`, ``standard`` when it is unset, `nil` when it is empty or `cat`.
    public init?(environment: [String: String]) {
        self.init(environment["PAGER"] ?? Self.standard)
    }

    /// The program to start (looked up on `PATH` when it has no `/`) and its argument vector.
    var invocation: (program: String, arguments: [String]) {
        if let words { return (words[0], words) }
        return ("/bin/sh", ["sh", "-c", text])
    }

    /// Whether the pager cuts lines at the screen's edge rather than wrapping them: `less` with `-S`
    /// (`--chop-long-lines`). Output wider than the screen then goes to it, to be scrolled sideways.
    var chopsLongLines: Bool {
        guard let words, words[0] == "less" || words[0].hasSuffix("/less") else { return false }
        return words.dropFirst().contains {
            $0 == "--chop-long-lines" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("S"))
        }
    }
}
