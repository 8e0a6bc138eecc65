import CLibEdit
import Glibc

extension LineEditor {
    /// The TAB editor function: asks ``completer`` and applies the ``CompletionPlan``.
    func completeWord(_ editLine: OpaquePointer) -> UInt8 {
        guard let completer else { return UInt8(CC_REFRESH_BEEP) }
        let before = tabState(editLine)
        let line = WideText.string(before.scalars)
        let cursor = WideText.string(before.scalars[..<before.cursor]).count
        let completion = completer(line, cursor)
        let plan = CompletionPlan.make(
            line: line, cursor: cursor, completion: completion, repeatedTab: lastTab == before)
        switch plan {
        case .nothing:
            lastTab = before
            return UInt8(CC_REFRESH_BEEP)
        case .replace(let from, let text):
            let fromIndex = line.index(line.startIndex, offsetBy: from)
            let fromScalar = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: fromIndex)
            let deleted = before.cursor - fromScalar
            if deleted > 0 { nexo_el_deletestr(editLine, Int32(clamping: deleted)) }
            WideText.withWide(text) { _ = nexo_el_winsertstr(editLine, $0) }
            lastTab = tabState(editLine)
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            lastTab = before
            let width = Terminal.width(streams.output) ?? 80
            // Candidates that stand for something (an entity id and its label) are listed one a line, as zsh and
            // fish list them: libedit's own list has no room for a description.
            let rows =
                completion.descriptions.isEmpty && completion.more == 0
                ? CandidateColumns.rows(candidates, width: width)
                : CandidateColumns.describedRows(
                    candidates, descriptions: completion.descriptions, more: completion.more, width: width)
            write(toTerminal: "\n" + rows.map { $0 + "\n" }.joined())
            return UInt8(CC_REDISPLAY)
        }
    }

    /// The line and cursor as libedit holds them now.
    private func tabState(_ editLine: OpaquePointer) -> TabState {
        let info = nexo_el_wline(editLine).pointee
        let scalars = WideText.scalars(info.buffer, count: info.lastchar - info.buffer)
        return TabState(scalars: scalars, cursor: min(info.cursor - info.buffer, scalars.count))
    }
}
