import NexoKit
import NexoMatch

/// Names, nationalities and document shapes of a population, kept with their frequencies, from
/// which plausible new people are made: a stranger gets a given name, surnames and a nationality
/// drawn as often as the population has them, so their names collide with gallery names as often
/// as a real newcomer's would.
public struct SyntheticNamePool: Sendable, Hashable {
    /// Given names (whole, compounds included) of women, with repeats.
    public var femaleGiven: [String]
    /// Given names of men, with repeats.
    public var maleGiven: [String]
    /// Paternal and maternal surnames, with repeats.
    public var surnames: [String]
    /// Nationalities, with repeats.
    public var nationalities: [String]
    /// Document numbers whose shape (digits, letters, separators) new numbers copy.
    public var documentShapes: [String]
    /// Years of birth, with repeats.
    public var birthYears: [Int]

    /// A pool of the names and fields of `records`.
    public init(records: [BiographicRecord]) {
        femaleGiven = []
        maleGiven = []
        surnames = []
        nationalities = []
        documentShapes = []
        birthYears = []
        for record in records {
            let name = PersonName.parse(record.name)
            if !name.givenNames.isEmpty {
                let given = name.givenNames.map(\.display).joined(separator: " ")
                if record.sex == "F" { femaleGiven.append(given) } else { maleGiven.append(given) }
            }
            surnames += [name.paternal, name.maternal].compactMap { $0?.display }
            if let nationality = record.nationality { nationalities.append(nationality) }
            if let document = record.documents.first { documentShapes.append(document) }
            if let year = record.dateOfBirth?.year { birthYears.append(year) }
        }
    }

    /// A surname drawn by frequency, `nil` for an empty pool.
    public func surname(using rng: inout some RandomNumberGenerator) -> String? { surnames.randomElement(using: &rng) }

    /// A plausible person who is nobody in the population: a given name of their sex, one or two
    /// surnames, a date of birth and nationality, and a document number of a population shape with
    /// fresh digits and letters. `nil` when the pool has no names.
    public func stranger(using rng: inout some RandomNumberGenerator) -> BiographicRecord? {
        let female = Bool.random(using: &rng)
        guard
            let given = (female ? femaleGiven : maleGiven).randomElement(using: &rng)
                ?? femaleGiven.randomElement(using: &rng),
            let paternal = surname(using: &rng)
        else { return nil }
        var name = given + " " + paternal
        if Double.random(in: 0..<1, using: &rng) < 0.9, let maternal = surname(using: &rng), maternal != paternal {
            name += " " + maternal
        }
        let year = birthYears.randomElement(using: &rng) ?? Int.random(in: 1955...2008, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(
            in: 1...(month == 2 ? 28 : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31), using: &rng)
        var documents: [String] = []
        if let shape = documentShapes.randomElement(using: &rng) {
            documents = [
                String(
                    shape.map { c -> Character in
                        if c.isASCII && c.isNumber { return Character(String(Int.random(in: 0...9, using: &rng))) }
                        if c.isASCII && c.isUppercase {
                            return Character(UnicodeScalar(UInt8.random(in: 65...90, using: &rng)))
                        }
                        return c
                    })
            ]
        }
        return BiographicRecord(
            name: name, dateOfBirth: PartialDate(year: year, month: month, day: day),
            sex: female ? "F" : "M", nationality: nationalities.randomElement(using: &rng), documents: documents)
    }
}
