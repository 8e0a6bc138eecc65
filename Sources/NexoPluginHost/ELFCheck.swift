import NexoFiles

/// Checks that a file is a complete ELF shared library for this machine, before `dlopen(3)` maps it.
///
/// The dynamic linker trusts the headers: it maps each loadable segment's file range and reads it,
/// so a library cut short (an interrupted copy or download) kills the process with `SIGBUS` inside
/// `dlopen`, where nothing can catch it. This check reads only the headers and refuses, with the
/// reason, a file whose ELF header, program headers, segments, section header table or sections do
/// not lie inside it, or that is not a 64-bit little-endian shared library for this machine.
///
/// Related documentation: `elf(5)`, the System V ABI's "Object Files" and "Program Loading" chapters.
enum ELFCheck {
    /// Why a file is not a loadable library: `<what is wrong>; <how to fix it>`, without the path.
    struct Problem: Error, Sendable, Hashable {
        var reason: String
    }

    /// Reads up to `count` bytes at an offset (fewer only at the end of the file).
    typealias Reader = (_ offset: UInt64, _ count: Int) throws(FileSystem.Failure) -> [UInt8]

    /// `e_machine` of this process: the machine a library must be built for.
    static var hostMachine: UInt16 {
        #if arch(x86_64)
            return 62 // EM_X86_64
        #elseif arch(arm64)
            return 183 // EM_AARCH64
        #else
            #error("ELFCheck needs the ELF machine number of this architecture")
        #endif
    }

    /// Checks the file of `size` bytes that `read` reads.
    /// - Throws: the first problem found.
    static func check(size: UInt64, read: Reader) throws(ELFCheck.Problem) {
        let header = try bytes(read, at: 0, count: 64)
        guard header.count >= 4, header[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]) else {
            throw Problem(
                reason:
                    "not an ELF library (it does not start with the ELF magic number); rebuild it or remove it from "
                    + "the plugin directory"
            )
        }
        guard header.count == 64 else {
            throw incomplete("the ELF header", endsAt: 64, size: size)
        }
        guard header[4] == 2 else {
            throw Problem(
                reason:
                    "built for a 32-bit machine (ELF class \(header[4])), this machine is 64-bit; rebuild the plugin "
                    + "on this machine"
            )
        }
        guard header[5] == 1 else {
            throw Problem(
                reason:
                    "built for a big-endian machine (ELF data encoding \(header[5])), this machine is little-endian; "
                    + "rebuild the plugin on this machine"
            )
        }
        let fields = Fields(header)
        let type = fields.u16(16), machine = fields.u16(18)
        guard machine == hostMachine else {
            throw Problem(
                reason:
                    "built for another machine (ELF machine \(machine)), this machine is \(hostMachine); rebuild the "
                    + "plugin on this machine"
            )
        }
        guard type == 3 else { // ET_DYN
            throw Problem(
                reason:
                    "not a shared library (ELF type \(type)); build it as a dynamic library product (type: .dynamic)")
        }
        guard fields.u16(52) == 64 else { // e_ehsize
            throw invalid("its ELF header size is \(fields.u16(52)) bytes, not 64")
        }
        let programHeaders = fields.u64(32), sectionHeaders = fields.u64(40)
        var programCount = UInt64(fields.u16(56)), sectionCount = UInt64(fields.u16(60))
        let programEntry = fields.u16(54), sectionEntry = fields.u16(58)

        // Extended numbering: more than 0xFFFE sections or headers keep their count in section 0.
        if sectionHeaders != 0 && (sectionCount == 0 || programCount == 0xFFFF) {
            guard sectionEntry == 64 else { throw invalid("its section header size is \(sectionEntry) bytes, not 64") }
            let first = Fields(try bytes(read, at: sectionHeaders, count: 64))
            guard first.count == 64 else {
                throw incomplete("the section header table", endsAt: sectionHeaders &+ 64, size: size)
            }
            if sectionCount == 0 { sectionCount = first.u64(32) }
            if programCount == 0xFFFF { programCount = UInt64(first.u32(44)) }
        }

