import NexoKit
import Testing

@testable import NexoShell

/// `undo --dry-run` names what it would revert and changes nothing; an undo counts the sources it removes; core
/// writes announce the source they record from `--reported-by`, as plugin writes do.
@Suite struct UndoDryRunTests {
    @Test func aDryRunUndoChangesNothingAndSaysWhatItWouldRevert() throws {
        let (shell, out) = try makeShell()
        #expect(
            shell.run(source: "add person \"Zed Test\" --reported-by \"Tip line\" --grading C3", file: nil) == .success)
        #expect(out.stderr == "recorded source S-1 (Tip line, C3)\nadded P-1\n")
        #expect(shell.run(source: "undo --dry-run", file: nil) == .success)
        #expect(
            out.stderr.hasSuffix(
                "dry run: would undo R-1 'add person \"Zed Test\" --reported-by \"Tip line\" --grading C3': "
                    + "1 entity removed, 1 source removed; nothing was changed\n"), "\(out.stderr)")
        #expect(shell.run(source: "find person zed | count; source list | count", file: nil) == .success)
        #expect(out.stdout.hasSuffix("count\n1\ncount\n1\n"), "\(out.stdout)")
        #expect(shell.run(source: "undo", file: nil) == .success)
        #expect(out.stderr.hasSuffix("1 entity removed, 1 source removed\n"), "\(out.stderr)")
        #expect(shell.run(source: "undo --dry-run", file: nil) == .success)
        #expect(out.stderr.hasSuffix("nothing to undo\n"), "\(out.stderr)")
    }

    @Test func aDryRunOfACoreWriteNamesTheSourceItWouldRecord() throws {
        let (shell, out) = try makeShell()
        #expect(
            shell.run(source: "add person Ana --reported-by \"PNC DIPAR\" --grading b2 --dry-run", file: nil)
                == .success)
        #expect(
            out.stderr
                == "would record a new source (PNC DIPAR, B2)\n"
                + "dry run: would make 1 entity added, 1 source added; nothing was changed\n")
    }
}
