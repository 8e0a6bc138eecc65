import NexoKit

/// The options that describe a probe (or a sample to enrol), and how they become a sample.
enum Probe {
    static let face = OptionKey("face", .filePath, "Face embedding file: 512 little-endian float32")
    static let finger = RepeatableOptionKey(
        "finger", .filePath, "Minutiae record (ISO/IEC 19794-2:2005 or ANSI INCITS 378-2004)")
    static let iris = RepeatableOptionKey(
        "iris", .filePath, "Iris file: 256 bytes of code, 256 of mask (right eye first)")
    static let biometricOptions: [any OptionDeclaration] = [face, finger, iris]

    static let name = OptionKey("name", .string, "Full name as given (given names, then surnames)")
    static let alias = RepeatableOptionKey("alias", .string, "Another name, moniker or nickname")
    static let dob = OptionKey("dob", .string, "Date of birth: YYYY-MM-DD, YYYY-MM or YYYY")
    static let sex = OptionKey("sex", .oneOf(CoreSchema.Sex.all), "Sex as recorded")
    static let nationality = OptionKey("nationality", .string, "ISO 3166 alpha-2 nationality")
    static let document = RepeatableOptionKey("document", .string, "A document number")
    static let given = OptionKey("given", .string, "Given names, when the record keeps them apart from the surnames")
    static let surnames = OptionKey("surnames", .string, "Surnames, when the record keeps them apart")
    static let address = OptionKey("address", .string, "Number and street of the address")
    static let locality = OptionKey("locality", .string, "Suburb, town or municipality of the address")
    static let postcode = OptionKey("postcode", .string, "Postal code of the address")
    static let region = OptionKey("region", .string, "State, department or province of the address")
    static let biographicOptions: [any OptionDeclaration] = [
        name, given, surnames, alias, dob, sex, nationality, document, address, locality, postcode, region,
    ]

    /// The engine, or a clear error when the host has none.
    static func matcher(_ context: CommandContext) throws(NexoError) -> any MatchEngineAccess {
        guard let matcher = context.matcher else {
            throw NexoError(.failed, "this host has no match engine", hint: "run the command in nexo")
        }
        return matcher
    }

    /// The biometric part of the sample the options describe (files read through the host). What
    /// the engine read with a flaw (a padded minutiae record) is shown as a note naming the file.
    static func biometrics(_ arguments: ParsedArguments, _ context: CommandContext) throws(NexoError) -> BiometricSample
    {
        let matcher = try matcher(context)
        var sample = BiometricSample()
        let paths: [(Modality, [String])] = [
            (.face, arguments[face].map { [$0] } ?? []), (.finger, arguments[finger]), (.iris, arguments[iris]),
        ]
        guard paths.contains(where: { !$0.1.isEmpty }) else { return sample }
        guard let files = context.files else { throw NexoError(.denied, "this host does not let commands read files") }
        for (modality, list) in paths {
            for path in list {
                let bytes: [UInt8]
                do throws(NexoError) { bytes = try files.read(path) } catch {
                    throw NexoError(error.code, "\(path): \(error.message)", hint: error.hint)
                }
                let decoded = try decode(bytes, from: path, as: modality, matcher: matcher)
                for warning in decoded.warnings { context.output.note("warning: \(warning)") }
                if let face = decoded.face { sample.face = face }
                sample.fingers += decoded.fingers
                sample.irises += decoded.irises
            }
        }
        return sample
    }

    /// The templates of the exchange file `path` (its `bytes`) read as `modality`. An error, and
    /// each flaw the engine read past (a padded minutiae record), names the file:
    /// `finger template 'p.ist': … 12 zero byte(s) of padding after the record, from offset 340`.
    static func decode(
        _ bytes: [UInt8], from path: String, as modality: Modality,
        matcher: any MatchEngineAccess
    ) throws(NexoError) -> BiometricSample {
        var decoded: BiometricSample
        do throws(NexoError) { decoded = try matcher.decode(bytes, as: modality) } catch {
            throw NexoError(error.code, "\(modality.rawValue) template '\(path)': \(error.message)", hint: error.hint)
        }
        decoded.warnings = decoded.warnings.map { "\(modality.rawValue) template '\(path)': \($0)" }
        return decoded
    }

    /// A stored person as a probe: their enrolled templates and their record (label as the name, aliases, date of
    /// birth, sex, nationality, document).
    static func stored(_ person: EntityRef, _ context: CommandContext) throws(NexoError) -> BiometricSample {
        var probe = try matcher(context).sample(of: person.id) ?? BiometricSample()
        probe.biographic = try BiographicRecord.stored(person.id, in: context.store)
        return probe
    }

    /// The biographic record the options describe, or `nil` when none was given; a date of birth after `today`
    /// is refused.
    static func biographic(_ arguments: ParsedArguments, today: CivilDate?) throws(NexoError) -> BiographicRecord? {
        let others = arguments[alias]
        let documents = arguments[document]
        let dob = try arguments[Self.dob].map { text throws(NexoError) in
            try PartialDate.parse(text, what: "date of birth", today: today)
        }
        let parts = [arguments[given], arguments[surnames]].compactMap { $0 }.filter {
            $0.contains { !$0.isWhitespace }
        }
        let name = arguments[Self.name] ?? (parts.isEmpty ? nil : parts.joined(separator: " "))
        let home = PostalAddress(
            street: arguments[address], locality: arguments[locality], postcode: arguments[postcode],
            region: arguments[region])
        guard name != nil || !others.isEmpty || dob != nil || !documents.isEmpty || !home.isEmpty else { return nil }
        guard let name, name.contains(where: { !$0.isWhitespace }) else {
            throw NexoError(
                .usage, "biographic data needs --name (or --given and --surnames)",
                hint: "e.g. --name \"José Luis Hernández López\" --dob 1994-03-02")
        }
        guard name.unicodeScalars.contains(where: \.properties.isAlphabetic) else {
            throw NexoError(
                .usage, "the name '\(name)' has no letters: nothing in it can be compared",
                hint: "give the name as written, e.g. --name \"José Luis Hernández López\"")
        }
        return BiographicRecord(
            name: name, givenNames: arguments[given], surnames: arguments[surnames], otherNames: others,
            dateOfBirth: dob, sex: arguments[sex], nationality: arguments[nationality]?.uppercased(),
            documents: documents, addresses: [home])
    }
}
