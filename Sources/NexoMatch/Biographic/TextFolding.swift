/// The comparison form of names and codes: upper case, diacritics removed, punctuation turned
/// into spaces, runs of spaces collapsed. The display form is always kept apart; only comparisons
/// use the folded form.
///
/// Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A: Spanish, Portuguese,
/// French, German, Polish, Turkish …) fold to their base letters, `Ñ` to `N`, `ß` to `SS`, `Æ` to
/// `AE`; combining marks (U+0300–U+036F, as in decomposed text) are dropped. Letters of other
/// scripts (Chinese, Cyrillic …) pass through, upper-cased where the script has case.
public enum TextFolding {
    /// Folds `text`: `"María-José  O'Neill"` → `"MARIA JOSE ONEILL"`.
    ///
    /// Apostrophes join (`O'Neill` → `ONEILL`); hyphens, dots, commas and other punctuation
    /// separate words.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }
        func emitFolded(_ code: UInt8) {
            switch code {
            case UInt8(ascii: "_"): pendingSpace = true
            case UInt8(ascii: "1"): emit(UInt8(ascii: "I")); emit(UInt8(ascii: "J"))
            case UInt8(ascii: "2"): emit(UInt8(ascii: "O")); emit(UInt8(ascii: "E"))
            case UInt8(ascii: "3"): emit(UInt8(ascii: "A")); emit(UInt8(ascii: "E"))
            case UInt8(ascii: "4"): emit(UInt8(ascii: "T")); emit(UInt8(ascii: "H"))
            case UInt8(ascii: "5"): emit(UInt8(ascii: "S")); emit(UInt8(ascii: "S"))
            default: emit(code)
            }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x61...0x7A: emit(UInt8(v - 0x20))
            case 0x41...0x5A, 0x30...0x39: emit(UInt8(v))
            case 0x27, 0x2019, 0x60, 0xB4: continue  // apostrophes join: O'Neill
            case 0x300...0x36F: continue  // combining diacritical marks
            case 0...0x7F: pendingSpace = true
            case 0xC0...0xFF: emitFolded(latin1[Int(v - 0xC0)])
            case 0x100...0x17F: emitFolded(latinExtendedA[Int(v - 0x100)])
            default:
                if scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuation {
                    pendingSpace = true
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    for byte in String(scalar).uppercased().utf8 { emit(byte) }
                } else {
                    pendingSpace = true
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `word` is all upper case and has at least two letters (a register's `LÓPEZ`).
    public static func isUpperCaseWord(_ word: some StringProtocol) -> Bool {
        var letters = 0
        for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            if scalar.properties.isUppercase { letters += 1 }
        }
        return letters >= 2
    }

    // Base letters for U+00C0…U+00FF and U+0100…U+017F. Digits stand for two-letter folds
    // (1 IJ, 2 OE, 3 AE, 4 TH, 5 SS); `_` for a separator (× ÷).
    private static let latin1 = Array("AAAAAA3CEEEEIIIIDNOOOOO_OUUUUY45AAAAAA3CEEEEIIIIDNOOOOO_OUUUUY4Y".utf8)
    private static let latinExtendedA = Array(
        ("AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII11JJKK" + "KLLLLLLLLLLNNNNNNNNNOOOOOO22RRRRRRSSSSSSSSTTTTTT"
            + "UUUUUUUUUUUUWWYYYZZZZZZS").utf8)
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }
}
