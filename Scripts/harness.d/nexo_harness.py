"""What the crash and fuzz harnesses share: a frozen copy of the build under test, a runner for
the real `nexo`, a seeded synthetic world with biometrics (the template store), and the checks a
store must pass after anything happened to it.

Standard library only. Every person and template here is synthetic.
"""
import json, math, os, random, shutil, sqlite3, struct, subprocess, sys

# A fixed clock and user make stores and outputs reproducible.
CLOCK = "2026-11-29T12:00:00Z"
USER = "harness"
# Exit statuses documented in README.md ("Exit statuses").
DOCUMENTED_STATUSES = {0, 1, 2, 3, 4, 5, 130}
# The shared fixtures sit beside the checkout (../shared); a clone elsewhere finds them at /work/shared.
FIXTURES = next((d for d in (os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "fixtures", "minutiae"),
                             "/work/shared/fixtures/minutiae") if os.path.isdir(d)), "")


class HarnessError(Exception):
    """The harness itself cannot go on (a broken build, a fixture that did not build): not a finding."""


def freeze_build(build_dir, dest):
    """Copies `nexo` and the libraries beside it into `dest`, so that builds running at the same
    time (a shared checkout) cannot swap the binary under test; checks that every plugin loads."""
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    os.chmod(dest, 0o755)
    for name in os.listdir(build_dir):
        if name == "nexo" or (name.startswith("lib") and name.endswith(".so")):
            shutil.copy2(os.path.join(build_dir, name), os.path.join(dest, name))
    nexo = os.path.join(dest, "nexo")
    if not os.path.exists(nexo):
        raise HarnessError(f"no nexo in {build_dir}: build first (swift build)")
    done = subprocess.run([nexo, "--db", ":memory:", "--format", "json", "-c", "plugins"],
                          capture_output=True, text=True, env=environment(dest), timeout=60)
    if done.returncode != 0:
        raise HarnessError(f"the nexo in {build_dir} does not start ({done.returncode}): {done.stderr.strip()[-500:]}")
    loaded = {row.get("name") for row in json.loads(done.stdout or "[]") if row.get("status", "available") == "available"}
    missing = {"gang-records", "smuggling-networks", "biometric-lookup", "world-generator"} - loaded
    if missing:
        raise HarnessError(f"plugins did not load from {build_dir}: {', '.join(sorted(missing))}: {done.stdout[-500:]}")
    return nexo


