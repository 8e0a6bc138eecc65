import NexoKit
import Testing

@testable import NexoShell

/// `set case` and `set user` would make variables hiding the session's case and user: they say what to use.
@Suite struct SetCaseAndUserTests {
    @Test(arguments: [("set case SV-1", "case use SV-1"), ("set user ana", "--user NAME")])
    func refusedWithWhatToUse(line: String, advice: String) throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: line, file: nil) == .usage)
        #expect(out.stderr.contains(advice), "\(out.stderr)")
        #expect(shell.state.variables.isEmpty)
    }
}
