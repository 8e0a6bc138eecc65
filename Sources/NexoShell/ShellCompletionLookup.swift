import NexoKit
import NexoLanguage
import NexoStore

/// What the REPL's completion reads from the session: entities and stored values through read-only,
/// bounded store reads (never a write, never a run recorded), the session's jobs, the tables its
/// variables hold. A store that cannot be read offers nothing.
struct ShellCompletionLookup: CompletionLookup {
    unowned let shell: Shell

    func entities(prefix: String, kind: String?, limit: Int) -> (candidates: [CompletionCandidate], more: Int) {
        let found = read { session throws(NexoError) in
            try session.entityCompletions(prefix: prefix, kind: kind, limit: limit)
        }
        guard let found else { return ([], 0) }
        let candidates = found.entities.map { completion in
            CompletionCandidate(
                completion.entity.id.rawValue,
                description: completion.entity.label + (completion.alias.map { " (alias \($0))" } ?? ""))
        }
        return (candidates, found.more)
    }

    func words(from source: CompletionSource, command: [String], prefix: String, limit: Int)
        -> [CompletionCandidate]
    {
        switch source {
        case .jobs(let kind):
            guard let owner = shell.registry[command]?.owner.name else { return [] }
            let jobs = shell.jobHost.jobs(of: owner).map { $0.status() }.filter { status in
                kind.map { status.id.hasPrefix($0 + "-") && Int(status.id.dropFirst($0.count + 1)) != nil } ?? true
            }
            // Running jobs first, each group newest first: the one a user means is most often the latest.
            let ordered =
                jobs.filter { $0.state == .running }.reversed() + jobs.filter { $0.state != .running }.reversed()
            return ordered.filter { $0.id.hasPrefix(prefix) }.prefix(limit).map {
                CompletionCandidate($0.id, description: "\($0.state.rawValue): \($0.summary)")
            }
        case .edgeProperty(let edge, let property):
            let values = read { session throws(NexoError) in
                try session.edgePropertyValues(kind: edge, property: property, prefix: prefix, limit: limit)
            }
            return (values ?? []).map { CompletionCandidate($0) }
        case .inputColumns, .sortKeys:
            return []
        }
    }

    func columns(ofVariable name: String) -> [Column]? {
        guard case .table(let table)? = shell.state.variables[name] else { return nil }
        return table.columns
    }

    /// `body` in a read-only transaction of the session's store; `nil` when the store cannot be read.
    private func read<T>(_ body: (StoreSession) throws(NexoError) -> T) -> T? {
        guard let store = try? shell.store else { return nil }
        return try? store.perform(shell.readRequest(text: "complete"), writes: false, dryRun: false, body).value
    }
}
