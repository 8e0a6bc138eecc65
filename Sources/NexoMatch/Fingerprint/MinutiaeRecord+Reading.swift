import NexoKit
import NexoText

extension MinutiaeRecord {
    /// The 4-byte magic both formats start with: `FMR\0`.
    static let magic: [UInt8] = [0x46, 0x4D, 0x52, 0x00]
    /// The version both formats carry: ` 20\0`.
    static let version: [UInt8] = [0x20, 0x32, 0x30, 0x00]
    /// How far a record-length field may be from the end of the finger views (in either
    /// direction) for the record to be read, with a warning, when every view is intact.
    public static let lengthSlack = 8
    /// How many bytes the last view's extended data block may run past the end of the input.
    static let extendedDataSlack = 2

    /// Reads a record, detecting ISO/IEC 19794-2:2005 or ANSI INCITS 378-2004 from the header.
    ///
    /// Both formats begin `FMR\0 20\0`; they differ in what follows: ISO has a 4-byte record
    /// length, ANSI a 2-byte one (or `0000` and a 4-byte one) and then a CBEFF product id. The
    /// layout whose length field fits the input is tried first, then the other; if neither
    /// decodes, the first one's error is thrown.
    public init(bytes: [UInt8]) throws(NexoError) {
        let first = Self.likelyFormat(bytes)
        let second: Format = first == .iso19794_2_2005 ? .ansi378_2004 : .iso19794_2_2005
        do {
            self = try Self(bytes: bytes, format: first)
        } catch {
            guard let other = try? Self(bytes: bytes, format: second) else { throw error }
            self = other
        }
    }

    /// Reads a record in the given format (no detection).
    public init(bytes: [UInt8], format: Format) throws(NexoError) {
        var r = RecordReader(bytes, format: format)
        var quirks: [String] = []
        let magic = try r.take(4, "magic")
        guard magic == Self.magic else {
            throw NexoError(
                .invalidInput,
                "not a finger minutiae record: bytes 0-3 are \(Self.hex(magic)), expected 46 4D 52 00 (\"FMR\\0\")",
                hint: "import ISO/IEC 19794-2:2005 or ANSI INCITS 378-2004 minutiae records (.ist, .ansi, .fmr)")
        }
        let version = try r.take(4, "version")
        if version != Self.version {
            if format == .ansi378_2004, version == [0x30, 0x32, 0x30, 0x00] {
                quirks.append("version field at offset 4 reads \"020\" instead of \" 20\"")
            } else {
                throw NexoError(
                    .invalidInput,
                    "unsupported minutiae record version at offset 4: \(Self.hex(version)) "
                        + "(\"\(Self.text(version))\", \(Self.edition(version))); "
                        + "this nexo reads \" 20\" (ISO/IEC 19794-2:2005, ANSI INCITS 378-2004)",
                    hint: "convert the record to the 2004/2005 edition with its vendor's tool")
            }
        }
        let declared: Int
        let headerSize: Int
        switch format {
        case .iso19794_2_2005:
            declared = try r.u32("record length")
            headerSize = 24
        case .ansi378_2004:
            let short = try r.u16("record length")
            if short == 0 {
                declared = try r.u32("extended record length")
                headerSize = 30
            } else {
                declared = short
                headerSize = 26
            }
        }
        guard declared >= headerSize else {
            throw r.invalid(
                "record length", at: 8, "is \(declared), smaller than the \(headerSize)-byte header",
                hint: "the length field is damaged; check which format the file is in")
        }
        // A record cut short is reported by its length field, unless its views turn out intact.
        let cutShort = NexoError(
            .invalidInput,
            "\(format) record truncated: record length at offset 8 declares \(declared) bytes, but the input ends at "
                + "byte \(bytes.count)",
            hint: "the record is cut short; read the whole file or re-export it")
        guard declared <= bytes.count + Self.lengthSlack else { throw cutShort }
        if format == .ansi378_2004 {
            productOwner = try r.u16("CBEFF product owner")
            productType = try r.u16("CBEFF product type")
        } else {
            productOwner = 0
            productType = 0
        }
        let equipment = try r.u16("capture equipment")
        equipmentCompliance = equipment >> 12
        equipmentID = equipment & 0x0FFF
        width = try r.u16("image width")
        height = try r.u16("image height")
        resolutionX = try r.u16("horizontal resolution")
        resolutionY = try r.u16("vertical resolution")
        let viewCount = try r.u8("number of finger views")
        _ = try r.u8("reserved byte")
        self.format = format
        views = []
        self.quirks = []
        do throws(NexoError) {
            for v in 0..<viewCount {
                // Only when the record length agrees with the input is a short last block the
                // block's own miscount rather than a sign that some count before it is wrong.
                views.append(
                    try readView(
                        &r, index: v + 1, shortBlockAllowed: v + 1 == viewCount && declared == bytes.count,
                        quirks: &quirks))
            }
        } catch {
            throw declared > bytes.count && error.message.containsText("truncated") ? cutShort : error
        }
        let end = r.offset
        if bytes[end...].contains(where: { $0 != 0 }) {
            throw r.invalid(
                "content", at: end, "is followed by \(bytes.count - end) byte(s) after the end of the record",
                hint: "pass one record at a time; split concatenated records by their length fields")
        }
        if declared != end {
            guard abs(declared - end) <= Self.lengthSlack else {
                throw r.invalid(
                    "record length", at: 8, "declares \(declared) bytes, but the finger views end at byte \(end)",
                    hint: "the record is inconsistent: a count or length field is wrong; re-export it")
            }
            quirks.append("record length field at offset 8 says \(declared) bytes, content has \(end)")
        }
        if bytes.count > end {
            quirks.append("\(bytes.count - end) zero byte(s) of padding after the record, from offset \(end)")
        }
        self.quirks = quirks
    }

