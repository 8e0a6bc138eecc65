import NexoKit

/// What to put in place of the text before the cursor.
public struct CompletionResult: Sendable, Hashable {
    /// Character offset in the line where the replaced text starts (the cursor when nothing is replaced).
    public var replaceFrom: Int
    /// Candidate texts in the order to list them (names sorted, entities best first, columns as
    /// declared), without duplicates; already quoted where the language needs it.
    public var candidates: [String]
    /// What a list shows beside a candidate (an entity's label), by candidate text; only the
    /// candidate is inserted.
    public var descriptions: [String: String]
    /// How many more candidates matched than ``candidates`` holds (counted up to a bound); when
    /// positive, the candidates are not all there are.
    public var more: Int

    /// Creates a result.
    public init(replaceFrom: Int, candidates: [String], descriptions: [String: String] = [:], more: Int = 0) {
        self.replaceFrom = replaceFrom
        self.candidates = candidates
        self.descriptions = descriptions
        self.more = more
    }
}

/// Tab completion driven entirely by the command specs: command and subcommand words at
/// command position (after `|` only commands that read a pipe), option names after `-`,
/// the choices of `oneOf` values, `true`/`false`, entity ids with their labels (through the
/// ``CompletionLookup``), file names for file paths, variable names after `$`, and the words a
/// spec's ``CompletionSource`` names: the columns the command before the `|` declares
/// (``CommandSpec/columns``, or those of the table a `$variable` holds), the session's jobs, values
/// stored in an edge property. A text argument or option that declares no source and is named `job`,
/// or after a kind of job (`feed` for `feed-1`), completes the ids of those jobs.
///
/// Offsets (`cursor`, ``CompletionResult/replaceFrom``) count `Character`s of the line.
public struct Completer: Sendable {
    /// Every known command.
    public var specs: [CommandSpec]
    /// Options every command accepts.
    public var globalOptions: [OptionSpec]
    /// Names of the session's variables (without `$`).
    public var variableNames: [String]
    /// What `~` stands for in file paths; `nil` leaves `~` alone.
    public var homeDirectory: String?
    /// Lists a directory for file-name completion (supplied by the host, which owns the system
    /// calls); `nil` completes no file names.
    public var listDirectory: DirectoryLister?

    /// The entries of a directory other than `.` and `..`, sorted by name; empty when it cannot be read.
    public typealias DirectoryLister = @Sendable (_ directory: String) -> [DirectoryEntry]

    /// An entry of a directory, as a ``DirectoryLister`` reports it.
    public struct DirectoryEntry: Sendable, Hashable {
        /// File name.
        public var name: String
        /// Whether it is a directory (following symbolic links).
        public var isDirectory: Bool

        /// Creates an entry.
        public init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    /// Creates a completer.
    public init(
        specs: [CommandSpec], globalOptions: [OptionSpec] = [], variableNames: [String] = [],
        homeDirectory: String? = nil, listDirectory: DirectoryLister? = nil
    ) {
        self.specs = specs
        self.globalOptions = globalOptions
        self.variableNames = variableNames
        self.homeDirectory = homeDirectory
        self.listDirectory = listDirectory
    }

    /// The most candidates read for one list (entities, jobs, stored values); a list that is cut
    /// says how many more there are.
    public static let listLimit = 20

    /// Completes the word that ends at `cursor`. `entityCompleter(prefix, kind)` returns entity
    /// ids starting with `prefix` (of `kind`, or any kind when `nil`).
    public func complete(
        line: String, cursor: Int,
        entityCompleter: (_ prefix: String, _ kind: String?) -> [String]
    ) -> CompletionResult {
        withoutActuallyEscaping(entityCompleter) { entityCompleter in
            complete(line: line, cursor: cursor, lookup: EntityIDLookup(entityCompleter: entityCompleter))
        }
    }

    /// Completes the word that ends at `cursor`, reading entities, jobs, stored values and the
    /// columns of variables through `lookup`. Any line is accepted (unterminated quotes, a trailing
    /// `|` or `$`, nothing at all); one that cannot be read offers nothing.
    public func complete(line: String, cursor: Int, lookup: some CompletionLookup) -> CompletionResult {
        let chars = Array(line)
        let cursor = min(max(0, cursor), chars.count)
        let before = String(chars[..<cursor])
        if let variable = completeVariable(before) { return variable }
        guard let lexed = Self.lex(before) else { return CompletionResult(replaceFrom: cursor, candidates: []) }

        var current: Word?
        var tokens = lexed.tokens
        if let last = tokens.last?.word, last.range.end.offset >= before.utf8.count {
            current = last
            tokens.removeLast()
        }
        // The stages of the statement the cursor is in: the words of each command of its pipeline.
        var stages: [[Word]] = [[]]
        for token in tokens {
            switch token.kind {
            case .pipe: stages.append([])
            case .semicolon, .newline: stages = [[]]
            case .word(let word): stages[stages.count - 1].append(word)
            }
        }
        let piped = stages.count > 1
        if stages[0].first?.bareText == "let" {
            guard stages[0].count >= 3, stages[0][2].bareText == "=" else {
                return CompletionResult(replaceFrom: cursor, candidates: [])
            }
            stages[0].removeFirst(3)
        }
        let words = stages.removeLast()
        if words.first?.variableName != nil { return CompletionResult(replaceFrom: cursor, candidates: []) }

        return Context(
            completer: self, before: before, current: current, quote: lexed.openQuote, lookup: lookup,
            upstream: stages
        )
        .complete(commandWords: words, piped: piped)
    }

    /// `$na` or `${na` just before the cursor: variable names.
    func completeVariable(_ before: String) -> CompletionResult? {
        let chars = Array(before)
        var start = chars.count
        while start > 0, chars[start - 1].isASCII,
            chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_"
        {
            start -= 1
        }
        let name = String(chars[start...])
        var braced = false
        if start > 0, chars[start - 1] == "{", start > 1, chars[start - 2] == "$" {
            braced = true
            start -= 2
        } else if start > 0, chars[start - 1] == "$" {
            start -= 1
        } else {
            return nil
        }
        let candidates = variableNames.filter { $0.hasPrefix(name) }.sorted().map { braced ? "${\($0)}" : "$\($0)" }
        return CompletionResult(replaceFrom: start, candidates: candidates)
    }

    /// Tokens of the text before the cursor, closing an open quote if there is one.
    static func lex(_ text: String) -> (tokens: [Token], openQuote: Character?)? {
        var lexer = Lexer(text, firstLine: 1)
        do {
            return (try lexer.run(), nil)
        } catch {
            guard case .unterminated(let quote) = error.kind else { return nil }
            var closed = Lexer(text + String(quote), firstLine: 1)
            guard let tokens = try? closed.run() else { return nil }
            return (tokens, quote)
        }
    }
}

/// Completes `line` at `cursor` from `registry`: a convenience for ``Completer``, without descriptions.
public func completions(
    for line: String, cursor: Int, registry: [CommandSpec], globalOptions: [OptionSpec] = [],
    variableNames: [String] = [],
    entityCompleter: (_ prefix: String, _ kind: String?) -> [String]
) -> (replaceFrom: Int, candidates: [String]) {
    let result = Completer(specs: registry, globalOptions: globalOptions, variableNames: variableNames)
        .complete(line: line, cursor: cursor, entityCompleter: entityCompleter)
    return (result.replaceFrom, result.candidates)
}
