import NexoKit
import NexoThreads

/// One match engine shared by several threads — a shell's commands and its background jobs. The
/// engine is not thread-safe: every call goes through ``matcher(storage:)``, whose calls take one
/// lock, so one runs at a time.
public final class SharedEngine: @unchecked Sendable {
    // @unchecked: `engine` is only used with `lock` held.
    private let engine: MatchEngine
    private let lock = Guarded(())

    /// Shares `engine`, which must not be used other than through this.
    public init(_ engine: MatchEngine) { self.engine = engine }

    /// The engine seen through a store session, one locked call at a time.
    public func matcher(storage: any GalleryStorage) -> any MatchEngineAccess {
        LockedMatcher(session: engine.session(storage: storage), lock: lock)
    }
}

/// A match session whose calls hold the shared engine's lock.
private final class LockedMatcher: MatchEngineAccess {
    let session: MatchSession
    let lock: Guarded<Void>

    init(session: MatchSession, lock: Guarded<Void>) {
        self.session = session
        self.lock = lock
    }

    private func locked<T>(_ body: () throws(NexoError) -> T) throws(NexoError) -> T {
        let result: Result<T, NexoError> = lock.withLock { _ in
            do throws(NexoError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    func enroll(_ sample: BiometricSample, for entity: EntityID) throws(NexoError) -> [Modality] {
        try locked { () throws(NexoError) in try session.enroll(sample, for: entity) }
    }
    func identify(_ probe: BiometricSample, top: Int) throws(NexoError) -> IdentifyResult {
        try locked { () throws(NexoError) in try session.identify(probe, top: top) }
    }
    func identify(_ probes: [BiometricSample], top: Int) throws(NexoError) -> [IdentifyResult] {
        try locked { () throws(NexoError) in try session.identify(probes, top: top) }
    }
    func verify(_ probe: BiometricSample, against entity: EntityID) throws(NexoError) -> MatchCandidate {
        try locked { () throws(NexoError) in try session.verify(probe, against: entity) }
    }
    func sample(of entity: EntityID) throws(NexoError) -> BiometricSample? {
        try locked { () throws(NexoError) in try session.sample(of: entity) }
    }
    func statistics() throws(NexoError) -> [GalleryStatistic] {
        try locked { () throws(NexoError) in try session.statistics() }
    }
    func decode(_ bytes: [UInt8], as modality: Modality) throws(NexoError) -> BiometricSample {
        try locked { () throws(NexoError) in try session.decode(bytes, as: modality) }
    }
    func encode(_ sample: BiometricSample, as modality: Modality, fingerFormat: String) throws(NexoError) -> [UInt8] {
        try locked { () throws(NexoError) in try session.encode(sample, as: modality, fingerFormat: fingerFormat) }
    }
    func indexFiles(verify: Bool) throws(NexoError) -> [IndexFileReport] {
        try locked { () throws(NexoError) in try session.indexFiles(verify: verify) }
    }
    func rebuildIndexFiles() throws(NexoError) -> [IndexFileReport] {
        try locked { () throws(NexoError) in try session.rebuildIndexFiles() }
    }
    func calibrateBiographic() throws(NexoError) -> BiographicCalibrationReport {
        try locked { () throws(NexoError) in try session.calibrateBiographic() }
    }
    func duplicates(minimum: MatchDecision) throws(NexoError) -> DuplicateSearch {
        try locked { () throws(NexoError) in try session.duplicates(minimum: minimum) }
    }
}
