import NexoKit

/// Cases: the unit of work (and, later, of need-to-know).
extension StoreSession {
    /// Opens a new case, recorded as opened by this run's user at its time. Conflict if it exists.
    public func openCase(id: String, title: String, purpose: String) throws(NexoError) -> CaseInfo {
        _ = try writeRun()
        try SchemaTables.checkID(id)
        if try caseInfo(id) != nil {
            throw NexoError(.conflict, "case \(id) already exists", hint: "use 'case use \(id)' or choose another id")
        }
        try connection.run(
            "INSERT INTO cases(id, title, purpose, is_open, opened_by, opened_at) VALUES (?, ?, ?, 1, ?, ?)",
            [.text(id), .text(title), .text(purpose), .text(request.user), .text(request.time)])
        try journal(table: "cases", op: "insert", rowJSON: UndoJournal.caseRow, from: "cases", key: .text(id))
        return CaseInfo(id: id, title: title, purpose: purpose, isOpen: true)
    }

    /// Closes an open case.
    public func closeCase(_ id: String) throws(NexoError) {
        try setCase(id, open: false)
    }

    /// Reopens a closed case.
    public func reopenCase(_ id: String) throws(NexoError) {
        try setCase(id, open: true)
    }

    private func setCase(_ id: String, open: Bool) throws(NexoError) {
        _ = try writeRun()
        guard let info = try caseInfo(id) else { throw try noCase(id) }
        guard info.isOpen != open else {
            throw NexoError(.conflict, "case \(id) is already \(open ? "open" : "closed")")
        }
        try journal(table: "cases", op: "update", rowJSON: UndoJournal.caseRow, from: "cases", key: .text(id))
        try connection.run("UPDATE cases SET is_open = ? WHERE id = ?", [.int(open ? 1 : 0), .text(id)])
    }

    /// The case with `id`, or `nil`.
    public func caseInfo(_ id: String) throws(NexoError) -> CaseInfo? {
        try checkOpen()
        let v = visible(.cases, "c", from: 2)
        return try connection.withStatement(
            "SELECT c.id, c.title, c.purpose, c.is_open FROM cases c WHERE c.id = ?1 AND \(v.sql)"
        ) { s throws(NexoError) in
            s.bind(id, at: 1)
            v.bind(to: s)
            return try s.step()
                ? CaseInfo(id: s.text(0), title: s.text(1), purpose: s.text(2), isOpen: s.int64(3) != 0) : nil
        }
    }

    /// Every visible case, ordered by id.
    public func cases() throws(NexoError) -> [CaseInfo] {
        try checkOpen()
        let v = visible(.cases, "c", from: 1)
        return try connection.withStatement(
            "SELECT c.id, c.title, c.purpose, c.is_open FROM cases c WHERE \(v.sql) ORDER BY c.id"
        ) { s throws(NexoError) in
            v.bind(to: s)
            var result: [CaseInfo] = []
            while try s.step() {
                result.append(CaseInfo(id: s.text(0), title: s.text(1), purpose: s.text(2), isOpen: s.int64(3) != 0))
            }
            return result
        }
    }

    private func noCase(_ id: String) throws(NexoError) -> NexoError {
        NexoError(.notFound, "no case '\(id)'", hint: Suggestions.didYouMean(id, in: try cases().map(\.id)))
    }
}
