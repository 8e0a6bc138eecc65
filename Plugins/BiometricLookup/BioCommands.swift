import NexoKit

/// `bio enroll <person> [--face F] [--finger F…] [--iris F…]`
enum BioEnroll {
    static let command = Command(spec, run: run)
    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "The person to enrol")
    static let spec = CommandSpec(
        ["bio", "enroll"], summary: "Enrol a person's face, fingers and irises in the gallery",
        discussion:
            "Templates are stored with the command's run (undo removes them) and replace earlier ones of the same "
            + "modality and position. The person's biographic data is their record (name, aliases, date of birth, "
            + "nationality, document) and needs no enrolment. Prints one row per modality stored.",
        arguments: [person],
        options: Probe.biometricOptions,
        examples: ["bio enroll P-12 --face p12.f32 --finger p12-index.ist --iris p12-right.iris"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let person = try arguments[Self.person]
        let sample = try Probe.biometrics(arguments, context)
        guard !sample.modalities.isEmpty else {
            throw NexoError(.usage, "nothing to enrol", hint: "give --face, --finger or --iris files")
        }
        let stored = try Probe.matcher(context).enroll(sample, for: person.id)
        var table = ResultTable(columns: [
            Column("person", .entity(kind: CoreSchema.Kind.person)), Column("modality", .string),
            Column("templates", .int),
        ])
        for modality in stored {
            let count = modality == .face ? 1 : modality == .finger ? sample.fingers.count : sample.irises.count
            table.append([.entity(person), .string(modality.rawValue), .int(Int64(count))])
        }
        return CommandResult(
            table: table, message: "enrolled \(stored.map(\.rawValue).joined(separator: ", ")) for \(person.id)")
    }
}

/// `bio identify [probe…] [--person P] [--top N]`
enum BioIdentify {
    static let command = Command(spec, run: run)
    static let top = DefaultedOptionKey("top", .int, "Candidates to return", default: 10)
    static let person = OptionKey(
        "person", .entity(kind: CoreSchema.Kind.person),
        "Probe with a stored person's templates and record (the person is left out of the answer)")
    static let explainCandidates = FlagKey(
        "explain-candidates",
        "List every person compared, with the searches that found them, instead of the best candidates")
    static let spec = CommandSpec(
        ["bio", "identify"],
        summary: "Search the gallery (1:N) with any mix of face, fingers, irises and biographic data",
        discussion:
            "Each modality's score becomes a likelihood ratio; ratios multiply (log10 values add) into the fused "
            + "evidence. A hit needs fused ≥ log10(gallery size / FPIR) at the target FPIR of 0.3 %, so the bar "
            + "rises with the gallery; review starts 100 times lower. Rows are best first (fused, then person id). "
            + "With --person, or people piped in, each stored person is the probe (their enrolled templates and "
            + "record; themselves left out), and a `probe` column says whose candidates each row is. "
            + "--explain-candidates lists everyone compared instead (rank, person, fused, found_by: name, "
            + "other_name, date_of_birth, postcode, document, face, finger, iris), and the footer names the "
            + "searches that stopped short: a mate absent from that list was never compared.",
        options: Probe.biometricOptions + Probe.biographicOptions + [person, top, explainCandidates],
        examples: [
            "bio identify --face probe.f32 --top 5",
            "bio identify --name \"Jose Hernandez\" --dob 1994 --nationality SV",
            "bio identify --finger probe.ist | where decision = hit",
            "find person hernandez | bio identify --top 3 | where decision != no_hit",
            "bio identify --name \"Jose Hernandez\" --dob 1994-03-02 --explain-candidates | where found_by ~ date",
        ],
        input: .entities(kind: CoreSchema.Kind.person))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let top = Int(arguments[Self.top])
        guard (1...1000).contains(top) else { throw NexoError(.usage, "--top must be 1 to 1000") }
        var probe = try Probe.biometrics(arguments, context)
        probe.biographic = try Probe.biographic(arguments, today: context.today)
        let stored = context.entities(given: arguments[person], kind: CoreSchema.Kind.person)
        // People given or piped in (an empty pipe too: nothing to probe) are the probes.
        if !stored.isEmpty || (context.input != nil && probe.modalities.isEmpty) {
            guard probe.modalities.isEmpty else {
                throw NexoError(
                    .usage, "--person (or people piped in) takes the probe from the store",
                    hint: "give either stored people or probe options (--face, --finger, --iris, --name …), not both")
            }
            return try identifyStored(stored, top: top, explain: arguments[explainCandidates], context)
        }
        let result = try Probe.matcher(context).identify(probe, top: top)
        if arguments[explainCandidates] {
            let table = try CandidateRows.considered(result.considered, in: context.store)
            return CommandResult(
                table: table, message: CandidateRows.consideredSummary(result.considered),
                footer: CandidateRows.limitsFooter(result.retrievalLimits))
        }
        let searched = result.searched.keys.sorted { $0.rawValue < $1.rawValue }.map {
            "\($0.rawValue) \(result.searched[$0]!)"
        }
        let hits = result.candidates.filter { $0.decision == .hit }.count
        // Nothing to search says so: an empty answer is then no evidence that the person is unknown.
        let empty = result.searched.values.allSatisfy { $0 == 0 }
        return CommandResult(
            table: try CandidateRows.table(result.candidates, in: context.store),
            message:
                "\(hits) \(hits == 1 ? "hit" : "hits") among \(result.candidates.count) candidates;"
                + " searched \(searched.joined(separator: ", "))"
                + (empty ? " (the gallery holds no one for this probe's modalities: nothing was compared)" : "")
        )
    }
}

