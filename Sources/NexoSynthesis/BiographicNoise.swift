import NexoKit
import NexoMatch

/// One way a border record of a person differs from the gallery's record of them.
///
/// ``apply(to:names:using:)`` makes the change, or returns `nil` when it does not apply to the
/// record (no maternal surname to drop, a day above 12 cannot pass for a month, no nickname known
/// for the given name …).
public enum BiographicNoise: String, Sendable, Hashable, CaseIterable {
    /// One letter of one name word substituted, deleted, or swapped with its neighbour.
    case typo
    /// Written in capitals without diacritics, as an old system or a keyboard without accents does.
    case accentsAndCaseDropped
    /// The maternal (second) surname left out.
    case maternalSurnameDropped
    /// Surnames written before the given names, without a comma.
    case nameOrderSwapped
    /// An everyday short form of the first given name (``Nicknames``): `José` → `Chepe`.
    case nickname
    /// A woman's married name: `de <surname>` added (the maternal surname dropped half the time),
    /// or, when the record has one, left out.
    case marriedName
    /// Day and month of birth swapped (only when the day could be a month and differs from it).
    case birthDateTransposed
    /// Year of birth one year off.
    case birthYearOffByOne
    /// Only the year of birth given.
    case birthYearOnly
    /// Nationality not recorded.
    case nationalityMissing
    /// No document number.
    case documentMissing
    /// One digit of the document number miscopied.
    case documentDigitWrong

    /// Whether the kind changes the name, the date of birth, or another field.
    var field: Field {
        switch self {
        case .typo, .accentsAndCaseDropped, .maternalSurnameDropped, .nameOrderSwapped, .nickname, .marriedName: .name
        case .birthDateTransposed, .birthYearOffByOne, .birthYearOnly: .dateOfBirth
        case .nationalityMissing, .documentMissing, .documentDigitWrong: .other
        }
    }

    enum Field { case name, dateOfBirth, other }

    /// `record` with this change, or `nil` when it does not apply. `names` supplies surnames for
    /// a married name.
    public func apply(
        to record: BiographicRecord, names: SyntheticNamePool,
        using rng: inout some RandomNumberGenerator
    ) -> BiographicRecord? {
        var result = record
        switch field {
        case .name:
            var draft = NameDraft(PersonName.parse(record.name))
            guard let text = draft.apply(self, female: record.sex == "F", names: names, using: &rng) else { return nil }
            result.name = text
        case .dateOfBirth:
            guard let date = record.dateOfBirth else { return nil }
            switch self {
            case .birthDateTransposed:
                guard let month = date.month, let day = date.day, day <= 12, day != month else { return nil }
                result.dateOfBirth = PartialDate(year: date.year, month: day, day: month)
            case .birthYearOffByOne:
                result.dateOfBirth?.year += Bool.random(using: &rng) ? 1 : -1
                if let day = date.day, let month = date.month, month == 2, day == 29 { result.dateOfBirth?.day = 28 }
            default:
                guard date.month != nil else { return nil }
                result.dateOfBirth = PartialDate(year: date.year)
            }
        case .other:
            switch self {
            case .nationalityMissing:
                guard record.nationality != nil else { return nil }
                result.nationality = nil
            case .documentMissing:
                guard !record.documents.isEmpty else { return nil }
                result.documents = []
            default:
                guard let first = record.documents.first else { return nil }
                var characters = Array(first)
                let digits = characters.indices.filter { characters[$0].isASCII && characters[$0].isNumber }
                guard let at = digits.randomElement(using: &rng) else { return nil }
                let old = characters[at].wholeNumberValue!
                let new = (old + Int.random(in: 1...9, using: &rng)) % 10
                characters[at] = Character(String(new))
                result.documents[0] = String(characters)
            }
        }
        return result
    }
}

