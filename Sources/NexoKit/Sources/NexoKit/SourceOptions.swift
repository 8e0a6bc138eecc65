/// The options with which a writing command names where its facts came from, so every write a
/// plugin makes carries a graded source:
///
/// - `--source S-3`: a source recorded before (`source add`), or
/// - `--reported-by "PNC DAN Sonsonate" --grading B2`: a new source, recorded with this write.
///
/// Add ``options`` to the command's spec and call ``source(from:context:)`` before writing:
///
/// ```swift
/// let source = try SourceOptions.source(from: arguments, context: context)
/// try context.store.addEdge(draft, source: source.id)
/// ```
public enum SourceOptions {
    /// `--source S-3`.
    public static let recorded = OptionKey("source", .string, "Id of a recorded source (S-3) that reported this")
    /// `--reported-by TEXT`.
    public static let reportedBy = OptionKey(
        "reported-by", .string,
        "Who reported this (a unit, a register, an informant code), recorded as a new source")
    /// `--grading B2`.
    public static let grading = OptionKey(
        "grading", .string, "Admiralty grading of --reported-by: reliability A-F and credibility 1-6, e.g. B2")

    /// `--source`, `--reported-by` and `--grading`, to add to a writing command's options.
    public static let options: [any OptionDeclaration] = [recorded, reportedBy, grading]

    /// The source the arguments name: the recorded one (`--source`) or a new one
    /// (`--reported-by` with `--grading`). Throws a usage error naming what is missing or wrong,
    /// and `not-found` for an unknown source id.
    public static func source(from arguments: ParsedArguments, in store: any GraphStoreAccess) throws(NexoError)
        -> SourceInfo
    {
        let id = arguments[recorded], reporter = arguments[reportedBy], grading = arguments[grading]
        if let id {
            guard reporter == nil, grading == nil else {
                throw NexoError(
                    .usage, "--source names a recorded source; do not also give --reported-by or --grading",
                    hint: "use either --source S-3 or --reported-by TEXT --grading B2")
            }
            guard let found = try store.source(EntityID(id)) else {
                throw NexoError(
                    .notFound, "no source \(id)",
                    hint: "record one with 'source add', or use --reported-by TEXT --grading B2")
            }
            return found
        }
        guard let reporter, reporter.contains(where: { !$0.isWhitespace }) else {
            throw NexoError(
                .usage, "this command writes and needs a source",
                hint: "add --source S-3 (a recorded source) or --reported-by TEXT --grading B2")
        }
        guard let grading else {
            throw NexoError(
                .usage, "--reported-by needs --grading", hint: "e.g. --grading B2 (reliability A-F, credibility 1-6)")
        }
        let (reliability, credibility) = try parseGrading(grading)
        return try store.addSource(description: reporter, reliability: reliability, credibility: credibility)
    }

    /// The source the arguments name, as ``source(from:in:)`` finds or records it in
    /// `context.store`. A source recorded from `--reported-by` is announced in a note, so the user
    /// can name it with `--source` next time: `recorded source S-2 (PNC DIPAR, B2)`, or in a
    /// `--dry-run`, where nothing is recorded, `would record a new source (PNC DIPAR, B2)`.
    public static func source(from arguments: ParsedArguments, context: CommandContext) throws(NexoError) -> SourceInfo
    {
        let source = try source(from: arguments, in: context.store)
        if arguments[recorded] == nil {
            context.output.note(
                context.isDryRun
                    ? "would record a new source (\(source.description), \(source.grading))"
                    : "recorded source \(source.id) (\(source.description), \(source.grading))")
        }
        return source
    }

    /// The user's own entry as a source: one per user, `own entry by USER`, graded F6 (reliability and credibility
    /// not judged), recorded the first time it is needed. What a write cites when the user names no source and
    /// the facts are the user's own (core `add` and `link add`, `note add`): every fact has a source.
    public static func ownEntry(_ context: CommandContext) throws(NexoError) -> SourceInfo {
        try recordedOnce(
            description: "own entry by \(context.user)", reliability: .f, credibility: .cannotBeJudged,
            in: context.store)
    }

    /// The source recorded in `store` with exactly this description and grading, recorded now if there is none:
    /// one source cited again by every write that stands on it (a user's own entry, a border post's encounters).
    public static func recordedOnce(
        description: String, reliability: SourceReliability, credibility: InformationCredibility,
        in store: any GraphStoreAccess
    ) throws(NexoError) -> SourceInfo {
        if let known = try store.source(describedAs: description, reliability: reliability, credibility: credibility) {
            return known
        }
        return try store.addSource(description: description, reliability: reliability, credibility: credibility)
    }

    /// The source the arguments name (``source(from:context:)``, with its note), or `nil` when they give none of
    /// `--source`, `--reported-by` and `--grading`.
    public static func namedSource(from arguments: ParsedArguments, context: CommandContext) throws(NexoError)
        -> SourceInfo?
    {
        guard arguments[recorded] != nil || arguments[reportedBy] != nil || arguments[grading] != nil else {
            return nil
        }
        return try source(from: arguments, context: context)
    }

    /// The source the arguments name (``namedSource(from:context:)``), or else the user's own entry
    /// (``ownEntry(_:)``).
    public static func sourceOrOwnEntry(from arguments: ParsedArguments, context: CommandContext) throws(NexoError)
        -> SourceInfo
    {
        if let named = try namedSource(from: arguments, context: context) { return named }
        return try ownEntry(context)
    }

    /// Parses a grading such as `B2` (case does not matter).
    public static func parseGrading(_ text: String) throws(NexoError) -> (SourceReliability, InformationCredibility) {
        let scalars = Array(text.uppercased().unicodeScalars)
        guard scalars.count == 2, let reliability = SourceReliability(rawValue: String(scalars[0])),
            let digit = Int(String(scalars[1])), let credibility = InformationCredibility(rawValue: digit)
        else {
            throw NexoError(
                .usage, "grading '\(text)' is not a letter A-F followed by a digit 1-6",
                hint: "e.g. B2: usually reliable source, probably true")
        }
        return (reliability, credibility)
    }
}
