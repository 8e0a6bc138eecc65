import NexoKit
import NexoMatch
import NexoTemplateMath
import Testing

/// The name tests' seeded generator.
typealias NameTestRandom = SeededGenerator

func roundedTo3(_ x: Double, _ places: Double = 3) -> Double {
    let scale = (0..<Int(places)).reduce(1.0) { r, _ in r * 10 }
    return (x * scale).rounded() / scale
}

@Suite struct BiographicStringTests {
    @Test func jaroWinklerMatchesPublishedValues() {
        #expect(roundedTo3(JaroWinkler.similarity("MARTHA", "MARHTA")) == 0.961)
        #expect(roundedTo3(JaroWinkler.similarity("DWAYNE", "DUANE")) == 0.84)
        #expect(roundedTo3(JaroWinkler.similarity("DIXON", "DICKSONX")) == 0.813)
        #expect(roundedTo3(JaroWinkler.jaro("MARTHA", "MARHTA")) == 0.944)
        #expect(roundedTo3(JaroWinkler.jaro("DIXON", "DICKSONX")) == 0.767)
    }

    @Test func jaroWinklerEdgeCases() {
        #expect(JaroWinkler.similarity("", "") == 1)
        #expect(JaroWinkler.similarity("ABC", "") == 0)
        #expect(JaroWinkler.similarity("ABC", "XYZ") == 0)
        #expect(JaroWinkler.similarity("SAME", "SAME") == 1)
        #expect(JaroWinkler.similarity("ÁNGEL", "ÁNGEL") == 1)
    }

