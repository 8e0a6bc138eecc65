import NexoKit

/// Choosing the run `undo` reverts, and refusing one that later runs depend on.
extension StoreState {
    /// What `undo` may revert: a run that is not undone, not itself an undo, and not made by a
    /// background job (a feed's batch).
    static let undoable = "undone = 0 AND undoes IS NULL AND job IS NULL"

    /// See ``Store/undoLastRun(by:dryRun:)``.
    func undoLastRun(by request: RunRequest, dryRun: Bool) throws(NexoError) -> (
        undone: RunInfo, changes: ChangeSummary
    )? {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let target = try connection.scalarInt(
                "SELECT id FROM runs WHERE \(Self.undoable) AND user = ? ORDER BY id DESC LIMIT 1",
                [.text(request.user)])
            guard let target, let undone = try runInfo(target) else {
                rollback()
                return nil
            }
            return try revert(undone, by: request, dryRun: dryRun)
        } catch {
            rollback()
            throw error
        }
    }

    /// See ``Store/undoRun(_:by:dryRun:)``.
    func undoRun(_ id: Int64, by request: RunRequest, dryRun: Bool) throws(NexoError) -> (
        undone: RunInfo, changes: ChangeSummary
    ) {
        try connection.execute("BEGIN IMMEDIATE")
        do throws(NexoError) {
            guard let run = try runInfo(id) else {
                throw NexoError(
                    .notFound, "no run R-\(id)", hint: "'runs' lists the writing commands and their run ids")
            }
            let (undone, undoes, job) = try connection.withStatement(
                "SELECT undone, undoes, job FROM runs WHERE id = ?"
            ) { s throws(NexoError) -> (Bool, String?, String?) in
                s.bind(id, at: 1)
                _ = try s.step()
                return (s.int64(0) != 0, s.optionalText(1), s.optionalText(2))
            }
            if undone { throw NexoError(.conflict, "R-\(id) ('\(run.command)') is already undone") }
            if undoes != nil {
                throw NexoError(
                    .usage, "R-\(id) is an undo; an undo cannot be undone",
                    hint: "there is no redo: run the command again")
            }
            if let job {
                throw NexoError(
                    .usage, "R-\(id) is a batch of the background job \(job); undo passes over job runs",
                    hint: "remove what the feed stored with the feed's own commands")
            }
            return try revert(run, by: request, dryRun: dryRun)
        } catch {
            rollback()
            throw error
        }
    }

    /// Reverts `run` inside the open transaction and commits (rolls back, with `dryRun`), unless a later run that
    /// is not undone depends on what it wrote: an edge, alias or template on an entity it added, a row citing a
    /// source it recorded, or a change to an entity it added or changed.
    private func revert(_ run: RunInfo, by request: RunRequest, dryRun: Bool) throws(NexoError) -> (
        undone: RunInfo, changes: ChangeSummary
    ) {
        let dependents = try laterRuns(dependingOn: run.id)
        if !dependents.isEmpty {
            let listed = dependents.prefix(3).map { "R-\($0.id) by \($0.user) ('\($0.command)')" }.joined(
                separator: ", ")
            let more = dependents.count > 3 ? " and \(dependents.count - 3) more" : ""
            throw NexoError(
                .conflict,
                "cannot undo R-\(run.id) by \(run.user) ('\(run.command)'): later runs depend on it: \(listed)\(more)",
                hint: "undo those first, newest first ('undo R-\(dependents.last!.id)'), or leave it")
        }
        _ = try insertRun(request, undoes: run.id)
        let changes = try UndoJournal(connection: connection).revert(run: run.id)
        try connection.run("UPDATE runs SET undone = 1 WHERE id = ?", [.int(run.id)])
        if dryRun {
            rollback()
            return (run, changes)
        }
        try commit()
        checkpointAfterLargeWrite(changes)
        return (run, changes)
    }

    /// Later runs, not undone, whose rows stand on rows `run` wrote, oldest first.
    private func laterRuns(dependingOn run: Int64) throws(NexoError) -> [RunInfo] {
        var ids: [Int64] = []
        try connection.withStatement(
            """
            WITH mine(id) AS (SELECT id FROM entities WHERE run_id = ?1),
                 changed(id) AS (SELECT json_extract(row, '$.id') FROM undo_journal WHERE run_id = ?1 AND tbl = \
            'entities'),
                 cited(id) AS (SELECT id FROM sources WHERE run_id = ?1),
                 later(run) AS (
                     SELECT run_id FROM edges WHERE from_id IN mine AND run_id > ?1
                     UNION SELECT run_id FROM edges WHERE to_id IN mine AND run_id > ?1
                     UNION SELECT run_id FROM edges WHERE source_id IN cited AND run_id > ?1
                     UNION SELECT run_id FROM entities WHERE source_id IN cited AND run_id > ?1
                     UNION SELECT run_id FROM aliases WHERE entity_id IN mine AND run_id > ?1
                     UNION SELECT run_id FROM templates WHERE entity_id IN mine AND run_id > ?1
                     UNION SELECT run_id FROM undo_journal WHERE run_id > ?1 AND tbl IN ('entities', 'aliases')
                         AND (json_extract(row, '$.id') IN mine OR json_extract(row, '$.id') IN changed
                              OR json_extract(row, '$.entity_id') IN mine))
            SELECT id FROM runs WHERE id IN later AND undone = 0 ORDER BY id
            """
        ) { s throws(NexoError) in
            s.bind(run, at: 1)
            while try s.step() { ids.append(s.int64(0)) }
        }
        var runs: [RunInfo] = []
        for id in ids { if let info = try runInfo(id) { runs.append(info) } }
        return runs
    }
}
