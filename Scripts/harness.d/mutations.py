"""Seeded mutators for the fuzzer: bytes, tokens of the command language, JSON/CSV lines and
binary templates. Each takes a `random.Random` and bytes, and returns bytes."""
import re, struct

INVALID_UTF8 = [b"\xff", b"\xfe", b"\xc3", b"\xe9", b"Jos\xe9", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"]
CONTROL = [b"\x00", b"\x1b[31m", b"\x1b]0;x\x07", b"\r", b"\x7f", b"\x0b", b"\x0c", b"\x08", b"\xc2\x85", b"\xe2\x80\xae"]
HUGE_NUMBERS = [b"9" * 40, b"9" * 400, b"1e99999", b"-1e-99999", b"-9223372036854775809", b"9223372036854775808",
                b"0x7fffffff", b"1.7976931348623157e309", b"NaN", b"-inf", b"-0", b"99999-99-99", b"2026-02-30",
                b"0000-00-00", b"1..99999999999", b"2024-13..2024-00", b"4294967296", b"1e-45"]
NESTING = [b"(", b"[", b"{", b"\"", b"'", b"$(", b" | ", b"\\\n", b"$", b";", b"#", b"\\u{", b"..", b"--"]
# A subnormal, the smallest normal, and values no template may hold.
SPECIAL_FLOATS = [1e-45, -1e-45, 1.4e-44, 1.17549435e-38, 0.0, -0.0, float("nan"), float("inf"), float("-inf"),
                  3.4028235e38, -3.4028235e38, 1e30, 65504.0, 1e-7]
TOKEN = re.compile(rb"\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^\s;|]+|[;|]")


def flip(rng, data):
    if not data:
        return bytes([rng.getrandbits(8)])
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(data))
        data[i] = data[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.7 else rng.getrandbits(8)
    return bytes(data)


def insert(rng, data, piece):
    i = rng.randint(0, len(data))
    return data[:i] + piece + data[i:]


def delete(rng, data):
    if len(data) < 2:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, min(64, len(data) - i)):]


def tokens(data):
    return [(m.start(), m.end()) for m in TOKEN.finditer(data)]


def splice_token(rng, data, pool):
    spans = tokens(data)
    piece = rng.choice(pool) if pool else b"x"
    if not spans or rng.random() < 0.3:
        return insert(rng, data, b" " + piece + b" ")
    start, end = rng.choice(spans)
    return data[:start] + piece + data[end:]