        guard programCount > 0 else { throw invalid("it has no program headers") }
        guard programEntry == 56 else { throw invalid("its program header size is \(programEntry) bytes, not 56") }
        try inside(
            "the program header table", offset: programHeaders,
            length: programCount.multipliedReportingOverflow(by: 56), size: size)
        // Each table is read in one pread: it lies inside the file, so it is no larger than the file.
        let programTable = try bytes(read, at: programHeaders, count: Int(programCount * 56))
        var loadable = 0
        for index in 0..<programCount {
            let entry = Fields(programTable, at: Int(index) * 56)
            let type = entry.u32(0), offset = entry.u64(8), fileSize = entry.u64(32), memorySize = entry.u64(40)
            if type == 0 || fileSize == 0 { continue } // PT_NULL, or nothing read from the file
            if type == 1 { // PT_LOAD
                loadable += 1
                guard fileSize <= memorySize else {
                    throw invalid(
                        "program header \(index) (a loadable segment) has more bytes in the file than in memory")
                }
            }
            try inside(
                "program header \(index) (\(segmentName(type)))", offset: offset, length: (fileSize, false), size: size)
        }
        guard loadable > 0 else { throw invalid("it has no loadable segment") }

        guard sectionHeaders != 0 || sectionCount != 0 else { return } // a stripped file may have no section table
        guard sectionEntry == 64 else { throw invalid("its section header size is \(sectionEntry) bytes, not 64") }
        try inside(
            "the section header table", offset: sectionHeaders,
            length: sectionCount.multipliedReportingOverflow(by: 64), size: size)
        let sectionTable = try bytes(read, at: sectionHeaders, count: Int(sectionCount * 64))
        for index in 0..<sectionCount {
            let entry = Fields(sectionTable, at: Int(index) * 64)
            let type = entry.u32(4), offset = entry.u64(24), length = entry.u64(32)
            if type == 0 || type == 8 || length == 0 { continue } // SHT_NULL, SHT_NOBITS: nothing in the file
            try inside("section \(index)", offset: offset, length: (length, false), size: size)
        }
    }

    /// The bytes at `offset`, refusing a read error as a problem.
    private static func bytes(_ read: Reader, at offset: UInt64, count: Int) throws(ELFCheck.Problem) -> [UInt8] {
        do { return try read(offset, count) } catch {
            throw Problem(reason: "cannot read it (\(error.message)); check the file and the disk")
        }
    }

    /// Refuses a range `offset ..< offset + length` that does not lie inside a file of `size` bytes.
    private static func inside(
        _ what: String, offset: UInt64, length: (partialValue: UInt64, overflow: Bool),
        size: UInt64
    ) throws(ELFCheck.Problem) {
        let end = offset.addingReportingOverflow(length.partialValue)
        guard !length.overflow, !end.overflow else {
            throw invalid("\(what) ends beyond any possible file size")
        }
        if end.partialValue > size { throw incomplete(what, endsAt: end.partialValue, size: size) }
    }

    private static func incomplete(_ what: String, endsAt end: UInt64, size: UInt64) -> Problem {
        Problem(
            reason:
                "not a complete ELF library: \(what) ends at byte \(grouped(end)) but the file has \(grouped(size)) "
                + "bytes; reinstall or rebuild the plugin"
        )
    }

    private static func invalid(_ what: String) -> Problem {
        Problem(reason: "not a valid ELF library: \(what); reinstall or rebuild the plugin")
    }

    private static func segmentName(_ type: UInt32) -> String {
        switch type {
        case 1: "a loadable segment"
        case 2: "the dynamic section"
        case 3: "the interpreter path"
        case 4: "a note segment"
        case 6: "the program header table"
        case 7: "the thread-local storage template"
        case 0x6474_E550: "the exception frame index"
        default: "a segment of type 0x\(String(type, radix: 16))"
        }
    }

    /// `203112` as `203,112`.
    static func grouped(_ number: UInt64) -> String {
        var digits = Array(String(number))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    /// Little-endian fields of a header: the one at `base` in `bytes` (a table read whole).
    private struct Fields {
        let bytes: [UInt8]
        let base: Int
        init(_ bytes: [UInt8], at base: Int = 0) {
            self.bytes = bytes
            self.base = base
        }
        var count: Int { bytes.count - base }

        func u16(_ at: Int) -> UInt16 { UInt16(value(at, 2)) }
        func u32(_ at: Int) -> UInt32 { UInt32(value(at, 4)) }
        func u64(_ at: Int) -> UInt64 { value(at, 8) }

        /// A short read (past the end of the file) reads as zeros: the range checks catch it.
        private func value(_ field: Int, _ width: Int) -> UInt64 {
            let at = base + field
            var result: UInt64 = 0
            for i in (0..<width).reversed() {
                result = result << 8 | UInt64(at + i < bytes.count ? bytes[at + i] : 0)
            }
            return result
        }
    }
}
