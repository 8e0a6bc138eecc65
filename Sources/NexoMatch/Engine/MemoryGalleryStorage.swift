import Glibc
import NexoKit

/// A gallery kept in memory: templates with growing ids, people's biographic records, and name
/// search through an inverted index of name keys. For tests, benchmarks and tools that match
/// without a store; the shell uses the store's own ``GalleryStorage``.
///
/// Name search (``nameCandidates(_:limit:)``) blocks on words: every word of a person's name and
/// aliases is indexed under its Spanish phonetic key (``SpanishPhonetic``), and a short form of a
/// given name under its formal names' keys too (``Nicknames``). A query scores each person by the
/// inverse document frequency of the keys they share with it, so a shared rare surname counts
/// more than a shared `María`, and only people sharing at least one key are ever looked at.
///
/// Not thread-safe: one command (or one benchmark thread) at a time, as with a store transaction.
public final class MemoryGalleryStorage: GalleryStorage {
    private var rows: [EncodedTemplate] = []
    private var alive: [Bool] = []
    private var rowOfKey: [TemplateKey: Int] = [:]
    private var removed = 0
    private var nextID: Int64 = 1
    private var records: [EntityID: BiographicRecord] = [:]
    private var personNumber: [EntityID: Int32] = [:]
    private var personIDs: [EntityID] = []
    private var postings: [String: [Int32]] = [:]
    private var keysOfPerson: [[String]] = []

    private struct TemplateKey: Hashable {
        var entity: EntityID
        var modality: Modality
        var position: Int
    }

    /// An empty gallery.
    public init() {}

    /// The warnings the engine gave about the gallery (stored templates it skipped), in order.
    public private(set) var warnings: [String] = []

    /// Keeps `text` in ``warnings``.
    public func warning(_ text: String) { warnings.append(text) }

    // MARK: People

    /// Every person's biographic record. Setting it replaces them all and re-indexes the names.
    public var people: [EntityID: BiographicRecord] {
        get { records }
        set {
            records = [:]
            personNumber = [:]
            personIDs = []
            postings = [:]
            keysOfPerson = []
            for id in newValue.keys.sorted() { setBiographic(newValue[id]!, for: id) }
        }
    }

    /// Adds or replaces one person's biographic record.
    public func setBiographic(_ record: BiographicRecord, for entity: EntityID) {
        let number: Int32
        if let known = personNumber[entity] {
            number = known
            for key in keysOfPerson[Int(number)] { postings[key]?.removeAll { $0 == number } }
        } else {
            number = Int32(personIDs.count)
            personNumber[entity] = number
            personIDs.append(entity)
            keysOfPerson.append([])
        }
        records[entity] = record
        var keys = Set<String>()
        for name in [record.name] + record.otherNames { keys.formUnion(Self.nameKeys(name, expandNicknames: true)) }
        keysOfPerson[Int(number)] = Array(keys)
        for key in keys { postings[key, default: []].append(number) }
    }

    /// Keys of a name: the phonetic key of every word that is not a particle, and for a known short
    /// form of a given name (`Chepe`) the keys of the formal names it stands for (`José`).
    static func nameKeys(_ name: String, expandNicknames: Bool) -> Set<String> {
        var keys = Set<String>()
        for word in NameFolding.words(name, upperCased: true).split(separator: " ")
        where word.count >= 2 && !NameParticles.isParticle(word) {
            keys.insert(String(decoding: SpanishPhonetic.key(folded: Array(word.utf8)), as: UTF8.self))
            guard expandNicknames else { continue }
            for formal in Nicknames.formalNames(of: String(word)) {
                for part in NameFolding.words(formal, upperCased: true).split(separator: " ")
                where !NameParticles.isParticle(part) {
                    keys.insert(String(decoding: SpanishPhonetic.key(folded: Array(part.utf8)), as: UTF8.self))
                }
            }
        }
        keys.remove("")
        return keys
    }

    public func biographic(of entity: EntityID) throws(NexoError) -> BiographicRecord? { records[entity] }

