import NexoKit
import NexoStore

/// `case open|use|close|list`.
extension Builtins {
    /// Arguments and options of `case open`.
    enum CaseOpen {
        static let id = ArgumentKey("id", .string, "Case id, e.g. SV-2026-0141")
        static let title = OptionKey("title", .string, "Title")
        static let purpose = OptionKey("purpose", .string, "Purpose of the investigation (recorded with every query)")
    }

    /// The argument of `case use`.
    enum CaseUse {
        static let id = ArgumentKey("id", .string, "Case id")
    }

    /// The argument of `case close`.
    enum CaseClose {
        static let id = OptionalArgumentKey("id", .string, "Case id")
    }

    static func caseCommands() -> [RegisteredCommand] {
        [
            builtin(
                CommandSpec(
                    ["case", "open"], summary: "Open a new case (or reopen a closed one) and use it",
                    arguments: [CaseOpen.id], options: [CaseOpen.title, CaseOpen.purpose],
                    examples: [
                        "case open SV-2026-0187 --title \"Sonsonate extortion\" --purpose \"extortion of bus lines\""
                    ],
                    writes: true)
            ) { args, call in
                let id = try args[CaseOpen.id]
                try CaseIdentifier.validate(id)
                if let existing = try call.store.caseInfo(id) {
                    guard !existing.isOpen else {
                        throw NexoError(
                            .conflict, "case \(id) is already open", hint: "work in it with 'case use \(id)'")
                    }
                    try call.store.reopenCase(id)
                    // A dry run leaves the session where it was: the case it would reopen is not reopened.
                    if !call.context.isDryRun { call.session.state.currentCase = try call.store.caseInfo(id) }
                    return CommandResult(message: "reopened case \(id); now using it")
                }
                let info = try call.store.openCase(
                    id: id, title: args[CaseOpen.title] ?? id, purpose: args[CaseOpen.purpose] ?? "")
                if !call.context.isDryRun { call.session.state.currentCase = info }
                return CommandResult(message: "opened case \(info.id); now using it")
            },
            builtin(
                CommandSpec(
                    ["case", "use"], summary: "Work in an existing open case",
                    arguments: [CaseUse.id],
                    examples: ["case use SV-2026-0141"])
            ) { args, call in
                let id = try args[CaseUse.id]
                guard let info = try call.store.caseInfo(id) else {
                    let known = try call.store.cases().map(\.id)
                    throw NexoError(
                        .notFound, "no case '\(id)'", hint: Suggestions.didYouMean(id, in: known) ?? "see 'case list'")
                }
                guard info.isOpen else {
                    throw NexoError(
                        .failed, "case \(id) is closed", hint: "reopen it with 'case open \(id)' or choose another")
                }
                call.session.state.currentCase = info
                return CommandResult(message: "using case \(id)")
            },
            builtin(
                CommandSpec(
                    ["case", "close"], summary: "Close a case (the current one by default)",
                    arguments: [CaseClose.id],
                    examples: ["case close SV-2026-0141"], writes: true)
            ) { args, call in
                guard let id = args[CaseClose.id] ?? call.session.state.currentCase?.id else {
                    throw NexoError(.usage, "no case in use to close", hint: "name the case: case close ID")
                }
                try call.store.closeCase(id)
                if call.session.state.currentCase?.id == id && !call.context.isDryRun {
                    call.session.state.currentCase = nil
                }
                return CommandResult(message: "closed case \(id)")
            },
            builtin(
                CommandSpec(
                    ["case", "list"], summary: "List cases, ordered by id",
                    examples: ["case list"])
            ) { _, call in
                var table = ResultTable(columns: [
                    Column("id", .string), Column("title", .string), Column("status", .string),
                    Column("purpose", .string), Column("current", .bool),
                ])
                for info in try call.store.cases() {
                    table.append([
                        .string(info.id), .string(info.title), .string(info.isOpen ? "open" : "closed"),
                        .string(info.purpose), .bool(info.id == call.session.state.currentCase?.id),
                    ])
                }
                return CommandResult(table: table)
            },
        ]
    }
}

/// Rules for case ids: letters, digits and dashes, so they are safe in prompts and file names.
enum CaseIdentifier {
    static func validate(_ id: String) throws(NexoError) {
        let allowed =
            !id.isEmpty && id.count <= 64
            && id.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_"
                    || $0 == "."
            }
        if !allowed {
            throw NexoError(
                .usage, "invalid case id '\(id)'", hint: "use letters, digits, '-', '_' or '.', e.g. SV-2026-0141")
        }
    }
}
