import NexoKit

/// Where the gallery lives: the host's store, seen through the running command's transaction.
public protocol GalleryStorage {
    /// Progress of loading the gallery into the indexes (see the extension's default).
    func loading(_ done: Int, of total: Int)
    /// A warning about the gallery for the user, one line (a stored template skipped, and why;
    /// see the extension's default).
    func warning(_ text: String)
    /// The newest template id, the number of templates and of insertions and deletions ever.
    func templateState() throws(NexoError) -> TemplateState
    /// Every template with an id above `afterID`, in id order.
    func forEachTemplate(after afterID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void) throws(NexoError)
    /// Stores a template (replacing one of the same entity, modality and position).
    func addTemplate(_ template: EncodedTemplate) throws(NexoError)
    /// The templates of one entity.
    func templates(of entity: EntityID) throws(NexoError) -> [EncodedTemplate]
    /// The biographic record of a person: name, other names, date of birth, sex, nationality, documents.
    func biographic(of entity: EntityID) throws(NexoError) -> BiographicRecord?
    /// The biographic records of `entities`, in the order given (`nil` for one that is no person; see the
    /// default).
    func biographics(of entities: [EntityID]) throws(NexoError) -> [BiographicRecord?]
    /// People whose names (labels or aliases) share words with `name`, at most `limit` per word (or per
    /// combination of common words).
    func nameCandidates(_ name: String, limit: Int) throws(NexoError) -> [EntityID]
    /// ``nameCandidates(_:limit:)`` with the combinations of name words more people share than were taken, one
    /// line each (see the default: none).
    func nameCandidateSearch(_ name: String, limit: Int) throws(NexoError) -> (ids: [EntityID], limits: [String])
    /// People holding one of `documents` (exact numbers), at most `limit`: candidates whatever
    /// their names look like in the probe.
    func documentCandidates(_ documents: [String], limit: Int) throws(NexoError) -> [EntityID]
    /// People born on `date` (a whole date; none for a partial one), at most `limit`: candidates whose names the
    /// name search misses (a misspelt or swapped name).
    func birthCandidates(_ date: PartialDate, limit: Int) throws(NexoError) -> [EntityID]
    /// People whose address has the postcode `postcode`, at most `limit` (see the default): candidates whose name
    /// and date of birth are both written wrong.
    func postcodeCandidates(_ postcode: String, limit: Int) throws(NexoError) -> [EntityID]
    /// Number of people in the store (the biographic gallery's size).
    func personCount() throws(NexoError) -> Int
    /// The biographic records of the first `limit` people, in id order (see the default).
    func people(limit: Int) throws(NexoError) -> [(id: EntityID, record: BiographicRecord)]
    /// Where the engine may keep `modality`'s calibration measured on this gallery, or `nil` for none (see the
    /// default).
    func calibrationFilePath(for modality: Modality) -> String?
    /// Where the engine may keep `modality`'s index file for this gallery, or `nil` for none (see the default).
    func indexFilePath(for modality: Modality) -> String?
    /// Every template of `modalities` with an id up to `lastID`, in id order (see the default).
    func forEachTemplate(
        of modalities: Set<Modality>, through lastID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void
    ) throws(NexoError)
    /// The ids of every template of `modality`, ascending (see the default).
    func templateIDs(of modality: Modality) throws(NexoError) -> [Int64]
    /// The templates among `ids` still stored, in the order given (see the default).
    func forEachTemplate(ids: [Int64], _ body: (EncodedTemplate) throws(NexoError) -> Void) throws(NexoError)
}

/// What tells the engine whether the gallery changed since it last looked, and how: templates only added (the
/// changes since are the templates with newer ids) or also removed or brought back.
public struct TemplateState: Equatable, Sendable {
    /// The newest template id (0: none ever).
    public var newest: Int64
    /// The number of templates.
    public var count: Int
    /// The number of template insertions and deletions ever made (a replaced template counts two).
    public var changes: Int64