/// A parsed name that the name kinds of ``BiographicNoise`` change part by part, then write out.
struct NameDraft {
    var given: [String]
    var paternal: String?
    var maternal: String?
    var married: String?
    var surnamesFirst = false
    /// Set by the changes made on the written text (typos, folding).
    var written: String?

    init(_ name: PersonName) {
        given = name.givenNames.map(\.display)
        paternal = name.paternal?.display
        maternal = name.maternal?.display
        married = name.married?.display
        surnamesFirst = name.surnamesFirst
    }

    /// The name as one line.
    var text: String {
        if let written { return written }
        var surnames = [paternal, maternal].compactMap { $0 }
        if let married {
            let folded = NameFolding.words(married, upperCased: true)
            surnames.append(folded.hasPrefix("DE ") || folded.hasPrefix("DEL ") ? married : "de " + married)
        }
        let parts = surnamesFirst ? surnames + given : given + surnames
        return parts.joined(separator: " ")
    }

    /// Applies a name kind; `nil` when it does not apply.
    mutating func apply(
        _ kind: BiographicNoise, female: Bool, names: SyntheticNamePool,
        using rng: inout some RandomNumberGenerator
    ) -> String? {
        switch kind {
        case .maternalSurnameDropped:
            guard maternal != nil, paternal != nil else { return nil }
            maternal = nil
        case .nameOrderSwapped:
            guard !given.isEmpty, paternal != nil, !surnamesFirst else { return nil }
            surnamesFirst = true
        case .nickname:
            guard let first = given.first, let short = Self.nickname(for: first, using: &rng) else { return nil }
            given[0] = short
        case .marriedName:
            guard female, paternal != nil else { return nil }
            if married != nil {
                married = nil
            } else {
                guard let surname = names.surname(using: &rng), surname != paternal else { return nil }
                married = surname
                if Bool.random(using: &rng) { maternal = nil }
            }
        case .typo:
            guard let changed = Self.typo(in: text, using: &rng) else { return nil }
            written = changed
        case .accentsAndCaseDropped:
            let folded = NameFolding.words(text, upperCased: true)
            guard folded != text else { return nil }
            written = folded
        default:
            return nil
        }
        return text
    }

    /// A short form of the given name `name` (its first word, or the whole of a compound such as
    /// `José María`) from the ``Nicknames`` table.
    static func nickname(for name: String, using rng: inout some RandomNumberGenerator) -> String? {
        let folded = NameFolding.words(name, upperCased: true)
        let firstWord = folded.split(separator: " ").first.map(String.init) ?? folded
        let group =
            Nicknames.groups.first { NameFolding.words($0[0], upperCased: true) == folded }
            ?? Nicknames.groups.first { NameFolding.words($0[0], upperCased: true) == firstWord }
        guard let group, group.count > 1 else { return nil }
        return group.dropFirst().randomElement(using: &rng)
    }

    /// `text` with one letter of one word of three or more letters substituted, deleted or
    /// swapped with the next; `nil` when no word is long enough.
    static func typo(in text: String, using rng: inout some RandomNumberGenerator) -> String? {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map { Array($0) }
        let eligible = words.indices.filter { words[$0].count >= 3 && words[$0].allSatisfy(\.isLetter) }
        guard let w = eligible.randomElement(using: &rng) else { return nil }
        var word = words[w]
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for _ in 0..<8 {
            var changed = word
            let at = Int.random(in: 1..<word.count, using: &rng) // clerks rarely miss the first letter
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                var letter = letters.randomElement(using: &rng)!
                if word[at].isUppercase { letter = Character(letter.uppercased()) }
                changed[at] = letter
            case 1:
                changed.remove(at: at)
            default:
                guard at + 1 < word.count else { changed.swapAt(at - 1, at); break }
                changed.swapAt(at, at + 1)
            }
            if changed != word {
                word = changed
                words[w] = word
                return words.map { String($0) }.joined(separator: " ")
            }
        }
        return nil
    }
}
