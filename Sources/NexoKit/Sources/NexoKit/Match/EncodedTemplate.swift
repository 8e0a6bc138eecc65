/// A biometric template as it is stored: its encoded bytes with its owner, modality and position.
///
/// The one stored-template type: the store keeps these rows (its `templates` table) and the match
/// engine's gallery loads and enrols them. The bytes are opaque here; the match engine encodes and
/// decodes them.
public struct EncodedTemplate: Sendable, Hashable {
    /// Row id in the store (grows with every template stored; 0 before it is stored).
    public var id: Int64
    /// The person the template belongs to.
    public var entity: EntityID
    /// The modality.
    public var modality: Modality
    /// Finger position (1–10), iris side (1 right, 2 left), 0 for a face.
    public var position: Int
    /// The encoded template.
    public var data: [UInt8]

    /// Creates an encoded template.
    public init(id: Int64 = 0, entity: EntityID, modality: Modality, position: Int, data: [UInt8]) {
        self.id = id
        self.entity = entity
        self.modality = modality
        self.position = position
        self.data = data
    }
}