def environment(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEXO_")}
    env.update({"NEXO_CLOCK": CLOCK, "NEXO_USER": USER, "HOME": home, "LC_ALL": "C.UTF-8"})
    return env


class Nexo:
    """Runs the frozen `nexo` on a store."""

    def __init__(self, nexo, home):
        self.path = nexo
        self.home = home

    def argv(self, db, *args):
        return [self.path, "--db", db, *args]

    def run(self, db, script, timeout=600, cwd=None, check=True):
        done = subprocess.run(self.argv(db, "-c", script), capture_output=True, text=True, cwd=cwd,
                              env=environment(self.home), timeout=timeout, stdin=subprocess.DEVNULL)
        if check and done.returncode != 0:
            raise HarnessError(f"nexo failed ({done.returncode}) on {script[:200]!r}: {done.stderr.strip()[-1500:]}")
        return done

    def run_file(self, db, path, timeout=600, cwd=None):
        done = subprocess.run(self.argv(db, "run", path), capture_output=True, text=True, cwd=cwd,
                              env=environment(self.home), timeout=timeout, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise HarnessError(f"nexo failed ({done.returncode}) running {path}: {done.stderr.strip()[-1500:]}")
        return done


def copy_store(source, dest):
    """Copies a closed store (its main file only: the template stores are checkpointed)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(dest + suffix):
            os.remove(dest + suffix)
    shutil.copyfile(source, dest)
    os.chmod(dest, 0o600)


def checkpoint(db):
    """Folds the write-ahead log into the main file, so that the main file alone is the store."""
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# --- synthetic biometrics -------------------------------------------------------------------

def face_vector(rng):
    v = [rng.gauss(0.0, 1.0) for _ in range(512)]
    norm = math.sqrt(sum(x * x for x in v))
    return [x / norm for x in v]


def capture(rng, face, noise=0.6):
    """A repeat capture of `face` (cosine to it around 0.85)."""
    v = [x + rng.gauss(0.0, noise / math.sqrt(512)) for x in face]
    norm = math.sqrt(sum(x * x for x in v))
    return [x / norm for x in v]


def face_bytes(vector):
    return struct.pack("<512f", *vector)


def iris_bytes(rng):
    code = bytes(rng.getrandbits(8) for _ in range(256))
    mask = bytes(0xFF if rng.random() < 0.9 else rng.getrandbits(8) for _ in range(256))
    return code + mask


def minutiae_fixtures():
    """The minutiae records in ../shared/fixtures/minutiae (paths), ISO and ANSI."""
    if not os.path.isdir(FIXTURES):
        return []
    return sorted(os.path.join(FIXTURES, n) for n in os.listdir(FIXTURES) if n.endswith((".dat", ".raw")))


# --- the template store ---------------------------------------------------------------------

class World:
    """A demo world (seed 22) with a source, a watch, enrolled faces, irises and fingers, and
    3,000 extra people without templates: the base store both harnesses copy."""

    GALLERY_PEOPLE = 3000
    ENROLLED = 200

    def __init__(self, nexo, work):
        self.nexo = nexo
        self.work = work
        self.db = os.path.join(work, "world.db")
        self.files = os.path.join(work, "world-files")
        self.faces = {}  # person id -> enrolled face vector

    def build(self):
        os.makedirs(self.files, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        rng = random.Random(22)
        self.nexo.run(self.db, 'generate --scale demo --seed 22; source add "Harness source" --reliability B --credibility 2')
        with sqlite3.connect(self.db) as c:
            self.people = [r[0] for r in c.execute(
                "SELECT id FROM entities WHERE kind = 'person' ORDER BY CAST(substr(id, 3) AS INTEGER)")]
            self.source = c.execute("SELECT id FROM sources ORDER BY rowid DESC LIMIT 1").fetchone()[0]
            self.cliques = [r[0] for r in c.execute(
                "SELECT id FROM entities WHERE kind = 'group' AND json_extract(props, '$.type') = 'clique' ORDER BY rowid")]
            self.gangs = [r[0] for r in c.execute(
                "SELECT label FROM entities WHERE kind = 'group' AND json_extract(props, '$.type') = 'gang' ORDER BY rowid")]
            self.networks = [r[0] for r in c.execute(
                "SELECT id FROM entities WHERE kind = 'group' AND json_extract(props, '$.type') = 'network' ORDER BY rowid")]
            self.routes = [r[0] for r in c.execute("SELECT id FROM entities WHERE kind = 'route' ORDER BY rowid")]
            self.prisons = [r[0] for r in c.execute(
                "SELECT id FROM entities WHERE kind = 'place' AND json_extract(props, '$.type') = 'prison' ORDER BY rowid")]
        first_gallery = len(self.people) + 1
        people_file = os.path.join(self.files, "gallery-people.ndjson")
        with open(people_file, "w") as out:
            for i in range(self.GALLERY_PEOPLE):
                out.write(json.dumps({"type": "entity", "id": f"P-{first_gallery + i}", "kind": "person",
                                      "label": f"Gallery Person {i + 1}"}) + "\n")
        self.gallery = [f"P-{first_gallery + i}" for i in range(self.GALLERY_PEOPLE)]
        enrol_file = os.path.join(self.files, "enrol.ndjson")
        fingers = minutiae_fixtures()
        with open(enrol_file, "w") as out:
            for i, person in enumerate(self.people[:self.ENROLLED]):
                face = face_vector(rng)
                self.faces[person] = face
                line = {"person": person, "face": [round(x, 6) for x in face]}
                if i % 4 == 0:
                    iris = os.path.join(self.files, f"{person}.iris")
                    with open(iris, "wb") as f:
                        f.write(iris_bytes(rng))
                    line["iris_files"] = [iris]
                if fingers and i < len(fingers):
                    line["finger_files"] = [fingers[i]]
                out.write(json.dumps(line) + "\n")
        self.nexo.run(self.db, f"import {people_file}; bio import {enrol_file}; bio watch add --gang \"{self.gangs[0]}\" --note harness")
        # Exchange files as Nexo writes them, for the fuzzer's corpus.
        exports = []
        for person, modality, ext in ((self.people[0], "face", "f32"), (self.people[0], "iris", "iris"),
                                      (self.people[1], "finger", "ist"), (self.people[2], "finger", "ansi")):
            path = os.path.join(self.files, f"export-{person}-{modality}.{ext}")
            extra = " --record-format ansi" if ext == "ansi" else ""
            done = self.nexo.run(self.db, f"bio export {person} {path} --modality {modality}{extra}", check=False)
            if done.returncode == 0:
                exports.append(path)
        self.exports = exports
        checkpoint(self.db)
        problems = check_store(self.db)
        if problems:
            raise HarnessError(f"the template store fails its own checks: {problems}")
        return self

    def encounters(self, path, count, seed, strangers=0.2):
        """Feed lines: repeat captures of enrolled people (some with their names) and strangers."""
        rng = random.Random(seed)
        enrolled = list(self.faces)
        refs = []
        with open(path, "w") as out:
            for i in range(count):
                ref = f"CR-{seed}-{i + 1:05d}"
                refs.append(ref)
                line = {"ref": ref, "date": "2026-11-20", "post": "El Amatillo"}
                if rng.random() < strangers:
                    face = face_vector(rng)
                    line["name"] = f"Stranger {i}"
                else:
                    face = capture(rng, self.faces[rng.choice(enrolled)])
                line["face"] = [round(x, 5) for x in face]
                out.write(json.dumps(line) + "\n")
        return refs


# --- store checks -------------------------------------------------------------------------------

def check_store(db):
    """Problems with a store's files: SQLite's integrity and foreign keys, the FTS5 name index
    (`names`: its own integrity check, and exactly one row per label and alias, at rowid
    2 x entity rowid and 2 x alias id + 1), and the trigger-kept template count. [] when sound."""
    problems = []
    try:
        connection = sqlite3.connect(db, timeout=30)
    except sqlite3.Error as error:
        return [f"cannot open: {error}"]
    try:
        rows = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.append("integrity_check: " + "; ".join(rows[:5]))
        rows = connection.execute("PRAGMA foreign_key_check").fetchall()
        if rows:
            problems.append(f"foreign_key_check: {len(rows)} rows, first {rows[:3]}")
        try:
            connection.execute("INSERT INTO names(names, rank) VALUES('integrity-check', 1)")
            connection.rollback()
        except sqlite3.Error as error:
            problems.append(f"FTS names integrity-check: {error}")
        missing = connection.execute(
            "SELECT count(*) FROM entities e LEFT JOIN names n ON n.rowid = e.rowid * 2 "
            "WHERE n.rowid IS NULL OR n.entity_id IS NOT e.id OR n.name IS NOT e.label").fetchone()[0]
        missing += connection.execute(
            "SELECT count(*) FROM aliases a LEFT JOIN names n ON n.rowid = a.id * 2 + 1 "
            "WHERE n.rowid IS NULL OR n.entity_id IS NOT a.entity_id OR n.name IS NOT a.alias").fetchone()[0]
        if missing:
            problems.append(f"FTS names: {missing} labels or aliases missing from the name index or different there")
        indexed, named = connection.execute(
            "SELECT (SELECT count(*) FROM names), (SELECT count(*) FROM entities) + (SELECT count(*) FROM aliases)").fetchone()
        if indexed != named:
            problems.append(f"FTS names: {indexed} index rows for {named} labels and aliases")
        counted = connection.execute("SELECT (SELECT rows FROM template_count WHERE id = 1), (SELECT count(*) FROM templates)").fetchone()
        if counted[0] is not None and counted[0] != counted[1]:
            problems.append(f"template_count says {counted[0]}, templates hold {counted[1]}")
    except sqlite3.Error as error:
        problems.append(f"checking failed: {error}")
    finally:
        connection.close()
    return problems


def rows_by_run(db, tables=("entities", "edges", "aliases", "templates")):
    """{run id: {table: rows}} for every run, and the runs as (id, command, undone, undoes, job)."""
    with sqlite3.connect(db, timeout=30) as c:
        runs = c.execute("SELECT id, command, undone, undoes, job FROM runs ORDER BY id").fetchall()
        counts = {run[0]: {t: 0 for t in tables} for run in runs}
        for table in tables:
            for run_id, n in c.execute(f"SELECT run_id, count(*) FROM {table} GROUP BY run_id"):
                counts.setdefault(run_id, {t: 0 for t in tables})[table] = n
    return runs, counts


def answers(nexo, db, timeout=120):
    """Whether `nexo` still opens the store, reads and writes it: None when it does, else why not."""
    try:
        done = nexo.run(db, 'runs | limit 1; find person "gallery person 1" | limit 1; add person "After Harness"; undo',
                        timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"nexo did not answer within {timeout} s"
    if done.returncode != 0:
        return f"nexo exits {done.returncode}: {done.stderr.strip()[-400:]}"
    return None


def log(message):
    print(message, file=sys.stderr, flush=True)