    public func personCount() throws(NexoError) -> Int { records.count }

    /// The first `limit` people in the order they were added.
    public func people(limit: Int) throws(NexoError) -> [(id: EntityID, record: BiographicRecord)] {
        personIDs.prefix(max(limit, 0)).compactMap { id in records[id].map { (id, $0) } }
    }

    /// People holding one of `documents`, by a scan of the records (galleries held in memory are small).
    public func documentCandidates(_ documents: [String], limit: Int) throws(NexoError) -> [EntityID] {
        let wanted = Set(documents.filter { !$0.isEmpty })
        guard !wanted.isEmpty else { return [] }
        return Array(personIDs.filter { records[$0]?.documents.contains(where: wanted.contains) == true }.prefix(limit))
    }

    /// People born on `date`, by a scan of the records.
    /// People whose first address has `postcode`, by a scan of the records.
    public func postcodeCandidates(_ postcode: String, limit: Int) throws(NexoError) -> [EntityID] {
        Array(personIDs.filter { records[$0]?.addresses.first?.postcode == postcode }.prefix(limit))
    }

    public func birthCandidates(_ date: PartialDate, limit: Int) throws(NexoError) -> [EntityID] {
        guard date.month != nil, date.day != nil else { return [] }
        return Array(personIDs.filter { records[$0]?.dateOfBirth == date }.prefix(limit))
    }

    /// People sharing name keys with `name`, most shared weight (sum of the keys' inverse document
    /// frequencies) first, ties in the order people were added; at most `limit`.
    public func nameCandidates(_ name: String, limit: Int) throws(NexoError) -> [EntityID] {
        guard limit > 0, !personIDs.isEmpty else { return [] }
        var weight: [Int32: Double] = [:]
        let total = Double(personIDs.count)
        for key in Self.nameKeys(name, expandNicknames: true) {
            guard let list = postings[key], !list.isEmpty else { continue }
            let idf = log(1 + total / Double(list.count))
            for person in list { weight[person, default: 0] += idf }
        }
        // Ties in enrolment order (cheaper to compare than ids, and as deterministic).
        let ranked = weight.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ranked.prefix(limit).map { personIDs[Int($0.key)] }
    }

    // MARK: Templates

    public func templateState() throws(NexoError) -> TemplateState {
        // Every row was an insertion; every removed one also a deletion.
        TemplateState(newest: nextID - 1, count: rows.count - removed, changes: Int64(rows.count + removed))
    }

    public func forEachTemplate(after afterID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void)
        throws(NexoError)
    {
        // Rows are in id order: start at the first id above `afterID`.
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if rows[mid].id <= afterID { low = mid + 1 } else { high = mid }
        }
        for i in low..<rows.count where alive[i] { try body(rows[i]) }
    }

    /// Stores a template, replacing one of the same entity, modality and position.
    public func addTemplate(_ template: EncodedTemplate) throws(NexoError) {
        let key = TemplateKey(entity: template.entity, modality: template.modality, position: template.position)
        if let old = rowOfKey[key] { tombstone(old) }
        var stored = template
        stored.id = nextID
        nextID += 1
        rowOfKey[key] = rows.count
        rows.append(stored)
        alive.append(true)
    }

    public func templates(of entity: EntityID) throws(NexoError) -> [EncodedTemplate] {
        rows.indices.filter { alive[$0] && rows[$0].entity == entity }.map { rows[$0] }
    }

    /// Removes every template of `entity` (as an undo would); the engine rebuilds its indexes.
    public func removeTemplates(of entity: EntityID) {
        for (key, row) in rowOfKey where key.entity == entity {
            tombstone(row)
            rowOfKey[key] = nil
        }
    }

    /// Templates held.
    public var templateCount: Int { rows.count - removed }

    /// Marks a row removed, so that rows stay in id order without moving.
    private func tombstone(_ row: Int) {
        guard alive[row] else { return }
        alive[row] = false
        rows[row].data = []
        removed += 1
    }
}
