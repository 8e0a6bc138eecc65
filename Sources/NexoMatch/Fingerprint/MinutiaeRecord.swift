import NexoKit

/// A finger minutiae record in one of the two 2004/2005 interchange formats: ISO/IEC 19794-2:2005
/// or ANSI INCITS 378-2004 ("FMR" records).
///
/// Read one with ``init(bytes:)`` (the format is detected from the header layout) and write it
/// with ``bytes(as:)``. Angles are converted to degrees on reading (ISO: 360/256-degree units;
/// ANSI: 2-degree units) and back on writing.
///
/// Leniency, on purpose and only where every view and minutia is intact (each case applied is
/// listed in ``quirks``, naming its byte offset, for the user to see as a warning):
/// - an ANSI version field `020\0` is read as ` 20\0`;
/// - a record-length field that disagrees with the end of the finger views by at most
///   ``lengthSlack`` bytes (the field was not updated after an edit);
/// - zero bytes after the record (padding to a block size);
/// - the last view's extended-data block running one or two bytes past the end of the input:
///   its last area keeps the bytes that are there;
/// - ANSI angles of 180 units or more (360 degrees or more) are reduced modulo 360 degrees;
/// - an extended-data area length may count its 4-byte type/length header or not, whichever
///   makes the areas fill their block exactly (implementations disagree; we write it counted,
///   as the standards' own examples do);
/// - reserved bits are ignored;
/// - a ridge-count area whose data is not a whole number of 3-byte entries keeps the whole
///   entries (the area's raw bytes are kept unchanged in ``FingerView/extendedData``).
///
/// Strict, because guessing could attach the wrong minutiae to a person: unknown magic or
/// version (the message says which edition it is), a view or minutia cut by the end of the input,
/// a length field further off than ``lengthSlack``, non-zero bytes after the record, extended-data
/// areas that do not fill their block, minutia type 3,
/// coordinates outside the declared image, qualities above 100, finger positions above 15 and a
/// repeated finger position/view pair. Every rejection names the byte offset and the field.
public struct MinutiaeRecord: Sendable, Hashable {
    /// The two supported record formats.
    public enum Format: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// ISO/IEC 19794-2:2005: 24-byte header with a 4-byte record length; angles in 360/256°.
        case iso19794_2_2005 = "ISO/IEC 19794-2:2005"
        /// ANSI INCITS 378-2004: 2- or 6-byte record length and a CBEFF product id; angles in 2°.
        case ansi378_2004 = "ANSI INCITS 378-2004"

        /// The standard's name.
        public var description: String { rawValue }
    }

    /// The format the record was read in, or the one it was made for.
    public var format: Format
    /// CBEFF product identifier owner (ANSI only; 0 for ISO records).
    public var productOwner: Int
    /// CBEFF product identifier type (ANSI only; 0 for ISO records).
    public var productType: Int
    /// The 4-bit capture equipment compliance/certification flags (bit 3: certified).
    public var equipmentCompliance: Int
    /// The 12-bit capture equipment (sensor) id.
    public var equipmentID: Int
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Horizontal resolution in pixels per centimetre.
    public var resolutionX: Int
    /// Vertical resolution in pixels per centimetre.
    public var resolutionY: Int
    /// The finger views, in record order.
    public var views: [FingerView]
    /// What was read leniently (see the type's documentation); empty for a conforming record.
    public var quirks: [String]

    /// Creates a record; `views` get the record's image size and horizontal resolution when written.
    public init(
        format: Format, productOwner: Int = 0, productType: Int = 0, equipmentCompliance: Int = 0,
        equipmentID: Int = 0, width: Int, height: Int, resolutionX: Int = 197, resolutionY: Int = 197,
        views: [FingerView]
    ) {
        self.format = format
        self.productOwner = productOwner
        self.productType = productType
        self.equipmentCompliance = equipmentCompliance
        self.equipmentID = equipmentID
        self.width = width
        self.height = height
        self.resolutionX = resolutionX
        self.resolutionY = resolutionY
        self.views = views
        self.quirks = []
    }

    /// Whether the capture equipment is certified (bit 3 of ``equipmentCompliance``).
    public var equipmentCertified: Bool { equipmentCompliance & 0x8 != 0 }

    /// The fingers' templates, one per view.
    public var fingers: [FingerTemplate] { views.map(\.template) }
}

