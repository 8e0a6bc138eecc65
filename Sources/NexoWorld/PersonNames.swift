import NexoKit

/// Nationalities the world uses, with how people of each are named and documented.
public enum Nationality: String, CaseIterable, Sendable {
    case sv = "SV", gt = "GT", hn = "HN", ni = "NI", mx = "MX"
    case ve = "VE", cu = "CU", ec = "EC", ht = "HT", cn = "CN", `in` = "IN"

    /// Whether this is a third-country national for the SV–partner agreement (not Central American or Mexican).
    public var isThirdCountry: Bool { ![.sv, .gt, .hn, .ni, .mx].contains(self) }
    /// Whether names follow Hispanic conventions (two surnames, compounds, particles).
    var isHispanic: Bool { ![.ht, .cn, .in].contains(self) }
}

/// A synthetic person's name, in its parts.
struct PersonName: Hashable {
    /// Given names as written (`María de los Ángeles`).
    var given: String
    /// Paternal (first) surname, or the only surname.
    var paternal: String
    /// Maternal (second) surname, when recorded.
    var maternal: String?
    /// A married woman's `de <husband's surname>`, when she uses it.
    var married: String?
    /// An everyday short form of the first given name (`Chepe`).
    var nickname: String?
    /// Whether the family name is written first (Chinese names).
    var familyFirst = false

    /// Surnames as written: `López Hernández`.
    var surnames: String { [paternal, maternal].compactMap { $0 }.joined(separator: " ") }

    /// The full name as a register writes it.
    var full: String {
        if familyFirst { return "\(paternal) \(given)" }
        var text = "\(given) \(surnames)"
        if let married { text += " " + Self.marriedForm(married) }
        return text
    }

    /// `de Hernández`; a surname that already has its particle stays as it is (`de la O`, `del Cid`).
    static func marriedForm(_ surname: String) -> String {
        surname.hasPrefix("de ") || surname.hasPrefix("del ") ? surname : "de " + surname
    }

    /// Other ways the name is written: the nickname form, the married form without it.
    var aliases: [String] {
        var result: [String] = []
        if let nickname { result.append("\(nickname) \(paternal)") }
        if let married { result.append("\(given) \(paternal) \(Self.marriedForm(married))") }
        return result
    }
}

/// Draws names for a nationality and sex.
struct NameGenerator {
    private static let surnameWeights = NameTables.centralAmericanSurnames.indices.map { 1.0 / Double($0 + 4) }

    static func surname(_ random: inout WorldRandom) -> String {
        if random.chance(0.03) { return random.pick(NameTables.particleSurnames) }
        return NameTables.centralAmericanSurnames[random.weighted(surnameWeights)]
    }

    static func name(_ nationality: Nationality, female: Bool, adult: Bool, _ random: inout WorldRandom) -> PersonName {
        switch nationality {
        case .ht:
            let given = random.pick(female ? NameTables.haitianGiven.female : NameTables.haitianGiven.male)
            return PersonName(given: given, paternal: random.pick(NameTables.haitianSurnames))
        case .cn:
            let given = random.pick(female ? NameTables.chineseGiven.female : NameTables.chineseGiven.male)
            return PersonName(given: given, paternal: random.pick(NameTables.chineseSurnames), familyFirst: true)
        case .in:
            let given = random.pick(female ? NameTables.indianGiven.female : NameTables.indianGiven.male)
            return PersonName(given: given, paternal: random.pick(NameTables.indianSurnames))
        default:
            let given: String
            if random.chance(0.35) {
                given = random.pick(female ? NameTables.femaleCompounds : NameTables.maleCompounds)
            } else if random.chance(0.4) {
                let pool = female ? NameTables.femaleGiven : NameTables.maleGiven
                let first = random.pick(pool)
                var second = random.pick(pool)
                if second == first { second = random.pick(pool) }
                given = first == second ? first : "\(first) \(second)"
            } else {
                given = random.pick(female ? NameTables.femaleGiven : NameTables.maleGiven)
            }
            var name = PersonName(given: given, paternal: surname(&random))
            if random.chance(0.93) {
                var maternal = surname(&random)
                if maternal == name.paternal && random.chance(0.7) { maternal = surname(&random) }
                name.maternal = maternal
            }
            if female && adult && random.chance(0.2) { name.married = surname(&random) }
            let first = String(given.split(separator: " ").first ?? "")
            if let forms = NameTables.nicknames[first], random.chance(0.3) { name.nickname = random.pick(forms) }
            return name
        }
    }
}

/// Identity document numbers in each country's format (synthetic: valid shape, random digits).
enum Documents {
    static func number(
        _ nationality: Nationality, name: PersonName, born: CivilDate, female: Bool,
        _ random: inout WorldRandom
    ) -> String {
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(random.below(10))) }) }
        switch nationality {
        case .sv:
            // DUI: eight digits and a check digit (weights 9…2, sum mod 10).
            let body = (0..<8).map { _ in random.below(10) }
            let sum = zip(body, stride(from: 9, through: 2, by: -1)).map { $0 * $1 }.reduce(0, +)
            return body.map(String.init).joined() + "-" + String((10 - sum % 10) % 10)
        case .gt: return "\(digits(4)) \(digits(5)) \(digits(4))"
        case .hn: return "\(digits(4))-\(born.year)-\(digits(5))"
        case .ni:
            let dob = pad(born.day) + pad(born.month) + pad(born.year % 100)
            return "\(digits(3))-\(dob)-\(digits(4))\(Character(UnicodeScalar(UInt8(65 + random.below(26)))))"
        case .mx:
            let letters = Array(folded(name.paternal + "XX")), given = Array(folded(name.given + "X"))
            let maternal = Array(folded((name.maternal ?? "X") + "X"))
            let vowel = letters.dropFirst().first { "AEIOU".contains($0) } ?? "X"
            let head = String([letters[0], vowel, maternal[0], given[0]])
            return head + pad(born.year % 100) + pad(born.month) + pad(born.day) + (female ? "M" : "H")
                + random.pick(["DF", "JC", "MC", "PL", "CS", "VZ"]) + "XXX" + digits(2)
        case .ve: return "P" + digits(8)
        case .cu: return "K" + digits(7)
        case .ec: return digits(10)
        case .ht: return "RD" + digits(7)
        case .cn: return "E" + digits(8)
        case .in: return String(Character(UnicodeScalar(UInt8(65 + random.below(26))))) + digits(7)
        }
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Upper-case ASCII letters of `text` for a CURP: `Ñ` is `X` (the CURP rule), other letters
    /// folded by ``NameFolding``, everything else removed.
    static func folded(_ text: String) -> String {
        let curp = text.replacing("Ñ", with: "X").replacing("ñ", with: "X")
        return String(NameFolding.fold(curp).uppercased().filter { $0.isASCII && $0.isLetter })
    }
}
