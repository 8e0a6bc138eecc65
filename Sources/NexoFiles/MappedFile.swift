import Glibc
import NexoKit

/// A file mapped read-only into memory with `mmap(2)`: its bytes are read in place, paged in on
/// first touch from the page cache that every process on the machine shares, and never copied.
/// It is the one place Nexo maps a file (the match engine's index files).
///
/// The file is opened with `O_NOFOLLOW` (a symbolic link is refused, as ``FileWriter`` refuses
/// writing through one) and must be a regular file. The mapping is `MAP_SHARED` and read-only:
/// a file replaced by `rename(2)` keeps the old inode mapped until this value goes away, so a
/// reader never sees a writer's half-written file. (A file truncated in place under a mapping
/// makes reads past its new end fault: Nexo's index files are only ever replaced, never
/// truncated.)
///
/// Related documentation: mmap(2), madvise(2), open(2) (`O_NOFOLLOW`).
public final class MappedFile: @unchecked Sendable {
    /// The path, for messages.
    public let path: String
    /// The file's bytes. Valid as long as this value is alive; immutable (`PROT_READ`).
    public let bytes: UnsafeRawBufferPointer
    /// The file's size, device and inode when it was mapped (to tell whether the path now names
    /// another file).
    public let status: FileSystem.Status

    /// Maps `path`. Throws `not-found` when it does not exist, `invalid-input` when it is a link
    /// or not a regular file, `failed` when it cannot be opened or mapped.
    public init(path: String) throws(NexoError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP {
                throw NexoError(.invalidInput, "'\(path)' is a symbolic link", hint: "name the file itself")
            }
            throw NexoError(
                code == ENOENT ? .notFound : .failed, "cannot open '\(path)': \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw NexoError(.failed, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw NexoError(.invalidInput, "'\(path)' is not a regular file", hint: "remove it; it is rebuilt")
        }
        status = FileSystem.Status(info)
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw NexoError(.failed, "cannot map '\(path)': \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// Tells the kernel that `range` of the file is read at random places (`MADV_RANDOM`): a page fault there
    /// reads that page, not the megabytes after it (readahead suits files read front to back).
    public func willReadRandomly(_ range: Range<Int>) { advise(range, MADV_RANDOM) }

    /// Tells the kernel that `range` of the file will be read soon (`MADV_WILLNEED`): it starts
    /// reading those pages in, so a first search does not wait for them one fault at a time.
    public func willNeed(_ range: Range<Int>) {
        advise(range, MADV_WILLNEED)
    }

    private func advise(_ range: Range<Int>, _ advice: Int32) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / page * page
        let end = min(bytes.count, range.upperBound)
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, advice)
    }
}
