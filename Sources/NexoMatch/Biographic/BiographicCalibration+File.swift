import NexoKit

extension BiographicCalibration {
    /// The first line of a calibration file.
    static let fileHeader = "nexo biographic calibration 1"

    /// The calibration as a text file beside the store (`<store>.biographic-calibration`): a header, the counts,
    /// one line per field (`field surname tf m exact=0.85 … u exact=0.004 …`), the name shares of values seen
    /// more than once (the rest fall back to the table's default share), and a last line with the checksum of
    /// everything before it.
    public func encoded() -> [UInt8] {
        var lines = [
            "people \(people)", "sampled \(sampled)", "random-pairs \(randomPairs)",
            "candidate-pairs \(candidatePairs)", "estimated-matches \(estimatedMatches)",
            "learned-m \(learnedM ? 1 : 0)", "prior \(model.priorMatchProbability)",
            "m-source \(mSource.split(whereSeparator: \.isNewline).joined(separator: " "))",
        ]
        func levels(_ p: [MatchLevel: Double]) -> String {
            p.keys.sorted().map { "\($0.rawValue)=\(p[$0]!)" }.joined(separator: " ")
        }
        for name in model.fields.keys.sorted() {
            let field = model.fields[name]!
            lines.append(
                "field \(name) \(field.termFrequency ? "tf" : "-") m \(levels(field.m)) u \(levels(field.u))")
        }
        for (tag, table) in [("surname", surnames), ("given", givenNames)] {
            lines.append("\(tag)-default \(table.defaultShare)")
            let floor = table.defaultShare * 2.5 // seen more than once (a value seen once has twice the default)
            for value in table.shares.keys.sorted() where table.shares[value]! >= floor {
                lines.append("\(tag) \(value)\t\(table.shares[value]!)")
            }
        }
        return CalibrationFile.encode(header: Self.fileHeader, lines: lines)
    }

    /// Reads a file ``encoded()`` wrote; throws `invalid-input` naming the line that is wrong, or when the
    /// checksum differs (a damaged or truncated file).
    public init(decoding bytes: [UInt8]) throws(NexoError) {
        let what = "biographic calibration"
        func bad(_ problem: String) -> NexoError {
            NexoError(
                .invalidInput, "the \(what) file is damaged: \(problem)",
                hint: "run 'bio calibrate' to measure it again")
        }
        let lines = try CalibrationFile.decode(bytes, header: Self.fileHeader, what: what)
        var numbers: [String: Double] = [:]
        var fields: [String: FellegiSunterModel.Field] = [:]
        var shares: [String: [String: Double]] = ["surname": [:], "given": [:]]
        var mSource = ""
        for (number, line) in lines.enumerated() {
            // Name shares first: they are almost every line, and need no split into words.
            if let tag = line.hasPrefix("surname ") ? "surname" : line.hasPrefix("given ") ? "given" : nil {
                let pair = line.dropFirst(tag.count + 1).split(separator: "\t")
                guard pair.count == 2, let share = Double(pair[1]), share.isFinite, share > 0 else {
                    throw bad("line \(number + 2): a name share needs a value, a tab and a share")
                }
                shares[tag, default: [:]][String(pair[0])] = share
                continue
            }
            let words = line.split(separator: " ")
            func levels(_ list: ArraySlice<Substring>) throws(NexoError) -> [MatchLevel: Double] {
                var result: [MatchLevel: Double] = [:]
                for item in list {
                    let pair = item.split(separator: "=")
                    guard pair.count == 2, let level = MatchLevel(rawValue: String(pair[0])),
                        let p = Double(pair[1]), p.isFinite, p >= 0
                    else { throw bad("line \(number + 2): '\(item)' is no level=probability") }
                    result[level] = p
                }
                return result
            }
            if words.first == "m-source" {
                mSource = String(line.dropFirst("m-source ".count))
            } else if words.first == "field" {
                guard words.count >= 4, let mAt = words.firstIndex(of: "m"), let uAt = words.firstIndex(of: "u"),
                    mAt == 3, uAt > mAt
                else { throw bad("line \(number + 2): a field line needs a name, tf or -, m … and u …") }
                fields[String(words[1])] = FellegiSunterModel.Field(
                    m: try levels(words[(mAt + 1)..<uAt]), u: try levels(words[(uAt + 1)...]),
                    termFrequency: words[2] == "tf")
            } else if words.count == 2, let value = Double(words[1]), value.isFinite {
                numbers[String(words[0])] = value
            } else {
                throw bad("line \(number + 2): '\(line.prefix(60))' is not understood")
            }
        }
        func number(_ key: String) throws(NexoError) -> Double {
            guard let value = numbers[key] else { throw bad("no '\(key)' line") }
            return value
        }
        self.init(
            people: Int(try number("people")), sampled: Int(try number("sampled")),
            randomPairs: Int(try number("random-pairs")), candidatePairs: Int(try number("candidate-pairs")),
            estimatedMatches: try number("estimated-matches"), learnedM: try number("learned-m") != 0, mSource: mSource,
            model: FellegiSunterModel(
                fields: FellegiSunterModel.defaults.fields.merging(fields) { $1 },
                priorMatchProbability: try number("prior")),
            surnames: NameFrequencies(shares: shares["surname"] ?? [:], defaultShare: try number("surname-default")),
            givenNames: NameFrequencies(shares: shares["given"] ?? [:], defaultShare: try number("given-default")))
    }
}