    private func readView(_ r: inout RecordReader, index v: Int, shortBlockAllowed: Bool, quirks: inout [String])
        throws(NexoError) -> FingerView
    {
        let start = r.offset
        let position = try r.u8("finger position of view \(v)")
        guard position <= 15 else {
            throw r.invalid(
                "finger position of view \(v)", at: start, "is \(position); positions are 0...15",
                hint: "the record is damaged or not a minutiae record")
        }
        let viewImpression = try r.u8("view number/impression type of view \(v)")
        let quality = try r.u8("finger quality of view \(v)")
        guard quality <= 100 else {
            throw r.invalid(
                "finger quality of view \(v)", at: start + 2, "is \(quality); qualities are 0...100",
                hint: "the record is damaged or was written by a non-conforming tool")
        }
        let count = try r.u8("number of minutiae of view \(v)")
        if views.contains(where: { $0.template.position == position && $0.viewNumber == viewImpression >> 4 }) {
            throw r.invalid(
                "finger position of view \(v)", at: start,
                "repeats finger \(position) view \(viewImpression >> 4) of an earlier view",
                hint: "each finger position/view number pair may appear once")
        }
        var minutiae: [Minutia] = []
        minutiae.reserveCapacity(count)
        var reportedAngle = false
        for index in 0..<count {
            let m = index + 1
            let at = r.offset
            let name = "minutia \(m) of view \(v)"
            let typeX = try r.u16("type/x of \(name)")
            let y = try r.u16("y of \(name)") & 0x3FFF
            let rawAngle = try r.u8("angle of \(name)")
            let mq = try r.u8("quality of \(name)")
            let kind: MinutiaKind
            switch typeX >> 14 {
            case 0: kind = .other
            case 1: kind = .ending
            case 2: kind = .bifurcation
            default:
                throw r.invalid(
                    "type of \(name)", at: at, "is 3, which the standard reserves",
                    hint: "the record is damaged or not in \(r.format)")
            }
            let x = typeX & 0x3FFF
            if width > 0, x >= width {
                throw r.invalid(
                    "x of \(name)", at: at, "is \(x), outside the \(width)-pixel-wide image",
                    hint: "the record is inconsistent; check the image size in the header")
            }
            if height > 0, y >= height {
                throw r.invalid(
                    "y of \(name)", at: at + 2, "is \(y), outside the \(height)-pixel-high image",
                    hint: "the record is inconsistent; check the image size in the header")
            }
            guard mq <= 100 else {
                throw r.invalid(
                    "quality of \(name)", at: at + 5, "is \(mq); qualities are 0...100",
                    hint: "the record is damaged or was written by a non-conforming tool")
            }
            var degrees: Double
            switch r.format {
            case .iso19794_2_2005: degrees = Double(rawAngle) * 360 / 256
            case .ansi378_2004:
                degrees = Double(rawAngle * 2)
                if rawAngle >= 180 {
                    degrees -= 360
                    if !reportedAngle {
                        quirks.append(
                            "view \(v) has angles of 180 or more 2-degree units (first: minutia \(m), \(rawAngle), "
                                + "at offset \(at + 4)); reduced modulo 360 degrees")
                        reportedAngle = true
                    }
                }
            }
            minutiae.append(Minutia(x: x, y: y, angle: degrees, kind: kind, quality: mq))
        }
        let blockAt = r.offset
        let blockLength = try r.u16("extended data block length of view \(v)")
        // The last view's block may run a byte or two past the end: the minutiae are all there.
        let missing = r.offset + blockLength - r.bytes.count
        let short = shortBlockAllowed && (1...Self.extendedDataSlack).contains(missing) ? missing : 0
        let block = try r.take(blockLength - short, "extended data block of view \(v)")
        let areas = try Self.areas(block, at: blockAt + 2, view: v, shortBy: short, reader: r, quirks: &quirks)
        if short > 0 {
            quirks.append(
                "extended data block of view \(v) at offset \(blockAt + 2) declares \(blockLength) bytes but the input "
                    + "ends \(short) byte(s) short, at byte \(r.bytes.count); its last area keeps the bytes there are")
        }
        let template = FingerTemplate(
            position: position, width: width, height: height, resolution: resolutionX,
            quality: quality, minutiae: minutiae)
        return FingerView(
            template: template, viewNumber: viewImpression >> 4, impressionType: viewImpression & 0xF,
            extendedData: areas)
    }