extension BioIdentify {
    /// Each of `people` identified with their own stored templates and record, themselves left out: the rows of
    /// each person's candidates after a `probe` column naming them.
    static func identifyStored(_ people: [EntityRef], top: Int, explain: Bool, _ context: CommandContext) throws
        -> CommandResult
    {
        let matcher = try Probe.matcher(context)
        var table = ResultTable(
            columns: [Column("probe", .entity(kind: CoreSchema.Kind.person))]
                + (explain ? CandidateRows.consideredColumns : CandidateRows.columns))
        var limits: [String] = []
        var hits = 0, probed = 0
        // In batches: the engine searches a batch's probes of a modality at once, one per core.
        let batchSize = 64
        for start in stride(from: 0, to: people.count, by: batchSize) {
            if context.isCancelled() {
                throw NexoError(.cancelled, "cancelled after \(probed) of \(people.count) people")
            }
            var batch: [(person: EntityRef, probe: BiometricSample)] = []
            for person in people[start..<min(start + batchSize, people.count)] {
                let probe = try Probe.stored(person, context)
                if !probe.modalities.isEmpty { batch.append((person, probe)) }
            }
            guard !batch.isEmpty else { continue }
            probed += batch.count
            let results = try matcher.identify(batch.map(\.probe), top: top + 1)
            for ((person, _), result) in zip(batch, results) {
                if explain {
                    let considered = result.considered.filter { $0.entity != person.id }
                    for row in try CandidateRows.considered(considered, in: context.store).rows {
                        table.append([.entity(person)] + row)
                    }
                    limits += result.retrievalLimits.map { "\(person.id): \($0)" }
                    continue
                }
                var candidates = Array(result.candidates.filter { $0.entity != person.id }.prefix(top))
                for rank in candidates.indices { candidates[rank].rank = rank + 1 }
                hits += candidates.filter { $0.decision == .hit }.count
                for row in try CandidateRows.table(candidates, in: context.store).rows {
                    table.append([.entity(person)] + row)
                }
            }
        }
        if explain {
            return CommandResult(
                table: table,
                message: "\(table.rowCount) people compared for \(probed) of \(people.count) people probed",
                footer: CandidateRows.limitsFooter(limits))
        }
        return CommandResult(
            table: table,
            message: "\(hits) \(hits == 1 ? "hit" : "hits") for \(probed) of \(people.count) people probed"
                + (probed < people.count ? " (\(people.count - probed) with no templates or record)" : ""))
    }
}

/// `bio verify <person> [probe…]`
enum BioVerify {
    static let command = Command(spec, run: run)
    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "The claimed identity")
    static let spec = CommandSpec(
        ["bio", "verify"], summary: "Compare a probe with one enrolled person (1:1)",
        discussion: "The hit threshold is the 1:1 one (gallery of one). One row, as 'bio identify' prints.",
        arguments: [person],
        options: Probe.biometricOptions + Probe.biographicOptions,
        examples: ["bio verify P-12 --face probe.f32", "bio verify P-12 --name \"José Hernández\" --dob 1994-03-02"])

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let person = try arguments[Self.person]
        var probe = try Probe.biometrics(arguments, context)
        probe.biographic = try Probe.biographic(arguments, today: context.today)
        guard !probe.modalities.isEmpty else {
            throw NexoError(.usage, "nothing to compare", hint: "give a probe: --face, --finger, --iris or --name")
        }
        var candidate = try Probe.matcher(context).verify(probe, against: person.id)
        candidate.rank = 1
        return CommandResult(table: try CandidateRows.table([candidate], in: context.store))
    }
}

