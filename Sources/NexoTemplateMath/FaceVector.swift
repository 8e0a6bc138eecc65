/// Helpers on face vectors as plain arrays.
public enum FaceVector {
    /// `vector` scaled to unit length (cosine similarity is then a dot product). A zero vector
    /// stays zero; ``NexoKit/FaceTemplate`` never holds one.
    public static func normalized(_ vector: [Float]) -> [Float] {
        var sum: Double = 0
        for x in vector { sum += Double(x) * Double(x) }
        guard sum > 0 else { return vector }
        let scale = Float(1 / sum.squareRoot())
        return vector.map { $0 * scale }
    }

    /// Dot product of two vectors of equal length (cosine similarity when both are unit length),
    /// summed in Double in index order: the reference the SIMD scans are tested against.
    public static func dot(_ a: [Float], _ b: [Float]) -> Double {
        precondition(a.count == b.count, "vectors of different lengths")
        var sum: Double = 0
        for i in a.indices { sum += Double(a[i]) * Double(b[i]) }
        return sum
    }
}
