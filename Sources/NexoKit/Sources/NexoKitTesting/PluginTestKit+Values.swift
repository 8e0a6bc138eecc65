import NexoKit

extension PluginTestKit {
    /// Runs command `path` (`"gang enroll"`) with its arguments and options given as values, for
    /// values a test computes (in a loop, from an earlier result). Each value is written as the
    /// word a user would type (an entity as its id, a date as `YYYY-MM-DD`, a range as `A..B`), and
    /// the line is then bound and run exactly as a typed line is: positional arguments in the
    /// spec's order, then `--name value` for each option value and `--name` for each flag.
    ///
    /// ```swift
    /// for (person, role) in [("P-1", "coordinator"), ("P-2", "guide")] {
    ///     try kit.run("smuggling facilitator add", ["person": [.string(person)], "network": [.string("G-3")],
    ///                                               "role": [.string(role)]])
    /// }
    /// ```
    public func run(
        _ path: String, _ values: [String: [Value]], flags: Set<String> = [], input: ResultTable? = nil,
        dryRun: Bool = false, user: String? = nil
    ) throws(NexoError) -> CommandResult {
        guard let spec = specs.first(where: { $0.name == path }) else {
            throw NexoError(.notFound, "no command '\(path)' in \(pluginNames.joined(separator: ", "))")
        }
        var words = spec.path
        var rest = values
        for argument in spec.arguments {
            words += (rest.removeValue(forKey: argument.name) ?? []).map(\.description)
        }
        for option in spec.options {
            for value in rest.removeValue(forKey: option.name) ?? [] {
                words += ["--\(option.name)", value.description]
            }
        }
        if let unknown = rest.keys.sorted().first {
            throw NexoError(
                .usage, "'\(unknown)' is neither an argument nor an option of '\(path)'",
                hint: "usage: \(spec.synopsis)")
        }
        words += flags.sorted().map { "--\($0)" }
        return try run(words, input: input, dryRun: dryRun, user: user)
    }
}
