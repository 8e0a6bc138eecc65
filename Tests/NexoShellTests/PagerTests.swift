import NexoKit
import Testing

@testable import NexoShell

/// `$PAGER` as git and psql read it: unset means `less -SFRX`, empty or `cat` means no pager.
@Suite struct PagerCommandTests {
    @Test func anUnsetPagerIsLessThatChopsLongLines() throws {
        let pager = try #require(PagerCommand(environment: [:]))
        #expect(pager.text == "less -SFRX")
        #expect(pager.words == ["less", "-SFRX"])
        #expect(pager.invocation.program == "less")
        #expect(pager.chopsLongLines)
    }

    @Test func anEmptyBlankOrCatPagerMeansNoPager() {
        #expect(PagerCommand(environment: ["PAGER": ""]) == nil)
        #expect(PagerCommand(environment: ["PAGER": "  \t"]) == nil)
        #expect(PagerCommand(environment: ["PAGER": "cat"]) == nil)
        #expect(PagerCommand(environment: ["PAGER": " cat "]) == nil)
    }

    @Test func plainWordsRunDirectlyAndShellSyntaxRunsWithTheShell() throws {
        let sed = try #require(PagerCommand(environment: ["PAGER": "  sed s/^/paged:/ "]))
        #expect(sed.text == "sed s/^/paged:/")
        #expect(sed.invocation.program == "sed")
        #expect(sed.invocation.arguments == ["sed", "s/^/paged:/"])
        for text in ["less | tee log", "LESS=R less", "less \"$HOME/x\"", "~/bin/pager", "less -R > /dev/null"] {
            let pager = try #require(PagerCommand(text))
            #expect(pager.words == nil, "\(text) needs the shell")
            #expect(pager.invocation.program == "/bin/sh")
            #expect(pager.invocation.arguments == ["sh", "-c", text])
        }
    }

    @Test func onlyLessWithMinusSChopsLongLines() {
        #expect(PagerCommand("less -S")?.chopsLongLines == true)
        #expect(PagerCommand("/usr/bin/less -R -S")?.chopsLongLines == true)
        #expect(PagerCommand("less --chop-long-lines")?.chopsLongLines == true)
        #expect(PagerCommand("less -FRX")?.chopsLongLines == false)
        #expect(PagerCommand("less --Search")?.chopsLongLines == false)
        #expect(PagerCommand("more -S")?.chopsLongLines == false)
        #expect(PagerCommand("less -S | cat")?.chopsLongLines == false)
    }
}

/// When a result goes through the pager: lines against the screen's height (with the prompt after them),
/// wrapped and chopped lines against its width, and `set pager`.
@Suite struct PagingDecisionTests {
    let screen = Paging.Screen(rows: 10, columns: 20)

    func lines(_ count: Int, width: Int = 5) -> String {
        String(repeating: String(repeating: "x", count: width) + "\n", count: count)
    }

    @Test func outputThatFitsWithThePromptIsNotPaged() {
        #expect(!Paging.pages(lines(9), mode: .on, screen: screen, chopsLongLines: true))
        #expect(!Paging.pages("one line without a newline", mode: .on, screen: screen, chopsLongLines: false))
    }

    @Test func outputAsLongAsTheScreenOrLongerIsPaged() {
        #expect(Paging.pages(lines(10), mode: .on, screen: screen, chopsLongLines: true))
        #expect(Paging.pages(lines(100_000), mode: .on, screen: screen, chopsLongLines: false))
    }

    @Test func wrappedLinesTakeTheRowsTheTerminalGivesThem() {
        // Five lines of 30 columns wrap onto ten rows of 20.
        #expect(Paging.pages(lines(5, width: 30), mode: .on, screen: screen, chopsLongLines: false))
        #expect(!Paging.pages(lines(4, width: 30), mode: .on, screen: screen, chopsLongLines: false))
        #expect(!Paging.pages(lines(9, width: 20), mode: .on, screen: screen, chopsLongLines: false))
    }

