"""Seeded mutation fuzzer driving the real `nexo`.

Corpora come from the repository: the example and end-to-end scripts, a generated world as NDJSON
and as CSV, feed lines (the example day at El Amatillo and synthetic captures), enrolment lines,
face/iris/minutiae files written by `bio export` from the template store and the shared minutiae
fixtures, and the plugin libraries. Case k of seed S is drawn from Random("S/k") alone, so any
case can be rerun (`--case k`) whatever ran in parallel with it.

Each case runs on a fresh copy of a small template store, as the user nobody (so a mutated output
path cannot write outside world-writable places), under an address-space cap (prlimit --as) and a
timeout. A finding is: death by a signal (crash; "memory" when the process was near the cap or said
it could not allocate), a timeout (hang), an exit status outside {0,1,2,3,4,5,130}, a Swift runtime
error on standard error, the store failing its checks afterwards, or a script or import file that
is not UTF-8 accepted with status 0.
"""
import argparse, glob, hashlib, json, os, pwd, random, re, shlex, shutil, signal, subprocess, sys, threading, time

from nexo_harness import (DOCUMENTED_STATUSES, HarnessError, Nexo, World, capture, check_store, checkpoint, copy_store,
                          environment, face_bytes, freeze_build, log, minutiae_fixtures)
import mutations as m

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TARGETS = {"script": 34, "import-ndjson": 10, "import-csv": 8, "feed": 14, "face": 14, "iris": 6, "finger": 6, "plugin": 4}
RUNTIME_ERROR = re.compile(r"Fatal error|fatal error|Swift runtime failure|Illegal instruction|Segmentation fault|"
                           r"Stack dump|Current stack trace|Unexpectedly found nil")
OUT_OF_MEMORY = re.compile(r"alloc|out of memory|Cannot allocate memory|mmap", re.IGNORECASE)


