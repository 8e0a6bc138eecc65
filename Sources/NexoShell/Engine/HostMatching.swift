import NexoFiles
import NexoKit
import NexoMatch
import NexoStore

/// The match engine's view of the store: templates, and people's biographic records, read
/// and written inside the running command's transaction.
struct StoreGalleryStorage: GalleryStorage {
    let session: StoreSession
    /// Where loading progress goes (a progress bar on a terminal), if anywhere.
    var output: (any CommandOutput)?

    func loading(_ done: Int, of total: Int) { output?.progress(done, of: total, label: "loading the gallery") }

    func warning(_ text: String) { output?.note("warning: \(text)") }

    func templateState() throws(NexoError) -> TemplateState {
        let state = try session.templateState()
        return TemplateState(newest: state.newest, count: state.count, changes: state.changes)
    }

    func forEachTemplate(after afterID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void) throws(NexoError) {
        try session.forEachTemplate(after: afterID, body)
    }

    func forEachTemplate(
        of modalities: Set<Modality>, through lastID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void
    ) throws(NexoError) {
        try session.forEachTemplate(of: modalities.map(\.rawValue).sorted(), through: lastID, body)
    }

    func templateIDs(of modality: Modality) throws(NexoError) -> [Int64] {
        try session.templateIDs(of: modality.rawValue)
    }

    func forEachTemplate(ids: [Int64], _ body: (EncodedTemplate) throws(NexoError) -> Void) throws(NexoError) {
        try session.forEachTemplate(ids: ids, body)
    }

    func indexFilePath(for modality: Modality) -> String? { session.derivedFilePath("\(modality.rawValue)-index") }

    func addTemplate(_ template: EncodedTemplate) throws(NexoError) {
        guard let person = try session.entity(template.entity) else { throw session.noEntity(template.entity) }
        guard person.kind == "person" else {
            throw NexoError(
                .invalidInput, "\(person.id) is a \(person.kind); templates belong to people", hint: "enrol a person")
        }
        try session.addTemplate(template)
    }

    func templates(of entity: EntityID) throws(NexoError) -> [EncodedTemplate] {
        try session.templates(of: entity)
    }

    func biographic(of entity: EntityID) throws(NexoError) -> BiographicRecord? {
        try BiographicRecord.stored(entity, in: session)
    }

    func biographics(of entities: [EntityID]) throws(NexoError) -> [BiographicRecord?] {
        let people = try session.entities(EntityQuery(kind: CoreSchema.Kind.person, ids: entities))
        var records: [EntityID: BiographicRecord] = [:]
        for (id, record) in try Self.records(of: people, in: session) { records[id] = record }
        return entities.map { records[$0] }
    }

    func people(limit: Int) throws(NexoError) -> [(id: EntityID, record: BiographicRecord)] {
        try Self.records(of: try session.entities(EntityQuery(kind: CoreSchema.Kind.person, limit: limit)), in: session)
    }

    /// The records of `people` as ``BiographicRecord/stored(_:in:)`` reads one, in a few statements for all: their
    /// aliases, the documents they hold and the places they live or lived at.
    static func records(of people: [Entity], in session: StoreSession) throws(NexoError) -> [(
        id: EntityID, record: BiographicRecord
    )] {
        let ids = people.map(\.id)
        let aliases = try session.aliases(ofEach: ids)
        let edges = try session.edges(from: ids, kinds: BiographicRecord.linkedKinds)
        var targets: [EntityID: Entity] = [:]
        if !edges.isEmpty {
            for entity in try session.entities(EntityQuery(ids: edges.map(\.to))) { targets[entity.id] = entity }
        }
        var edgesOf: [EntityID: [Edge]] = [:]
        for edge in edges { edgesOf[edge.from, default: []].append(edge) }
        return people.compactMap { person in
            let linked = BiographicRecord.linked(edgesOf[person.id] ?? [], targets: targets)
            return BiographicRecord(
                person: person, aliases: aliases[person.id] ?? [], documents: linked.documents, homes: linked.homes
            ).map { (person.id, $0) }
        }
    }

    func calibrationFilePath(for modality: Modality) -> String? {
        session.derivedFilePath("\(modality.rawValue)-calibration")
    }

    func nameCandidates(_ name: String, limit: Int) throws(NexoError) -> [EntityID] {
        try nameCandidateSearch(name, limit: limit).ids
    }

    func nameCandidateSearch(_ name: String, limit: Int) throws(NexoError) -> (ids: [EntityID], limits: [String]) {
        // Each word looked up on its own (a misspelt word does not hide a person), common words together.
        let found = try session.nameWordCandidates(name, kind: CoreSchema.Kind.person, limit: limit)
        return (found.entities, found.truncated.map { "name words '\($0)': the first \(limit) people of more" })
    }

    func personCount() throws(NexoError) -> Int { try session.countEntities(kind: "person") }

    func birthCandidates(_ date: PartialDate, limit: Int) throws(NexoError) -> [EntityID] {
        guard date.month != nil, date.day != nil else { return [] }
        return try session.people(bornOn: [date.description], limit: limit)
    }

    func postcodeCandidates(_ postcode: String, limit: Int) throws(NexoError) -> [EntityID] {
        try session.people(withPostcode: postcode, limit: limit)
    }

    func documentCandidates(_ documents: [String], limit: Int) throws(NexoError) -> [EntityID] {
        var result: [EntityID] = []
        for document in documents where !document.isEmpty {
            result += try session.people(withDocument: document, limit: limit)
        }
        return result
    }
}

/// Files read and written by commands through the host: local files, and writes pass the
/// export gate like `export` does.
struct HostFiles: FileAccess {
    let request: CommandRequest
    let gate: any EgressGate

    func read(_ path: String) throws(NexoError) -> [UInt8] { try LocalFiles.read(path) }

    func forEachLine(in path: String, _ body: (Result<String, NexoError>, Int) throws(NexoError) -> Void)
        throws(NexoError)
    {
        try LocalFiles.forEachLine(in: path, body)
    }

    func write(_ bytes: [UInt8], to path: String) throws(NexoError) {
        try gate.allow(request, destination: path)
        try LocalFiles.write(bytes, to: path)
    }

    func makeDirectory(_ path: String) throws(NexoError) { try LocalFiles.makeDirectory(path) }

    func recordFile(_ path: String) throws(NexoError) -> any RecordFileWriting {
        try gate.allow(request, destination: path)
        return try NDJSONRecordWriter(path: path)
    }
}
