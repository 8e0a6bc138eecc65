import NexoKit

/// Layout and comparison of iris codes (``NexoKit/IrisTemplate``: 2048 code bits, 2048 mask bits).
///
/// **Layout.** The unwrapped iris is sampled on 8 rings (0 = pupil side, 7 = limbus side) × 256
/// angular positions, one bit each. Bit `(ring, angle)` is bit `angle % 64` (least significant
/// first) of word `ring · 4 + angle / 64`: each ring is 4 consecutive words, a 256-bit number
/// whose bit `angle` is the code at that angle. A mask bit is 1 where the code bit is usable (not
/// eyelid, eyelash or reflection).
///
/// **Rotation.** A head tilt rotates the angular axis. Rotating a code by `s` moves the bit at
/// angle `a` to angle `(a + s) mod 256` on every ring (a 256-bit rotation of each ring).
///
/// **Distance.** The fractional Hamming distance of codes A, B with masks MA, MB is
/// `HDraw = |(A ⊕ B) ∧ MA ∧ MB| / n` with `n = |MA ∧ MB|`, the bits valid in both. Daugman's
/// normalisation accounts for how many bits were compared (a low distance over few bits is weak
/// evidence): `HDnorm = 0.5 − (0.5 − HDraw) · √(n / 911)`, 911 being the typical n of his data
/// (J. Daugman, "New methods in iris recognition", IEEE SMC-B 37(5), 2007). The comparison
/// rotates B by every shift in `−maxShift…maxShift` and keeps the lowest HDnorm (ties: the shift
/// nearest 0). With no bit valid in both masks, HDraw = HDnorm = 0.5: no evidence either way.
public enum IrisCode {
    /// Concentric rings sampled.
    public static let rings = 8
    /// Angular positions per ring.
    public static let angles = 256
    /// Words per ring.
    package static let wordsPerRing = angles / 64
    /// The default rotation search, ±8 angular positions (±11.25°).
    public static let defaultMaxShift = 8
    /// Daugman's reference number of bits compared.
    public static let referenceBits = 911.0

    /// The bit at `(ring, angle)` of a 32-word code or mask.
    public static func bit(_ words: [UInt64], ring: Int, angle: Int) -> Bool {
        let (word, bit) = position(ring: ring, angle: angle)
        return words[word] >> UInt64(bit) & 1 == 1
    }

    /// Sets the bit at `(ring, angle)` of a 32-word code or mask.
    public static func setBit(_ words: inout [UInt64], ring: Int, angle: Int, to value: Bool) {
        let (word, bit) = position(ring: ring, angle: angle)
        if value { words[word] |= 1 << UInt64(bit) } else { words[word] &= ~(1 << UInt64(bit)) }
    }

    package static func position(ring: Int, angle: Int) -> (word: Int, bit: Int) {
        precondition(
            (0..<rings).contains(ring) && (0..<angles).contains(angle), "iris bit (\(ring), \(angle)) out of range")
        return (ring * wordsPerRing + angle / 64, angle % 64)
    }

    /// `words` (a code or mask) rotated by `shift` angular positions: the bit at angle `a` moves
    /// to `(a + shift) mod 256` on every ring.
    public static func rotated(_ words: [UInt64], by shift: Int) -> [UInt64] {
        precondition(words.count == IrisTemplate.words, "iris codes have \(IrisTemplate.words) words")
        let s = ((shift % angles) + angles) % angles
        let wordShift = s / 64, bitShift = UInt64(s % 64)
        var out = [UInt64](repeating: 0, count: words.count)
        for ring in 0..<rings {
            let r = ring * wordsPerRing
            for w in 0..<wordsPerRing {
                // Output word w takes bits from input words w − wordShift (low part shifted up)
                // and w − wordShift − 1 (its high bits carried in), cyclically within the ring.
                let from = words[r + (w - wordShift + wordsPerRing) % wordsPerRing]
                let carry = words[r + (w - wordShift - 1 + 2 * wordsPerRing) % wordsPerRing]
                out[r + w] = bitShift == 0 ? from : (from << bitShift) | (carry >> (64 - bitShift))
            }
        }
        return out
    }

    /// Daugman's normalisation `0.5 − (0.5 − raw) · √(n / 911)`; 0.5 when `bitsCompared` is 0.
    public static func normalized(raw: Double, bitsCompared n: Int) -> Double {
        guard n > 0 else { return 0.5 }
        return 0.5 - (0.5 - raw) * (Double(n) / referenceBits).squareRoot()
    }
}

/// The outcome of comparing two iris templates.
public struct IrisDistance: Sendable, Hashable {
    /// Fractional Hamming distance over the bits valid in both masks, 0...1 (0.5 when none).
    public var raw: Double
    /// Number of bits valid in both masks at the best shift.
    public var bitsCompared: Int
    /// The rotation of the probe that gave the lowest distance, in angular positions.
    public var shift: Int
    /// Daugman-normalised distance (lower is more alike; below 0 for long perfect agreement).
    public var normalized: Double { IrisCode.normalized(raw: raw, bitsCompared: bitsCompared) }

    /// Creates a distance.
    public init(raw: Double, bitsCompared: Int, shift: Int) {
        self.raw = raw
        self.bitsCompared = bitsCompared
        self.shift = shift
    }
}
