import NexoKit

/// A payment with the parties it links: payer → payment → payee, and the route it paid for.
struct PaymentFlow {
    var payment: Entity
    var payer: EntityID?
    var payee: EntityID?
    var route: EntityID?

    var date: CivilDate? { payment.properties[CoreSchema.Payment.date]?.dateValue }
    var amount: Double? { payment.properties[CoreSchema.Payment.amount]?.doubleValue }
    var currency: String? { payment.properties[CoreSchema.Payment.currency]?.stringValue }
}

/// Reading payments around a person or a network.
enum PaymentReader {
    /// Payments the person paid or received; for a network, payments it paid or received, those
    /// its facilitators paid or received, and those made for its routes. Ordered by date (undated
    /// first), then payment id.
    static func payments(of anchor: Entity, graph: SmugglingGraph, between: DateRange?) throws(NexoError)
        -> [PaymentFlow]
    {
        var parties = [anchor.id]
        var routes: [EntityID] = []
        if anchor.kind == CoreSchema.Kind.group {
            parties += Set(try graph.memberships(of: anchor.id).map(\.from)).sorted()
            routes = try graph.routes(of: anchor.id)
        }
        var ids = Set<EntityID>()
        let partySet = Set(parties)
        for edge in try graph.edges(of: parties, .both, [CoreSchema.Edge.paid]) {
            ids.insert(partySet.contains(edge.from) ? edge.to : edge.from)
        }
        for edge in try graph.edges(of: routes, .incoming, [SmugglingSchema.paymentFor]) { ids.insert(edge.from) }
        try graph.load(ids)
        var flows: [PaymentFlow] = []
        for id in ids.sorted() {
            guard let payment = try graph.entity(id), payment.kind == CoreSchema.Kind.payment else { continue }
            var flow = PaymentFlow(payment: payment)
            if let between, !(flow.date.map(between.contains) ?? false) { continue }
            for edge in try graph.edges(id, .both, [CoreSchema.Edge.paid, SmugglingSchema.paymentFor]) {
                switch edge.kind {
                case CoreSchema.Edge.paid where edge.to == id: flow.payer = flow.payer ?? edge.from
                case CoreSchema.Edge.paid: flow.payee = flow.payee ?? edge.to
                default: flow.route = flow.route ?? edge.to
                }
            }
            flows.append(flow)
        }
        try graph.load(flows.flatMap { [$0.payer, $0.payee, $0.route].compactMap { $0 } })
        return flows.sorted {
            RowOrder.first($0.date, $1.date) ?? RowOrder.first($0.payment.id, $1.payment.id) ?? false
        }
    }

    /// Count and sum of `flows` per currency, ordered by currency (payments without one last, as `?`).
    static func totals(_ flows: [PaymentFlow]) -> [(currency: String, count: Int, amount: Double)] {
        var byCurrency: [String: (Int, Double)] = [:]
        for flow in flows {
            let key = flow.currency ?? "?"
            let (count, sum) = byCurrency[key] ?? (0, 0)
            byCurrency[key] = (count + 1, sum + (flow.amount ?? 0))
        }
        return byCurrency.keys.sorted { ($0 == "?" ? 1 : 0, $0) < ($1 == "?" ? 1 : 0, $1) }
            .map { (currency: $0, count: byCurrency[$0]!.0, amount: byCurrency[$0]!.1) }
    }
}

extension PaymentFlow {
    init(payment: Entity) { self.payment = payment }
}

/// `smuggling payments <person|network> [--between RANGE]`: money flows with totals.
enum PaymentList {
    static let command = Command(spec, run: run)

    static let party = OptionalArgumentKey("party", .entity(kind: nil), "A person or a network (or pipe them in)")
    static let between = OptionKey("between", .dateRange, "Only payments dated in this period (2024-01..2024-06)")

    static let spec = CommandSpec(
        ["smuggling", "payments"],
        summary: "List the payments of a person or network, payer → payee, with totals per currency",
        discussion: """
            For a person: the payments they paid or received. For a network: those it paid or \
            received, those its facilitators paid or received, and those made for its routes \
            (payment_for). One row per payment, ordered by date (undated first), then payment id. \
            The totals per currency (sum and number of payments, ordered by currency) are a footer \
            below the table, never rows: 'count', 'sort' and pipes see payments only. --between \
            keeps payments dated in the range.
            """,
        arguments: [party],
        options: [between],
        examples: [
            "smuggling payments G-14 --between 2024", "smuggling payments P-3",
            "smuggling facilitators --network G-14 --role collector | smuggling payments",
        ],
        input: .entities(kind: nil))

    static let columns = [
        Column("payment", .entity(kind: CoreSchema.Kind.payment)), Column("date", .date),
        Column("payer", .entity(kind: nil)), Column("payee", .entity(kind: nil)), Column("amount", .double),
        Column("currency", .string), Column("channel", .string), Column("route", .entity(kind: SmugglingSchema.route)),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let partyKinds = [CoreSchema.Kind.person, CoreSchema.Kind.group]
        if let ref = arguments[party], !partyKinds.contains(ref.kind) {
            throw NexoError(
                .usage, "<party> \(ref.id) is a \(ref.kind), not a person or network",
                hint: "give a person (P-…) or a network (G-…)")
        }
        let explicit = context.entities(given: arguments[party]).filter { partyKinds.contains($0.kind) }
        guard !explicit.isEmpty else {
            throw NexoError(
                .usage, "whose payments?",
                hint: "write 'smuggling payments P-3' or 'smuggling payments G-1', or pipe people or networks in")
        }
        var flows: [PaymentFlow] = []
        var seen = Set<EntityID>()
        for ref in explicit {
            try context.checkCancellation()
            guard let anchor = try graph.entity(ref.id) else { continue }
            if anchor.kind == CoreSchema.Kind.group { _ = try SmugglingInput.network(ref, in: graph, label: "<party>") }
            for flow in try PaymentReader.payments(of: anchor, graph: graph, between: arguments[between])
            where seen.insert(flow.payment.id).inserted {
                flows.append(flow)
            }
        }
        flows.sort { RowOrder.first($0.date, $1.date) ?? RowOrder.first($0.payment.id, $1.payment.id) ?? false }
        var table = ResultTable(columns: columns)
        for flow in flows {
            table.append([
                .entity(flow.payment.ref), .from(flow.date), graph.cell(flow.payer), graph.cell(flow.payee),
                .from(flow.amount), .from(flow.currency),
                .from(flow.payment.properties[CoreSchema.Payment.channel]?.stringValue),
                graph.cell(flow.route),
            ])
        }
        return CommandResult(table: table, footer: footer(PaymentReader.totals(flows)))
    }

