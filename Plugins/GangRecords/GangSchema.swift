import NexoKit

/// Kind, property and role names of gang records.
///
/// A gang and its cliques (clikas) are core `group`s (`type` gang or clique); a clique belongs to
/// its gang by a `member_of` edge (clique → gang), a person to a clique by a `member_of` edge
/// whose `role` is one of ``roles``, `moniker` the name the clique gave them, and whose valid
/// period is when they joined and left. Territory, rivalries and prison terms are edges this
/// plugin declares.
enum GangSchema {
    /// Territory: a gang or clique operates in a place (department, municipality, colonia).
    static let operatesIn = "operates_in"
    /// Two gangs (or cliques) are rivals.
    static let rivalOf = "rival_of"
    /// A person was held in a prison (valid period = the term).
    static let incarceratedIn = "incarcerated_in"

    /// Roles in a clique, from the top: palabrero (holds the word, leads the clique), corredor
    /// (runs a programme or sector), homeboy (full member), chequeo (on probation), paro (helper,
    /// not jumped in), and others as recorded.
    static let roles = ["palabrero", "corredor", "homeboy", "chequeo", "paro"]
    /// Roles that lead a clique.
    static let leadership: Set<String> = ["palabrero", "corredor"]
    /// Why a member left.
    static let leftReasons = ["deceased", "incarcerated", "deported", "calmado", "expelled", "unknown"]
    /// How firmly a group holds a place (`control` of `operates_in`).
    static let controls = ["dominant", "contested", "presence"]
    /// States of a rivalry (`intensity` of `rival_of`), the most severe first.
    static let intensities = ["war", "tension", "truce"]

    static let contribution = SchemaContribution(
        edgeKinds: [
            EdgeKindSpec(
                operatesIn, summary: "A gang or clique operates in a place (territory)",
                from: [CoreSchema.Kind.group], to: [CoreSchema.Kind.place],
                properties: [
                    PropertySpec("control", .oneOf(controls), summary: "How firmly the group holds the place")
                ]),
            EdgeKindSpec(
                rivalOf, summary: "Two gangs or cliques are rivals", from: [CoreSchema.Kind.group],
                to: [CoreSchema.Kind.group],
                properties: [
                    PropertySpec("intensity", .oneOf(intensities), summary: "State of the rivalry")
                ]),
            EdgeKindSpec(
                incarceratedIn, summary: "A person was held in a prison (valid period = the term)",
                from: [CoreSchema.Kind.person], to: [CoreSchema.Kind.place],
                properties: [PropertySpec("charge", .string, summary: "What they were held for")]),
        ],
        entityExtensions: [
            KindExtension(
                CoreSchema.Kind.person,
                properties: [
                    PropertySpec(
                        "tattoos", .string, summary: "Gang tattoos as described (e.g. MS on the chest; 18 on the neck)")
                ])
        ],
        edgeExtensions: [
            KindExtension(
                CoreSchema.Edge.memberOf,
                properties: [
                    PropertySpec("moniker", .string, summary: "Name the group gave the member (placazo)"),
                    PropertySpec("left_reason", .oneOf(leftReasons), summary: "Why the member left"),
                ])
        ])
}

/// Values of the `type` property of groups and places that gang records rely on.
enum Types {
    /// A gang (`MS-13`, `Barrio 18 Sureños`).
    static let gang = CoreSchema.GroupType.gang
    /// A clique (clika) of a gang.
    static let clique = CoreSchema.GroupType.clique
    /// A prison, where `incarcerated_in` edges end.
    static let prison = CoreSchema.PlaceType.prison
    /// Place types a gang or clique may hold as territory.
    static let territory = [
        CoreSchema.PlaceType.colonia, CoreSchema.PlaceType.municipality, CoreSchema.PlaceType.department,
    ]
}