    /// A state of `count` templates, the newest `newest`, after `changes` insertions and deletions.
    public init(newest: Int64, count: Int, changes: Int64) {
        self.newest = newest
        self.count = count
        self.changes = changes
    }

    /// No template, ever.
    public static let empty = TemplateState(newest: 0, count: 0, changes: 0)

    /// Whether this state follows `earlier` by adding `added` templates with newer ids, and nothing else.
    func onlyAdds(_ added: Int, to earlier: TemplateState) -> Bool {
        newest >= earlier.newest && count == earlier.count + added && changes == earlier.changes + Int64(added)
    }
}

extension GalleryStorage {
    /// ``nameCandidates(_:limit:)``, nothing said of what it left out.
    public func nameCandidateSearch(_ name: String, limit: Int) throws(NexoError) -> (
        ids: [EntityID], limits: [String]
    ) {
        (try nameCandidates(name, limit: limit), [])
    }

    /// Progress of loading the gallery into the indexes: `done` of `total` templates. Shown by
    /// hosts on a terminal; does nothing unless a storage implements it.
    public func loading(_ done: Int, of total: Int) {}

    /// Warnings about the gallery: shown by hosts as a note; dropped unless a storage implements it.
    public func warning(_ text: String) {}

    /// No index files unless a storage keeps them (a store on disk does, beside its file).
    public func indexFilePath(for modality: Modality) -> String? { nil }

    /// No calibration files unless a storage keeps them (a store on disk does, beside its file).
    public func calibrationFilePath(for modality: Modality) -> String? { nil }

    /// One ``biographic(of:)`` after the other: a storage that can read many at once does better.
    public func biographics(of entities: [EntityID]) throws(NexoError) -> [BiographicRecord?] {
        var result: [BiographicRecord?] = []
        result.reserveCapacity(entities.count)
        for entity in entities { result.append(try biographic(of: entity)) }
        return result
    }

    /// None: a storage that keeps no addresses.
    public func postcodeCandidates(_ postcode: String, limit: Int) throws(NexoError) -> [EntityID] { [] }

    /// No people to read: a storage without biographic records.
    public func people(limit: Int) throws(NexoError) -> [(id: EntityID, record: BiographicRecord)] { [] }

    /// Every template, filtered: a storage that can ask for some modalities only does better.
    public func forEachTemplate(
        of modalities: Set<Modality>, through lastID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void
    ) throws(NexoError) {
        try forEachTemplate(after: 0) { (template: EncodedTemplate) throws(NexoError) in
            if template.id <= lastID && modalities.contains(template.modality) { try body(template) }
        }
    }

    /// The ids of `modality`'s templates, from every template: a storage that can read ids alone does better.
    public func templateIDs(of modality: Modality) throws(NexoError) -> [Int64] {
        var ids: [Int64] = []
        try forEachTemplate(after: 0) { (template: EncodedTemplate) throws(NexoError) in
            if template.modality == modality { ids.append(template.id) }
        }
        return ids
    }

    /// The templates among `ids`, from every template: a storage that can look ids up does better.
    public func forEachTemplate(ids: [Int64], _ body: (EncodedTemplate) throws(NexoError) -> Void) throws(NexoError) {
        var found: [Int64: EncodedTemplate] = [:]
        let wanted = Set(ids)
        try forEachTemplate(after: 0) { (template: EncodedTemplate) throws(NexoError) in
            if wanted.contains(template.id) { found[template.id] = template }
        }
        for id in ids { if let template = found[id] { try body(template) } }
    }

    /// No document lookup unless a storage provides one.
    public func documentCandidates(_ documents: [String], limit: Int) throws(NexoError) -> [EntityID] { [] }

    /// No date-of-birth lookup unless a storage provides one.
    public func birthCandidates(_ date: PartialDate, limit: Int) throws(NexoError) -> [EntityID] { [] }
}