class Corpus:
    """Inputs to mutate, and the template stores (read only)."""

    def __init__(self, nexo, work):
        world = World(nexo, work).build()
        self.world = world
        self.world_db = world.db
        self.empty_db = os.path.join(work, "empty.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.empty_db + suffix):
                os.remove(self.empty_db + suffix)
        nexo.run(self.empty_db, "case list")  # a command that opens (creates) the store
        checkpoint(self.empty_db)
        scripts = sorted(glob.glob(os.path.join(ROOT, "Scripts", "examples", "*.nexo"))
                         + glob.glob(os.path.join(ROOT, "Tests", "EndToEndTests", "Scripts", "*.nexo")))
        self.scripts = [[line for line in open(p, "rb").read().split(b"\n") if line.strip()] for p in scripts]
        self.scripts = [lines for lines in self.scripts if lines]
        self.pool = sorted({t for lines in self.scripts for line in lines for t in m.TOKEN.findall(line)}
                           | {b"store.db", b"store.db-wal", b"probe.f32", b"people.ndjson", b"out.csv", b"P-1", b"P-201"})
        generated = os.path.join(work, "generated")
        if os.path.isdir(generated):
            shutil.rmtree(generated)
        nexo.run(":memory:", f"generate --scale demo --seed 5 --out {generated}")
        lines = open(os.path.join(generated, "world.ndjson"), "rb").read().split(b"\n")
        self.ndjson = [line for line in lines if line.strip()][:400]
        self.ndjson += open(os.path.join(ROOT, "Tests", "EndToEndTests", "Scripts", "people.ndjson"), "rb").read().split(b"\n")
        csv = os.path.join(work, "world.csv")
        nexo.run(world.db, f"export {csv} --kind person")
        self.csv = open(csv, "rb").read().split(b"\n")[:200]
        feed = os.path.join(work, "captures.ndjson")
        world.encounters(feed, 30, seed=5)
        self.feed = open(os.path.join(ROOT, "Scripts", "examples", "el-amatillo-day.ndjson"), "rb").read().split(b"\n")
        self.feed = [line for line in self.feed + open(feed, "rb").read().split(b"\n") if line.strip()]
        self.enrolments = open(os.path.join(world.files, "enrol.ndjson"), "rb").read().split(b"\n")[:20]
        self.faces = [open(p, "rb").read() for p in world.exports if p.endswith(".f32")]
        self.irises = [open(p, "rb").read() for p in world.exports if p.endswith(".iris")]
        self.fingers = [open(p, "rb").read() for p in world.exports + minutiae_fixtures() if p.endswith((".ist", ".ansi", ".dat", ".raw"))]
        if not (self.faces and self.irises and self.fingers):
            raise HarnessError("bio export did not write a face, an iris and a finger file from the template store"
                               + ("" if minutiae_fixtures() else " (no minutiae fixtures: ../shared/fixtures/minutiae is missing)"))
        first = world.people[0]
        self.probe = face_bytes(capture(random.Random(3), world.faces[first]))
        self.people_file = open(os.path.join(ROOT, "Tests", "EndToEndTests", "Scripts", "people.ndjson"), "rb").read()
        self.libraries = sorted(p for p in glob.glob(os.path.join(os.path.dirname(nexo.path), "libNexo*.so"))
                                if not p.endswith("libNexoKit.so"))
        self.unenrolled = world.people[world.ENROLLED]


class Case:
    """One input and how to run it: files to write beside the store, nexo arguments, standard input."""

    def __init__(self, target, files, args, store, stdin=None, utf8_oracle=False, plugin_dir=False):
        self.target, self.files, self.args, self.store = target, files, args, store
        self.stdin, self.utf8_oracle, self.plugin_dir = stdin, utf8_oracle, plugin_dir


def sample(rng, lines, most):
    start = rng.randrange(len(lines))
    return b"\n".join(lines[start:start + rng.randint(1, most)]) + b"\n"


def make_case(rng, corpus):
    target = rng.choices(list(TARGETS), weights=list(TARGETS.values()))[0]
    c = corpus
    if target == "script":
        text = sample(rng, rng.choice(c.scripts), 6)
        if rng.random() < 0.3:  # lines of two scripts: a write of one before a read of the other
            text += sample(rng, rng.choice(c.scripts), 3)
        text = m.mutate_text(rng, text, c.pool)
        how = rng.random()
        if how < 0.4 and b"\x00" not in text and len(text) < 100_000:  # one argument holds at most 128 KiB
            try:
                return Case(target, {}, ["-c", text.decode("utf-8", "surrogateescape")], c.world_db)
            except UnicodeDecodeError:
                pass
        if how < 0.7:
            return Case(target, {"case.nexo": text}, ["run", "case.nexo"], c.world_db, utf8_oracle=True)
        return Case(target, {}, [], c.world_db, stdin=text, utf8_oracle=True)
    if target == "import-ndjson":
        data = m.mutate_lines(rng, sample(rng, c.ndjson, 150), c.pool)
        skip = rng.random() < 0.3
        return Case(target, {"case.ndjson": data}, ["-c", "import case.ndjson" + (" --skip-invalid" if skip else "")],
                    c.empty_db, utf8_oracle=not skip)
    if target == "import-csv":
        data = m.mutate_lines(rng, c.csv[0] + b"\n" + sample(rng, c.csv[1:], 100), c.pool)
        skip = rng.random() < 0.3
        return Case(target, {"case.csv": data}, ["-c", "import case.csv --file-format csv" + (" --skip-invalid" if skip else "")],
                    c.empty_db, utf8_oracle=not skip)
    if target == "feed":
        if rng.random() < 0.25:
            data = m.mutate_lines(rng, sample(rng, c.enrolments, 10), c.pool)
            return Case(target, {"case.ndjson": data}, ["-c", "bio import case.ndjson"], c.world_db)
        data = m.mutate_lines(rng, sample(rng, c.feed, 20), c.pool)
        command = rng.choice(["bio feed run case.ndjson", "bio feed start case.ndjson --batch 4; bio feed wait",
                              "bio feed start - --batch 2"])
        stdin = data if command.endswith("- --batch 2") else None
        return Case(target, {"case.ndjson": data}, ["-c", command], c.world_db, stdin=stdin)
    person = c.unenrolled
    if target == "face":
        data = m.mutate_face(rng, rng.choice(c.faces))
        command = rng.choice([f"bio enroll {person} --face case.f32; bio identify --face probe.f32 --top 3; bio gallery stats",
                              "bio identify --face case.f32 --top 3", f"bio verify {c.world.people[0]} --face case.f32",
                              f"bio enroll {person} --face case.f32; bio explain {person} {c.world.people[0]}; "
                              "bio feed run probe-feed.ndjson"])
        feed = json.dumps({"ref": "FZ-1", "post": "El Amatillo", "face_file": "probe.f32"}).encode() + b"\n"
        return Case(target, {"case.f32": data, "probe-feed.ndjson": feed}, ["-c", command], c.world_db)
    if target == "iris":
        data = m.mutate_binary(rng, rng.choice(c.irises))
        command = rng.choice([f"bio enroll {person} --iris case.iris; bio identify --iris case.iris --top 3",
                              "bio identify --iris case.iris", f"bio verify {c.world.people[0]} --iris case.iris"])
        return Case(target, {"case.iris": data}, ["-c", command], c.world_db)
    if target == "finger":
        data = m.mutate_binary(rng, rng.choice(c.fingers))
        command = rng.choice([f"bio enroll {person} --finger case.ist; bio identify --finger case.ist --top 3; "
                              f"bio export {person} out.ist --modality finger",
                              "bio identify --finger case.ist", f"bio verify {c.world.people[1]} --finger case.ist"])
        return Case(target, {"case.ist": data}, ["-c", command], c.world_db)
    library = rng.choice(c.libraries)
    data = open(library, "rb").read()
    if rng.random() < 0.6:
        data = data[:rng.choice([0, 16, 64, 1_000, 4_096, 50_000, 200_000, rng.randrange(len(data))])]
    else:
        data = m.mutate_binary(rng, data[:4096]) + data[4096:]
    return Case(target, {os.path.join("plugins", os.path.basename(library)): data}, ["-c", "plugins"], c.world_db,
                plugin_dir=True)


class Runner:
    def __init__(self, nexo, work, cap, timeout):
        self.nexo, self.work, self.cap, self.timeout = nexo, work, cap, timeout
        # As root, every case runs as nobody, so a mutated output path cannot overwrite files the
        # harness's user owns; as another user, cases run as that user (already unprivileged).
        self.nobody = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
        self.identity = ({"user": self.nobody.pw_uid, "group": self.nobody.pw_gid, "extra_groups": []}
                         if self.nobody else {})
        if not self.nobody:
            print("fuzz: not root: cases run as the current user, not as nobody", file=sys.stderr)
        # Resolved here: nobody cannot search root's PATH entries.
        self.prlimit = shutil.which("prlimit")
        if not self.prlimit:
            raise HarnessError("no prlimit (util-linux) on PATH")
        done = subprocess.run([self.prlimit, f"--as={cap}", "--", nexo.path, "--db", ":memory:", "--format", "json", "-c", "plugins"],
                              capture_output=True, text=True, cwd="/", env=environment("/"), timeout=60, **self.identity)
        loaded = [row["name"] for row in json.loads(done.stdout or "[]") if row.get("status") == "available"]
        if done.returncode != 0 or len(loaded) < 4:
            raise HarnessError(f"as {'nobody' if self.nobody else 'this user'} under the memory cap, nexo loads only {loaded} ({done.returncode}): {done.stderr[-500:]}")

    def prepare(self, directory, case, probe, people):
        if os.path.isdir(directory):
            shutil.rmtree(directory)
        os.makedirs(os.path.join(directory, "plugins"))
        store = os.path.join(directory, "store.db")
        copy_store(case.store, store)
        files = dict(case.files)
        files.setdefault("probe.f32", probe)
        files.setdefault("people.ndjson", people)
        for name, data in files.items():
            with open(os.path.join(directory, name), "wb") as f:
                f.write(data)
        for base, dirs, names in os.walk(directory) if self.nobody else []:
            for name in dirs + names + [""]:
                os.chown(os.path.join(base, name), self.nobody.pw_uid, self.nobody.pw_gid)
        os.chmod(os.path.join(directory, "plugins"), 0o755)
        return store

    def argv(self, case):
        extra = ["--plugin-dir", "plugins"] if case.plugin_dir else []
        return [self.nexo.path, "--db", "store.db", *extra, *case.args]

    def run(self, directory, case):
        """(status or None on timeout, signal or None, max RSS bytes, stderr tail)."""
        command = [self.prlimit, f"--as={self.cap}", "--core=0", "--", *self.argv(case)]
        with open(os.path.join(directory, "stdout"), "wb") as out, open(os.path.join(directory, "stderr"), "w+b") as err:
            process = subprocess.Popen(command, cwd=directory, stdout=out, stderr=err,
                                       stdin=subprocess.PIPE if case.stdin is not None else subprocess.DEVNULL,
                                       env=environment(directory), start_new_session=True, **self.identity)
            if case.stdin is not None:
                try:
                    process.stdin.write(case.stdin)
                    process.stdin.close()
                except BrokenPipeError:
                    pass
            deadline = time.monotonic() + self.timeout
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    os.killpg(process.pid, signal.SIGKILL)
                    pid, status, usage = os.wait4(process.pid, 0)
                    process.returncode = -9
                    err.seek(0)
                    return None, None, usage.ru_maxrss * 1024, err.read()[-3000:].decode("utf-8", "replace")
                time.sleep(0.003)
            process.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            tail = err.read()[-3000:].decode("utf-8", "replace")
        code = process.returncode
        return (code, None, usage.ru_maxrss * 1024, tail) if code >= 0 else (None, -code, usage.ru_maxrss * 1024, tail)


MAX_CASE_BYTES = 8 << 20


def case_bytes(case):
    return sum(len(data) for name, data in case.files.items() if not name.startswith("plugins")) + len(case.stdin or b"") \
        + sum(len(arg) for arg in case.args)


def is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def judge(case, status, signum, rss, stderr, cap, store_problems):
    """(category, signature) of a finding, or None."""
    error = RUNTIME_ERROR.search(stderr)
    first = next((line for line in stderr.splitlines() if RUNTIME_ERROR.search(line)), "")
    where = re.sub(r"0x[0-9a-f]+|\d+", "N", first)[:160]
    if signum is not None:
        memory = rss > cap * 0.6 or OUT_OF_MEMORY.search(stderr)
        return ("memory" if memory else "crash", f"{signal.Signals(signum).name} {where}".strip())
    if status is None:
        return ("hang", "timeout")
    if error:
        return ("runtime-error", where)
    if status not in DOCUMENTED_STATUSES:
        return ("exit-status", f"status {status}")
    if store_problems:
        return ("store", re.sub(r"\d+", "N", store_problems[0])[:160])
    if case.utf8_oracle and status == 0:
        inputs = [case.stdin] if case.stdin is not None else list(case.files.values())
        if any(not is_utf8(data) for data in inputs):
            return ("accepted-invalid-utf8", case.target)
    return None


def save(findings_dir, seed, number, case, runner, category, signature, stderr, template):
    key = hashlib.sha256(f"{category} {case.target} {signature}".encode()).hexdigest()[:10]
    directory = os.path.join(findings_dir, f"{category}-{case.target}-{key}", f"case-{seed}-{number}")
    os.makedirs(directory, exist_ok=True)
    for name, data in case.files.items():
        path = os.path.join(directory, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    if case.stdin is not None:
        with open(os.path.join(directory, "stdin"), "wb") as f:
            f.write(case.stdin)
    argv = runner.argv(case)
    with open(os.path.join(directory, "reproduce.sh"), "w") as f:
        f.write("#!/bin/sh\n# " + f"{category}: {signature}\n"
                f"# Rerun through the fuzzer: Scripts/fuzz --seed {seed} --case {number}\n"
                f"cd \"$(dirname \"$0\")\" && cp {shlex.quote(template)} store.db && rm -f store.db-wal store.db-shm && \\\n  "
                f"NEXO_CLOCK=2026-11-29T12:00:00Z NEXO_USER=harness {' '.join(shlex.quote(a) for a in argv)}"
                + (" < stdin" if case.stdin is not None else "") + "\n")
    os.chmod(os.path.join(directory, "reproduce.sh"), 0o755)
    with open(os.path.join(directory, "stderr"), "w") as f:
        f.write(stderr)
    return directory


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--findings", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", type=int, help="run only this case")
    parser.add_argument("--target", action="append", choices=list(TARGETS), help="only these targets (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    # A debug nexo takes about 7 s for 'bio identify --finger' on four enrolled fingers: hangs are well past that.
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--memory-cap", type=int, default=2 << 30, help="address-space cap per case, bytes")
    a = parser.parse_args()
    if a.target:
        for name in list(TARGETS):
            if name not in a.target:
                del TARGETS[name]
    os.makedirs(a.work, exist_ok=True)
    try:
        nexo = Nexo(freeze_build(a.bin, os.path.join(a.work, "bin")), a.work)
        log("fuzz: building the template stores and corpora")
        corpus = Corpus(nexo, a.work)
        runner = Runner(nexo, a.work, a.memory_cap, a.timeout)
    except (HarnessError, subprocess.TimeoutExpired) as error:
        print(f"fuzz: harness error: {error}", file=sys.stderr)
        return 1
    lock = threading.Lock()
    state = {"next": a.case if a.case is not None else 1, "executions": 0, "max_rss": 0}
    per_target = {t: 0 for t in TARGETS}
    findings = {}  # (category, target, signature) -> [count, first directory]
    deadline = time.monotonic() + a.seconds

    def worker(index):
        try:
            work(index)
        except Exception as error:  # a harness fault ends the run with a non-zero status, never silently
            with lock:
                state["error"] = f"{type(error).__name__}: {error}"
                state["next"] = float("inf")

    def work(index):
        directory = os.path.join(a.work, "cases", f"worker-{index}")
        while True:
            with lock:
                if state.get("error") or (a.case is not None and state["next"] > a.case) or (a.case is None and time.monotonic() > deadline):
                    return
                number = state["next"]
                state["next"] += 1
            rng = random.Random(f"{a.seed}/{number}")
            case = make_case(rng, corpus)
            while case_bytes(case) > MAX_CASE_BYTES:  # stacked growth: a debug nexo reads ~1 MB/s, not a hang
                case = make_case(rng, corpus)
            store = runner.prepare(directory, case, corpus.probe, corpus.people_file)
            status, signum, rss, stderr = runner.run(directory, case)
            problems = check_store(store)
            verdict = judge(case, status, signum, rss, stderr, a.memory_cap, problems)
            with lock:
                state["executions"] += 1
                state["max_rss"] = max(state["max_rss"], rss)
                per_target[case.target] += 1
                if verdict:
                    key = (verdict[0], case.target, verdict[1])
                    entry = findings.setdefault(key, [0, None])
                    entry[0] += 1
                    if entry[0] <= 3:
                        saved = save(a.findings, a.seed, number, case, runner, verdict[0], verdict[1], stderr, case.store)
                        entry[1] = entry[1] or saved
                        log(f"fuzz: case {number}: {verdict[0]} ({case.target}): {verdict[1]} -> {saved}")
                elif a.case is not None:
                    log(f"fuzz: case {number} ({case.target}): status {status}, no finding")

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(1 if a.case is not None else a.jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    executions = state["executions"]
    total = sum(entry[0] for entry in findings.values())
    print(f"fuzz: {executions} executions in {elapsed:.0f} s ({executions / max(elapsed, 1e-9):.1f}/s) on {a.jobs} jobs, "
          f"seed {a.seed}; {', '.join(f'{t} {n}' for t, n in per_target.items())}; largest RSS {state['max_rss'] / 2**20:.0f} MiB; "
          f"{total} findings in {len(findings)} kinds")
    for (category, target, signature), (count, directory) in sorted(findings.items()):
        print(f"fuzz: FINDING {category} in {target} x{count}: {signature}\n  {directory}/reproduce.sh")
    if state.get("error"):
        print(f"fuzz: harness error: {state['error']}", file=sys.stderr)
        return 1
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
