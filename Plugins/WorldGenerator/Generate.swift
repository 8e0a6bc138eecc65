import NexoKit
import NexoWorld

/// `generate`: a synthetic world, into the store or into NDJSON files, with its ground truth.
enum Generate {
    static let scale = DefaultedOptionKey(
        "scale", .oneOf(WorldScale.all.map(\.name)), "How big a world", default: WorldScale.demo.name)
    static let seed = DefaultedOptionKey("seed", .int, "Seed of the random numbers", default: 1)
    static let out = OptionKey("out", .filePath, "Write NDJSON files into this directory instead of the store")
    static let truth = OptionKey("truth", .filePath, "Write the ground truth to this NDJSON file (with the store)")

    static let spec = CommandSpec(
        ["generate"],
        summary: "Generate a synthetic world (gangs, networks, routes, people) with its ground truth",
        discussion: """
            Builds a seeded synthetic world: gangs and cliques with members, monikers, territory, rivalries and \
            prison terms; smuggling networks with facilitators, routes, legs, safe houses, vehicles, people moved, \
            payments, crossings and encounters; phones and calls. The same scale, seed and generator version give \
            the same records, byte for byte. Without --out the world goes into the store (it needs the \
            gang-records and smuggling-networks plugins, whose kinds it uses, and a store without those ids); \
            with --out DIR it is written to DIR/world.ndjson (importable with 'import') and DIR/truth.ndjson. \
            The ground truth (who is who, protection status, clique-route links, trips) never enters the store: \
            it goes to --truth FILE, or DIR/truth.ndjson. Scales: demo (hundreds of people), small (about ten \
            thousand), large (about a million entities and five million edges).
            """,
        options: [scale, seed, out, truth],
        examples: [
            "generate --scale demo --seed 7", "generate --scale small --seed 1 --out world-small",
            "generate --scale demo --seed 7 --truth demo-truth.ndjson",
        ],
        writes: true)

    static let command = Command(spec) { arguments, context in try run(arguments, context) }

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(NexoError) -> CommandResult {
        guard let scale = WorldScale.named(arguments[Self.scale]) else {
            throw NexoError(.usage, "unknown scale '\(arguments[Self.scale])'", hint: "use demo, small or large")
        }
        let seedValue = arguments[Self.seed]
        guard seedValue >= 0 else {
            throw NexoError(
                .usage, "--seed must be a whole number of zero or more", hint: "e.g. generate --scale demo --seed 7")
        }
        let request = Request(
            generator: WorldGenerator(scale: scale, seed: UInt64(seedValue)), context: context)
        let outDirectory = arguments[out]
        let truthPath = arguments[truth]
        if outDirectory != nil && truthPath != nil {
            throw NexoError(
                .usage, "--truth goes with the store; with --out the truth is written to DIR/truth.ndjson",
                hint: "drop --truth")
        }
        if let outDirectory { return try request.toFiles(in: outDirectory) }
        return try request.toStore(truthPath: truthPath)
    }
}

/// One `generate` run: the generator and where it reports.
private struct Request {
    let generator: WorldGenerator
    let context: CommandContext

    var scaleName: String { generator.scale.name }

    func generate(into sink: any WorldSink) throws(NexoError) -> WorldSummary {
        let output = context.output
        let label = "generate \(scaleName): "
        return try generator.generate(
            into: sink, progress: { output.progress($0, of: $1, label: label + $2) },
            isCancelled: context.isCancelled)
    }

    func files() throws(NexoError) -> any FileAccess {
        guard let files = context.files else {
            throw NexoError(.denied, "this host lets no command write files", hint: "generate into the store")
        }
        return files
    }

    /// `generate --out DIR`: DIR/world.ndjson and DIR/truth.ndjson.
    func toFiles(in directory: String) throws(NexoError) -> CommandResult {
        if context.isDryRun {
            let summary = try generate(into: CountingSink())
            return CommandResult(
                table: table(summary, writtenTo: "nothing (dry run)"),
                message: "dry run: would write \(summary) to \(directory)")
        }
        let files = try files()
        try files.makeDirectory(directory)
        let world = try files.recordFile(directory + "/world.ndjson")
        let truth = try files.recordFile(directory + "/truth.ndjson")
        let summary = try generate(into: FileSink(world: world, truth: truth))
        try world.close()
        try truth.close()
        return CommandResult(
            table: table(summary, writtenTo: directory),
            message: "generated \(scaleName) world (seed \(generator.seed)): \(summary) in \(directory)/world.ndjson, "
                + "truth in \(directory)/truth.ndjson")
    }

    /// `generate` into the store, the truth into `truthPath` when given.
    func toStore(truthPath: String?) throws(NexoError) -> CommandResult {
        let store = context.store
        let missing =
            WorldKinds.pluginEntities.filter { store.schema.entityKinds[$0] == nil }
            + WorldKinds.edges.filter { store.schema.edgeKinds[$0] == nil }
        if !missing.isEmpty {
            throw NexoError(
                .failed,
                "generate needs the gang-records and smuggling-networks plugins: kinds "
                    + "\(missing.joined(separator: ", ")) are not declared",
                hint: "load them (see 'plugins'), or write files with --out DIR")
        }
        for id in WorldKinds.firstIDs where try store.entity(id) != nil {
            throw NexoError(
                .conflict, "the store already holds \(id); a generated world uses its own ids from 1",
                hint: "generate into a new store (nexo --db world.db), or write files with --out DIR")
        }
        // A dry run writes no file (and so leaves an existing truth file as it is).
        let truth: (any RecordFileWriting)? =
            if let truthPath, !context.isDryRun { try files().recordFile(truthPath) } else { nil }
        var summary = WorldSummary()
        // Every fact has a source: the world's, graded as the records system it stands in for would be.
        let source = try store.addSource(
            description: "synthetic world (generate --scale \(scaleName) --seed \(generator.seed))",
            reliability: .b, credibility: .probablyTrue)
        try store.importRecords(expectedEdges: generator.scale.expectedEdges, source: source.id) {
            add throws(NexoError) in
            summary = try withoutActuallyEscaping(add) { add throws(NexoError) in
                try generate(into: StoreSink(add: add, truth: truth))
            }
        }
        try truth?.close()
        let truthNote = truthPath.map { ", truth in \($0)" } ?? ""
        return CommandResult(
            table: table(summary, writtenTo: "store"),
            message: "generated \(scaleName) world (seed \(generator.seed)): \(summary)\(truthNote)")
    }

    func table(_ summary: WorldSummary, writtenTo place: String) -> ResultTable {
        ResultTable(
            columns: [
                Column("scale", .string), Column("seed", .int), Column("entities", .int),
                Column("edges", .int), Column("people", .int), Column("written_to", .string),
            ],
            rows: [
                [
                    .string(scaleName), .int(Int64(bitPattern: generator.seed)), .int(Int64(summary.entities)),
                    .int(Int64(summary.edges)), .int(Int64(summary.people)), .string(place),
                ]
            ])
    }
}
