import NexoKit
import NexoTemplateMath
import NexoTemplateSynthesis

/// `bio synth <person> [--face F] [--iris F] [--left-iris F] [--finger F] [--capture N] [--seed S]`: synthetic
/// templates written to exchange files, to try the engine with (the demo store has no biometrics).
enum BioSynth {
    static let command = Command(spec, run: run)
    static let person = ArgumentKey(
        "person", .entity(kind: CoreSchema.Kind.person), "The person whose synthetic body the captures come from")
    static let face = OptionKey("face", .filePath, "Write a face capture here (512 little-endian float32)")
    static let rightIris = OptionKey("iris", .filePath, "Write a right-iris capture here (code, then mask)")
    static let leftIris = OptionKey("left-iris", .filePath, "Write a left-iris capture here")
    static let finger = OptionKey("finger", .filePath, "Write one finger's minutiae record here")
    static let fingerPosition = DefaultedOptionKey(
        "finger-position", .int, "Which finger: 1 right thumb … 5 right little, 6 left thumb … 10 left little",
        default: 2)
    static let capture = DefaultedOptionKey(
        "capture", .int, "Which capture (1, 2, …): each is the same body captured again with fresh noise",
        default: 1)
    static let seed = DefaultedOptionKey(
        "seed", .int, "Which synthetic population: the same person under another seed is another body", default: 1)
    static let recordFormat = DefaultedOptionKey(
        "record-format", .oneOf(["iso", "ansi"]), "Minutiae record format", default: "iso")
    static let spec = CommandSpec(
        ["bio", "synth"], summary: "Write synthetic face, iris and finger captures of a person to exchange files",
        discussion:
            "Templates to try the engine with, invented from the person's id and --seed: the same person, seed "
            + "and capture always give the same bytes, and two captures of one person are one body captured twice "
            + "(noise, occlusion, rotation, a finger pressed differently), so one capture enrolled and another "
            + "searched finds the person. Nothing is stored; the files pass the export gate like any output. "
            + "Synthetic captures are for trying and testing Nexo, never for enrolling real people.",
        arguments: [person],
        options: [face, rightIris, leftIris, finger, fingerPosition, capture, seed, recordFormat],
        examples: [
            "bio synth P-12 --face p12.f32 --iris p12-right.iris --finger p12-index.ist",
            "bio synth P-12 --capture 2 --face probe.f32 --finger probe.ist",
        ])

    /// The finger positions every synthetic body has masters for: the index fingers first (as the encounter
    /// synthesizer draws them), then the others.
    static let fingerPositions = [2, 7, 1, 3, 4, 5, 6, 8, 9, 10]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let person = try arguments[Self.person]
        let position = Int(arguments[fingerPosition])
        let captureNumber = Int(arguments[capture])
        guard (1...10).contains(position) else {
            throw NexoError(.usage, "--finger-position \(position) is not a finger", hint: "give 1 to 10")
        }
        guard captureNumber >= 1 else {
            throw NexoError(.usage, "--capture \(captureNumber) is not a capture number", hint: "give 1, 2, 3 …")
        }
        let wanted: [(modality: Modality, path: String?)] = [
            (.face, arguments[face]), (.iris, arguments[rightIris]), (.iris, arguments[leftIris]),
            (.finger, arguments[finger]),
        ]
        guard wanted.contains(where: { $0.path != nil }) else {
            throw NexoError(
                .usage, "nothing to write",
                hint: "name a file with --face, --iris, --left-iris or --finger (bio synth P-12 --face p12.f32)")
        }
        let identity = SyntheticIdentity.make(
            seed: SyntheticIdentity.seed(world: UInt64(bitPattern: arguments[seed]), entity: person.id),
            fingerPositions: fingerPositions)
        let matcher = try Probe.matcher(context)
        var table = ResultTable(columns: [
            Column("person", .entity(kind: CoreSchema.Kind.person)), Column("template", .string),
            Column("capture", .int), Column("file", .string), Column("bytes", .int),
        ])
        for (index, (modality, path)) in wanted.enumerated() {
            guard let path else { continue }
            // Each file its own generator: a capture does not depend on which other files were asked for.
            var rng = SeededGenerator(
                seed: identity.seed ^ UInt64(captureNumber) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(index + 1) << 56)
            var sample = BiometricSample()
            let described: String
            switch index {
            case 0:
                sample.face = FaceSynthesizer().capture(of: identity.face, using: &rng)
                described = "face"
            case 1, 2:
                sample.irises = [IrisSynthesizer().capture(of: identity.irises[index - 1], using: &rng)]
                described = index == 1 ? "right iris" : "left iris"
            default:
                guard let master = identity.finger(at: position) else { continue }
                sample.fingers = [master.impression(using: &rng)]
                described = "finger \(position)"
            }
            let bytes = try matcher.encode(sample, as: modality, fingerFormat: arguments[recordFormat])
            guard let files = context.files else {
                throw NexoError(.denied, "this host does not let commands write files")
            }
            try files.write(bytes, to: path)
            table.append([
                .entity(person), .string(described), .int(Int64(captureNumber)), .string(path),
                .int(Int64(bytes.count)),
            ])
        }
        return CommandResult(table: table, message: "wrote \(table.rowCount) synthetic capture(s) of \(person.id)")
    }
}
