import NexoKit

/// `bio feed run <file>`: matches a file of encounters, one NDJSON object per line, stores each
/// as an encounter with `matched` edges to its hits and reviews, and reports every line.
///
/// A line (all fields optional except that some modality must be present):
/// `{"ref":"SV-LH-0042","date":"2026-11-20","post":"La Hachadura","face":[512 numbers],
///   "face_file":"p.f32","finger_files":["p.ist"],"iris_files":["p.iris"],"name":"…",
///   "aliases":["…"],"dob":"1994-03-02","sex":"M","nationality":"SV","documents":["…"]}`
enum BioFeed {
    static let command = Command(spec, run: run)
    static let file = ArgumentKey("file", .filePath, "NDJSON file of encounters")
    /// `--top`, shared with `bio feed start`.
    static let top = DefaultedOptionKey("top", .int, "Candidates examined per encounter", default: 5)
    static let spec = CommandSpec(
        ["bio", "feed", "run"], summary: "Match a file of encounters (NDJSON), store them and link them to their hits",
        discussion: """
            One JSON object per line: ref, date (YYYY-MM-DD), post, face (512 numbers) or face_file, finger_files, \
            iris_files, name, aliases, dob, sex, nationality, documents. Each encounter is identified 1:N, stored as \
            an encounter entity and linked by 'matched' edges (fused evidence, decision, explanation) to every hit and \
            review; a hit or review that falls under a standing watch ('bio watch add') raises an alert, stored as an \
            'alerted' edge. A malformed line (also one that is not valid UTF-8 or is longer than 16 MiB, or whose \
            template is refused) is reported with its line number and skipped; the others are stored. Lines are read \
            as they come (a FIFO works) and committed in batches of 32, so other writers get the store in between; if \
            the feed fails or is interrupted, the batches before stay stored ('undo' reverts the whole feed). Rows are \
            in file order. 'bio feed start' does the same in the background.
            """,
        arguments: [file],
        options: [top],
        examples: ["bio feed run encounters.ndjson", "bio feed run today.ndjson | where decision = hit"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let path = try arguments[file]
        let recorder = try EncounterRecorder(context, top: try checkedTop(arguments))
        var table = ResultTable(columns: rowColumns)
        var skipped = 0, hits = 0, alerts = 0
        var batch: [(encounter: Encounter, number: Int)] = []
        // Each batch is committed before the next is read (like 'bio feed start'), so other writers
        // get the store between batches and while the feed waits for input (a FIFO).
        func flush() throws(NexoError) {
            for (outcome, item) in zip(try recorder.record(batch), batch) {
                if outcome.decision == .hit { hits += 1 }
                for alert in outcome.alerts { context.output.note("alert \(alert)") }
                alerts += outcome.alerts.count
                table.append(row(outcome, line: item.number))
            }
            batch.removeAll(keepingCapacity: true)
            try context.store.commitProgress()
        }
        // Encounters are identified a batch at a time, so that their searches share the cores.
        try recorder.files.forEachLine(in: path) { read, number throws(NexoError) in
            try context.checkCancellation()
            do throws(NexoError) {
                let line = try read.get()
                guard line.contains(where: { !$0.isWhitespace }) else { return }
                let encounter = try recorder.parse(line)
                for warning in encounter.probe.warnings {
                    context.output.note("warning: \(path):\(number): \(warning)")
                }
                batch.append((encounter, number))
            } catch {
                context.output.note("\(path):\(number): \(error.message) — line skipped")
                skipped += 1
                return
            }
            if batch.count == batchSize { try flush() }
        }
        try flush()
        var message = "\(table.rowCount) encounters matched, \(hits) with a hit"
        if alerts > 0 { message += ", \(alerts) \(alerts == 1 ? "alert" : "alerts")" }
        if skipped > 0 { message += "; \(skipped) malformed \(skipped == 1 ? "line" : "lines") skipped" }
        return CommandResult(table: table, message: message)
    }

    /// Encounters identified, stored and committed together.
    static let batchSize = 32

    static let rowColumns = [
        Column("line", .int), Column("encounter", .entity(kind: CoreSchema.Kind.encounter)),
        Column("decision", .string), Column("person", .entity(kind: CoreSchema.Kind.person)), Column("fused", .double),
        Column("matched", .int),
        Column("alerts", .int),
    ]

    static func row(_ outcome: EncounterRecorder.Outcome, line: Int) -> [Value] {
        [
            .int(Int64(line)), .entity(outcome.encounter.ref), .string(outcome.decision.rawValue),
            outcome.person.map(Value.entity) ?? .null, outcome.fused.map(Value.double) ?? .null,
            .int(Int64(outcome.linked)), .int(Int64(outcome.alerts.count)),
        ]
    }

    /// The value of ``top``, checked.
    static func checkedTop(_ arguments: ParsedArguments) throws(NexoError) -> Int {
        let top = Int(arguments[Self.top])
        guard (1...100).contains(top) else { throw NexoError(.usage, "--top must be 1 to 100") }
        return top
    }
}

/// One encounter line, parsed and checked.
struct Encounter {
    var reference: String?
    var date: CivilDate?
    var post: String?
    var probe: BiometricSample

