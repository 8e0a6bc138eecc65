import Glibc

/// Conversions between Swift strings and libedit's wide (`wchar_t`, one Unicode scalar each) text.
enum WideText {
    /// The scalars of `count` wide characters at `start`; invalid values become U+FFFD.
    static func scalars(_ start: UnsafePointer<wchar_t>, count: Int) -> [Unicode.Scalar] {
        UnsafeBufferPointer(start: start, count: max(count, 0)).map(scalar)
    }

    /// One wide character as a scalar; invalid values become U+FFFD.
    static func scalar(_ character: wchar_t) -> Unicode.Scalar {
        Unicode.Scalar(UInt32(bitPattern: character)) ?? "\u{FFFD}"
    }

    /// A string made of `scalars`.
    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// `text` as NUL-terminated wide characters.
    static func wide(_ text: String) -> [wchar_t] {
        text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }

    /// A NUL-terminated wide copy of `text` that outlives the call; the caller deallocates it.
    static func allocate(_ text: String) -> UnsafeMutablePointer<wchar_t> {
        let characters = wide(text)
        let pointer = UnsafeMutablePointer<wchar_t>.allocate(capacity: characters.count)
        pointer.initialize(from: characters, count: characters.count)
        return pointer
    }

    /// Runs `body` with `text` as a NUL-terminated wide C string.
    static func withWide<R>(_ text: String, _ body: (UnsafePointer<wchar_t>) -> R) -> R {
        wide(text).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The prompt as libedit prints it: each terminal escape sequence (ESC `[` … final byte, ESC `]`
    /// … BEL or ESC `\`, or ESC and one character) is enclosed in `marker` characters so that it
    /// takes no width when libedit measures the prompt. `marker` itself is dropped from `prompt`.
    static func promptText(_ prompt: String, marker: Unicode.Scalar) -> [Unicode.Scalar] {
        let input = Array(prompt.unicodeScalars.filter { $0 != marker })
        var output: [Unicode.Scalar] = []
        var index = 0
        while index < input.count {
            guard input[index] == "\u{1B}" else {
                output.append(input[index])
                index += 1
                continue
            }
            let end = escapeSequenceEnd(input, start: index)
            output.append(marker)
            output.append(contentsOf: input[index..<end])
            output.append(marker)
            index = end
        }
        return output
    }

    /// The index just past the escape sequence that starts with ESC at `start`.
    private static func escapeSequenceEnd(_ input: [Unicode.Scalar], start: Int) -> Int {
        var index = start + 1
        guard index < input.count else { return index }
        switch input[index] {
        case "[":
            index += 1
            while index < input.count, !(0x40...0x7E).contains(input[index].value) { index += 1 }
            return min(index + 1, input.count)
        case "]":
            index += 1
            while index < input.count {
                if input[index] == "\u{07}" { return index + 1 }
                if input[index] == "\u{1B}", index + 1 < input.count, input[index + 1] == "\\" { return index + 2 }
                index += 1
            }
            return index
        default:
            return index + 1
        }
    }
}
