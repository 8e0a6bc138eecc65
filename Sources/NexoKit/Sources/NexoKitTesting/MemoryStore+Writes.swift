import NexoKit

/// Writes, checked against the schema with the host store's rules and messages.
extension MemoryStore {
    @discardableResult
    public func addEntity(_ draft: EntityDraft, source: EntityID?) throws(NexoError) -> Entity {
        try checkWriting()
        let kind = try entityKind(draft.kind)
        try checkLabel(draft.label)
        let properties = try PropertyRules(owner: draft.kind, properties: kind.properties)
            .validate(draft.properties, requireAll: true)
        try checkSource(source)
        let id: EntityID
        if let given = draft.id {
            guard contents.entities[given] == nil else {
                throw NexoError(.conflict, "entity \(given) already exists", hint: "leave the id out to get a new one")
            }
            id = given
        } else {
            var number = contents.lastNumber[kind.idPrefix, default: 0]
            repeat { number += 1 } while contents.entities[EntityID("\(kind.idPrefix)-\(number)")] != nil
            contents.lastNumber[kind.idPrefix] = number
            id = EntityID("\(kind.idPrefix)-\(number)")
        }
        let entity = Entity(
            id: id, kind: draft.kind, label: draft.label, properties: properties, provenance: provenance(source))
        contents.entities[id] = entity
        contents.version += 1
        return entity
    }

    public func updateEntity(_ id: EntityID, label: String?, properties: [String: Value]) throws(NexoError) {
        try checkWriting()
        guard var entity = contents.entities[id] else { throw noEntity(id) }
        let rules = PropertyRules(owner: entity.kind, properties: try entityKind(entity.kind).properties)
        if let label { try checkLabel(label) }
        for name in properties.keys.sorted() {
            let spec = try rules.spec(name)
            let value = properties[name]!
            entity.properties[name] = value.isNull ? nil : try rules.check(value, spec)
        }
        try rules.checkRequired(entity.properties)
        if let label { entity.label = label }
        guard entity != contents.entities[id] else { return }
        contents.entities[id] = entity
        contents.version += 1
    }

    public func removeEntity(_ id: EntityID) throws(NexoError) {
        try checkWriting()
        guard contents.entities.removeValue(forKey: id) != nil else { throw noEntity(id) }
        contents.edges.removeAll { $0.from == id || $0.to == id }
        contents.aliases[id] = nil
        contents.version += 1
    }

    @discardableResult
    public func addEdge(_ draft: EdgeDraft, source: EntityID?) throws(NexoError) -> Edge {
        try checkWriting()
        let kind = try edgeKind(draft.kind)
        let properties = try PropertyRules(owner: draft.kind, properties: kind.properties)
            .validate(draft.properties, requireAll: true)
        guard draft.confidence.isFinite, (0...1).contains(draft.confidence) else {
            throw NexoError(.invalidInput, "confidence must be between 0 and 1, got \(Value.format(draft.confidence))")
        }
        if let validFrom = draft.validFrom, let validTo = draft.validTo, validFrom > validTo {
            throw NexoError(.invalidInput, "valid_from \(validFrom) is after valid_to \(validTo)")
        }
        guard let from = contents.entities[draft.from] else { throw noEntity(draft.from) }
        guard let to = contents.entities[draft.to] else { throw noEntity(draft.to) }
        if !kind.fromKinds.isEmpty && !kind.fromKinds.contains(from.kind) {
            throw NexoError(
                .invalidInput,
                "\(kind.name) cannot start at \(from.id) (a \(from.kind)); allowed: "
                    + kind.fromKinds.joined(separator: ", "))
        }
        if !kind.toKinds.isEmpty && !kind.toKinds.contains(to.kind) {
            throw NexoError(
                .invalidInput,
                "\(kind.name) cannot end at \(to.id) (a \(to.kind)); allowed: \(kind.toKinds.joined(separator: ", "))")
        }
        try checkSource(source)
        contents.lastEdgeID += 1 // never reused, even after a removal
        let edge = Edge(
            id: EdgeID(contents.lastEdgeID), kind: draft.kind, from: draft.from, to: draft.to,
            properties: properties, validFrom: draft.validFrom, validTo: draft.validTo, confidence: draft.confidence,
            provenance: provenance(source))
        contents.edges.append(edge)
        contents.version += 1
        return edge
    }

