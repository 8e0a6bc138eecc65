import Testing

@testable import NexoPluginHost

/// The ELF check before `dlopen`: synthetic headers for the exact messages, and the real Notes
/// library, whole and cut short. Nothing here calls `dlopen`, so a check that let a bad file
/// through could not crash the test runner.
@Suite struct ELFCheckTests {
    private func problem(_ elf: SyntheticELF) -> String? {
        problem(elf.bytes)
    }

    private func problem(_ bytes: [UInt8]) -> String? {
        do {
            try ELFCheck.check(size: UInt64(bytes.count)) { offset, count in
                let start = Int(min(offset, UInt64(bytes.count)))
                return Array(bytes[start..<min(bytes.count, start + count)])
            }
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func acceptsACompleteLibrary() {
        #expect(problem(SyntheticELF()) == nil)
    }

    @Test func refusesALoadableSegmentPastTheEnd() {
        var elf = SyntheticELF()
        elf.size = 150_000
        elf.segments[0] = .init(type: 1, offset: 0, fileSize: 203_112, memorySize: 203_112)
        elf.sectionTable = 150_000 - 3 * 64
        #expect(
            problem(elf)
                == "not a complete ELF library: program header 0 (a loadable segment) ends at byte 203,112 but the "
                + "file has 150,000 bytes; reinstall or rebuild the plugin"
        )
    }

    @Test func refusesAFileCutShort() {
        let bytes = SyntheticELF().bytes
        #expect(
            problem(Array(bytes.prefix(40)))
                == "not a complete ELF library: the ELF header ends at byte 64 but the file has 40 bytes; reinstall "
                + "or rebuild the plugin"
        )
        #expect(
            problem(Array(bytes.prefix(100)))
                == "not a complete ELF library: the program header table ends at byte 176 but the file has 100 "
                + "bytes; reinstall or rebuild the plugin"
        )
        #expect(
            problem(Array(bytes.prefix(1_000)))
                == "not a complete ELF library: program header 0 (a loadable segment) ends at byte 2,048 but the "
                + "file has 1,000 bytes; reinstall or rebuild the plugin"
        )
        #expect(
            problem(Array(bytes.prefix(4_000)))
                == "not a complete ELF library: the section header table ends at byte 4,096 but the file has 4,000 "
                + "bytes; reinstall or rebuild the plugin"
        )
    }

    @Test func refusesASectionPastTheEnd() {
        var elf = SyntheticELF()
        elf.sections[1] = .init(type: 1, offset: 0x800, size: 0x2000)
        #expect(
            problem(elf)
                == "not a complete ELF library: section 1 ends at byte 10,240 but the file has 4,096 bytes; "
                + "reinstall or rebuild the plugin"
        )
    }

    @Test func refusesOffsetsThatOverflow() {
        var elf = SyntheticELF()
        elf.segments[1] = .init(type: 2, offset: .max - 10, fileSize: 0x100, memorySize: 0x100)
        #expect(
            problem(elf)
                == "not a valid ELF library: program header 1 (the dynamic section) ends beyond any possible file "
                + "size; reinstall or rebuild the plugin"
        )
    }

    @Test func refusesWhatIsNotALibraryForThisMachine() {
        #expect(
            problem(Array("not a library at all, just some text that is longer than a header".utf8))
                == "not an ELF library (it does not start with the ELF magic number); rebuild it or remove it from "
                + "the plugin directory"
        )
        var elf = SyntheticELF()
        elf.elfClass = 1
        #expect(
            problem(elf)
                == "built for a 32-bit machine (ELF class 1), this machine is 64-bit; rebuild the plugin on this "
                + "machine"
        )
        elf = SyntheticELF()
        elf.encoding = 2
        #expect(
            problem(elf)
                == "built for a big-endian machine (ELF data encoding 2), this machine is little-endian; rebuild the "
                + "plugin on this machine"
        )
        elf = SyntheticELF()
        elf.machine = 3
        #expect(
            problem(elf)
                == "built for another machine (ELF machine 3), this machine is \(ELFCheck.hostMachine); rebuild the "
                + "plugin on this machine"
        )
        elf = SyntheticELF()
        elf.type = 2
        #expect(
            problem(elf) == "not a shared library (ELF type 2); build it as a dynamic library product (type: .dynamic)")
    }

    @Test func refusesALibraryWithoutLoadableSegments() {
        var elf = SyntheticELF()
        elf.segments[0].type = 4
        #expect(problem(elf) == "not a valid ELF library: it has no loadable segment; reinstall or rebuild the plugin")
    }

    @Test func acceptsTheRealNotesLibrary() throws {
        #expect(problem(try Files.read(BuildProducts.notesLibrary)) == nil)
    }

    @Test(arguments: [1, 63, 64, 1_000, 10_000, 100_000, 200_000, -1])
    func refusesTheRealNotesLibraryCutShort(length: Int) throws {
        let whole = try Files.read(BuildProducts.notesLibrary)
        let cut = Array(whole.prefix(length > 0 ? length : whole.count + length))
        let reason = try #require(problem(cut))
        #expect(reason.hasPrefix(length == 1 ? "not an ELF library" : "not a complete ELF library: "))
        #expect(
            reason.hasSuffix(
                length == 1
                    ? "remove it from the plugin directory"
                    : "but the file has \(ELFCheck.grouped(UInt64(cut.count))) bytes; reinstall or rebuild the plugin"))
    }

    @Test func groupsDigitsByThousands() {
        #expect(ELFCheck.grouped(0) == "0")
        #expect(ELFCheck.grouped(999) == "999")
        #expect(ELFCheck.grouped(1_000) == "1,000")
        #expect(ELFCheck.grouped(203_112) == "203,112")
        #expect(ELFCheck.grouped(12_345_678) == "12,345,678")
    }
}

