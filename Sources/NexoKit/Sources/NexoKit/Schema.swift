/// A declared property of an entity or edge kind.
public struct PropertySpec: Sendable, Hashable {
    /// Property name, `lower_snake_case`.
    public var name: String
    /// Value type; entity references are not properties (use an edge).
    public var type: ValueType
    /// Whether every entity of the kind must have it.
    public var isRequired: Bool
    /// One line for help.
    public var summary: String

    /// Declares a property.
    public init(_ name: String, _ type: ValueType, required: Bool = false, summary: String = "") {
        self.name = name
        self.type = type
        self.isRequired = required
        self.summary = summary
    }
}

/// A declared entity kind.
public struct EntityKindSpec: Sendable, Hashable {
    /// Kind name, `lower_snake_case` (`person`, `clique`).
    public var name: String
    /// Id prefix for ids the store assigns (`P` gives `P-1`, `P-2`…).
    public var idPrefix: String
    /// One line for help.
    public var summary: String
    /// Declared properties; writes with other properties are refused.
    public var properties: [PropertySpec]

    /// Declares an entity kind.
    public init(_ name: String, idPrefix: String, summary: String, properties: [PropertySpec] = []) {
        self.name = name
        self.idPrefix = idPrefix
        self.summary = summary
        self.properties = properties
    }
}

/// A declared edge kind.
public struct EdgeKindSpec: Sendable, Hashable {
    /// Kind name, `lower_snake_case` (`member_of`, `called`).
    public var name: String
    /// One line for help.
    public var summary: String
    /// Entity kinds allowed at the source end; empty means any.
    public var fromKinds: [String]
    /// Entity kinds allowed at the target end; empty means any.
    public var toKinds: [String]
    /// Declared properties.
    public var properties: [PropertySpec]

    /// Declares an edge kind.
    public init(
        _ name: String, summary: String, from: [String] = [], to: [String] = [],
        properties: [PropertySpec] = []
    ) {
        self.name = name
        self.summary = summary
        self.fromKinds = from
        self.toKinds = to
        self.properties = properties
    }
}

/// Properties a contributor adds to a kind declared by someone else (the core, or a plugin
/// loaded earlier): e.g. gang records add `tattoos` to `person` and `moniker` to `member_of`.
///
/// The kind keeps its owner; the added properties are validated on write like declared ones.
/// Adding a property the kind already has is allowed when the declaration is identical.
public struct KindExtension: Sendable, Hashable {
    /// The entity or edge kind extended.
    public var kind: String
    /// The properties added. Extensions cannot add required properties (existing rows lack them).
    public var properties: [PropertySpec]

    /// Declares an extension of `kind`.
    public init(_ kind: String, properties: [PropertySpec]) {
        self.kind = kind
        self.properties = properties
    }
}

/// What one contributor (the core or a plugin) adds to the shared schema.
public struct SchemaContribution: Sendable, Hashable {
    /// Entity kinds added.
    public var entityKinds: [EntityKindSpec]
    /// Edge kinds added.
    public var edgeKinds: [EdgeKindSpec]
    /// Properties added to entity kinds declared by others.
    public var entityExtensions: [KindExtension]
    /// Properties added to edge kinds declared by others.
    public var edgeExtensions: [KindExtension]

    /// Creates a contribution.
    public init(
        entityKinds: [EntityKindSpec] = [], edgeKinds: [EdgeKindSpec] = [],
        entityExtensions: [KindExtension] = [], edgeExtensions: [KindExtension] = []
    ) {
        self.entityKinds = entityKinds
        self.edgeKinds = edgeKinds
        self.entityExtensions = entityExtensions
        self.edgeExtensions = edgeExtensions
    }

    /// Adds nothing.
    public static let empty = SchemaContribution()
}

/// The shared schema: every kind declared by the core and the loaded plugins.
public struct Schema: Sendable {
    /// Entity kinds by name.
    public private(set) var entityKinds: [String: EntityKindSpec] = [:]
    /// Edge kinds by name.
    public private(set) var edgeKinds: [String: EdgeKindSpec] = [:]
    /// Who declared each kind (`core` or a plugin name).
    public private(set) var owners: [String: String] = [:]

