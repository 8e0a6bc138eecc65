import NexoKit
import Testing

@Suite struct NameFoldingTests {
    @Test func foldsCaseAndLatinAccentsAsTheStoreDid() {
        #expect(
            NameFolding.fold("José PÉREZ Ñuñoa Çà Łódź Straße ÆØÅ e\u{301}")
                == "jose perez nunoa ca lodz strasse aeoa e")
        #expect(NameFolding.fold("LÓPEZ") == NameFolding.fold("lopez"))
        #expect(NameFolding.fold("Œuvre Þór Ĳssel ĸ × ÷") == "oeuvre thor ijssel k × ÷")
    }

    @Test func removesCombiningMarksAfterCanonicalDecomposition() {
        #expect(NameFolding.fold("Δέλτα ΆΝΝΑ") == "δελτα αννα")
        #expect(NameFolding.fold("Nguyễn Thị Ánh") == "nguyen thi anh")
        #expect(NameFolding.fold("Ǻrni Ǿ") == "arni o")
        #expect(NameFolding.fold("Йордан Ёлкин") == "иордан елкин")
        #expect(NameFolding.fold("Ὀδυσσεύς") == "οδυσσευσ")
        // Decomposed input folds like composed input; marks outside U+0300…U+036F go too.
        #expect(NameFolding.fold("Nguye\u{302}\u{303}n") == NameFolding.fold("Nguyễn"))
        #expect(NameFolding.fold("a\u{1DC4}b\u{20D7}") == "ab")
    }

    @Test func lowerCasesOtherScriptsAndKeepsScriptsWithoutCase() {
        #expect(NameFolding.fold("ẞ") == "ss")
        #expect(NameFolding.fold("ԱՐԱՄ") == "արամ")
        #expect(NameFolding.fold("王小明 محمد") == "王小明 محمد")
        #expect(NameFolding.fold("한국") == "한국")
    }

    @Test func keepsPunctuationSpacesDigitsAndControls() {
        #expect(NameFolding.fold(" O'Neill-Díaz, 3rd\t\u{0} ") == " o'neill-diaz, 3rd\t\u{0} ")
        #expect(NameFolding.fold("") == "")
    }

    @Test func foldingTwiceChangesNothing() {
        for text in ["José PÉREZ", "Δέλτα", "Nguyễn", "ẞ Łódź", "İstanbul", "ǅemal", "Ǆ"] {
            let once = NameFolding.fold(text)
            #expect(NameFolding.fold(once) == once, "\(text)")
        }
    }

    @Test func foldsBytesAsItFoldsText() {
        for text in ["José PÉREZ", "Δέλτα", "a\u{0}b"] {
            let bytes = Array(text.utf8).withUnsafeBufferPointer { NameFolding.fold(utf8: $0) }
            #expect(String(decoding: bytes, as: UTF8.self) == NameFolding.fold(text))
        }
        // Invalid UTF-8 is copied as it is.
        let invalid: [UInt8] = [0x4A, 0xE9, 0x41, 0xC3]
        #expect(invalid.withUnsafeBufferPointer { NameFolding.fold(utf8: $0) } == [0x6A, 0xE9, 0x61, 0xC3])
    }

    @Test func wordsKeepLettersAndDigitsJoinApostrophesAndSeparateTheRest() {
        #expect(NameFolding.words("María-José  O'Neill") == "maria jose oneill")
        #expect(NameFolding.words("María-José  O'Neill", upperCased: true) == "MARIA JOSE ONEILL")
        #expect(NameFolding.words(" d’Artagnan, 3rd.\t(Jr) ") == "dartagnan 3rd jr")
        #expect(NameFolding.words("Δέλτα Łódź", upperCased: true) == "ΔΕΛΤΑ LODZ")
        #expect(NameFolding.words("王小明·محمد") == "王小明 محمد")
        #expect(NameFolding.words("Jose\u{301}\u{0}€x") == "jose x")
        #expect(NameFolding.words("  -- ") == "")
    }

    @Test func aQueryIsFoldedWithControlsAsSpacesAndTrimmed() {
        #expect(NameFolding.foldQuery("  José\tPÉREZ \n") == "jose perez")
        #expect(NameFolding.foldQuery("a\u{0}b\u{7F}") == "a b")
        #expect(NameFolding.foldQuery(" O'Neill-Díaz ") == "o'neill-diaz")
        #expect(NameFolding.foldQuery("\u{1}\u{1B} ") == "")
    }
}
