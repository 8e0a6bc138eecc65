"""Iris and finger index files benchmark (issue 14): how soon a fresh `nexo` process answers an iris or a finger
search when the irises and fingers are read from their index files (written with the face index file, tied to
it) against the same process loading them from the store (the files removed, as before they existed).

The gallery, built once under WORK: --faces people with a face (so that the face index file is written), the
first --irises / 2 of them with two irises (random codes, full masks), the first --fingers / 2 with two fingers
(40 random minutiae each, an ISO/IEC 19794-2:2005 record per person), enrolled with `bio import`.

Measured, median of --runs runs with the spread (each run: 5 fresh processes per case, their median):
- rebuild: `bio index rebuild` (every index from the store, the three files written);
- fresh iris identify / fresh finger identify, page cache warm, with the files;
- the same with the iris and finger files removed (they are then loaded from the store by every process);
- the ratio between them.

Usage: tied.py --bin RELEASE_DIR --work DIR [--faces N] [--irises N] [--fingers N] [--runs R]
"""
import argparse, json, os, random, statistics, struct, subprocess, sys, time


def timed(args, env):
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"bench tied: {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def iso_record(fingers):
    """An ISO/IEC 19794-2:2005 finger minutiae record of `fingers`: [(position, [(x, y, angle byte)])]."""
    views = b""
    for position, minutiae in fingers:
        views += bytes([position, 0, 80, len(minutiae)])
        for x, y, angle in minutiae:
            views += struct.pack(">HHBB", (1 << 14) | x, y, angle, 80)
        views += b"\x00\x00"
    length = 24 + len(views)
    header = b"FMR\x00" + b" 20\x00" + struct.pack(">IHHHHHBB", length, 0, 500, 500, 197, 197, len(fingers), 0)
    return header + views


def random_minutiae(rng):
    return [(rng.randrange(20, 480), rng.randrange(20, 480), rng.randrange(0, 256)) for _ in range(40)]


def build(db, nexo, env, a):
    rng = random.Random(14)
    irises_dir = os.path.join(a.work, "irises")
    fingers_dir = os.path.join(a.work, "fingers")
    os.makedirs(irises_dir, exist_ok=True)
    os.makedirs(fingers_dir, exist_ok=True)
    people = os.path.join(a.work, "tied-people.ndjson")
    enrol = os.path.join(a.work, "tied-enrol.ndjson")
    probe_iris = probe_finger = None
    with open(people, "w") as p, open(enrol, "w") as e:
        for i in range(a.faces):
            person = f"P-{i + 1}"
            p.write(json.dumps({"type": "entity", "id": person, "kind": "person", "label": f"Person {i + 1}"}) + "\n")
            line = {"person": person, "face": [round(rng.gauss(0, 1), 4) for _ in range(512)]}
            if i < a.irises // 2:
                files = []
                for side in (0, 1):
                    path = os.path.join(irises_dir, f"{i}-{side}.iris")
                    code = bytes(rng.getrandbits(8) for _ in range(256))
                    with open(path, "wb") as f:
                        f.write(code + b"\xff" * 256)
                    files.append(path)
                    if i == 7 and side == 0:
                        noisy = bytearray(code)
                        for _ in range(100):
                            bit = rng.randrange(2048)
                            noisy[bit // 8] ^= 1 << (bit % 8)
                        probe_iris = os.path.join(a.work, "probe.iris")
                        with open(probe_iris, "wb") as f:
                            f.write(bytes(noisy) + b"\xff" * 256)
                line["iris_files"] = files
            if i < a.fingers // 2:
                fingers = [(1, random_minutiae(rng)), (2, random_minutiae(rng))]
                path = os.path.join(fingers_dir, f"{i}.ist")
                with open(path, "wb") as f:
                    f.write(iso_record(fingers))
                line["finger_files"] = [path]
                if i == 11:
                    jittered = [(x + rng.randrange(-2, 3), y + rng.randrange(-2, 3), t) for x, y, t in fingers[0][1]]
                    probe_finger = os.path.join(a.work, "probe.ist")
                    with open(probe_finger, "wb") as f:
                        f.write(iso_record([(1, jittered)]))
            e.write(json.dumps(line) + "\n")
    timed([nexo, "--db", db + ".tmp", "-c", f"import {people}"], env)
    t, _ = timed([nexo, "--db", db + ".tmp", "-c", f"bio import {enrol}"], env)
    print(f"bio import: {t:.1f} s", file=sys.stderr)
    os.rename(db + ".tmp", db)
    for path in (people, enrol):
        os.remove(path)
    return probe_iris, probe_finger


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--faces", type=int, default=60_000)
    parser.add_argument("--irises", type=int, default=100_000)
    parser.add_argument("--fingers", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    a = parser.parse_args()
    a.faces = max(a.faces, a.irises // 2, a.fingers // 2, 1_000)
    os.makedirs(a.work, exist_ok=True)
    nexo = os.path.join(a.bin, "nexo")
    env = dict(os.environ, HOME=a.work)
    db = os.path.join(a.work, f"tied-{a.faces}-{a.irises}-{a.fingers}.db")
    probe_iris, probe_finger = os.path.join(a.work, "probe.iris"), os.path.join(a.work, "probe.ist")
    if not os.path.exists(db):
        probe_iris, probe_finger = build(db, nexo, env, a)
    iris_file, finger_file = db + ".iris-index", db + ".finger-index"
    cases = {
        "iris": f"bio identify --iris {probe_iris} --top 3",
        "finger": f"bio identify --finger {probe_finger} --top 3",
    }
    runs = []
    for run in range(a.runs):
        row = {}
        row["rebuild + write (s)"], _ = timed([nexo, "--db", db, "-c", "bio index rebuild"], env)
        for name, command in cases.items():
            _, out = timed([nexo, "--db", db, "--format", "csv", "-c", command + " | limit 1 | select person"], env)
            row[f"{name}: first"] = out.splitlines()[-1]
            row[f"{name} fresh, files (s)"] = statistics.median(
                timed([nexo, "--db", db, "-c", command], env)[0] for _ in range(5))
        saved = {path: open(path, "rb").read() for path in (iris_file, finger_file)}
        for path in saved:
            os.remove(path)
        for name, command in cases.items():
            row[f"{name} fresh, from the store (s)"] = statistics.median(
                timed([nexo, "--db", db, "-c", command], env)[0] for _ in range(5))
            row[f"{name}: files / store"] = row[f"{name} fresh, files (s)"] / row[f"{name} fresh, from the store (s)"]
        for path, content in saved.items():
            with open(path, "wb") as f:
                f.write(content)
        os.chmod(iris_file, 0o600)
        os.chmod(finger_file, 0o600)
        runs.append(row)
        print(f"run {run + 1}:")
        for key, value in row.items():
            print(f"  {key:<40} {value if isinstance(value, str) else f'{value:.4f}'}")
    print(f"median of {len(runs)} runs (min-max), {a.faces:,} faces, {a.irises:,} irises, {a.fingers:,} fingers:")
    for key in runs[0]:
        values = [r[key] for r in runs]
        if isinstance(values[0], str):
            print(f"  {key:<40} {', '.join(sorted(set(values)))}")
        else:
            print(f"  {key:<40} {statistics.median(values):.4f} ({min(values):.4f}-{max(values):.4f})")


if __name__ == "__main__":
    main()
