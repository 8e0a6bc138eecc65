import CPrefetch

/// The inner loops of the face scans: dot products over contiguous storage, written with SIMD
/// accumulators so that the compiler emits packed multiply-adds on every x86-64 or arm64 target
/// (and wider ones when the package is built for a newer CPU).
///
/// Pointers must address `count` elements; `count` must be a multiple of 64 (face vectors have
/// 512 dimensions). Nothing here allocates.
@usableFromInline
enum FaceKernels {
    /// Asks the CPU to start fetching the cache line at `address` (a hint: no effect on results).
    /// Graph searches jump between rows the hardware prefetcher cannot predict.
    @inlinable
    static func prefetch(_ address: UnsafeRawPointer) { nexo_prefetch(address) }

    /// Prefetches the first two cache lines of a row at `row`: the hardware prefetcher follows on
    /// from there.
    @inlinable
    static func prefetchRow(_ row: UnsafeRawPointer) {
        prefetch(row)
        prefetch(row + 64)
    }

    /// Dot product of two fp32 vectors, with four SIMD16 accumulators (breaking the add latency chain).
    /// Multiply and add are separate operations: a fused `addProduct` becomes a library call per
    /// lane on x86-64 targets without FMA.
    @inlinable @_optimize(speed)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
        var offset = 0
        let bytes = count &* 4
        while offset < bytes {
            s0 +=
                ra.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            s1 +=
                ra.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            s2 +=
                ra.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            s3 +=
                ra.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            offset &+= 256
        }
        return sum((s0 + s1) + (s2 + s3))
    }

    /// Dot products of one probe with four consecutive rows of `d` floats starting at `rows`
    /// (row r at `rows + r·count`): each probe load serves four rows, and four streams are read
    /// at once, which keeps more cache-line fetches in flight than one row at a time.
    @inlinable @_optimize(speed)
    static func dot4(_ probe: UnsafePointer<Float>, rows: UnsafePointer<Float>, count: Int) -> SIMD4<Float> {
        let q = UnsafeRawPointer(probe)
        let r0 = UnsafeRawPointer(rows), r1 = UnsafeRawPointer(rows + count)
        let r2 = UnsafeRawPointer(rows + 2 &* count), r3 = UnsafeRawPointer(rows + 3 &* count)
        var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
        var offset = 0
        let bytes = count &* 4
        while offset < bytes {
            let p = q.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            s0 += p * r0.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            s1 += p * r1.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            s2 += p * r2.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            s3 += p * r3.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            offset &+= 64
        }
        return SIMD4(sum(s0), sum(s1), sum(s2), sum(s3))
    }

    /// Dot products of one probe with four rows anywhere in memory, each computed exactly as
    /// ``dot(_:_:count:)`` computes it (same accumulators, same order of additions), so the
    /// scores are bit-identical; the four rows are read at once, which keeps more cache-line
    /// fetches in flight than one row after the other (graph searches jump between rows).
    @inlinable @_optimize(speed)
    static func dot4(
        _ probe: UnsafePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        _ c: UnsafePointer<Float>, _ d: UnsafePointer<Float>, count: Int
    ) -> SIMD4<Float> {
        let q = UnsafeRawPointer(probe)
        let rows = (UnsafeRawPointer(a), UnsafeRawPointer(b), UnsafeRawPointer(c), UnsafeRawPointer(d))
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        var b0 = SIMD16<Float>(), b1 = SIMD16<Float>(), b2 = SIMD16<Float>(), b3 = SIMD16<Float>()
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
        var d0 = SIMD16<Float>(), d1 = SIMD16<Float>(), d2 = SIMD16<Float>(), d3 = SIMD16<Float>()
        var offset = 0
        let bytes = count &* 4
        while offset < bytes {
            let p0 = q.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let p1 = q.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            let p2 = q.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            let p3 = q.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            a0 += p0 * rows.0.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            b0 += p0 * rows.1.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            c0 += p0 * rows.2.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            d0 += p0 * rows.3.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            a1 += p1 * rows.0.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            b1 += p1 * rows.1.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            c1 += p1 * rows.2.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            d1 += p1 * rows.3.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            a2 += p2 * rows.0.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            b2 += p2 * rows.1.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            c2 += p2 * rows.2.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            d2 += p2 * rows.3.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            a3 += p3 * rows.0.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            b3 += p3 * rows.1.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            c3 += p3 * rows.2.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            d3 += p3 * rows.3.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            offset &+= 256
        }
        return SIMD4(
            sum((a0 + a1) + (a2 + a3)), sum((b0 + b1) + (b2 + b3)),
            sum((c0 + c1) + (c2 + c3)), sum((d0 + d1) + (d2 + d3)))
    }

    /// Dot product of two int8 vectors, exact in Int32 (|sum| ≤ 512 · 127² < 2³¹). Written as a
    /// plain loop: the loop vectoriser turns it into sign-extend + `pmaddwd` (x86) or `smlal`
    /// (arm64), which generic SIMD conversions between lane types do not reliably become.
    @inlinable @_optimize(speed)
    static func dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, count: Int) -> Int32 {
        var sum: Int32 = 0
        for i in 0..<count { sum &+= Int32(a[i]) &* Int32(b[i]) }
        return sum
    }

    /// Dot products of one int8 probe with four int8 rows of `count` bytes starting at `rows`
    /// (row r at `rows + r·count`), exact in Int32: each probe byte is widened once for four
    /// rows, and the four sums are reduced at the end (a scan of short codes spends more on the
    /// reduction and the probe than on the row itself when rows go one at a time).
    @inlinable @_optimize(speed)
    static func dot4(_ probe: UnsafePointer<Int8>, rows: UnsafePointer<Int8>, count: Int) -> SIMD4<Int32> {
        let r0 = rows, r1 = rows + count, r2 = rows + 2 &* count, r3 = rows + 3 &* count
        var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0
        for i in 0..<count {
            let p = Int32(probe[i])
            s0 &+= p &* Int32(r0[i])
            s1 &+= p &* Int32(r1[i])
            s2 &+= p &* Int32(r2[i])
            s3 &+= p &* Int32(r3[i])
        }
        return SIMD4(s0, s1, s2, s3)
    }

    /// Dot products of one int8 probe with four int8 rows anywhere in memory, exact in Int32
    /// (each equals ``dot(_:_:count:)-(UnsafePointer<Int8>,_,_)`` of that row): each probe byte is
    /// widened once for four rows (graph searches score a node's neighbours four at a time).
    /// Products are taken in Int16 (they fit): on 512-byte codes this made the HNSW walk 1.5–1.7×
    /// faster than 32-bit products, and four rows at once beat four single-row calls by 1.3×.
    @inlinable @_optimize(speed)
    static func dot4(
        _ probe: UnsafePointer<Int8>, _ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>,
        _ c: UnsafePointer<Int8>, _ d: UnsafePointer<Int8>, count: Int
    ) -> SIMD4<Int32> {
        var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0
        for i in 0..<count {
            // A product of two int8 fits in Int16 (|−128 · −128| = 2¹⁴): 16-bit multiplies, then
            // widening adds, which the vectoriser makes `pmaddwd`-like rather than 32-bit multiplies.
            let p = Int16(probe[i])
            s0 &+= Int32(p &* Int16(a[i]))
            s1 &+= Int32(p &* Int16(b[i]))
            s2 &+= Int32(p &* Int16(c[i]))
            s3 &+= Int32(p &* Int16(d[i]))
        }
        return SIMD4(s0, s1, s2, s3)
    }

    /// Sum of the 16 lanes by halving (a tree, not a chain of 15 dependent adds).
    @inlinable @inline(__always)
    static func sum(_ s: SIMD16<Float>) -> Float {
        let h8 = s.lowHalf + s.highHalf
        let h4 = h8.lowHalf + h8.highHalf
        let h2 = h4.lowHalf + h4.highHalf
        return h2[0] + h2[1]
    }
}
