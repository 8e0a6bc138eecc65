"""Index kill harness: SIGKILL `nexo` while it writes the match engine's index files, then check them.

Workloads on a gallery of a few thousand synthetic faces, 300 of the people with two irises (seeded), so that the
iris index file written with the face index file is killed too: an operator's `bio index rebuild`, the first
search of a store without an index file (which writes it), faces replaced with searches between (each search
compares the index with the store and records the changes beside it, and rewrites the file once enough changed),
and undo of those replacements with searches between. Each kill copies the workload's base store with its index
files, starts the workload and kills it at a seeded fraction in [0, 1.1] of its uncut duration. Then the same
probes are searched on the store as the kill left it, index files and all, and on a copy without them (a clean
rebuild): the ranked people must be the same (face and iris probes), and `bio index verify` must pass. Temporary files a killed write
left are counted (they are the only debris allowed).
"""
import argparse, glob, os, random, shutil, signal, struct, subprocess, sys, time

DIMENSIONS = 512


def log(text):
    print(text, file=sys.stderr, flush=True)


def unit(vector):
    norm = sum(x * x for x in vector) ** 0.5
    return [x / norm for x in vector]


def write_face(path, vector):
    with open(path, "wb") as f:
        f.write(struct.pack(f"<{DIMENSIONS}f", *vector))


class Nexo:
    def __init__(self, bin_dir):
        self.exe = os.path.join(bin_dir, "nexo")
        self.plugins = bin_dir

    def argv(self, db, *args):
        return [self.exe, "--plugin-dir", self.plugins, "--db", db, *args]

    def run(self, db, *args, cwd):
        return subprocess.run(self.argv(db, *args), cwd=cwd, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=900)


INDEX_SUFFIXES = [".face-index", ".face-index-changes", ".iris-index", ".finger-index"]
IRISES = 300


