import Glibc
import NexoKit
import NexoStore
import NexoWorld

/// `generate`: a synthetic world, into the store or into NDJSON files, with its ground truth.
extension Builtins {
    static func worldCommands() -> [RegisteredCommand] {
        [
            builtin(
                CommandSpec(
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
                    options: [
                        OptionSpec(
                            "scale", .oneOf(WorldScale.all.map(\.name)), "How big a world", default: .string("demo")),
                        OptionSpec("seed", .int, "Seed of the random numbers", default: .int(1)),
                        OptionSpec("out", .filePath, "Write NDJSON files into this directory instead of the store"),
                        OptionSpec("truth", .filePath, "Write the ground truth to this NDJSON file (with the store)"),
                    ],
                    examples: [
                        "generate --scale demo --seed 7", "generate --scale small --seed 1 --out world-small",
                        "generate --scale demo --seed 7 --truth demo-truth.ndjson",
                    ],
                    writes: true)
            ) { args, call in
                try generate(args, call)
            }
        ]
    }

    private static func generate(_ args: ParsedArguments, _ call: BuiltinInvocation) throws -> CommandResult {
        let scale = WorldScale.named(args.string("scale") ?? "demo")!
        guard let seedValue = args.int("seed"), seedValue >= 0 else {
            throw NexoError(
                .usage, "--seed must be a whole number of zero or more", hint: "e.g. generate --scale demo --seed 7")
        }
        let seed = UInt64(seedValue)
        let generator = WorldGenerator(scale: scale, seed: seed)
        let output = call.context.output
        let progress: (Int, Int, String) -> Void = {
            output.progress($0, of: $1, label: "generate \(scale.name): \($2)")
        }
        let outDirectory = args.string("out")
        if outDirectory != nil && args.string("truth") != nil {
            throw NexoError(
                .usage, "--truth goes with the store; with --out the truth is written to DIR/truth.ndjson",
                hint: "drop --truth")
        }
        var table = ResultTable(columns: [
            Column("scale", .string), Column("seed", .int), Column("entities", .int),
            Column("edges", .int), Column("people", .int), Column("written_to", .string),
        ])
        if let outDirectory {
            if call.context.isDryRun {
                let summary = try generator.generate(
                    into: CountingSink(), progress: progress, isCancelled: call.context.isCancelled)
                table.append(row(scale, seed, summary, "nothing (dry run)"))
                return CommandResult(table: table, message: "dry run: would write \(summary) to \(outDirectory)")
            }
            try makeDirectory(outDirectory)
            let world = try NDJSONRecordWriter(path: outDirectory + "/world.ndjson")
            let truth = try NDJSONRecordWriter(path: outDirectory + "/truth.ndjson")
            let sink = FileSink(world: world, truth: truth)
            let summary = try generator.generate(into: sink, progress: progress, isCancelled: call.context.isCancelled)
            try world.close()
            try truth.close()
            table.append(row(scale, seed, summary, outDirectory))
            return CommandResult(
                table: table,
                message:
                    "generated \(scale.name) world (seed \(seed)): \(summary) in \(outDirectory)/world.ndjson, truth in \(outDirectory)/truth.ndjson"
            )
        }

        let schema = call.store.schema
        let missing =
            WorldKinds.pluginEntities.filter { schema.entityKinds[$0] == nil }
            + WorldKinds.edges.filter { schema.edgeKinds[$0] == nil }
        if !missing.isEmpty {
            throw NexoError(
                .failed,
                "generate needs the gang-records and smuggling-networks plugins: kinds \(missing.joined(separator: ", ")) are not declared",
                hint: "load them (see 'plugins'), or write files with --out DIR")
        }
        if let clash = try ["P-1", "G-1", "PL-1"].first(where: { try call.store.entity(EntityID($0)) != nil }) {
            throw NexoError(
                .conflict, "the store already holds \(clash); a generated world uses its own ids from 1",
                hint: "generate into a new store (nexo --db world.db), or write files with --out DIR")
        }
        let truthPath = args.string("truth")
        // A dry run writes no file (and so leaves an existing truth file as it is).
        let truth: NDJSONRecordWriter? =
            if let truthPath, !call.context.isDryRun { try NDJSONRecordWriter(path: truthPath) } else { nil }
        var summary = WorldSummary()
        let estimate = scale.name == "large" ? 5_000_000 : scale.name == "small" ? 200_000 : 5_000
        _ = try call.store.importRecords(skipInvalid: false, expectedEdges: estimate) { add throws(NexoError) in
            summary = try withoutActuallyEscaping(add) { add throws(NexoError) in
                let sink = StoreSink(add: add, truth: call.context.isDryRun ? nil : truth)
                return try generator.generate(into: sink, progress: progress, isCancelled: call.context.isCancelled)
            }
        }
        try truth?.close()
        let truthNote = truthPath.map { ", truth in \($0)" } ?? ""
        table.append(row(scale, seed, summary, "store"))
        return CommandResult(
            table: table, message: "generated \(scale.name) world (seed \(seed)): \(summary)\(truthNote)")
    }

    private static func row(_ scale: WorldScale, _ seed: UInt64, _ summary: WorldSummary, _ place: String) -> [Value] {
        [
            .string(scale.name), .int(Int64(bitPattern: seed)), .int(Int64(summary.entities)),
            .int(Int64(summary.edges)),
            .int(Int64(summary.people)), .string(place),
        ]
    }

    private static func makeDirectory(_ path: String) throws(NexoError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw NexoError(.invalidInput, "'\(path)' exists and is not a directory", hint: "choose another --out")
            }
            return
        }
        guard mkdir(path, 0o700) == 0 else {
            throw NexoError(.failed, "cannot create directory '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}

/// Sends generated records into the store's bulk import.
private final class StoreSink: WorldSink {
    let add: (ImportRecord) throws(NexoError) -> Void
    let truthFile: NDJSONRecordWriter?

    init(add: @escaping (ImportRecord) throws(NexoError) -> Void, truth: NDJSONRecordWriter?) {
        self.add = add
        truthFile = truth
    }

    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) { try add(.entity(draft, aliases: aliases)) }
    func edge(_ draft: EdgeDraft) throws(NexoError) { try add(.edge(draft)) }
    func truth(_ fields: [(String, Value)]) throws(NexoError) { try truthFile?.writeObject(fields) }
}

/// Writes generated records to NDJSON files.
private final class FileSink: WorldSink {
    let world: NDJSONRecordWriter
    let truthFile: NDJSONRecordWriter

    init(world: NDJSONRecordWriter, truth: NDJSONRecordWriter) {
        self.world = world
        truthFile = truth
    }

    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) {
        try world.write(.entity(draft, aliases: aliases))
    }
    func edge(_ draft: EdgeDraft) throws(NexoError) { try world.write(.edge(draft)) }
    func truth(_ fields: [(String, Value)]) throws(NexoError) { try truthFile.writeObject(fields) }
}

/// Counts what would be generated (dry runs).
private final class CountingSink: WorldSink {
    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) {}
    func edge(_ draft: EdgeDraft) throws(NexoError) {}
    func truth(_ fields: [(String, Value)]) throws(NexoError) {}
}
