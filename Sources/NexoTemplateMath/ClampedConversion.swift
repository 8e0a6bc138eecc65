extension FixedWidthInteger {
    /// `value` rounded by `rule` and clamped to this type's range, 0 for NaN: a float → integer
    /// conversion that cannot trap, whatever the input (NaN, ±infinity, huge, subnormal).
    ///
    /// Every float → integer conversion in the engine goes through here (or converts a value
    /// that is finite and in range by construction, said beside it): `Int8(x)` on a NaN or an
    /// out-of-range value stops the process, and templates reach the engine from outside.
    @inline(__always)
    package init<F: BinaryFloatingPoint>(clampingFloat value: F, rounding rule: FloatingPointRoundingRule = .towardZero)
    {
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

extension Int {
    /// ``FixedWidthInteger/init(clampingFloat:rounding:)`` for a `Float`, written out for the hot
    /// loops of the finger matcher (edge codes, grid cells), where the generic form was not fully
    /// specialised: the same results, no generic conversion.
    @inline(__always)
    package init(clampingFloat value: Float, rounding rule: FloatingPointRoundingRule = .towardZero) {
        let rounded = rule == .towardZero ? value : value.rounded(rule)
        // -2^63 and 2^63 are exact in Float; a value between them converts without trapping.
        if rounded >= -0x1p63 && rounded < 0x1p63 {
            self = Int(rounded)
        } else if rounded.isNaN {
            self = 0
        } else {
            self = rounded < 0 ? .min : .max
        }
    }
}