def write_iris(path, rng, like=None, flips=0):
    """An iris exchange file: 256 bytes of code (random, or `like`'s with `flips` bits flipped), 256 of mask."""
    code = bytearray(like if like is not None else bytes(rng.getrandbits(8) for _ in range(256)))
    for _ in range(flips):
        bit = rng.randrange(2048)
        code[bit // 8] ^= 1 << (bit % 8)
    with open(path, "wb") as f:
        f.write(bytes(code) + b"\xff" * 256)
    return bytes(code)


def copy_store(source, target, with_index=True):
    for path in glob.glob(target + "*"):
        os.remove(path)
    for suffix in ["", "-wal"] + (INDEX_SUFFIXES if with_index else []):
        if os.path.exists(source + suffix):
            shutil.copyfile(source + suffix, target + suffix)


def build(nexo, work, faces, seed):
    """The base store: `faces` people with a face each, its index file written; probes and replacement faces."""
    rng = random.Random(seed)
    base = os.path.join(work, "base.db")
    os.makedirs(work, exist_ok=True)
    for path in glob.glob(base + "*"):
        os.remove(path)
    vectors = [unit([rng.gauss(0, 1) for _ in range(DIMENSIONS)]) for _ in range(faces)]
    with open(os.path.join(work, "people.ndjson"), "w") as f:
        for n in range(1, faces + 1):
            f.write(f'{{"type":"entity","id":"P-{n}","kind":"person","label":"Person {n}"}}\n')
    irises = {}
    os.makedirs(os.path.join(work, "irises"), exist_ok=True)
    with open(os.path.join(work, "faces.ndjson"), "w") as f:
        for n, v in enumerate(vectors, 1):
            files = ""
            if n <= IRISES:
                paths = [os.path.join("irises", f"{n}-{side}.iris") for side in (0, 1)]
                irises[n] = [write_iris(os.path.join(work, path), rng) for path in paths]
                files = ',"iris_files":["%s","%s"]' % tuple(paths)
            f.write('{"person":"P-%d","face":[%s]%s}\n' % (n, ",".join(f"{x:.6f}" for x in v), files))
    for command in ("import people.ndjson", "bio import faces.ndjson", "bio index rebuild"):
        result = nexo.run(base, "-c", command, cwd=work)
        if result.returncode != 0:
            raise SystemExit(f"crash-index: building the base store failed at {command!r}: {result.stderr[-600:]}")
    # Probes: captures of people whose faces the workloads replace and of others, and strangers.
    check = []
    for i, person in enumerate([1, 2, 3, 5, 8, 13, 21, 34, 200, 900, faces - 1]):
        noisy = unit([x + 0.05 * rng.gauss(0, 1) for x in vectors[person - 1]])
        write_face(os.path.join(work, f"probe-{i}.f32"), noisy)
        check.append(f"bio identify --face probe-{i}.f32 --top 3 | select rank person")
    for i in range(3):
        write_face(os.path.join(work, f"stranger-{i}.f32"), unit([rng.gauss(0, 1) for _ in range(DIMENSIONS)]))
        check.append(f"bio identify --face stranger-{i}.f32 --top 3 | select rank person")
    # Iris probes: of people whose irises the replacements change and of others, and a stranger.
    for i, person in enumerate([2, 4, 150, 299]):
        write_iris(os.path.join(work, f"iris-probe-{i}.iris"), rng, like=irises[person][0], flips=120)
        check.append(f"bio identify --iris iris-probe-{i}.iris --top 3 | select rank person")
    write_iris(os.path.join(work, "iris-stranger.iris"), rng)
    check.append("bio identify --iris iris-stranger.iris --top 3 | select rank person")
    with open(os.path.join(work, "check.nexo"), "w") as f:
        f.write("\n".join(check) + "\n")
    # Replacements: 40 people get a new face, with a search after each.
    lines = []
    for person in range(1, 41):
        write_face(os.path.join(work, f"new-{person}.f32"), unit([rng.gauss(0, 1) for _ in range(DIMENSIONS)]))
        lines += [f"bio enroll P-{person} --face new-{person}.f32", f"bio identify --face probe-{person % 11}.f32 --top 3"]
        if person % 4 == 0:
            # A new right iris too: the iris index changes with the face index.
            write_iris(os.path.join(work, f"new-{person}.iris"), rng)
            lines += [f"bio enroll P-{person} --iris new-{person}.iris", "bio identify --iris iris-probe-1.iris --top 3"]
    with open(os.path.join(work, "replace.nexo"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(work, "undo.nexo"), "w") as f:
        f.write("\n".join(f"undo\nbio identify --face probe-{n % 11}.f32 --top 3" for n in range(15)) + "\n")
    # The undo workload's base: the replacements done.
    replaced = os.path.join(work, "replaced.db")
    copy_store(base, replaced)
    result = nexo.run(replaced, "run", "replace.nexo", cwd=work)
    if result.returncode != 0:
        raise SystemExit(f"crash-index: the replacements fail uncut: {result.stderr[-600:]}")
    return {
        "rebuild": (base, ["-c", "bio index rebuild"], True),
        "first-write": (base, ["-c", "bio identify --face probe-0.f32 --top 3"], False),
        "replace": (base, ["run", "replace.nexo"], True),
        "undo": (replaced, ["run", "undo.nexo"], True),
    }


def run_until(nexo, db, args, cwd, kill_after):
    start = time.monotonic()
    with open(db + ".stderr", "w") as err:
        process = subprocess.Popen(nexo.argv(db, *args), cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                   stdin=subprocess.DEVNULL)
        while process.poll() is None:
            if kill_after is not None and time.monotonic() - start >= kill_after:
                process.send_signal(signal.SIGKILL)
                process.wait()
                return "killed", time.monotonic() - start
            time.sleep(0.002)
    return process.returncode, time.monotonic() - start


def answers(nexo, db, cwd):
    result = nexo.run(db, "--format", "csv", "run", "check.nexo", cwd=cwd)
    return result.returncode, result.stdout, result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--faces", type=int, default=2_500)
    a = parser.parse_args()
    nexo = Nexo(a.bin)
    work = os.path.abspath(a.work)
    workloads = build(nexo, work, a.faces, a.seed)
    durations = {}
    for name, (base, args, keep_index) in workloads.items():
        db = os.path.join(work, f"calibrate-{name}.db")
        copy_store(base, db, with_index=keep_index)
        status, seconds = run_until(nexo, db, args, work, None)
        if status != 0:
            raise SystemExit(f"crash-index: workload {name} fails uncut ({status})")
        durations[name] = seconds
        log(f"crash-index: calibrated {name}: {seconds:.2f} s")
    rng = random.Random(a.seed)
    names = list(workloads)
    failures, landed, debris = [], 0, 0
    for number in range(1, a.kills + 1):
        name = names[(number - 1) % len(names)]
        base, args, keep_index = workloads[name]
        fraction = rng.uniform(0, 1.1)
        db = os.path.join(work, "killed.db")
        copy_store(base, db, with_index=keep_index)
        status, seconds = run_until(nexo, db, args, work, fraction * durations[name])
        landed += status == "killed"
        leftovers = glob.glob(os.path.join(work, ".killed.db.*.tmp"))
        debris += len(leftovers)
        for path in leftovers:
            os.remove(path)
        problems = []
        if status not in ("killed", 0):
            problems.append(f"the workload exits {status} without being killed")
        code, got, err = answers(nexo, db, work)
        verify = nexo.run(db, "-c", "bio index verify", cwd=work)
        clean = os.path.join(work, "clean.db")
        copy_store(db, clean, with_index=False)
        clean_code, want, _ = answers(nexo, clean, work)
        if code != 0 or clean_code != 0:
            problems.append(f"searches exit {code} (left files) / {clean_code} (clean): {err[-300:]}")
        elif got != want:
            problems.append("the ranked people differ from a clean rebuild's")
        if verify.returncode != 0:
            problems.append(f"bio index verify fails: {verify.stderr.strip()[-300:]}")
        if problems:
            kept = os.path.join(work, f"failure-{number}")
            os.makedirs(kept, exist_ok=True)
            for path in glob.glob(db + "*"):
                shutil.copy(path, kept)
            failures.append((number, name, fraction, problems))
            log(f"crash-index: kill {number} FAILED: {name} at {fraction:.2f}: " + "; ".join(problems))
        else:
            log(f"crash-index: kill {number}: {name} at {fraction:.2f} ({status}, {seconds:.2f} s): same answers")
    print(f"crash-index: {a.kills} kills ({landed} landed mid-run) over {len(names)} workloads "
          f"({', '.join(names)}) on {a.faces:,} faces: {len(failures)} failures; "
          f"{debris} temporary files left by killed writes (removed)")
    for number, name, fraction, problems in failures:
        print(f"crash-index: FAILURE kill {number} ({name} killed at {fraction:.2f} of its run): {'; '.join(problems)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