/// `bio explain <person> <candidate>`
enum BioExplain {
    static let command = Command(spec, run: run)
    static let person = ArgumentKey(
        "person", .entity(kind: CoreSchema.Kind.person), "The probe: an enrolled person (or an encounter's subject)")
    static let candidate = ArgumentKey(
        "candidate", .entity(kind: CoreSchema.Kind.person), "The candidate to compare with")
    static let spec = CommandSpec(
        ["bio", "explain"], summary: "Explain how one person's enrolled templates and record compare with another's",
        discussion:
            "Takes the first person's enrolled templates and biographic record as the probe, compares them with "
            + "the second, and prints every line of the explanation: each modality's score and evidence, what "
            + "agreed and what did not, and the thresholds.",
        arguments: [person, candidate],
        examples: ["bio explain P-12 P-87"])

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let probePerson = try arguments[person]
        let candidate = try arguments[Self.candidate]
        let probe = try Probe.stored(probePerson, context)
        let result = try Probe.matcher(context).verify(probe, against: candidate.id)
        var table = ResultTable(columns: [Column("line", .int), Column("explanation", .string)])
        for (n, line) in result.explanation.enumerated() { table.append([.int(Int64(n + 1)), .string(line)]) }
        return CommandResult(table: table, message: "\(probePerson.id) vs \(candidate.id): \(result.decision.rawValue)")
    }
}

/// `bio gallery stats`
enum BioGallery {
    static let command = Command(spec, run: run)
    static let spec = CommandSpec(
        ["bio", "gallery", "stats"], summary: "Size of the gallery per modality and how each is searched",
        discussion: "One row per modality: people enrolled, templates, search method.",
        examples: ["bio gallery stats"])

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        var table = ResultTable(columns: [
            Column("modality", .string), Column("people", .int), Column("templates", .int),
            Column("index", .string),
        ])
        for stat in try Probe.matcher(context).statistics() {
            table.append([
                .string(stat.modality.rawValue), .int(Int64(stat.entities)), .int(Int64(stat.templates)),
                .string(stat.index),
            ])
        }
        return CommandResult(table: table)
    }
}

/// `bio export <person> <file> --modality M [--format iso|ansi]`
enum BioExport {
    static let command = Command(spec, run: run)
    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "The person")
    static let file = ArgumentKey("file", .filePath, "File to write")
    static let modality = OptionKey("modality", .oneOf(["face", "finger", "iris"]), "What to export")
    static let recordFormat = DefaultedOptionKey(
        "record-format", .oneOf(["iso", "ansi"]), "Minutiae record format", default: "iso")
    static let spec = CommandSpec(
        ["bio", "export"], summary: "Write a person's enrolled templates of one modality to an exchange file",
        discussion:
            "Faces as 512 float32, irises as code + mask (the first enrolled), fingers as one ISO/IEC 19794-2:2005 or "
            + "ANSI INCITS 378-2004 record with every enrolled finger. Writing a file passes the export gate.",
        arguments: [person, file],
        options: [modality, recordFormat],
        examples: ["bio export P-12 p12.ist --modality finger --record-format ansi"])

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let person = try arguments[Self.person]
        let path = try arguments[file]
        guard let name = arguments[Self.modality], let modality = Modality(rawValue: name) else {
            throw NexoError(.usage, "say what to export with --modality face|finger|iris")
        }
        let matcher = try Probe.matcher(context)
        guard let sample = try matcher.sample(of: person.id) else {
            throw NexoError(.notFound, "\(person.id) has no enrolled templates", hint: "enrol them with 'bio enroll'")
        }
        let bytes = try matcher.encode(sample, as: modality, fingerFormat: arguments[recordFormat])
        guard !context.isDryRun else {
            return CommandResult(message: "dry run: would write \(bytes.count) bytes to \(path)")
        }
        guard let files = context.files else { throw NexoError(.denied, "this host does not let commands write files") }
        try files.write(bytes, to: path)
        return CommandResult(message: "wrote \(person.id)'s \(modality.rawValue) (\(bytes.count) bytes) to \(path)")
    }
}
