import NexoKit

/// `bio calibrate`: the biographic comparator's parameters measured again on the store's people.
enum BioCalibrate {
    static let command = Command(
        CommandSpec(
            ["bio", "calibrate"], summary: "Measure the biographic comparator's parameters on the store's people",
            discussion:
                "Reads the store's people (the first 200,000), counts how common each surname and first given name "
                + "is, counts u — how often each level of each field (exact, close spelling, phonetic, day and "
                + "month swapped …) occurs between different people — on random pairs of them, and learns m, how "
                + "often it occurs between two records of one person, by expectation–maximisation over pairs that "
                + "share a blocking key, when the store holds duplicates enough to learn from (else m keeps the "
                + "documented defaults). The parameters are kept beside the store and used by every biographic "
                + "comparison from then on. Searches measure them on their own from 500 people on, and again when "
                + "the number of people has doubled or halved; run this after other imports and after correcting "
                + "records. One row per level: its probabilities and the weight in bits it adds to a comparison.",
            examples: ["bio calibrate", "bio calibrate | where field == surname"]),
        run: { _, context throws in
            let report = try Probe.matcher(context).calibrateBiographic()
            var table = ResultTable(columns: [
                Column("field", .string), Column("level", .string), Column("m", .double), Column("u", .double),
                Column("weight", .double),
            ])
            for level in report.levels {
                table.append([
                    .string(level.field), .string(level.level), .double(level.m), .double(level.u),
                    .double((level.weight * 100).rounded() / 100),
                ])
            }
            return CommandResult(
                table: table,
                footer: "measured on \(report.sampled) of \(report.people) people: u on \(report.randomPairs) random "
                    + "pairs, \(report.mSource)" + (report.file.map { "; kept in \($0)" } ?? "; kept in memory only"))
        })
}
