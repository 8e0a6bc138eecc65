import NexoKit

extension Completer {
    /// The state of one completion request.
    struct Context {
        let completer: Completer
        let before: String
        /// The word being typed, if the cursor is right after one.
        let current: Word?
        /// The quote the word being typed opened and did not close.
        let quote: Character?
        let entityCompleter: (String, String?) -> [String]

        var prefix: String { current?.literal ?? "" }

        /// Character offset of a byte offset in `before`.
        func characterOffset(_ byteOffset: Int) -> Int {
            let utf8 = before.utf8
            let end = utf8.index(utf8.startIndex, offsetBy: min(byteOffset, utf8.count))
            return before[..<end].count
        }

        var replaceFrom: Int { current.map { characterOffset($0.range.start.offset) } ?? before.count }

        func complete(commandWords words: [Word], piped: Bool, cursor: Int) -> CompletionResult {
            let specs = completer.specs.filter { !piped || $0.input != nil }
            let typed = words.map { $0.hasVariables ? nil : $0.literal }
            var candidates: [String] = []
            // Command and subcommand words: specs whose path continues every word typed so far.
            let continuing = specs.filter { $0.path.count > typed.count && zip($0.path, typed).allSatisfy { $0 == $1 } }
            if current?.isQuoted != true {
                candidates += Set(continuing.map { $0.path[typed.count] }.filter { $0.hasPrefix(prefix) }).sorted()
            }
            // Arguments and options of the command the words name, if they name one.
            let named = specs.filter { $0.path.count <= typed.count && zip($0.path, typed).allSatisfy { $0 == $1 } }
            if !words.isEmpty, let spec = named.max(by: { $0.path.count < $1.path.count }) {
                let result = arguments(of: spec, after: Array(words.dropFirst(spec.path.count)))
                if result.replaceFrom != replaceFrom { return result }
                candidates += result.candidates
            }
            var seen = Set<String>()
            return CompletionResult(
                replaceFrom: replaceFrom, candidates: candidates.filter { seen.insert($0).inserted })
        }

        func options(of spec: CommandSpec) -> [OptionSpec] {
            spec.options
                + completer.globalOptions.filter { global in !spec.options.contains { $0.name == global.name } }
        }

        func arguments(of spec: CommandSpec, after words: [Word]) -> CompletionResult {
            let options = options(of: spec)
            var optionsEnded = false
            var pending: OptionSpec?
            var positional = 0
            var given = Set<String>()
            for word in words {
                if pending != nil {
                    pending = nil
                    continue
                }
                if !optionsEnded && word.isEndOfOptions {
                    optionsEnded = true
                } else if !optionsEnded, let option = word.option {
                    given.insert(option.name)
                    if let spec = options.first(where: { $0.name == option.name }), !spec.isFlag, option.value == nil {
                        pending = spec
                    }
                } else {
                    positional += 1
                }
            }
            if let pending, let type = pending.type {
                return CompletionResult(replaceFrom: replaceFrom, candidates: values(of: type, prefix: prefix))
            }
            let raw = current?.raw ?? ""
            if !optionsEnded, let current, let option = current.option, let value = option.value {
                guard let type = options.first(where: { $0.name == option.name })?.type else {
                    return CompletionResult(replaceFrom: replaceFrom, candidates: [])
                }
                return CompletionResult(
                    replaceFrom: characterOffset(value.range.start.offset),
                    candidates: values(of: type, prefix: value.literal ?? ""))
            }
            let optionNames = options.filter { $0.isRepeatable || !given.contains($0.name) }.map { "--\($0.name)" }
            if !optionsEnded, current?.isQuoted != true, raw.hasPrefix("--") || raw == "-" {
                return CompletionResult(
                    replaceFrom: replaceFrom, candidates: optionNames.filter { $0.hasPrefix(raw) }.sorted())
            }
            var candidates: [String] = []
            if let argument = spec.arguments.indices.contains(positional)
                ? spec.arguments[positional]
                : spec.arguments.last.flatMap({ $0.isVariadic ? $0 : nil })
            {
                candidates = values(of: argument.type, prefix: prefix)
            }
            let argumentsDone = !spec.arguments.indices.contains(positional) || spec.arguments[positional].isOptional
            if candidates.isEmpty && current == nil && !optionsEnded && argumentsDone {
                candidates = optionNames.sorted()
            }
            return CompletionResult(replaceFrom: replaceFrom, candidates: candidates)
        }

        /// Candidate values of `type` starting with `prefix`, quoted as needed.
        func values(of type: ValueType, prefix: String) -> [String] {
            let raw: [String]
            switch type {
            case .oneOf(let choices):
                let exact = choices.filter { $0.hasPrefix(prefix) }
                raw = exact.isEmpty ? choices.filter { $0.lowercased().hasPrefix(prefix.lowercased()) } : exact
            case .bool:
                raw = ["false", "true"].filter { $0.hasPrefix(prefix.lowercased()) }
            case .entity(let kind):
                raw = entityCompleter(prefix, kind)
            case .record:
                raw = entityCompleter(prefix, nil)
            case .filePath:
                raw = files(prefix: prefix)
            case .string, .int, .double, .date, .dateRange, .partialDate:
                raw = []
            }
            return Array(Set(raw)).sorted().map(quoted)
        }

        /// Entries of the directory named by `prefix` (up to its last `/`) that start with the rest.
        func files(prefix: String) -> [String] {
            let slash = prefix.lastIndex(of: "/")
            let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
            let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
            var directory = directoryPart.isEmpty ? "." : directoryPart
            if let home = completer.homeDirectory, directory == "~/" || directory.hasPrefix("~/") {
                directory = home + "/" + directory.dropFirst(2)
            }
            return (completer.listDirectory?(directory) ?? [])
                .filter { $0.name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
                .map { directoryPart + $0.name + ($0.isDirectory ? "/" : "") }
        }

        /// `text` as a word: in the quotes the user opened, or quoted when it needs to be.
        func quoted(_ text: String) -> String {
            let special: Set<Character> = ["\"", "'", "\\", ";", "|", "$", "#"]
            let needs = text.isEmpty || text.contains { $0.isWhitespace || special.contains($0) }
            switch quote ?? (needs ? (text.contains("'") ? "\"" : "'") : nil) {
            case "'" where !text.contains("'"):
                return "'" + text + "'"
            case .some:
                var escaped = ""
                for c in text {
                    switch c {
                    case "\"": escaped += "\\\""
                    case "\\": escaped += "\\\\"
                    default: escaped.append(c)
                    }
                }
                return "\"" + escaped + "\""
            case .none:
                return text
            }
        }
    }
}
