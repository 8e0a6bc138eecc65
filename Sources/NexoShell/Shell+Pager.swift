import NexoLineEditor

/// Paging: in the REPL on a terminal, a result that does not fit the screen goes through the pager
/// (``PagerCommand``, ``Paging``, `set pager`); scripts, `-c` and output into a pipe or a file are never paged.
extension Shell {
    /// Whether the result being rendered may go through the pager: the REPL on a terminal has one
    /// (``ShellOptions/pager``), `set pager` is not `off`, the statement is the REPL's own (not a line of a script
    /// run with `run`), and the pager did not fail to start since `set pager` last turned it on.
    var mayPage: Bool {
        options.pager != nil && state.pager != .off && !state.pagerFailedToStart && scriptState.runDepth == 0
    }

    /// Shows `text`, a result's standard output, through the pager when ``Paging`` says so, else writes it to
    /// the sink. A pager that cannot be started is announced once, with one warning, and the text is written
    /// directly; the REPL then stops trying it until `set pager on`. A Ctrl-C pressed in the pager was for the
    /// pager: it does not cancel the next command.
    func showPaged(_ text: String) {
        let screen = Terminal.height(1).flatMap { rows in
            Terminal.width(1).map { Paging.Screen(rows: rows, columns: $0) }
        }
        guard let command = options.pager,
            Paging.pages(text, mode: state.pager, screen: screen, chopsLongLines: command.chopsLongLines)
        else {
            sink.out(text)
            return
        }
        sink.flush()
        do {
            // The prompt starts on a line of its own, not after the `^C` that ended the pager.
            if try PagerProcess.show(text, through: command) == PagerProcess.interruptedStatus { sink.err("\n") }
        } catch {
            state.pagerFailedToStart = true
            sink.err("warning: \(error.message); showing results without a pager (set pager on tries it again)\n")
            sink.out(text)
        }
        _ = InterruptMonitor.shared.consume()
    }
}
