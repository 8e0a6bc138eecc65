/// Names of the core kinds, edge kinds and group types gang records read and write.
enum Core {
    /// A natural person.
    static let person = "person"
    /// A gang, clique, network or organisation (property `type`).
    static let group = "group"
    /// A place (property `type`: colonia, municipality, department, prison, …).
    static let place = "place"
    /// Person → clique (a membership), or clique → gang.
    static let memberOf = "member_of"
    /// A place inside another (colonia → municipality → department → country).
    static let locatedIn = "located_in"
}

/// Values of the `type` property of groups and places that gang records rely on.
enum Types {
    /// A gang (`MS-13`, `Barrio 18 Sureños`).
    static let gang = "gang"
    /// A clique (clika) of a gang.
    static let clique = "clique"
    /// A prison, where `incarcerated_in` edges end.
    static let prison = "prison"
    /// Place types a gang or clique may hold as territory.
    static let territory = ["colonia", "municipality", "department"]
}
