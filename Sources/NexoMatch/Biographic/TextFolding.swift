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
        var base = NameFolding.fold(text)
        return base.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            func emit(_ byte: UInt8) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    switch b {
                    case 0x61...0x7A: emit(b - 0x20)
                    case 0x41...0x5A, 0x30...0x39: emit(b)
                    case 0x27, 0x60: break // apostrophes join: O'Neill
                    default: pendingSpace = true
                    }
                    i += 1
                    continue
                }
                // NameFolding's output is valid UTF-8: a lead byte and its continuation bytes.
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                i += length
                guard let scalar = Unicode.Scalar(value) else { pendingSpace = true; continue }
                if value == 0x2019 || value == 0xB4 { continue } // apostrophes join: O’Neill
                if scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuation {
                    pendingSpace = true
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    for byte in String(scalar).uppercased().utf8 { emit(byte) }
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
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
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default: false
        }
    }
}
