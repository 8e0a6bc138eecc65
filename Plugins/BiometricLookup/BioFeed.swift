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
    static let spec = CommandSpec(
        ["bio", "feed", "run"], summary: "Match a file of encounters (NDJSON), store them and link them to their hits",
        discussion: """
            One JSON object per line: ref, date (YYYY-MM-DD), post, face (512 numbers) or face_file, finger_files, \
            iris_files, name, aliases, dob, sex, nationality, documents. Each encounter is identified 1:N, stored as an \
            encounter entity and linked by 'matched' edges (fused evidence, decision, explanation) to every hit and review. \
            A malformed line is reported with its line number and skipped; the others are stored. Rows are in file order.
            """,
        arguments: [ArgumentSpec("file", .filePath, "NDJSON file of encounters")],
        options: [OptionSpec("top", .int, "Candidates examined per encounter", default: .int(5))],
        examples: ["bio feed run encounters.ndjson", "bio feed run today.ndjson | where decision = hit"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let path = try arguments.required("file").description
        let top = Int(arguments.int("top") ?? 5)
        guard (1...100).contains(top) else { throw NexoError(.usage, "--top must be 1 to 100") }
        let matcher = try Probe.matcher(context)
        guard let files = context.files else { throw NexoError(.denied, "this host does not let commands read files") }
        let text = String(decoding: try files.read(path), as: UTF8.self)
        var table = ResultTable(columns: [
            Column("line", .int), Column("encounter", .entity(kind: "encounter")), Column("decision", .string),
            Column("person", .entity(kind: "person")), Column("fused", .double), Column("matched", .int),
        ])
        var skipped = 0, hits = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try context.checkCancellation()
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            let number = index + 1
            let encounter: Encounter
            do throws(NexoError) { encounter = try Encounter(String(line), files: files, matcher: matcher) } catch {
                context.output.note("\(path):\(number): \(error.message) — line skipped")
                skipped += 1
                continue
            }
            let result = try matcher.identify(encounter.probe, top: top)
            var properties: [String: Value] = ["post": .string(encounter.post ?? "unknown")]
            if let date = encounter.date { properties["date"] = .date(date) }
            let label = "Encounter \(encounter.reference ?? "line \(number)") at \(encounter.post ?? "unknown post")"
            let stored = try context.store.addEntity(EntityDraft(kind: "encounter", label: label, properties: properties), source: nil)
            var linked = 0
            for candidate in result.candidates where candidate.decision != .noHit {
                try context.store.addEdge(EdgeDraft(kind: BioKinds.matched, from: stored.id, to: candidate.entity, properties: [
                    "fused": .double(CandidateRows.rounded(candidate.fused)), "decision": .string(candidate.decision.rawValue),
                    "modalities": .string(candidate.scores.map(\.modality.rawValue).joined(separator: ",")),
                    "explanation": .string(candidate.explanation.joined(separator: "; ")),
                ], validFrom: encounter.date, validTo: encounter.date), source: nil)
                linked += 1
            }
            let best = result.candidates.first
            if best?.decision == .hit { hits += 1 }
            let person = try best.flatMap { candidate throws(NexoError) in try context.store.entity(candidate.entity)?.ref }
            table.append([.int(Int64(number)), .entity(stored.ref), .string(best?.decision.rawValue ?? MatchDecision.noHit.rawValue),
                          person.map(Value.entity) ?? .null, best.map { .double(CandidateRows.rounded($0.fused)) } ?? .null,
                          .int(Int64(linked))])
        }
        var message = "\(table.rows.count) encounters matched, \(hits) with a hit"
        if skipped > 0 { message += "; \(skipped) malformed \(skipped == 1 ? "line" : "lines") skipped" }
        return CommandResult(table: table, message: message)
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
        let known: Set<String> = ["ref", "date", "post", "face", "face_file", "finger_files", "iris_files", "name", "aliases",
                                  "dob", "sex", "nationality", "documents"]
        for member in members where !known.contains(member.key) {
            throw NexoError(.invalidInput, "unknown field '\(member.key)'", hint: Suggestions.didYouMean(member.key, in: known.sorted()))
        }
        func string(_ key: String) throws(NexoError) -> String? { try json.string(key) }
        func strings(_ key: String) throws(NexoError) -> [String] { try json.strings(key) }
        reference = try string("ref")
        post = try string("post")
        if let text = try string("date") {
            guard let date = CivilDate(iso: text) else { throw NexoError(.invalidInput, "date '\(text)' is not YYYY-MM-DD") }
            self.date = date
        }
        var probe = BiometricSample()
        if case .array(let items)? = json["face"] {
            var vector: [Float] = []
            for item in items {
                guard case .number(let text) = item, let x = Float(text) else { throw NexoError(.invalidInput, "'face' must be an array of numbers") }
                vector.append(x)
            }
            guard let face = FaceTemplate(vector: vector) else {
                throw NexoError(.invalidInput, "'face' must hold \(FaceTemplate.dimensions) finite numbers, not all zero (it has \(vector.count))")
            }
            probe.face = face
        } else if json["face"] != nil, json["face"] != .null {
            throw NexoError(.invalidInput, "'face' must be an array of numbers")
        }
        if let path = try string("face_file") { probe.face = try matcher.decode(try files.read(path), as: .face).face }
        for path in try strings("finger_files") { probe.fingers += try matcher.decode(try files.read(path), as: .finger).fingers }
        for path in try strings("iris_files") { probe.irises += try matcher.decode(try files.read(path), as: .iris).irises }
        if let name = try string("name") {
            let dob = try string("dob").map { text throws(NexoError) in try Probe.partialDate(text) }
            probe.biographic = BiographicRecord(name: name, otherNames: try strings("aliases"), dateOfBirth: dob, sex: try string("sex"),
                                                nationality: try string("nationality"), documents: try strings("documents"))
        }
        guard !probe.modalities.isEmpty else {
            throw NexoError(.invalidInput, "no face, fingers, irises or name", hint: "an encounter needs at least one modality")
        }
        self.probe = probe
    }
}