/// One finger view of a ``MinutiaeRecord``: the template plus what the formats carry beside it.
public struct FingerView: Sendable, Hashable {
    /// Position, quality and minutiae (angles in degrees); width, height and resolution are the
    /// record's.
    public var template: FingerTemplate
    /// View number 0...15 (several views of the same finger).
    public var viewNumber: Int
    /// Impression type 0...15 (0 live-scan plain, 1 live-scan rolled, 2 non-live plain, 3 non-live
    /// rolled, 8 swipe; other codes are kept as read).
    public var impressionType: Int
    /// The extended data areas, raw, in record order: kept in the template
    /// (``NexoKit/FingerTemplate/extendedData``, as a block), so that they travel with it into the
    /// store and out again on export.
    public var extendedData: [ExtendedDataArea] {
        get { ExtendedDataArea.areas(inBlock: template.extendedData) ?? [] }
        set { template.extendedData = ExtendedDataArea.block(newValue) }
    }

    /// Creates a view; `extendedData`, when given, replaces the template's extended data.
    public init(
        template: FingerTemplate, viewNumber: Int = 0, impressionType: Int = 0,
        extendedData: [ExtendedDataArea]? = nil
    ) {
        self.template = template
        self.viewNumber = viewNumber
        self.impressionType = impressionType
        if let extendedData { self.extendedData = extendedData }
    }

    /// The ridge-count data (extended area type 1), decoded, if the view has it.
    public var ridgeCounts: RidgeCounts? {
        extendedData.first { $0.type == RidgeCounts.areaType }.map { RidgeCounts(data: $0.data) }
    }
}

/// An extended data area of a finger view: a type id and its bytes (without the 4-byte header).
public struct ExtendedDataArea: Sendable, Hashable {
    /// Type id: 1 ridge counts, 2 core and delta, 0x0100 and up vendor-defined.
    public var type: Int
    /// The area's data.
    public var data: [UInt8]

    /// Creates an area.
    public init(type: Int, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    /// `areas` as an extended data block: each area's type, its length counting the 4-byte
    /// header, then its data (types and lengths truncated to 16 bits; ``MinutiaeRecord/bytes(as:)``
    /// refuses what does not fit before it gets here).
    public static func block(_ areas: [ExtendedDataArea]) -> [UInt8] {
        var block: [UInt8] = []
        for area in areas {
            let length = area.data.count + 4
            block += [
                UInt8(truncatingIfNeeded: area.type >> 8), UInt8(truncatingIfNeeded: area.type),
                UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length),
            ]
            block += area.data
        }
        return block
    }

    /// The areas of an extended data block, or `nil` when they do not fill it exactly. Area
    /// lengths count their 4-byte header (`countingHeader`) or not; the last area may run up to
    /// `shortBy` bytes past the block, and then keeps the data there is.
    public static func areas(inBlock block: [UInt8], countingHeader: Bool = true, shortBy: Int = 0)
        -> [ExtendedDataArea]?
    {
        var areas: [ExtendedDataArea] = []
        var i = 0
        while i < block.count {
            guard i + 4 <= block.count else { return nil }
            let type = Int(block[i]) << 8 | Int(block[i + 1])
            let length = Int(block[i + 2]) << 8 | Int(block[i + 3])
            let dataCount = countingHeader ? length - 4 : length
            guard dataCount >= 0, i + 4 + dataCount <= block.count + shortBy else { return nil }
            let end = min(i + 4 + dataCount, block.count)
            guard end == i + 4 + dataCount || end == block.count else { return nil }
            areas.append(ExtendedDataArea(type: type, data: Array(block[i + 4..<end])))
            i = end
        }
        return areas
    }
}

/// Ridge counts between pairs of minutiae (extended data area type 1).
public struct RidgeCounts: Sendable, Hashable {
    /// The extended data area type that holds ridge counts.
    public static let areaType = 1

    /// How neighbours were chosen.
    public enum Method: Int, Sendable, Hashable {
        /// Not specified.
        case nonSpecific = 0
        /// Nearest neighbour in each of four quadrants.
        case quadrants = 1
        /// Nearest neighbour in each of eight octants.
        case octants = 2
    }

    /// One count: ridges crossed between minutia `from` and minutia `to` (record indexes).
    public struct Edge: Sendable, Hashable {
        /// Index of the centre minutia in the view's minutiae.
        public var from: Int
        /// Index of the neighbour minutia.
        public var to: Int
        /// Number of ridges crossed.
        public var count: Int

        /// Creates an edge.
        public init(from: Int, to: Int, count: Int) {
            self.from = from
            self.to = to
            self.count = count
        }
    }

    /// The extraction method byte, decoded; `nil` for a code the standards do not define.
    public var method: Method?
    /// The counts, in record order (a trailing partial entry is dropped).
    public var edges: [Edge]

    /// Decodes the data of a type-1 area; empty data gives no method and no edges.
    public init(data: [UInt8]) {
        method = data.first.flatMap { Method(rawValue: Int($0)) }
        edges = []
        var i = 1
        while i + 3 <= data.count {
            edges.append(Edge(from: Int(data[i]), to: Int(data[i + 1]), count: Int(data[i + 2])))
            i += 3
        }
    }
}
