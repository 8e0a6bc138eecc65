import NexoKit

/// `bio import FILE`: bulk enrolment from NDJSON, one person per line.
enum BioImport {
    static let file = ArgumentKey("file", .filePath, "NDJSON file of enrolments")
    static let skipInvalid = FlagKey("skip-invalid", "Store the good lines and report the bad ones")

    static let command = Command(
        CommandSpec(
            ["bio", "import"],
            summary: "Enrol many people at once from NDJSON (faces inline or in files, fingers, irises)",
            discussion: """
                One JSON object per line: person (an id in the store), and any of face (512 numbers), face_file, \
                finger_files, iris_files (exchange files, as 'bio enroll' takes them). The file streams, so it may be \
                of any size; a line holds at most 16 MiB. By default the import is all or nothing: every bad line \
                (malformed, not UTF-8, too long, a template refused with its reason) is reported with its number (the \
                first 20) and nothing is stored; with --skip-invalid the good lines are stored and the bad ones \
                reported. Templates replace earlier ones of the same modality and position; 'undo' removes the whole \
                import. A template file read with a flaw (a padded minutiae record) is enrolled with a warning naming \
                its line, file and offset.
                """,
            arguments: [file],
            options: [skipInvalid],
            examples: ["bio import partner-enrolments.ndjson", "bio import faces.ndjson --skip-invalid"],
            writes: true),
        run: run)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let path = try arguments[file]
        let skipInvalid = arguments[Self.skipInvalid]
        let matcher = try Probe.matcher(context)
        guard let files = context.files else { throw NexoError(.denied, "this host does not let commands read files") }
        var enrolled = 0, templates = 0
        var bad: [String] = []
        var badCount = 0
        var people = Set<EntityID>()
        var warningCount = 0
        try files.forEachLine(in: path) { (read, number) throws(NexoError) in
            if number % 1000 == 0 {
                try context.checkCancellation()
                context.output.progress(number, of: nil, label: "bio import")
            }
            do throws(NexoError) {
                let (person, sample) = try parse(try read.get(), files: files, matcher: matcher)
                guard !sample.modalities.isEmpty else {
                    throw NexoError(.invalidInput, "no face, fingers or irises")
                }
                _ = try matcher.enroll(sample, for: person)
                people.insert(person)
                enrolled += 1
                templates += (sample.face == nil ? 0 : 1) + sample.fingers.count + sample.irises.count
                for warning in sample.warnings {
                    warningCount += 1
                    if warningCount <= Self.listed { context.output.note("warning: \(path):\(number): \(warning)") }
                }
            } catch  where error.code != .cancelled && error.code != .busy {
                badCount += 1
                if bad.count < Self.listed { bad.append("\(path):\(number): \(error.message)") }
            }
        }
        if warningCount > Self.listed {
            context.output.note("warning: … and \(warningCount - Self.listed) more templates read with a flaw")
        }
        for message in bad { context.output.note(message) }
        if badCount > bad.count { context.output.note("… and \(badCount - bad.count) more bad lines") }
        if badCount > 0 && !skipInvalid {
            throw NexoError(
                .invalidInput, "\(badCount) bad \(badCount == 1 ? "line" : "lines") in \(path); nothing was enrolled",
                hint: "fix them, or add --skip-invalid to enrol the good lines")
        }
        var message =
            "enrolled \(people.count) \(people.count == 1 ? "person" : "people")"
            + " (\(templates) \(templates == 1 ? "template" : "templates")"
            + " from \(enrolled) \(enrolled == 1 ? "line" : "lines"))"
        if badCount > 0 { message += "; \(badCount) bad \(badCount == 1 ? "line" : "lines") skipped" }
        return CommandResult(message: message)
    }

    /// Bad lines and warnings listed by number; the rest are counted.
    static let listed = 20

    /// One line: the person and what to enrol for them.
    static func parse(_ line: String, files: any FileAccess, matcher: any MatchEngineAccess) throws(NexoError) -> (
        EntityID, BiometricSample
    ) {
        let json: JSONValue
        do throws(JSONSyntaxError) { json = try JSONReader.parse(line) } catch {
            throw NexoError(.invalidInput, "malformed JSON at column \(error.offset + 1): \(error.message)")
        }
        guard case .object(let members) = json else { throw NexoError(.invalidInput, "expected a JSON object") }
        let known: Set<String> = ["person", "face", "face_file", "finger_files", "iris_files"]
        for member in members where !known.contains(member.key) {
            throw NexoError(
                .invalidInput, "unknown field '\(member.key)'",
                hint: Suggestions.didYouMean(member.key, in: known.sorted()))
        }
        guard let person = try json.string("person") else { throw NexoError(.invalidInput, "no 'person'") }
        return (EntityID(person), try Encounter.biometrics(json, files: files, matcher: matcher))
    }
}
