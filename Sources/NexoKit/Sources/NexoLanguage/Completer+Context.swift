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
        let lookup: any CompletionLookup
        /// The words of the commands before the current one in its pipeline (`let x =` left out).
        let upstream: [[Word]]

        var prefix: String { current?.literal ?? "" }

        /// Character offset of a byte offset in `before`.
        func characterOffset(_ byteOffset: Int) -> Int {
            let utf8 = before.utf8
            let end = utf8.index(utf8.startIndex, offsetBy: min(byteOffset, utf8.count))
            return before[..<end].count
        }

        var replaceFrom: Int { current.map { characterOffset($0.range.start.offset) } ?? before.count }

        /// Candidates and how many more there are than those.
        struct Offer {
            var candidates: [CompletionCandidate] = []
            var more = 0

            init(_ candidates: [CompletionCandidate] = [], more: Int = 0) {
                self.candidates = candidates
                self.more = more
            }

            init(words: [String]) { self.init(words.map { CompletionCandidate($0) }) }

            /// The result replacing from `from`: candidates without duplicates, in order.
            func result(from: Int) -> CompletionResult {
                var seen = Set<String>()
                var texts: [String] = []
                var descriptions: [String: String] = [:]
                for candidate in candidates where seen.insert(candidate.text).inserted {
                    texts.append(candidate.text)
                    if let description = candidate.description { descriptions[candidate.text] = description }
                }
                return CompletionResult(replaceFrom: from, candidates: texts, descriptions: descriptions, more: more)
            }
        }

        func complete(commandWords words: [Word], piped: Bool) -> CompletionResult {
            let specs = completer.specs.filter { !piped || $0.input != nil }
            let typed = words.map { $0.hasVariables ? nil : $0.literal }
            var offer = Offer()
            // Command and subcommand words: specs whose path continues every word typed so far.
            let continuing = specs.filter { $0.path.count > typed.count && zip($0.path, typed).allSatisfy { $0 == $1 } }
            if current?.isQuoted != true {
                offer = Offer(
                    words: Set(continuing.map { $0.path[typed.count] }.filter { $0.hasPrefix(prefix) }).sorted())
            }
            // Arguments and options of the command the words name, if they name one.
            if !words.isEmpty, let spec = Self.command(named: typed, in: specs) {
                let result = arguments(of: spec, after: Array(words.dropFirst(spec.path.count)))
                if result.replaceFrom != replaceFrom { return result }
                offer.candidates += result.candidates.map {
                    CompletionCandidate($0, description: result.descriptions[$0])
                }
                offer.more += result.more
            }
            return offer.result(from: replaceFrom)
        }

        /// The spec with the longest path that the typed words start with.
        static func command(named typed: [String?], in specs: [CommandSpec]) -> CommandSpec? {
            specs.filter { $0.path.count <= typed.count && zip($0.path, typed).allSatisfy { $0 == $1 } }
                .max { $0.path.count < $1.path.count }
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
                return values(of: type, completion: pending.completion, name: pending.name, spec: spec, prefix: prefix)
                    .result(from: replaceFrom)
            }
            let raw = current?.raw ?? ""
            if !optionsEnded, let current, let option = current.option, let value = option.value {
                guard let option = options.first(where: { $0.name == option.name }), let type = option.type else {
                    return CompletionResult(replaceFrom: replaceFrom, candidates: [])
                }
                return values(
                    of: type, completion: option.completion, name: option.name, spec: spec,
                    prefix: value.literal ?? ""
                )
                .result(from: characterOffset(value.range.start.offset))
            }
            let argument =
                spec.arguments.indices.contains(positional)
                ? spec.arguments[positional] : spec.arguments.last.flatMap { $0.isVariadic ? $0 : nil }
            // `sort -sc`: a descending column, not an option.
            if !optionsEnded, argument?.completion == .sortKeys, raw.hasPrefix("-"), !raw.hasPrefix("--") {
                return sourceWords(.sortKeys, spec: spec, prefix: prefix).result(from: replaceFrom)
            }
            let optionNames = options.filter { $0.isRepeatable || !given.contains($0.name) }.map { "--\($0.name)" }
            if !optionsEnded, current?.isQuoted != true, raw.hasPrefix("--") || raw == "-" {
                return Offer(words: optionNames.filter { $0.hasPrefix(raw) }.sorted()).result(from: replaceFrom)
            }
            var offer = Offer()
            if let argument {
                offer = values(
                    of: argument.type, completion: argument.completion, name: argument.name, spec: spec, prefix: prefix)
            }
            let argumentsDone = !spec.arguments.indices.contains(positional) || spec.arguments[positional].isOptional
            if offer.candidates.isEmpty && current == nil && !optionsEnded && argumentsDone {
                offer = Offer(words: optionNames.sorted())
            }
            return offer.result(from: replaceFrom)
        }

        /// Candidate values of an argument or option (`name`) of `spec` with `type` and `completion`
        /// that start with `prefix`, quoted as needed. Names and files come sorted, entities best first.
        func values(of type: ValueType, completion: CompletionSource?, name: String, spec: CommandSpec, prefix: String)
            -> Offer
        {
            if let completion { return sourceWords(completion, spec: spec, prefix: prefix) }
            switch type {
            case .oneOf(let choices):
                return Offer(words: Self.matching(choices, prefix).sorted().map(quoted))
            case .bool:
                return Offer(words: ["false", "true"].filter { $0.hasPrefix(prefix.lowercased()) }.map(quoted))
            case .entity(let kind):
                return entities(prefix: prefix, kind: kind)
            case .record:
                return entities(prefix: prefix, kind: nil)
            case .filePath:
                return Offer(words: Array(Set(files(prefix: prefix))).sorted().map(quoted))
            case .string:
                // A text argument named after a kind of job (`feed` for `feed-1`), or `job`, takes job ids.
                return sourceWords(.jobs(kind: name == "job" ? nil : name), spec: spec, prefix: prefix)
            case .int, .double, .date, .dateRange, .partialDate:
                return Offer()
            }
        }

        /// The words `source` offers for an argument or option of `spec`, quoted as needed.
        func sourceWords(_ source: CompletionSource, spec: CommandSpec, prefix: String) -> Offer {
            switch source {
            case .inputColumns:
                return Offer(words: Self.matching(inputColumns().map(\.name), prefix).map(quoted))
            case .sortKeys:
                let names = inputColumns().map(\.name)
                return Offer(
                    words: Self.matching(prefix.hasPrefix("-") ? names.map { "-" + $0 } : names, prefix).map(quoted))
            case .jobs, .edgeProperty:
                let found = lookup.words(from: source, command: spec.path, prefix: prefix, limit: Completer.listLimit)
                let texts = Set(Self.matching(found.map(\.text), prefix))
                return Offer(
                    found.filter { texts.contains($0.text) }.prefix(Completer.listLimit).map {
                        CompletionCandidate(quoted($0.text), description: $0.description)
                    })
            }
        }

        /// Entities for `prefix`, best first, with their labels. An id replaces the quotes a name was typed in
        /// (`show "ana pe` → `show P-12`): they were opened for the name.
        func entities(prefix: String, kind: String?) -> Offer {
            let found = lookup.entities(prefix: prefix, kind: kind, limit: Completer.listLimit)
            return Offer(
                found.candidates.map { CompletionCandidate(quoted($0.text, in: nil), description: $0.description) },
                more: max(0, found.more))
        }

        /// The columns of the table piped into the current command, as the commands before it
        /// declare them; none when a command before it declares none.
        func inputColumns() -> [Column] {
            var stage = upstream.count - 1
            while stage >= 0 {
                let words = upstream[stage]
                if let name = words.first?.variableName {
                    return words.count == 1 ? lookup.columns(ofVariable: name) ?? [] : []
                }
                let typed = words.map { $0.hasVariables ? nil : $0.literal }
                switch Self.command(named: typed, in: completer.specs)?.columns {
                case .fixed(let columns)?: return columns
                case .input?: stage -= 1
                case nil: return []
                }
            }
            return []
        }

        /// The `choices` that start with `prefix`, in their order; in any case when none does.
        static func matching(_ choices: [String], _ prefix: String) -> [String] {
            let exact = choices.filter { $0.hasPrefix(prefix) }
            return exact.isEmpty ? choices.filter { $0.lowercased().hasPrefix(prefix.lowercased()) } : exact
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
        func quoted(_ text: String) -> String { quoted(text, in: quote) }

        /// `text` as a word in `quote`, or quoted when it needs to be.
        func quoted(_ text: String, in quote: Character?) -> String {
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