    /// `total: 45000.0 MXN in 1 payment, 3200.0 USD in 2 payments`; `nil` without payments.
    static func footer(_ totals: [(currency: String, count: Int, amount: Double)]) -> String? {
        guard !totals.isEmpty else { return nil }
        return "total: "
            + totals.map {
                "\(Value.double($0.amount)) \($0.currency) in \($0.count) payment\($0.count == 1 ? "" : "s")"
            }
            .joined(separator: ", ")
    }
}

/// `smuggling payment add <payer> <payee> --amount --currency --channel --date [--route RT]`.
enum PaymentAdd {
    static let command = Command(spec, run: run)

    static let payer = ArgumentKey("payer", .entity(kind: nil), "Who paid (a person or group)")
    static let payee = ArgumentKey("payee", .entity(kind: nil), "Who received it (a collector, a network)")
    static let amount = OptionKey("amount", .double, "Amount paid")
    static let currency = OptionKey("currency", .string, "ISO 4217 code (USD, MXN…)")
    static let channel = OptionKey("channel", .string, "cash, transfer, remittance agency, wallet…")
    static let date = OptionKey("date", .date, "Day paid")
    static let route = OptionKey(
        "route", .entity(kind: SmugglingSchema.route), "The route the payment bought passage on")

    static let spec = CommandSpec(
        ["smuggling", "payment", "add"],
        summary: "Record a payment from a payer to a payee, optionally for passage on a route",
        discussion: """
            Creates a payment entity (amount, currency, channel, date) linked payer -paid-> payment \
            -paid-> payee, and payment -payment_for-> route when --route is given. Payer and payee are \
            people or groups. Needs a source: --source S-n, or --reported-by TEXT --grading B2.
            """,
        arguments: [payer, payee],
        options: [amount, currency, channel, date, route] + SourceOptions.options,
        examples: [
            "smuggling payment add P-3 P-2 --amount 4500 --currency USD --channel remittance --date 2024-03-02"
                + " --route RT-1 --source S-1"
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let payer = try party(arguments, Self.payer), payee = try party(arguments, Self.payee)
        guard payer.id != payee.id else {
            throw NexoError(
                .usage, "payer and payee are both \(payer.id)", hint: "a payment goes from one party to another")
        }
        let amount = try SmugglingInput.amount(
            try SmugglingInput.required(Self.amount, in: arguments, example: "1500"), option: "--amount")
        let currency = try SmugglingInput.currency(
            try SmugglingInput.required(Self.currency, in: arguments, example: "USD"))
        let channel = try SmugglingInput.name(
            try SmugglingInput.required(Self.channel, in: arguments, example: "cash"), argument: "--channel")
        let date = try SmugglingInput.required(Self.date, in: arguments, example: "2024-03-02")
        let route = try arguments[Self.route].map { ref throws(NexoError) in
            try SmugglingInput.route(ref, in: graph)
        }
        let source = try SourceOptions.source(from: arguments, context: context)

        let shownAmount =
            amount == amount.rounded() && abs(amount) < 1e15 ? String(Int64(amount)) : Value.format(amount)
        let label = "\(currency) \(shownAmount) \(date)"
        let payment = try context.store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.payment, label: label,
                properties: [
                    CoreSchema.Payment.amount: .double(amount), CoreSchema.Payment.currency: .string(currency),
                    CoreSchema.Payment.channel: .string(channel), CoreSchema.Payment.date: .date(date),
                ]), source: source.id)
        try graph.load([payment.id, payer.id, payee.id])
        var edges = [
            try context.store.addEdge(
                EdgeDraft(kind: CoreSchema.Edge.paid, from: payer.id, to: payment.id, validFrom: date, validTo: date),
                source: source.id),
            try context.store.addEdge(
                EdgeDraft(kind: CoreSchema.Edge.paid, from: payment.id, to: payee.id, validFrom: date, validTo: date),
                source: source.id),
        ]
        if let route {
            edges.append(
                try context.store.addEdge(
                    EdgeDraft(kind: SmugglingSchema.paymentFor, from: payment.id, to: route.id), source: source.id))
        }
        return CommandResult(
            table: WriteRows.edges(edges, graph: graph),
            message: "added payment \(payment.id): \(payer.id) → \(payee.id), \(Value.format(amount)) \(currency)")
    }

    private static func party(_ arguments: ParsedArguments, _ key: ArgumentKey<EntityRef>) throws(NexoError)
        -> EntityRef
    {
        let ref = try arguments[key]
        guard ref.kind == CoreSchema.Kind.person || ref.kind == CoreSchema.Kind.group else {
            throw NexoError(
                .usage, "<\(key.argumentSpec.name)> \(ref.id) is a \(ref.kind), not a person or group",
                hint: "payments flow between people and groups")
        }
        return ref
    }
}
