/// Unit face vectors by row, wherever they live (an in-memory ``FaceGallery``, the rows of a mapped index file):
/// what measuring an index on a gallery needs.
public protocol FaceVectorSource {
    /// Number of vectors.
    var count: Int { get }
    /// The unit vector at `index`.
    func vector(at index: Int) -> [Float]
    /// Cosine similarity of the unit vector `probe` to the vector at `index`.
    func score(normalized probe: [Float], at index: Int) -> Float
}

extension FaceGallery: FaceVectorSource {}
