import NexoThreads
import Testing

@Suite struct ParallelWorkTests {
    @Test func mapsEveryItemOnceInOrder() {
        let squares = ParallelWork.map(10_000) { i in i * i }
        #expect(squares == (0..<10_000).map { $0 * $0 })
        #expect(ParallelWork.map(0) { $0 }.isEmpty)
        #expect(ParallelWork.map(1) { $0 + 42 } == [42])
    }

    @Test func resultsThatOwnMemorySurviveTheThreads() {
        let texts = ParallelWork.map(500) { i in String(repeating: "x", count: i % 37) + "\(i)" }
        #expect(texts == (0..<500).map { String(repeating: "x", count: $0 % 37) + "\($0)" })
    }

    @Test func aGuardedValueWakesItsWaiter() throws {
        let flag = Guarded(false)
        try BackgroundThread.start { flag.withLock { $0 = true } }
        #expect(flag.wait(milliseconds: 10_000) { $0 })
    }
}