    init(_ line: String, files: any FileAccess, matcher: any MatchEngineAccess) throws(NexoError) {
        let json: JSONValue
        do throws(JSONSyntaxError) { json = try JSONReader.parse(line) } catch {
            throw NexoError(.invalidInput, "malformed JSON at column \(error.offset + 1): \(error.message)")
        }
        guard case .object(let members) = json else { throw NexoError(.invalidInput, "expected a JSON object") }
        let known: Set<String> = [
            "ref", "date", "post", "face", "face_file", "finger_files", "iris_files", "name", "aliases",
            "dob", "sex", "nationality", "documents",
        ]
        for member in members where !known.contains(member.key) {
            throw NexoError(
                .invalidInput, "unknown field '\(member.key)'",
                hint: Suggestions.didYouMean(member.key, in: known.sorted()))
        }
        func string(_ key: String) throws(NexoError) -> String? { try json.string(key) }
        func strings(_ key: String) throws(NexoError) -> [String] { try json.strings(key) }
        reference = try string("ref")
        post = try string("post")
        if let text = try string("date") {
            guard let date = CivilDate(iso: text) else {
                throw NexoError(.invalidInput, "date '\(text)' is not YYYY-MM-DD")
            }
            self.date = date
        }
        var probe = try Self.biometrics(json, files: files, matcher: matcher)
        if let name = try string("name") {
            // Born after the encounter it reports cannot be.
            let encountered = self.date
            let dob = try string("dob").map { text throws(NexoError) in
                try PartialDate.parse(text, what: "date of birth", today: encountered)
            }
            probe.biographic = BiographicRecord(
                name: name, otherNames: try strings("aliases"), dateOfBirth: dob, sex: try string("sex"),
                nationality: try string("nationality"), documents: try strings("documents"))
        }
        guard !probe.modalities.isEmpty else {
            throw NexoError(
                .invalidInput, "no face, fingers, irises or name", hint: "an encounter needs at least one modality")
        }
        self.probe = probe
    }

    /// The biometric fields of an encounter or enrolment line: `face` (512 numbers) or
    /// `face_file`, `finger_files`, `iris_files` (exchange files read through the host). An
    /// inline face is refused with the reason (`face: value 17 is subnormal (1e-45); …`); what
    /// the engine read past in a file (a padded minutiae record) is in the sample's warnings.
    static func biometrics(_ json: JSONValue, files: any FileAccess, matcher: any MatchEngineAccess) throws(NexoError)
        -> BiometricSample
    {
        var sample = BiometricSample()
        if case .array(let items)? = json["face"] {
            var vector: [Float] = []
            vector.reserveCapacity(items.count)
            for item in items {
                guard case .number(let text) = item, let x = Float(text) else {
                    throw NexoError(.invalidInput, "'face' must be an array of numbers")
                }
                vector.append(x)
            }
            if let defect = FaceTemplate.defect(of: vector) {
                throw NexoError(
                    .invalidInput, "face: \(defect)", hint: "export the embedding again from the face model")
            }
            sample.face = FaceTemplate(vector: vector)
        } else if json["face"] != nil, json["face"] != .null {
            throw NexoError(.invalidInput, "'face' must be an array of numbers")
        }
        let paths: [(Modality, [String])] = [
            (.face, try json.string("face_file").map { [$0] } ?? []),
            (.finger, try json.strings("finger_files")), (.iris, try json.strings("iris_files")),
        ]
        for (modality, list) in paths {
            for path in list {
                let decoded = try Probe.decode(try files.read(path), from: path, as: modality, matcher: matcher)
                if let face = decoded.face { sample.face = face }
                sample.fingers += decoded.fingers
                sample.irises += decoded.irises
                sample.warnings += decoded.warnings
            }
        }
        return sample
    }
}
