/// NexoMatch: the real-time match engine behind the biometric-lookup plugin.
///
/// Layout, one folder per part, each usable on its own:
/// - `Face/`: face vectors — exact scans (fp32, int8 with exact re-rank) and an HNSW graph index.
/// - `Iris/`: iris codes — masked fractional Hamming distance over cyclic shifts, popcount scans.
/// - `Fingerprint/`: ISO/IEC 19794-2:2005 and ANSI INCITS 378-2004 records, a minutiae matcher,
///   synthetic impressions.
/// - `Biographic/`: Hispanic name parsing, nicknames, phonetic keys, string comparators, dates,
///   Fellegi–Sunter weights with explanations.
/// - `Engine/`: galleries, score calibration and fusion, identify/verify/enroll, the real-time feed.
///
/// Templates are NexoKit's value types (``NexoKit/FaceTemplate`` and friends), so plugins and the
/// engine speak the same language.
public enum NexoMatch {
    /// Version of the engine's scores and thresholds; recorded with every match it writes.
    public static let version = "0.1.0"
}