    @Test func aLineWiderThanTheScreenIsPagedWhenThePagerChopsIt() {
        #expect(Paging.pages(lines(1, width: 21), mode: .on, screen: screen, chopsLongLines: true))
        #expect(!Paging.pages(lines(1, width: 21), mode: .on, screen: screen, chopsLongLines: false))
        #expect(!Paging.pages(lines(1, width: 20), mode: .on, screen: screen, chopsLongLines: true))
    }

    @Test func widthsCountTerminalColumnsAndTabStops() {
        #expect(Paging.columns(of: "a\tb") == 9)
        #expect(Paging.columns(of: "abcdefgh\t") == 16)
        #expect(Paging.columns(of: "日本") == 4)
        #expect(Paging.columns(of: "José") == 4)
        #expect(Paging.pages("日本語日本語日本語日本語\n", mode: .on, screen: screen, chopsLongLines: true))
    }

    @Test func offNeverPagesAndAlwaysPagesAnyText() {
        #expect(!Paging.pages(lines(100), mode: .off, screen: screen, chopsLongLines: true))
        #expect(Paging.pages("short\n", mode: .always, screen: screen, chopsLongLines: true))
        #expect(Paging.pages("short\n", mode: .always, screen: nil, chopsLongLines: true))
        #expect(!Paging.pages("", mode: .always, screen: screen, chopsLongLines: true))
    }

    @Test func anUnknownScreenSizeIsNotPaged() {
        #expect(!Paging.pages(lines(100), mode: .on, screen: nil, chopsLongLines: true))
        #expect(!Paging.pages(lines(100), mode: .on, screen: Paging.Screen(rows: 0, columns: 0), chopsLongLines: true))
    }
}

/// `set pager on|off|always`, and who may page at all.
@Suite struct PagerSettingTests {
    @Test func setPagerTakesOnOffAndAlways() throws {
        var state = SessionState(format: .tsv)
        #expect(state.pager == .on)
        #expect(try state.set("pager", .string("off"), user: "ana").message == "pager is off")
        #expect(state.pager == .off)
        #expect(try state.set("pager", .string("always"), user: "ana").message == "pager is always")
        #expect(try state.set("pager", .string("on"), user: "ana").message == "pager is on")
        #expect(state.pager == .on)
        let listing = try state.set(nil, nil, user: "ana").table
        #expect(listing?.rows.contains { $0.map(\.description) == ["pager", "on"] } == true)
    }

    @Test func anUnknownPagerValueIsRefused() {
        var state = SessionState(format: .tsv)
        #expect(throws: NexoError(.usage, "set pager takes on, off or always, not 'less'")) {
            try state.set("pager", .string("less"), user: "ana")
        }
        #expect(state.pager == .on)
    }

    @Test func turningThePagerOnTriesAPagerThatFailedToStartAgain() throws {
        var state = SessionState(format: .tsv)
        state.pagerFailedToStart = true
        _ = try state.set("pager", .string("off"), user: "ana")
        #expect(state.pagerFailedToStart)
        _ = try state.set("pager", .string("on"), user: "ana")
        #expect(!state.pagerFailedToStart)
    }

    @Test func thePagerIsASettingCompletionAndHelpOffer() throws {
        #expect(SessionState.settingValues.first { $0.name == "pager" }?.values == ["off", "on", "always"])
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "help set", file: nil) == .success)
        #expect(out.stdout.contains("  pager on|off|always "))
    }

    @Test func onlyTheReplsOwnStatementsArePaged() throws {
        let (shell, _) = try makeShell()
        #expect(!shell.mayPage, "no pager without the REPL on a terminal (scripts, -c, pipes)")
        var options = ShellOptions(
            databasePath: ":memory:", user: "tester", executableDirectory: "/nonexistent", environment: [:])
        options.noPlugins = true
        options.pager = PagerCommand(environment: [:])
        let repl = try Shell(options: options, sink: CapturedText())
        #expect(repl.mayPage)
        repl.scriptState.runDepth = 1
        #expect(!repl.mayPage, "a script run with 'run' in the REPL is not paged")
        repl.scriptState.runDepth = 0
        repl.state.pager = .off
        #expect(!repl.mayPage)
        repl.state.pager = .on
        repl.state.pagerFailedToStart = true
        #expect(!repl.mayPage)
    }
}
