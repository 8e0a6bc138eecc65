import NexoKit

/// A phonetic key for names as Spanish speakers say and clerks write them: spellings that sound
/// alike get the same key (`Vásquez`, `Vazquez`, `Basques` → `BASKES`; `Yanira`, `Llanira` →
/// `YANIRA`; `Hernández`, `Ernandes` → `ERNANDES`).
///
/// Rules, on the folded text (``NameFolding/words(_:upperCased:)``, upper case), left to right:
/// - `B`, `V` and `W` → `B`; `Z`, `S` and `C` before `E`/`I` → `S`; other `C`, `K`, `Q`, `QU`
///   before `E`/`I` → `K`; `CH` and `SH` → `C` (one sound, kept apart from `K`).
/// - `H` is silent (dropped) except in `CH`, `SH`; `PH` → `F`.
/// - `G` before `E`/`I` → `J`; `GU` before `E`/`I` → `G`; `J` → `J`.
/// - `LL` and consonantal `Y` → `Y`; `Y` as a vowel (word end, between consonants) → `I`.
/// - `Ñ` arrives folded to `N`; `X` at the start before `A`/`E`/`I` → `J` (`Ximena`), other
///   initial `X` → `S` (`Xochitl`), elsewhere `KS`.
/// - Vowels are kept; repeated codes collapse (`RR` → `R`); spaces and non-letters are dropped.
///
/// Text in other scripts passes through unchanged (folded), so equal names still get equal keys.
public enum SpanishPhonetic {
    /// The key of `text` (folded first).
    public static func key(_ text: String) -> String {
        String(decoding: key(folded: Array(NameFolding.words(text, upperCased: true).utf8)), as: UTF8.self)
    }

    /// The key of already folded bytes (`NameFolding.words(_:upperCased:)`'s UTF-8, upper case).
    public static func key(folded input: [UInt8]) -> [UInt8] {
        // Letters only; non-ASCII bytes (other scripts) are kept as they are.
        let s = input.filter { $0 >= 0x80 || ($0 >= 65 && $0 <= 90) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        func at(_ i: Int) -> UInt8 { i >= 0 && i < s.count ? s[i] : 0 }
        func isFront(_ c: UInt8) -> Bool { c == a("E") || c == a("I") || c == a("Y") }
        func isVowel(_ c: UInt8) -> Bool {
            c == a("A") || c == a("E") || c == a("I") || c == a("O") || c == a("U")
        }
        func put(_ c: UInt8) { if out.last != c { out.append(c) } }
        var i = 0
        while i < s.count {
            let c = s[i], next = at(i + 1)
            switch c {
            case a("B"), a("V"), a("W"): put(a("B"))
            case a("Z"), a("S"):
                if next == a("H") { put(a("C")); i += 1 } else { put(a("S")) }
            case a("C"):
                if next == a("H") { put(a("C")); i += 1 } else if isFront(next) { put(a("S")) } else { put(a("K")) }
            case a("K"): put(a("K"))
            case a("Q"):
                put(a("K"))
                if next == a("U") && isFront(at(i + 2)) { i += 1 }
            case a("G"):
                if isFront(next) {
                    put(a("J"))
                } else {
                    put(a("G"))
                    if next == a("U") && isFront(at(i + 2)) { i += 1 }
                }
            case a("J"): put(a("J"))
            case a("H"): break
            case a("P"):
                if next == a("H") { put(a("F")); i += 1 } else { put(a("P")) }
            case a("L"):
                if next == a("L") { put(a("Y")); i += 1 } else { put(a("L")) }
            case a("Y"):
                // Consonant before a vowel, vowel otherwise (`Reyes` vs `Yris`, `Rey`).
                if isVowel(next) { put(a("Y")) } else { put(a("I")) }
            case a("X"):
                if i == 0 {
                    put(next == a("A") || next == a("E") || next == a("I") ? a("J") : a("S"))
                } else {
                    put(a("K"))
                    put(a("S"))
                }
            default: put(c)
            }
            i += 1
        }
        return out
    }

    @inline(__always)
    private static func a(_ s: Unicode.Scalar) -> UInt8 { UInt8(ascii: s) }
}