    /// Splits an extended data block into areas. Area lengths may count their 4-byte header
    /// (as the standards' examples do) or not; the reading that fills the block exactly wins.
    private static func areas(
        _ block: [UInt8], at base: Int, view v: Int, shortBy short: Int, reader r: RecordReader,
        quirks: inout [String]
    ) throws(NexoError) -> [ExtendedDataArea] {
        if let areas = ExtendedDataArea.areas(inBlock: block, countingHeader: true, shortBy: short) { return areas }
        if let areas = ExtendedDataArea.areas(inBlock: block, countingHeader: false, shortBy: short) {
            quirks.append("view \(v) extended data area lengths (block at offset \(base)) exclude their 4-byte header")
            return areas
        }
        throw r.invalid(
            "extended data block of view \(v)", at: base,
            "(\(block.count) bytes) is not filled exactly by its areas' type/length fields",
            hint: "the record is inconsistent: an area length is wrong; re-export it")
    }

    /// Which layout the header most likely has, from the length field that fits the input.
    static func likelyFormat(_ bytes: [UInt8]) -> Format {
        func be(_ at: Int, _ width: Int) -> Int? {
            guard at + width <= bytes.count else { return nil }
            return bytes[at..<at + width].reduce(0) { $0 << 8 | Int($1) }
        }
        guard let short = be(8, 2) else { return .iso19794_2_2005 }
        if short != 0 {
            return be(8, 4) == bytes.count ? .iso19794_2_2005 : .ansi378_2004
        }
        if let long = be(10, 4), long > 0xFFFF, long == bytes.count, be(8, 4) != bytes.count {
            return .ansi378_2004
        }
        return .iso19794_2_2005
    }

    /// Which edition a version field other than ` 20` belongs to, in words.
    static func edition(_ version: [UInt8]) -> String {
        let version = text(version)
        return switch version.hasPrefix(" ") ? version.dropFirst() : Substring(version) {
        case "030": "the ISO/IEC 19794-2:2011 or ANSI INCITS 378-2009 edition"
        case "035": "the ANSI INCITS 378-2009/AM 1 edition"
        case "010": "a pre-2004 draft"
        default: "not an edition of either standard"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { b in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
        }.joined(separator: " ")
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(bytes.prefix { $0 != 0 }.map { $0 >= 0x20 && $0 < 0x7F ? Character(Unicode.Scalar($0)) : "?" })
    }
}
