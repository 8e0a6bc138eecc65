import NexoKit

/// The comparison form of names and codes: upper case, diacritics removed, punctuation turned
/// into spaces, runs of spaces collapsed. The display form is always kept apart; only comparisons
/// use the folded form.
///
/// Case and accents are folded by NexoKit's ``NameFolding`` (the folding of the store's `find`),
/// so `Ñ` becomes `N`, `ß` `SS`, `Æ` `AE`, decomposed accents disappear; this layer only turns
/// the result into upper case words. Letters of other scripts (Chinese, Cyrillic …) pass
/// through, upper-cased where the script has case.
public enum TextFolding {
    /// Folds `text`: `"María-José  O'Neill"` → `"MARIA JOSE ONEILL"`.
    ///
    /// Apostrophes join (`O'Neill` → `ONEILL`); hyphens, dots, commas and other punctuation
    /// separate words.
    public static func fold(_ text: String) -> String {
        let base = NameFolding.fold(text)
        var out: [UInt8] = []
        out.reserveCapacity(base.utf8.count)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }
        for scalar in base.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x61...0x7A: emit(UInt8(v - 0x20))
            case 0x41...0x5A, 0x30...0x39: emit(UInt8(v))
            case 0x27, 0x2019, 0x60, 0xB4: continue  // apostrophes join: O'Neill
            case 0...0x7F: pendingSpace = true
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
