extension FixedWidthInteger {
    /// `value` rounded by `rule` and clamped to this type's range, 0 for NaN: a float → integer
    /// conversion that cannot trap, whatever the input (NaN, ±infinity, huge, subnormal).
    ///
    /// Every float → integer conversion in the engine goes through here (or converts a value
    /// that is finite and in range by construction, said beside it): `Int8(x)` on a NaN or an
    /// out-of-range value stops the process, and templates reach the engine from outside.
    @inline(__always)
    init<F: BinaryFloatingPoint>(clampingFloat value: F, rounding rule: FloatingPointRoundingRule = .towardZero) {
        guard !value.isNaN else {
            self = 0
            return
        }
        let rounded = value.rounded(rule)
        // F(Self.min) is exact (a power of two, or 0); F(Self.max) may round up to 2^bits, which
        // no value below it reaches, so the conversion in the last branch is always in range.
        if rounded <= F(Self.min) {
            self = Self.min
        } else if rounded >= F(Self.max) {
            self = Self.max
        } else {
            self = Self(rounded)
        }
    }
}
