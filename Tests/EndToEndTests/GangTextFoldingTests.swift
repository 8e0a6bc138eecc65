import Foundation
import Testing

/// The gang records plugin compares names and words as `find` does (NexoKit's `NameFolding`):
/// case and accents do not matter, for groups, monikers and roles alike.
@Suite struct GangTextFoldingTests {
    private static let setup = """
        gang add "Mara Españita" --reported-by "PNC DAN" --grading B2
        gang clique add "Peñón Locos" "Mara Espanita" --source S-1
        add person "Juan Núñez" --prop date_of_birth=1990-01-01
        gang enroll "Juan Nunez" "Penon Locos" --role palabrero --since 2015-03-01 --moniker "El Niño" --source S-1
        """

    private static let member = """
        person\tname\tmoniker\trole\tclique\tclique_name\tsince\tuntil\tleft_reason
        P-1\tJuan Núñez\tEl Niño\tpalabrero\tG-2\tPeñón Locos\t2015-03-01\t\t

        """

    @Test func roleIsFoundIgnoringCaseAndAccents() throws {
        let temp = try TemporaryDirectory()
        let setup = try NexoProcess.run(["--db", "g.db", "-c", Self.setup], directory: temp.path)
        #expect(setup.status == 0, "\(setup)")
        let members = try NexoProcess.run(
            ["--db", "g.db", "-c", "gang members \"MARA ESPANITA\" --role Palabréro"], directory: temp.path)
        #expect(members.status == 0, "\(members)")
        #expect(members.stdout == Self.member, "\(members)")
    }

    @Test func monikerIsFoundWithoutItsAccents() throws {
        let temp = try TemporaryDirectory()
        let setup = try NexoProcess.run(["--db", "g.db", "-c", Self.setup], directory: temp.path)
        #expect(setup.status == 0, "\(setup)")
        let found = try NexoProcess.run(["--db", "g.db", "-c", "gang moniker NINO"], directory: temp.path)
        #expect(
            found.stdout == """
                person\tname\tmoniker\tclique\tgang\trole\tsince\tuntil
                P-1\tJuan Núñez\tEl Niño\tG-2\tG-1\tpalabrero\t2015-03-01\t

                """, "\(found)")
    }

    @Test func unknownRoleStillNamesTheRoles() throws {
        let temp = try TemporaryDirectory()
        _ = try NexoProcess.run(["--db", "g.db", "-c", Self.setup], directory: temp.path)
        let members = try NexoProcess.run(
            ["--db", "g.db", "-c", "gang members G-1 --role palabrerx"], directory: temp.path)
        #expect(members.status == 2, "\(members)")
        #expect(
            members.stderr.contains(
                "error: unknown role 'palabrerx' for --role; Did you mean 'palabrero'? "
                    + "(roles: palabrero, corredor, homeboy, chequeo, paro)"), "\(members)")
    }
}
