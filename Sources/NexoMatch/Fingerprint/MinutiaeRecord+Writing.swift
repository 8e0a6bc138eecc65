import Glibc
import NexoKit
import NexoTemplateMath

extension MinutiaeRecord {
    /// Writes the record in `format` (ISO/IEC 19794-2:2005 or ANSI INCITS 378-2004).
    ///
    /// Angles in degrees are rounded to the format's units (360/256° or 2°) modulo one turn;
    /// extended-data area lengths count their 4-byte header; the record length is computed.
    /// Each view's minutiae use the record's image size: a view's template width, height and
    /// resolution are not written.
    /// - Throws: `invalid-input` naming the view, minutia and field whose value the format cannot
    ///   hold (coordinates 0...16383, at most 255 views and 255 minutiae per view, qualities 0...100).
    public func bytes(as format: Format) throws(NexoError) -> [UInt8] {
        func check(_ ok: Bool, _ what: @autoclosure () -> String, _ value: Int, _ range: String) throws(NexoError) {
            guard ok else {
                throw NexoError(
                    .invalidInput, "cannot write \(format) record: \(what()) is \(value), outside \(range)",
                    hint: "fix the value before exporting")
            }
        }
        try check(views.count <= 255, "the number of finger views", views.count, "0...255")
        for (name, value) in [
            ("image width", width), ("image height", height), ("horizontal resolution", resolutionX),
            ("vertical resolution", resolutionY),
        ] {
            try check((0...0xFFFF).contains(value), name, value, "0...65535")
        }
        try check((0...15).contains(equipmentCompliance), "the equipment compliance", equipmentCompliance, "0...15")
        try check((0...0xFFF).contains(equipmentID), "the equipment id", equipmentID, "0...4095")
        var w = RecordWriter()
        w.bytes = Self.magic + Self.version
        let lengthAt = w.bytes.count
        switch format {
        case .iso19794_2_2005:
            w.u32(0)
        case .ansi378_2004:
            w.u16(0)
            try check((0...0xFFFF).contains(productOwner), "the CBEFF product owner", productOwner, "0...65535")
            try check((0...0xFFFF).contains(productType), "the CBEFF product type", productType, "0...65535")
            w.u16(productOwner)
            w.u16(productType)
        }
        w.u16(equipmentCompliance << 12 | equipmentID)
        w.u16(width)
        w.u16(height)
        w.u16(resolutionX)
        w.u16(resolutionY)
        w.u8(views.count)
        w.u8(0)
        for (vi, view) in views.enumerated() {
            let v = vi + 1
            let t = view.template
            try check((0...15).contains(t.position), "the finger position of view \(v)", t.position, "0...15")
            try check((0...15).contains(view.viewNumber), "the view number of view \(v)", view.viewNumber, "0...15")
            try check(
                (0...15).contains(view.impressionType), "the impression type of view \(v)", view.impressionType,
                "0...15")
            try check((0...100).contains(t.quality), "the finger quality of view \(v)", t.quality, "0...100")
            try check(t.minutiae.count <= 255, "the number of minutiae of view \(v)", t.minutiae.count, "0...255")
            w.u8(t.position)
            w.u8(view.viewNumber << 4 | view.impressionType)
            w.u8(t.quality)
            w.u8(t.minutiae.count)
            for (mi, m) in t.minutiae.enumerated() {
                let name = "minutia \(mi + 1) of view \(v)"
                try check((0...0x3FFF).contains(m.x), "x of \(name)", m.x, "0...16383")
                try check((0...0x3FFF).contains(m.y), "y of \(name)", m.y, "0...16383")
                try check((0...100).contains(m.quality), "the quality of \(name)", m.quality, "0...100")
                guard m.angle.isFinite else {
                    throw NexoError(
                        .invalidInput, "cannot write \(format) record: the angle of \(name) is not a number",
                        hint: "fix the value before exporting")
                }
                let type: Int
                switch m.kind {
                case .other: type = 0
                case .ending: type = 1
                case .bifurcation: type = 2
                }
                w.u16(type << 14 | m.x)
                w.u16(m.y)
                w.u8(Self.angleUnits(m.angle, format: format))
                w.u8(m.quality)
            }
            var block: [UInt8] = []
            for area in view.extendedData {
                try check(
                    (0...0xFFFF).contains(area.type), "an extended data type of view \(v)", area.type, "0...65535")
                try check(
                    area.data.count + 4 <= 0xFFFF, "an extended data area length of view \(v)", area.data.count + 4,
                    "4...65535")
                let length = area.data.count + 4
                block += [UInt8(area.type >> 8), UInt8(area.type & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF)]
                block += area.data
            }
            try check(block.count <= 0xFFFF, "the extended data block length of view \(v)", block.count, "0...65535")
            w.u16(block.count)
            w.bytes += block
        }
        let total = w.bytes.count
        switch format {
        case .iso19794_2_2005:
            w.put(total, at: lengthAt, width: 4)
        case .ansi378_2004 where total <= 0xFFFF:
            w.put(total, at: lengthAt, width: 2)
        case .ansi378_2004:
            // Long form: 0x0000 then a 4-byte length, which makes the record 4 bytes longer.
            w.bytes.insert(contentsOf: [0, 0, 0, 0], at: lengthAt + 2)
            w.put(total + 4, at: lengthAt + 2, width: 4)
        }
        return w.bytes
    }

    /// `degrees` in the format's angle units, rounded, modulo one turn.
    static func angleUnits(_ degrees: Double, format: Format) -> Int {
        let turn = format == .iso19794_2_2005 ? 256 : 180
        let units = Int(clampingFloat: degrees * Double(turn) / 360, rounding: .toNearestOrAwayFromZero) % turn
        return units < 0 ? units + turn : units
    }
}
