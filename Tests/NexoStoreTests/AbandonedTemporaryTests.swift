import Glibc
import NexoFiles
import Testing

/// Temporary files of writes a killed process abandoned are removed once old, and nothing else is: not a write
/// still going on, not a file of another name.
@Suite struct AbandonedTemporaryTests {
    @Test func onlyOldTemporariesOfThatFileGo() throws {
        let directory = TemporaryDirectory()
        let target = directory.file("s.db.face-index")
        func make(_ name: String, ageSeconds: Int) {
            let path = directory.file(name)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            #expect(fd >= 0)
            close(fd)
            var now = timeval()
            gettimeofday(&now, nil)
            var times = [timeval(tv_sec: now.tv_sec - ageSeconds, tv_usec: 0)]
            times.append(times[0])
            #expect(utimes(path, times) == 0)
        }
        make(".s.db.face-index.1f2e3d4c.tmp", ageSeconds: 7_200) // abandoned
        make(".s.db.face-index.aa.tmp", ageSeconds: 60) // being written
        make(".s.db.face-index.notHex.tmp", ageSeconds: 7_200) // not one of ours
        make(".s.db.7a7a7a7a.tmp", ageSeconds: 7_200) // another file's
        #expect(FileWriter.removeAbandonedTemporaries(of: target, unmodifiedFor: 3_600) == 1)
        #expect(access(directory.file(".s.db.face-index.1f2e3d4c.tmp"), F_OK) != 0)
        for kept in [".s.db.face-index.aa.tmp", ".s.db.face-index.notHex.tmp", ".s.db.7a7a7a7a.tmp"] {
            #expect(access(directory.file(kept), F_OK) == 0, "\(kept)")
        }
    }
}