def long_token(rng, data):
    """A token or quoted string repeated to 1,000-200,000 bytes."""
    length = rng.choice([1_000, 4_000, 20_000, 200_000])
    spans = tokens(data)
    if not spans:
        return data + b" " + b"a" * length
    start, end = rng.choice(spans)
    token = data[start:end]
    if token.startswith(b'"') and len(token) >= 2:
        inner = token[1:-1] or b"a"
        grown = b'"' + (inner * (length // len(inner) + 1))[:length] + b'"'
    else:
        grown = (token * (length // max(1, len(token)) + 1))[:length]
    return data[:start] + grown + data[end:]


def long_strings(rng, data):
    """Every quoted string of the input grown to the same length: a long label and a long query."""
    length = rng.choice([1_000, 4_000, 20_000])
    return re.sub(rb'"((?:[^"\\]|\\.)*)"',
                  lambda m: b'"' + ((m.group(1) or b"a") * (length // max(1, len(m.group(1))) + 1))[:length] + b'"', data)


def twin_long(rng, data):
    """One long string put in two places: a long label stored and then searched for."""
    spans = tokens(data)
    if len(spans) < 2:
        return data
    seed = rng.choice([b"ana ", b"perez", "á".encode(), b"lopez garcia ", b"x"])
    length = rng.choice([1_000, 4_000, 20_000])
    grown = b'"' + (seed * (length // len(seed) + 1))[:length] + b'"'
    first, second = sorted(rng.sample(spans, 2))
    return data[:first[0]] + grown + data[first[1]:second[0]] + grown + data[second[1]:]


def nest(rng, data):
    piece = rng.choice(NESTING)
    return insert(rng, data, piece * rng.choice([10, 100, 1_000, 10_000]))


def mutate_text(rng, data, pool):
    """One to four mutations of a command-language text."""
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(11)
        if kind == 10:
            data = twin_long(rng, data)
        elif kind == 0:
            data = flip(rng, data)
        elif kind == 1:
            data = splice_token(rng, data, pool)
        elif kind == 2:
            data = long_token(rng, data)
        elif kind == 3:
            data = nest(rng, data)
        elif kind == 4:
            data = splice_token(rng, data, HUGE_NUMBERS)
        elif kind == 5:
            data = insert(rng, data, rng.choice(INVALID_UTF8))
        elif kind == 6:
            data = insert(rng, data, rng.choice(CONTROL))
        elif kind == 7:
            data = delete(rng, data)
        elif kind == 8:
            data = long_strings(rng, data)
        else:
            data = splice_token(rng, data, pool) + b"; " + splice_token(rng, data, pool)
    return data


JSON_VALUES = [b'"\\u0000"', b'"a\\u0000b"', b'"\\ud800"', b'""', b"null", b"true", b"[]", b"{}", b"1e999", b"-1e-45",
               b"NaN", b"Infinity", b"123456789012345678901234567890", b'"' + b"x" * 100_000 + b'"',
               b"[" * 5_000 + b"]" * 5_000, b'"\\u001b[2J"', b'"P-1"', b'"2026-02-30"', b"[1e-45]"]


def mutate_lines(rng, data, pool):
    """Mutations of NDJSON or CSV: values swapped for hostile ones, duplicate keys or columns,
    lines duplicated or dropped, a byte-order mark, then text mutations."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        line = lines[i]
        kind = rng.randrange(9)
        if kind == 0:
            values = list(re.finditer(rb'(?<=:)\s*("(?:[^"\\]|\\.)*"|[-0-9.eE+]+|true|false|null|\[[^\[\]]*\])', line))
            if values:
                m = rng.choice(values)
                line = line[:m.start()] + rng.choice(JSON_VALUES) + line[m.end():]
        elif kind == 1:
            keys = re.findall(rb'"[a-z_]+"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[^,}]+)', line)
            if keys and line.startswith(b"{"):
                line = b"{" + rng.choice(keys) + b"," + line[1:]
        elif kind == 2:
            cells = line.split(b",")
            j = rng.randrange(len(cells))
            cells.insert(j, cells[j] if rng.random() < 0.5 else rng.choice(JSON_VALUES[:4] + HUGE_NUMBERS[:6]))
            line = b",".join(cells)
        elif kind == 3:
            lines.insert(i, line)
        elif kind == 4 and len(lines) > 1:
            del lines[i]
            continue
        elif kind == 5:
            lines[0] = b"\xef\xbb\xbf" + lines[0]
            continue
        else:
            line = mutate_text(rng, line, pool)
        lines[i] = line
    return b"\n".join(lines)


def mutate_face(rng, data):
    """A face file: special float values at some or all positions, scaled, cut or lengthened."""
    if len(data) != 2048 or rng.random() < 0.15:
        return mutate_binary(rng, data)
    values = list(struct.unpack("<512f", data))
    kind = rng.randrange(5)
    if kind == 0:
        special = rng.choice(SPECIAL_FLOATS)
        values = [special] * 512
    elif kind == 1:
        for _ in range(rng.choice([1, 2, 16, 256])):
            values[rng.randrange(512)] = rng.choice(SPECIAL_FLOATS)
    elif kind == 2:
        factor = rng.choice([1e-40, 1e-30, 1e-20, 1e20, 1e38, -1.0, 0.0])
        values = [v * factor for v in values]
    elif kind == 3:
        values = [rng.choice([1e-45, -1e-45, 0.0]) if rng.random() < 0.9 else v for v in values]
    else:
        data = struct.pack("<512f", *values)
        return mutate_binary(rng, data)
    return struct.pack("<512f", *[max(-3.4028235e38, min(3.4028235e38, v)) if v == v else v for v in values])


def mutate_binary(rng, data):
    """Byte flips, interesting values at offsets (lengths and counts in headers), cuts, zero padding."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        if kind == 0 and data:
            data = bytearray(flip(rng, bytes(data)))
        elif kind == 1 and len(data) > 4:
            i = rng.randrange(min(len(data) - 2, 64))
            data[i:i + 2] = rng.choice([b"\x00\x00", b"\xff\xff", b"\x7f\xff", b"\x80\x00", b"\x00\x01"])
        elif kind == 2 and len(data) > 8:
            i = rng.randrange(min(len(data) - 4, 32))
            data[i:i + 4] = struct.pack(">I", rng.choice([0, 1, len(data) - 1, len(data) + 1, len(data) + 2, 0xFFFFFFFF, 0x7FFFFFFF]))
        elif kind == 3 and data:
            del data[rng.randrange(len(data)):]
        elif kind == 4:
            data += b"\x00" * rng.choice([1, 2, 10, 1000])
        elif data:
            i = rng.randrange(len(data))
            data[i:i] = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 8)))
    return bytes(data)