    /// An empty schema.
    public init() {}

    /// Adds `contribution` from `owner`, all of it or (on error) nothing. Re-declaring a kind
    /// identically is allowed (two plugins may share a kind); declaring it differently is an error
    /// naming both owners. Extensions apply to kinds already in the schema (or declared in the
    /// same contribution); a property added twice must be declared identically.
    public mutating func add(_ contribution: SchemaContribution, from owner: String) throws(NexoError) {
        var next = self
        try next.merge(contribution, from: owner)
        self = next
    }

    private mutating func merge(_ contribution: SchemaContribution, from owner: String) throws(NexoError) {
        for kind in contribution.entityKinds {
            if let existing = entityKinds[kind.name], existing != kind {
                throw NexoError(
                    .conflict,
                    "entity kind '\(kind.name)' declared differently by \(owners["entity:" + kind.name] ?? "?") "
                        + "and \(owner)",
                    hint: "rename one of them or make the declarations identical")
            }
            if let clash = entityKinds.values.first(where: { $0.idPrefix == kind.idPrefix && $0.name != kind.name }) {
                throw NexoError(
                    .conflict,
                    "id prefix '\(kind.idPrefix)' of entity kind '\(kind.name)' (\(owner)) is already used by "
                        + "'\(clash.name)'",
                    hint: "choose another idPrefix")
            }
            entityKinds[kind.name] = kind
            owners["entity:" + kind.name] = owners["entity:" + kind.name] ?? owner
        }
        for kind in contribution.edgeKinds {
            if let existing = edgeKinds[kind.name], existing != kind {
                throw NexoError(
                    .conflict,
                    "edge kind '\(kind.name)' declared differently by \(owners["edge:" + kind.name] ?? "?") "
                        + "and \(owner)",
                    hint: "rename one of them or make the declarations identical")
            }
            edgeKinds[kind.name] = kind
            owners["edge:" + kind.name] = owners["edge:" + kind.name] ?? owner
        }
        for added in contribution.entityExtensions {
            guard var spec = entityKinds[added.kind] else {
                throw NexoError(
                    .conflict, "\(owner) extends entity kind '\(added.kind)', which is not declared",
                    hint: "extend a core kind, or load the plugin that declares '\(added.kind)' first")
            }
            spec.properties = try Self.extended(spec.properties, with: added, label: "entity kind", from: owner)
            entityKinds[added.kind] = spec
        }
        for added in contribution.edgeExtensions {
            guard var spec = edgeKinds[added.kind] else {
                throw NexoError(
                    .conflict, "\(owner) extends edge kind '\(added.kind)', which is not declared",
                    hint: "extend a core kind, or load the plugin that declares '\(added.kind)' first")
            }
            spec.properties = try Self.extended(spec.properties, with: added, label: "edge kind", from: owner)
            edgeKinds[added.kind] = spec
        }
    }

    private static func extended(
        _ properties: [PropertySpec], with added: KindExtension, label: String,
        from owner: String
    ) throws(NexoError) -> [PropertySpec] {
        var result = properties
        for property in added.properties {
            if property.isRequired {
                throw NexoError(
                    .conflict, "\(owner) adds required property '\(property.name)' to \(label) '\(added.kind)'",
                    hint: "properties added to another's kind must be optional: stored rows do not have them")
            }
            if let existing = result.first(where: { $0.name == property.name }) {
                guard existing == property else {
                    throw NexoError(
                        .conflict,
                        "\(owner) adds property '\(property.name)' to \(label) '\(added.kind)', which already "
                            + "declares it differently",
                        hint: "use another property name or the same declaration")
                }
                continue
            }
            result.append(property)
        }
        return result
    }

    /// Entity kind names, sorted.
    public var entityKindNames: [String] { entityKinds.keys.sorted() }
    /// Edge kind names, sorted.
    public var edgeKindNames: [String] { edgeKinds.keys.sorted() }
}
