import NexoKit

/// Builds a ``Script`` from source text.
///
/// Grammar (informally):
/// ```
/// script    := statement ((';' | newline) statement)*
/// statement := ε | 'let' NAME '=' pipeline | pipeline
/// pipeline  := '$'NAME ('|' call)* | call ('|' call)*
/// call      := word+
/// ```
/// `let`, `=` and `$NAME` are recognised only where the grammar expects them and only unquoted;
/// everywhere else they are ordinary words (`where label = maria`).
public enum Parser {
    /// Parses `source`. Line numbers start at `firstLine` (for statements read back from inside a file).
    public static func parse(_ source: String, file: String? = nil, firstLine: Int = 1) throws(LocatedError) -> Script {
        let tokens = try Lexer.tokenize(source, file: file, firstLine: firstLine)
        let context = Context(file: file, bytes: Array(source.utf8), lines: SourceLines(source, firstLine: firstLine))
        var statements: [Statement] = []
        var group: [Token] = []
        for token in tokens {
            switch token.kind {
            case .semicolon, .newline:
                if !group.isEmpty { statements.append(try context.statement(group)) }
                group = []
            default:
                group.append(token)
            }
        }
        if !group.isEmpty { statements.append(try context.statement(group)) }
        return Script(file: file, statements: statements)
    }

    /// Whether `name` is a valid variable name: ASCII letters, digits and `_`, not starting with a digit.
    public static func isValidVariableName(_ name: String) -> Bool {
        guard let first = name.first, !first.isNumber else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    struct Context {
        let file: String?
        let bytes: [UInt8]
        let lines: SourceLines

        func text(_ range: SourceRange) -> String {
            String(decoding: bytes[range.start.offset..<range.end.offset], as: UTF8.self)
        }

        func fail(_ error: NexoError, at position: SourcePosition) -> LocatedError {
            LocatedError(
                error: error, location: SourceLocation(file: file, position), sourceLine: lines.line(position.line))
        }

        func span(_ tokens: some Collection<Token>) -> SourceRange {
            SourceRange(start: tokens.first!.range.start, end: tokens.reversed().first!.range.end)
        }

        func statement(_ tokens: [Token]) throws(LocatedError) -> Statement {
            let range = span(tokens)
            var rest = tokens[...]
            var assigned: String?
            if tokens[0].word?.bareText == "let" {
                let usage = "write: let NAME = COMMAND"
                guard tokens.count > 1, let nameWord = tokens[1].word else {
                    throw fail(
                        NexoError(.usage, "expected a variable name after 'let'", hint: usage),
                        at: tokens.count > 1 ? tokens[1].range.start : tokens[0].range.end)
                }
                guard let name = nameWord.bareText, Parser.isValidVariableName(name) else {
                    throw fail(
                        NexoError(
                            .usage, "invalid variable name '\(nameWord.raw)'",
                            hint: "use letters, digits and _, not starting with a digit"), at: nameWord.range.start)
                }
                guard tokens.count > 2, tokens[2].word?.bareText == "=" else {
                    throw fail(
                        NexoError(.usage, "expected '=' after 'let \(name)'", hint: usage),
                        at: tokens.count > 2 ? tokens[2].range.start : tokens[1].range.end)
                }
                guard tokens.count > 3 else {
                    throw fail(
                        NexoError(.usage, "expected a command after 'let \(name) ='", hint: usage),
                        at: tokens[2].range.end)
                }
                assigned = name
                rest = tokens[3...]
            }
            let pipeline = try self.pipeline(rest)
            return Statement(
                assignedVariable: assigned, pipeline: pipeline, text: text(range), range: range,
                location: SourceLocation(file: file, range.start))
        }

        func pipeline(_ tokens: ArraySlice<Token>) throws(LocatedError) -> Pipeline {
            var stages: [[Token]] = [[]]
            for token in tokens {
                if case .pipe = token.kind {
                    if stages[stages.count - 1].isEmpty {
                        throw fail(NexoError(.usage, "expected a command before '|'"), at: token.range.start)
                    }
                    stages.append([])
                } else {
                    stages[stages.count - 1].append(token)
                }
            }
            if stages[stages.count - 1].isEmpty {
                throw fail(NexoError(.usage, "expected a command after '|'"), at: tokens.last!.range.start)
            }
            var source: String?
            if let first = stages[0].first?.word, let name = first.variableName {
                guard stages[0].count == 1 else {
                    throw fail(
                        NexoError(
                            .usage, "a table variable must be followed by '|'",
                            hint: "write: $\(name) | COMMAND"), at: stages[0][1].range.start)
                }
                source = name
                stages.removeFirst()
            }
            let range = span(tokens)
            return Pipeline(
                sourceVariable: source, stages: stages.map(call), range: range,
                location: SourceLocation(file: file, range.start))
        }

        func call(_ tokens: [Token]) -> CommandCall {
            let range = span(tokens)
            return CommandCall(
                words: tokens.compactMap(\.word), range: range, text: text(range), file: file,
                lines: lines.slice(range.start.line, range.end.line))
        }
    }
}