    public func removeEdge(_ id: EdgeID) throws(NexoError) {
        try checkWriting()
        guard let index = contents.edges.firstIndex(where: { $0.id == id }) else {
            throw NexoError(.notFound, "no edge \(id)")
        }
        contents.edges.remove(at: index)
        contents.version += 1
    }

    @discardableResult
    public func addSource(
        description: String, reliability: SourceReliability, credibility: InformationCredibility
    ) throws(NexoError) -> SourceInfo {
        try checkWriting()
        if description.allSatisfy(\.isWhitespace) {
            throw NexoError(.invalidInput, "source description must not be empty")
        }
        let info = SourceInfo(
            id: EntityID("S-\(contents.sources.count + 1)"), description: description, reliability: reliability,
            credibility: credibility)
        contents.sources[info.id] = info
        contents.version += 1
        return info
    }

    public func source(
        describedAs description: String, reliability: SourceReliability, credibility: InformationCredibility
    ) throws(NexoError) -> SourceInfo? {
        contents.sources.values.filter {
            $0.description == description && $0.reliability == reliability && $0.credibility == credibility
        }
        .min { ($0.id.rawValue.count, $0.id.rawValue) < ($1.id.rawValue.count, $1.id.rawValue) }
    }

    public func addAlias(_ alias: String, to id: EntityID) throws(NexoError) {
        try checkWriting()
        try checkLabel(alias, field: "alias")
        guard contents.entities[id] != nil else { throw noEntity(id) }
        if contents.aliases[id]?.contains(alias) == true { return }
        contents.aliases[id, default: []].append(alias)
        contents.version += 1
    }

    // MARK: Checks

    /// A command whose spec does not declare `writes` cannot write (the host's store refuses it the same way).
    func checkWriting() throws(NexoError) {
        guard let running, !running.writes else { return }
        throw NexoError(
            .denied, "'\(running.command)' is read-only and cannot change the store",
            hint: "a command that writes must declare writes: true in its CommandSpec")
    }

    func entityKind(_ name: String) throws(NexoError) -> EntityKindSpec {
        guard let kind = schema.entityKinds[name] else {
            throw NexoError(
                .notFound, "unknown entity kind '\(name)'",
                hint: Suggestions.didYouMean(name, in: schema.entityKindNames)
                    ?? "known kinds: \(schema.entityKindNames.joined(separator: ", "))")
        }
        return kind
    }

    func edgeKind(_ name: String) throws(NexoError) -> EdgeKindSpec {
        guard let kind = schema.edgeKinds[name] else {
            throw NexoError(
                .notFound, "unknown edge kind '\(name)'",
                hint: Suggestions.didYouMean(name, in: schema.edgeKindNames)
                    ?? "known edge kinds: \(schema.edgeKindNames.joined(separator: ", "))")
        }
        return kind
    }

    func checkLabel(_ label: String, field: String = "label") throws(NexoError) {
        if label.allSatisfy(\.isWhitespace) { throw NexoError(.invalidInput, "\(field) must not be empty") }
    }

    func checkSource(_ source: EntityID?) throws(NexoError) {
        if let source, contents.sources[source] == nil { throw NexoError(.notFound, "no source '\(source)'") }
    }

    /// The provenance of a write naming `source` (checked to exist): the run number is the data
    /// version the write makes and the command is the running command's text (empty for a direct
    /// call); the double has no user, clock, case or plugin, so those are empty. The source is what
    /// readers use it for (an edge's grading).
    func provenance(_ source: EntityID?) -> Provenance {
        let run = RunInfo(
            id: contents.version + 1, user: "", time: "", caseID: nil, command: running?.command ?? "", plugin: "",
            pluginVersion: "")
        return Provenance(run: run, source: source.flatMap { contents.sources[$0] })
    }

    func noEntity(_ id: EntityID) -> NexoError { NexoError(.notFound, "no entity '\(id)'") }
}