    @Test func patternAgreesWithClassicSearchOnRandomStrings() {
        var random = NameTestRandom(seed: 7)
        let alphabet = Array("ABCDEIOLMNRS ".utf8)
        for _ in 0..<3000 {
            let a = (0..<Int.random(in: 0...70, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let b = (0..<Int.random(in: 0...70, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let classic = JaroWinkler.similarity(a, b)
            #expect(abs(JaroWinkler.Pattern(a).similarity(to: b) - classic) < 1e-12, "\(a) \(b)")
        }
    }

    /// Lists with many strings of each length take the eight-lane path; every score must equal
    /// the classic algorithm's, in the list's order.
    @Test func packedScanAgreesWithClassicSearch() {
        var random = NameTestRandom(seed: 3)
        let alphabet = Array("AEIOULMNRSTZ".utf8)
        let list = (0..<300).map { _ in
            (0..<Int.random(in: 1...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
        }
        let packed = PackedStrings(list)
        for _ in 0..<20 {
            let query = (0..<Int.random(in: 1...14, using: &random)).map { _ in alphabet.randomElement(using: &random)!
            }
            var scores = [Float](repeating: -1, count: list.count)
            scores.withUnsafeMutableBufferPointer { JaroWinkler.Pattern(query).similarities(to: packed, into: $0) }
            for (k, s) in list.enumerated() {
                #expect(scores[k] == Float(JaroWinkler.similarity(query, s)), "\(query) \(s)")
            }
        }
    }

    /// Long strings (up to the bit-parallel limit of 64 bytes) and a small alphabet: many
    /// matches and transpositions per lane, counted all lanes at once; scores equal the classic
    /// algorithm's.
    @Test func packedScanAgreesWithClassicSearchUpToSixtyFourBytes() {
        var random = NameTestRandom(seed: 5)
        let alphabet = Array("AEIOR".utf8)
        let list = (0..<600).map { _ in
            (0..<Int.random(in: 40...64, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
        }
        let packed = PackedStrings(list)
        for length in [1, 9, 33, 50, 64] {
            let query = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            var scores = [Float](repeating: -1, count: list.count)
            scores.withUnsafeMutableBufferPointer { JaroWinkler.Pattern(query).similarities(to: packed, into: $0) }
            for (k, s) in list.enumerated() {
                #expect(scores[k] == Float(JaroWinkler.similarity(query, s)), "\(query) \(s)")
            }
        }
    }

    @Test func patternScansPackedLists() {
        let names = ["MARHTA", "MARTHA", "", "DICKSONX"].map { Array($0.utf8) }
        let packed = PackedStrings(names)
        let pattern = JaroWinkler.Pattern("MARTHA")
        var scores = [Float](repeating: -1, count: names.count)
        scores.withUnsafeMutableBufferPointer { pattern.similarities(to: packed, into: $0) }
        #expect(scores.map { roundedTo3(Double($0)) } == [0.961, 1, 0, roundedTo3(pattern.similarity(to: names[3]))])
        #expect(Array(packed[3]) == names[3])
    }

    @Test func editDistancesMatchKnownValues() {
        #expect(EditDistance.levenshtein("kitten", "sitting") == 3)
        #expect(EditDistance.levenshtein("", "abc") == 3)
        #expect(EditDistance.levenshtein("flaw", "lawn") == 2)
        #expect(EditDistance.osa("ca", "ac") == 1)
        #expect(EditDistance.levenshtein("ca", "ac") == 2)
        // OSA edits no substring twice: "CA" → "ABC" is 3 (true Damerau would give 2).
        #expect(EditDistance.osa("CA", "ABC") == 3)
        #expect(EditDistance.osa("HERNANDEZ", "HERNNADEZ") == 1)
        #expect(EditDistance.similarity(Array("ABCD".utf8), Array("ABCE".utf8)) == 0.75)
    }

    @Test func foldingDropsDiacriticsAndKeepsOtherScripts() {
        #expect(NameFolding.words("María-José  O'Neill", upperCased: true) == "MARIA JOSE ONEILL")
        #expect(NameFolding.words("Núñez Gómez, Ángeles", upperCased: true) == "NUNEZ GOMEZ ANGELES")
        #expect(NameFolding.words("Straße Łódź Æsa", upperCased: true) == "STRASSE LODZ AESA")
        #expect(NameFolding.words("Jose\u{301}", upperCased: true) == "JOSE")
        #expect(NameFolding.words("王小明", upperCased: true) == "王小明")
        #expect(NameFolding.words("  ", upperCased: true) == "")
    }

    @Test func spanishPhoneticKeysJoinSpellingsThatSoundAlike() {
        #expect(SpanishPhonetic.key("Vásquez") == SpanishPhonetic.key("Basques"))
        #expect(SpanishPhonetic.key("Vásquez") == "BASKES")
        #expect(SpanishPhonetic.key("Hernández") == SpanishPhonetic.key("Ernandes"))
        #expect(SpanishPhonetic.key("Yanira") == SpanishPhonetic.key("Llanira"))
        #expect(SpanishPhonetic.key("Quintanilla") == SpanishPhonetic.key("Kintaniya"))
        #expect(SpanishPhonetic.key("Guevara") == "GEBARA") // gu before e: hard g, silent u
        #expect(SpanishPhonetic.key("Gerardo") == SpanishPhonetic.key("Jerardo")) // g before e sounds as j
        #expect(SpanishPhonetic.key("Jiménez") == SpanishPhonetic.key("Gimenez"))
        #expect(SpanishPhonetic.key("Ximena") == SpanishPhonetic.key("Jimena"))
        #expect(SpanishPhonetic.key("Núñez") == SpanishPhonetic.key("Nunez"))
        #expect(SpanishPhonetic.key("Cecilia") == SpanishPhonetic.key("Sesilia"))
        #expect(SpanishPhonetic.key("Chávez") == "CABES")
        #expect(SpanishPhonetic.key("Carlos") != SpanishPhonetic.key("Chávez"))
        #expect(SpanishPhonetic.key("Rey") == "REI")
        #expect(SpanishPhonetic.key("López") != SpanishPhonetic.key("Pérez"))
    }

    @Test func nicknamesLinkFormalNamesAndShortForms() {
        #expect(Nicknames.areEquivalent("José", "Pepe"))
        #expect(Nicknames.areEquivalent("Chepe", "Pepe"))
        #expect(Nicknames.areEquivalent("FRANCISCO", "pancho"))
        #expect(Nicknames.areEquivalent("Jesús", "Chuy"))
        #expect(Nicknames.areEquivalent("Guadalupe", "Lupita"))
        #expect(!Nicknames.areEquivalent("José", "José"))
        #expect(!Nicknames.areEquivalent("José", "Paco"))
        #expect(Nicknames.formalNames(of: "Beto") == ["Alberto", "Gilberto", "Humberto", "Rigoberto", "Roberto"])
        #expect(Nicknames.formalNames(of: "Xochitl") == [])
    }
}