/// A small ELF64 shared-library image: header, program headers and section headers, laid out as
/// the fields say (nothing checks them but the test). By default a complete 4,096-byte library:
/// a loadable segment over the first 2,048 bytes, a dynamic section inside it, a section table of
/// three entries at the end.
struct SyntheticELF {
    struct Segment {
        var type: UInt32
        var offset: UInt64
        var fileSize: UInt64
        var memorySize: UInt64
    }

    struct Section {
        var type: UInt32
        var offset: UInt64
        var size: UInt64
    }

    var size = 4_096
    var elfClass: UInt8 = 2
    var encoding: UInt8 = 1
    var type: UInt16 = 3
    var machine = ELFCheck.hostMachine
    var segments = [
        Segment(type: 1, offset: 0, fileSize: 0x800, memorySize: 0x800),
        Segment(type: 2, offset: 0x700, fileSize: 0x100, memorySize: 0x100),
    ]
    var sectionTable = 4_096 - 3 * 64
    var sections = [
        Section(type: 0, offset: 0, size: 0), Section(type: 1, offset: 0x800, size: 0x400),
        Section(type: 8, offset: 0xC00, size: 0x10000),
    ]

    var bytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        func put(_ value: UInt64, at offset: Int, width: Int) {
            for i in 0..<width where offset + i < size {
                bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))
            }
        }
        bytes.replaceSubrange(0..<4, with: [0x7F, 0x45, 0x4C, 0x46])
        bytes[4] = elfClass
        bytes[5] = encoding
        bytes[6] = 1
        put(UInt64(type), at: 16, width: 2)
        put(UInt64(machine), at: 18, width: 2)
        put(1, at: 20, width: 4)
        put(64, at: 32, width: 8) // e_phoff
        put(UInt64(sectionTable), at: 40, width: 8)
        put(64, at: 52, width: 2) // e_ehsize
        put(56, at: 54, width: 2)
        put(UInt64(segments.count), at: 56, width: 2)
        put(64, at: 58, width: 2)
        put(UInt64(sections.count), at: 60, width: 2)
        for (index, segment) in segments.enumerated() {
            let base = 64 + index * 56
            put(UInt64(segment.type), at: base, width: 4)
            put(segment.offset, at: base + 8, width: 8)
            put(segment.fileSize, at: base + 32, width: 8)
            put(segment.memorySize, at: base + 40, width: 8)
        }
        for (index, section) in sections.enumerated() {
            let base = sectionTable + index * 64
            put(UInt64(section.type), at: base + 4, width: 4)
            put(section.offset, at: base + 24, width: 8)
            put(section.size, at: base + 32, width: 8)
        }
        return bytes
    }
}
