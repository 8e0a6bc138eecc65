import NexoKit

/// Checks of command input beyond what the host validates from the spec (kinds, types, choices).
/// Each error says what is wrong, where (the argument or option), and how to fix it. Writing
/// commands run every check before their first write.
enum SmugglingInput {
    /// Currencies suggested when a code is mistyped.
    static let commonCurrencies = ["USD", "EUR", "MXN", "GTQ", "HNL", "NIO", "CRC", "PAB", "COP", "CAD"]

    /// `group` entity `ref` as a network, or an error naming what it is instead.
    static func network(_ ref: EntityRef, in graph: SmugglingGraph, label: String) throws(NexoError) -> Entity {
        guard let entity = try graph.entity(ref.id) else { throw NexoError(.notFound, "no entity '\(ref.id)'") }
        let type = entity.properties[CoreSchema.Group.type]?.stringValue
        guard entity.kind == CoreSchema.Kind.group, type == SmugglingSchema.networkType else {
            let what = type.map { "a \($0)" } ?? "a group without a type"
            throw NexoError(
                .invalidInput, "\(label) \(ref.id) (\(ref.label)) is \(what), not a network",
                hint: try networkHint(near: ref.label, in: graph))
        }
        return entity
    }

    /// `Did you mean 'G-3' (Red del Norte)?`, or how to list and add networks.
    static func networkHint(near name: String, in graph: SmugglingGraph) throws(NexoError) -> String {
        let networks = try graph.networks()
        if let closest = Suggestions.closest(to: name, in: networks.map(\.label)),
            let match = networks.first(where: { $0.label == closest })
        {
            return "Did you mean '\(match.id)' (\(match.label))?"
        }
        return "list networks with 'smuggling networks', or record one with 'smuggling network add <name>'"
    }

    /// A group that can tax a route: a gang or a clique.
    static func gangOrClique(_ ref: EntityRef, in graph: SmugglingGraph) throws(NexoError) -> Entity {
        guard let entity = try graph.entity(ref.id) else { throw NexoError(.notFound, "no entity '\(ref.id)'") }
        let type = entity.properties[CoreSchema.Group.type]?.stringValue
        guard type == CoreSchema.GroupType.gang || type == CoreSchema.GroupType.clique else {
            throw NexoError(
                .invalidInput,
                "<group> \(ref.id) (\(ref.label)) is \(type.map { "a \($0)" } ?? "a group without a type"),"
                    + " not a gang or clique",
                hint: "only gangs and cliques tax routes; set the type with 'add group NAME --prop type=clique'")
        }
        return entity
    }

    /// A route entity by reference.
    static func route(_ ref: EntityRef, in graph: SmugglingGraph) throws(NexoError) -> Entity {
        guard let entity = try graph.entity(ref.id) else { throw NexoError(.notFound, "no route '\(ref.id)'") }
        return entity
    }

    /// An ISO 4217 code (three letters, upper-cased), or an error for `option`.
    static func currency(_ text: String, option: String = "--currency") throws(NexoError) -> String {
        let code = text.uppercased()
        guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw NexoError(
                .usage, "\(option) '\(text)' is not an ISO 4217 currency code",
                hint: Suggestions.didYouMean(code, in: commonCurrencies) ?? "write three letters, e.g. USD, EUR, MXN")
        }
        return code
    }

    /// A country code (two letters, upper-cased), or an error for `option`.
    static func country(_ text: String, option: String) throws(NexoError) -> String {
        let code = text.uppercased()
        guard code.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw NexoError(
                .usage, "\(option) '\(text)' is not an ISO 3166 alpha-2 country code",
                hint: "write two letters, e.g. SV, GT, MX, US")
        }
        return code
    }

    /// A positive, finite amount, or an error for `option`.
    static func amount(_ value: Double, option: String) throws(NexoError) -> Double {
        guard value.isFinite, value > 0 else {
            throw NexoError(
                .usage, "\(option) \(Value.format(value)) is not a positive amount",
                hint: "give the amount paid, e.g. \(option) 1500")
        }
        return value
    }

    /// A label or name that is not blank, trimmed.
    static func name(_ text: String, argument: String) throws(NexoError) -> String {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty else {
            throw NexoError(.usage, "\(argument) is empty", hint: "give a name, e.g. \"Ruta del Pacífico\"")
        }
        return trimmed
    }

    /// The value of option `key`, which the command needs, or a usage error that shows how to give it.
    static func required<T>(_ key: OptionKey<T>, in arguments: ParsedArguments, example: String) throws(NexoError)
        -> T
    {
        guard let value = arguments[key] else {
            let name = key.optionSpec.name
            throw NexoError(.usage, "missing --\(name)", hint: "add --\(name) \(example)")
        }
        return value
    }

    /// The entity's `type` (place or group), shown in errors: `a municipality`.
    static func describe(_ entity: Entity) -> String {
        let type = entity.properties[CoreSchema.Place.type]?.stringValue ?? entity.kind
        return "\("aeiou".contains(type.first ?? "x") ? "an" : "a") \(type.replacing("_", with: " "))"
    }
}
