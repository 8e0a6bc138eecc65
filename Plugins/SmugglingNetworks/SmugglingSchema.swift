import NexoKit

/// Kind, property and role names of smuggling and trafficking networks.
///
/// A network is a core `group` (`type` network); facilitators belong to it by `member_of` edges
/// whose `role` is one of ``roles``. A network runs routes; a route is a sequence of legs, each
/// from one place to the next (border posts, towns, safe houses). People moved along a route
/// have `travelled` edges to each leg (valid period = the days on the leg); guides and drivers
/// have `operated` edges. Payments are core `payment`s linked by `paid` edges (payer → payment →
/// payee) and to the route they paid for by `payment_for`. Gangs that tax a route have `taxes`.
/// Core kinds and properties are ``CoreSchema``'s; this declares only the plugin's own.
enum SmugglingSchema {
    static let route = "route"
    static let leg = "leg"
    static let legOf = "leg_of"
    static let departsFrom = "departs_from"
    static let arrivesAt = "arrives_at"
    static let runs = "runs"
    static let operated = "operated"
    static let travelled = "travelled"
    static let taxes = "taxes"
    static let paymentFor = "payment_for"
    static let forgedFor = "forged_for"

    /// Property names of `route`.
    enum Route {
        static let name = "name"
        static let originCountry = "origin_country"
        static let destinationCountry = "destination_country"
        static let price = "price"
        static let currency = "currency"
    }

    /// Property names of `leg`.
    enum Leg {
        static let sequence = "sequence"
        static let mode = "mode"
        static let days = "days"
    }

    /// Property names of `operated`.
    enum Operated {
        static let role = "role"
    }

    /// Property names of `taxes`.
    enum Taxes {
        static let amount = "amount"
        static let currency = "currency"
    }

    /// Property names of `forged_for`.
    enum ForgedFor {
        static let document = "document"
    }

    /// The `type` of a group that is a network (``CoreSchema/Group/type``).
    static let networkType = CoreSchema.GroupType.network

    /// Facilitator roles in a network.
    static let roles = ["coordinator", "recruiter", "guide", "transporter", "forger", "collector", "safe_house_keeper"]
    /// How a leg is travelled.
    static let modes = ["bus", "truck", "car", "boat", "train", "foot"]

    static let contribution = SchemaContribution(
        entityKinds: [
            EntityKindSpec(
                route, idPrefix: "RT", summary: "A smuggling route: an ordered sequence of legs",
                properties: [
                    PropertySpec(
                        Route.name, .string, required: true, summary: "Name investigators use for the route"),
                    PropertySpec(
                        Route.originCountry, .string, summary: "ISO 3166 alpha-2 code where the route starts"),
                    PropertySpec(Route.destinationCountry, .string, summary: "ISO 3166 alpha-2 code where it ends"),
                    PropertySpec(Route.price, .double, summary: "Usual price per person"),
                    PropertySpec(Route.currency, .string, summary: "ISO 4217 code of the price"),
                ]),
            EntityKindSpec(
                leg, idPrefix: "LEG", summary: "One leg of a route, from one place to the next",
                properties: [
                    PropertySpec(Leg.sequence, .int, required: true, summary: "Position in the route, from 1"),
                    PropertySpec(Leg.mode, .oneOf(modes), summary: "How the leg is travelled"),
                    PropertySpec(Leg.days, .int, summary: "Usual duration in days"),
                ]),
        ],
        edgeKinds: [
            EdgeKindSpec(legOf, summary: "A leg belongs to a route", from: [leg], to: [route]),
            EdgeKindSpec(
                departsFrom, summary: "A leg starts at a place", from: [leg], to: [CoreSchema.Kind.place]),
            EdgeKindSpec(arrivesAt, summary: "A leg ends at a place", from: [leg], to: [CoreSchema.Kind.place]),
            EdgeKindSpec(runs, summary: "A network runs a route", from: [CoreSchema.Kind.group], to: [route]),
            EdgeKindSpec(
                operated, summary: "A facilitator guided or drove a leg",
                from: [CoreSchema.Kind.person, CoreSchema.Kind.vehicle], to: [leg],
                properties: [PropertySpec(Operated.role, .string, summary: "guide, transporter…")]),
            EdgeKindSpec(
                travelled, summary: "A person was moved along a leg (valid period = the days on it)",
                from: [CoreSchema.Kind.person], to: [leg]),
            EdgeKindSpec(
                taxes, summary: "A gang or clique charges a network for passage on a route",
                from: [CoreSchema.Kind.group], to: [route],
                properties: [
                    PropertySpec(Taxes.amount, .double, summary: "Charge per person moved"),
                    PropertySpec(Taxes.currency, .string, summary: "ISO 4217 code"),
                ]),
            EdgeKindSpec(
                paymentFor, summary: "A payment was for passage on a route", from: [CoreSchema.Kind.payment],
                to: [route]),
            EdgeKindSpec(
                forgedFor, summary: "A forger supplied a false document to a person",
                from: [CoreSchema.Kind.person], to: [CoreSchema.Kind.person],
                properties: [PropertySpec(ForgedFor.document, .string, summary: "The forged document's number")]),
        ])
}
