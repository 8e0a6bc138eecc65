import NexoKit

/// The `id_sequences` table: the next number for each id prefix (`P` gives `P-1`, `P-2`…).
///
/// Ids are deterministic (same commands on the same store give the same ids) and never reused:
/// undo does not roll sequences back, and an id a writer supplies (`P-40`) moves its prefix's
/// sequence past it.
struct IDSequences {
    let connection: SQLiteConnection

    /// The next free `<prefix>-<n>`; `isTaken` skips ids already used (e.g. imported ones).
    func next(prefix: String, isTaken: (String) throws(NexoError) -> Bool) throws(NexoError) -> String {
        var n = try connection.scalarInt("SELECT next FROM id_sequences WHERE prefix = ?", [.text(prefix)]) ?? 1
        var id = "\(prefix)-\(n)"
        while try isTaken(id) {
            n += 1
            id = "\(prefix)-\(n)"
        }
        try advance(prefix: prefix, past: n)
        return id
    }

    /// Moves the sequence of `prefix` past `id` when `id` is `<prefix>-<n>`.
    func noteUsed(_ id: String, prefix: String) throws(NexoError) {
        if let n = Self.number(of: id, prefix: prefix) { try advance(prefix: prefix, past: n) }
    }

    /// Makes the next number of `prefix` at least `n + 1`.
    func advance(prefix: String, past n: Int64) throws(NexoError) {
        guard n < Int64.max else { return }
        try connection.run(
            """
            INSERT INTO id_sequences(prefix, next) VALUES (?1, ?2) ON CONFLICT(prefix) DO UPDATE SET next = max(next, \
            excluded.next)
            """, [.text(prefix), .int(n + 1)])
    }

    /// `n` when `id` is `<prefix>-<n>` (decimal digits only), else `nil`.
    static func number(of id: String, prefix: String) -> Int64? {
        let utf8 = id.utf8
        let head = prefix.utf8.count + 1
        guard utf8.count > head, utf8.count - head <= 18, id.hasPrefix(prefix + "-") else { return nil }
        var n: Int64 = 0
        for b in utf8.dropFirst(head) {
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int64(b - 0x30)
        }
        return n
    }
}
