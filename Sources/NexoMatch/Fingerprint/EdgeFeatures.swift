import Glibc
import NexoKit
import NexoTemplateMath

/// The geometry of the minutia-pair ("edge") features the matcher and prefilter use.
///
/// An edge joins minutiae i and j at distance `L`. Seen from i, it has the direction φ (the
/// standard's convention: counter-clockwise from the x axis, y pointing down the image), and
/// each end's ridge direction relative to φ: αi = θi − φ and αj = θj − φ. (L, αi, αj) does not
/// change when the finger is rotated or moved; φ changes by the rotation, which is what aligns
/// the two fingers.
///
/// The matcher quantises (√L, αi, αj) into a code. √L bins make the length tolerance grow with
/// the length, as elastic distortion does. Gallery edges get one code; a probe's edges are
/// entered under every code within the tolerance (neighbouring √L and angle bins), so one
/// lookup by a gallery edge's code finds every probe edge within tolerance.
struct EdgeGeometry: Sendable, Hashable {
    /// Shortest edge used, pixels (shorter ones have unstable directions).
    var minLength: Float = 16
    /// Longest edge used, pixels (longer ones suffer most from distortion).
    var maxLength: Float = 125
    /// Width of a length bin in √pixels.
    var rootLengthBin: Float = 0.55
    /// Number of relative-angle bins per turn.
    var angleBins = 30

    var lengthBins: Int {
        Int(clampingFloat: (maxLength.squareRoot() - minLength.squareRoot()) / rootLengthBin, rounding: .up) + 1
    }
    var codeCount: Int { lengthBins * angleBins * angleBins }

    /// Continuous bin coordinates of an edge: (length bin, αi bin, αj bin), each as a real number.
    @inline(__always)
    func coordinates(length: Float, alphaI: Float, alphaJ: Float) -> (Float, Float, Float) {
        let l = (length.squareRoot() - minLength.squareRoot()) / rootLengthBin
        let perTurn = Float(angleBins) / 360
        return (l, alphaI * perTurn, alphaJ * perTurn)
    }

    @inline(__always)
    func code(_ l: Int, _ ai: Int, _ aj: Int) -> Int {
        (l * angleBins + ai) * angleBins + aj
    }

    /// The single code of a gallery edge.
    @inline(__always)
    func code(length: Float, alphaI: Float, alphaJ: Float) -> Int {
        let (l, ai, aj) = coordinates(length: length, alphaI: alphaI, alphaJ: alphaJ)
        return code(
            min(Int(clampingFloat: l), lengthBins - 1), Int(clampingFloat: ai) % angleBins,
            Int(clampingFloat: aj) % angleBins)
    }

    /// Calls `body` with every code within tolerance of a probe edge: for the length, its bin
    /// and the neighbouring bin nearer to the value (every length within half a bin is
    /// covered); for each angle, its bin and both neighbours (every angle within one bin).
    @inline(__always)
    func tolerantCodes(length: Float, alphaI: Float, alphaJ: Float, _ body: (Int) -> Void) {
        let (l, ai, aj) = coordinates(length: length, alphaI: alphaI, alphaJ: alphaJ)
        let lb = min(Int(clampingFloat: l), lengthBins - 1)
        let nearer = l - Float(lb) < 0.5 ? lb - 1 : lb + 1
        let ib = Int(clampingFloat: ai) % angleBins
        let jb = Int(clampingFloat: aj) % angleBins
        for lc in [lb, nearer] where lc >= 0 && lc < lengthBins {
            for di in -1...1 {
                let ic = (ib + di + angleBins) % angleBins
                for dj in -1...1 {
                    body(code(lc, ic, (jb + dj + angleBins) % angleBins))
                }
            }
        }
    }
}

/// Angle helpers in degrees.
enum FingerAngle {
    /// `degrees` reduced to 0..<360.
    @inline(__always)
    static func normalized(_ degrees: Float) -> Float {
        var a = degrees.truncatingRemainder(dividingBy: 360)
        if a < 0 { a += 360 }
        return a >= 360 ? 0 : a
    }

    /// The direction from (x1, y1) to (x2, y2) in image coordinates (y down), counter-clockwise
    /// from the x axis, in degrees 0..<360.
    @inline(__always)
    static func direction(_ x1: Float, _ y1: Float, _ x2: Float, _ y2: Float) -> Float {
        normalized(atan2f(y1 - y2, x2 - x1) * 180 / .pi)
    }

    /// `degrees` in 256ths of a turn, 0...255.
    @inline(__always)
    static func byte(_ degrees: Float) -> UInt8 {
        UInt8(Int(clampingFloat: normalized(degrees) * 256 / 360, rounding: .toNearestOrAwayFromZero) & 255)
    }
}
