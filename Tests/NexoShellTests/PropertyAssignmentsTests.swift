import NexoKit
import Testing

@testable import NexoShell

/// `--prop name=value` read as the property's declared type.
@Suite struct PropertyAssignmentsTests {
    @Test func anEnumeratedValueIsTakenInAnyCaseAndStoredAsDeclared() throws {
        let type = ValueType.oneOf(["passport", "national_id"])
        #expect(try PropertyAssignments.convert("Passport", to: type, property: "type") == .string("passport"))
        #expect(try PropertyAssignments.convert("NATIONAL_ID", to: type, property: "type") == .string("national_id"))
        #expect(throws: NexoError.self) { try PropertyAssignments.convert("visa", to: type, property: "type") }
    }

    @Test func throughAdd() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "add document X1 --prop type=Passport --prop number=A1", file: nil) == .success)
        #expect(shell.run(source: "show DOC-1 --format json", file: nil) == .success, "\(out.stderr)")
        #expect(out.stdout.contains("\"passport\""), "\(out.stdout)")
    }
}
