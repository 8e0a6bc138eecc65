import NexoKit

/// A conformance suite plugin authors run in their own tests: it checks what the host relies on
/// but the type system cannot — names, versions, command specs, examples, schema declarations.
///
/// ```swift
/// import NexoKitTesting
/// import Testing
///
/// @Test func conforms() {
///     #expect(PluginConformance.problems(in: HelloPlugin()) == [])
/// }
/// ```
///
/// Each problem is one line naming the plugin part and what to change. The list is empty for a
/// conforming plugin and comes in a stable order.
public enum PluginConformance {
    /// First words the host's built-in commands and filters take, and `let` (the language's
    /// assignment, `let name = command`); a plugin command may not start with one (not even as a
    /// longer path such as `find phone`). `link` is not among them: the host has `link add` only,
    /// and plugins add the other `link` commands (`link path`); see ``hostReservedPaths``.
    /// The host's tests compare this list with its registry of built-ins.
    public static let hostReservedWords: Set<String> = [
        "help", "plugins", "case", "add", "show", "find", "neighbors", "set", "let", "history", "record",
        "run", "undo", "import", "export", "exit", "where", "sort", "limit", "select", "count", "format", "labels",
        "kinds", "runs", "source", "save",
    ]

    /// Whole command paths the host provides under a first word plugins may share.
    public static let hostReservedPaths: Set<[String]> = [["link", "add"]]

    /// Entity kinds of the core schema, which plugins may refer to without declaring them.
    public static let coreKinds = Set(CoreSchema.contribution.entityKinds.map(\.name))

    /// Option names the host gives every command.
    public static let hostOptions: Set<String> = ["format", "dry-run", "help"]

    /// The host's output formats (`--format table|json|ndjson|csv|tsv`). A command may declare its
    /// own `--format` only as a choice of file formats none of which is one of these (as
    /// `link export --format graphml|gexf|dot|i2-csv`): it then replaces the output format for that
    /// command, as the built-in `export`'s does, and `--format json` there is a clear error.
    public static let hostOutputFormats: Set<String> = ["table", "json", "ndjson", "csv", "tsv"]

    /// The problems of `plugin`; empty when it conforms.
    ///
    /// - Parameters:
    ///   - hostReserved: first words of host commands (default ``hostReservedWords``).
    ///   - coreKinds: entity kinds the plugin may use without declaring them (default ``coreKinds``).
    public static func problems(
        in plugin: any NexoPlugin, hostReserved: Set<String> = hostReservedWords,
        coreKinds: Set<String> = coreKinds
    ) -> [String] {
        var problems: [String] = []
        if !isPluginName(plugin.name) {
            problems.append(
                "plugin name '\(plugin.name)' must be lower-case letters, digits and dashes, starting with a letter")
        }
        if !isVersion(plugin.version) {
            problems.append("version '\(plugin.version)' must be MAJOR.MINOR.PATCH (three numbers)")
        }
        if isBlank(plugin.summary) { problems.append("plugin summary is empty") }

        let schema = plugin.schema
        problems += schemaProblems(schema, coreKinds: coreKinds)
        let known = coreKinds.union(schema.entityKinds.map(\.name))

        var paths = Set<[String]>()
        for (index, command) in plugin.commands.enumerated() {
            let spec = command.spec
            guard !spec.path.isEmpty else {
                problems.append("command #\(index + 1) has an empty path")
                continue
            }
            let label = "command '\(spec.name)'"
            if !paths.insert(spec.path).inserted { problems.append("\(label) is declared twice") }
            problems += CommandChecks(spec: spec, label: label, hostReserved: hostReserved, knownKinds: known)
                .problems()
        }
        return problems
    }

    /// `^[a-z][a-z0-9-]*$`.
    static func isPluginName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLower(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLower($0) || isDigit($0) || $0 == "-" }
    }

    /// `^[a-z][a-z0-9_]*$` without a trailing or doubled underscore.
    static func isSnakeCase(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLower(first), !name.hasSuffix("_"), !name.contains("__") else {
            return false
        }
        return name.unicodeScalars.allSatisfy { isLower($0) || isDigit($0) || $0 == "_" }
    }

    /// A command word or option name: `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`.
    static func isWord(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, isLower(first), !word.hasSuffix("-"), !word.contains("--") else {
            return false
        }
        return word.unicodeScalars.allSatisfy { isLower($0) || isDigit($0) || $0 == "-" }
    }

    static func isVersion(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy(isDigit) }
    }

    static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }
    static func isLower(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }
    static func isUpper(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
}
