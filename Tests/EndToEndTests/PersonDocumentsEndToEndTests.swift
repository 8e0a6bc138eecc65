import Foundation
import Testing

/// Documents a person holds and places they lived at, through the real binary: a probe with the number of a held
/// passport, or the postcode of a former home, brings the person among the candidates (`found_by` says which), and
/// `bio explain` compares them.
@Suite struct PersonDocumentsEndToEndTests {
    @Test func heldDocumentsAndFormerHomesFindThePerson() throws {
        let temp = try TemporaryDirectory()
        try temp.write(
            "case.nexo",
            """
            add person "Ana María Pérez López" --prop date_of_birth=1990-05 --prop document=01234567-8
            add document "Pasaporte A7654321" --prop number=A7654321 --prop type=passport --prop country=SV
            link add P-1 holds DOC-1
            add place "Calle Arce 37" --prop type=address --prop postcode=3301 --prop locality="San Miguel"
            link add P-1 lives_at PL-1 --since 2015-01-01 --until 2020-06-30
            add person "Luis Díaz"

            """)
        func nexo(_ arguments: [String]) throws -> NexoProcess.Output {
            try NexoProcess.run(
                ["--plugin-dir", NexoProcess.binDirectory, "--db", "docs.db", "--format", "csv"] + arguments,
                directory: temp.path)
        }
        let seeded = try nexo(["run", "case.nexo"])
        #expect(seeded.status == 0, "\(seeded)")
        let byPassport = try nexo([
            "-c", "bio identify --name 'Anita Lopez' --document A7654321 --explain-candidates | select person found_by",
        ])
        #expect(byPassport.stdout == "person,found_by\nP-1,name+document\n", "\(byPassport)")
        let byHome = try nexo([
            "-c", "bio identify --name 'Maria Perez' --postcode 3301 --explain-candidates | select person found_by",
        ])
        #expect(byHome.stdout == "person,found_by\nP-1,name+postcode\n", "\(byHome)")
        let explained = try nexo(["-c", "bio identify --name 'Ana Maria Perez Lopez' --document A7654321 --top 1"])
        #expect(explained.stdout.contains("P-1") && explained.stdout.contains(",hit,"), "\(explained)")
    }
}
