import NexoMatch
import Testing

@Suite struct BiographicNameTests {
    func parts(_ name: PersonName) -> [String] {
        [
            name.givenNames.map(\.display).joined(separator: " + "), name.paternal?.display ?? "-",
            name.maternal?.display ?? "-", name.married?.display ?? "-",
        ]
    }

    @Test func parsesGivenPaternalAndMaternal() {
        #expect(parts(.parse("José López Pérez")) == ["José", "López", "Pérez", "-"])
        #expect(parts(.parse("Juan Carlos Hernández Ayala")) == ["Juan + Carlos", "Hernández", "Ayala", "-"])
    }

    @Test func keepsParticlesWithTheirSurname() {
        #expect(parts(.parse("Ana de la Cruz del Cid")) == ["Ana", "de la Cruz", "del Cid", "-"])
        let name = PersonName.parse("Ana de la Cruz del Cid")
        #expect(name.paternal?.core == "CRUZ")
        #expect(name.paternal?.folded == "DE LA CRUZ")
    }

    @Test func readsCompoundGivenNames() {
        #expect(
            parts(.parse("María de los Ángeles López Hernández")) == [
                "María de los Ángeles", "López", "Hernández", "-",
            ])
        #expect(parts(.parse("José de Jesús Ramos Pérez")) == ["José de Jesús", "Ramos", "Pérez", "-"])
        // With one surname left the devotional unit is a surname: `de Jesús` is one too.
        #expect(parts(.parse("José de Jesús Ramos")) == ["José", "de Jesús", "Ramos", "-"])
        #expect(parts(.parse("María José López Hernández")) == ["María + José", "López", "Hernández", "-"])
    }

    @Test func readsMarriedNames() {
        #expect(
            parts(.parse("María José López Hernández de Ayala")) == ["María + José", "López", "Hernández", "de Ayala"])
        #expect(parts(.parse("Rosa Pérez viuda de Molina")) == ["Rosa", "Pérez", "-", "de Molina"])
        #expect(PersonName.parse("María López Hernández de Ayala").married?.core == "AYALA")
    }

    @Test func singleSurnameAndJuanCarlosStyleSecondGivenName() {
        #expect(parts(.parse("Walter Portillo")) == ["Walter", "Portillo", "-", "-"])
        #expect(parts(.parse("Juan Carlos Pérez")) == ["Juan + Carlos", "Pérez", "-", "-"])
        // A word that is both a given name and a common surname stays a surname.
        #expect(parts(.parse("Luis Santos Cruz")) == ["Luis", "Santos", "Cruz", "-"])
    }

    @Test func readsSwappedOrder() {
        let comma = PersonName.parse("LÓPEZ HERNÁNDEZ, María José")
        #expect(parts(comma) == ["María + José", "LÓPEZ", "HERNÁNDEZ", "-"])
        #expect(comma.surnamesFirst)
        let caps = PersonName.parse("LÓPEZ HERNÁNDEZ María")
        #expect(parts(caps) == ["María", "LÓPEZ", "HERNÁNDEZ", "-"])
        #expect(caps.surnamesFirst)
        // All in capitals: a leading surname and a trailing given name give the order away.
        let register = PersonName.parse("MENDOZA GÓMEZ JOSEFINA LUCÍA")
        #expect(parts(register) == ["JOSEFINA + LUCÍA", "MENDOZA", "GÓMEZ", "-"])
        #expect(register.surnamesFirst)
        #expect(parts(.parse("HERNÁNDEZ LÓPEZ MARÍA")) == ["MARÍA", "HERNÁNDEZ", "LÓPEZ", "-"])
        // Given names first, in capitals or not, stay as they are.
        #expect(parts(.parse("JOSEFINA LUCÍA MENDOZA GÓMEZ")) == ["JOSEFINA + LUCÍA", "MENDOZA", "GÓMEZ", "-"])
        #expect(parts(.parse("Luis Santos Cruz")) == ["Luis", "Santos", "Cruz", "-"])
    }

    @Test func otherTraditionsPassThroughWithEveryWord() {
        #expect(parts(.parse("Jean-Baptiste Pierre-Louis")) == ["Jean-Baptiste", "Pierre-Louis", "-", "-"])
        #expect(parts(.parse("WANG Xiaoming")) == ["Xiaoming", "WANG", "-", "-"])
        #expect(parts(.parse("王小明")) == ["王小明", "-", "-", "-"])
        let indian = PersonName.parse("Rajesh Kumar Sharma")
        #expect(indian.parts.map(\.display) == ["Rajesh", "Kumar", "Sharma"])
        #expect(PersonName.parse("").isEmpty)
    }

    @Test func diacriticsAreFoldedForComparisonButKeptForDisplay() {
        let name = PersonName.parse("Ángeles Núñez")
        #expect(name.description == "Ángeles Núñez")
        #expect(name.paternal?.core == "NUNEZ")
        #expect(name.givenNames.first?.core == "ANGELES")
    }

    @Test func separateFieldsBuildTheSameParts() {
        let name = PersonName(given: "María José", surnames: "López Hernández de Ayala")
        #expect(parts(name) == ["María + José", "López", "Hernández", "de Ayala"])
    }

    func levels(_ a: String, _ b: String) -> [MatchLevel] {
        NameComparator().compare(.parse(a), .parse(b)).outcomes.map(\.level)
    }

    @Test func comparesNamesFieldByField() {
        #expect(levels("José López Pérez", "JOSE LOPEZ PEREZ") == [.exact, .exact, .exact])
        #expect(levels("José López Pérez", "Pepe López") == [.nickname, .exact, .missing])
        #expect(levels("Yanira Vásquez Quintanilla", "Llanira Basques Kintaniya") == [.phonetic, .phonetic, .phonetic])
        #expect(levels("Marta Hernández", "Martha Hernandes") == [.phonetic, .phonetic, .missing])
        #expect(levels("Jonathan Menjívar", "Jonatan Menjivar") == [.phonetic, .exact, .missing])
        #expect(levels("Carlos Orellana", "Mario Escobar") == [.disagree, .disagree, .missing])
        #expect(levels("J. López", "José López") == [.partial, .exact, .missing])
        #expect(levels("José Luis Ramos", "Luis Ramos") == [.partial, .exact, .missing])
    }

    @Test func detectsSwappedSurnamesAndSwappedOrder() {
        #expect(levels("Ana López Pérez", "Ana Pérez López") == [.exact, .swapped, .swapped])
        let swapped = NameComparator().compare(
            PersonName(given: "lucy", surnames: "fitzpatrick"),
            PersonName(given: "fitzpatrick", surnames: "lucy"))
        #expect(swapped.given.level == .swapped && swapped.surname.level == .swapped)
        #expect(swapped.note == "given name and surname swapped")
    }

    @Test func marriedNameInPlaceOfTheMaternalSurname() {
        #expect(levels("María López Hernández de Ayala", "María López Ayala") == [.exact, .exact, .swapped])
    }
}
