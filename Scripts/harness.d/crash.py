"""Crash harness: SIGKILL `nexo` at random points of every writing workload, then check the store.

Each workload runs once uncut on a copy of its base store (the calibration: how long it takes, how
far its write-ahead log grows, which runs it records and how many rows each holds). Then each kill
copies the base store again, starts the workload and kills it with SIGKILL when a trigger drawn
from the seeded RNG fires: a fraction in [0, 1.1] of the workload's duration (the calibrated one,
or the shortest uncut run seen since), or the store's `-wal` file reaching a size in [1 byte, its
calibrated maximum] (which lands inside transactions). After
each kill the store must pass: SQLite's integrity and foreign-key checks, the FTS5 name index's
integrity check and one index row per label and alias, the template count; all or nothing (the
runs present are a prefix of the calibrated runs, each with exactly its calibrated rows; a base
run is untouched or wholly undone by an undo run; a feed's encounters are a prefix of its lines,
each with all its links, and no feed run is empty); and `nexo` still opens, reads and writes it.

Kill k's trigger (the fraction or the -wal size) depends only on (seed, k): `--seed S --kill K`
repeats one kill.
"""
import argparse, json, os, random, signal, sqlite3, subprocess, sys, time

from nexo_harness import (Nexo, World, HarnessError, answers, check_store, checkpoint, copy_store,
                          environment, face_bytes, face_vector, freeze_build, log, rows_by_run)


class Workload:
    """One writing workload: its base store, its command line, and how its result is checked."""

    def __init__(self, name, base, args, feed_refs=None):
        self.name = name
        self.base = base          # path of the store it starts from
        self.args = args          # nexo arguments after --db
        self.feed_refs = feed_refs  # feed lines' refs in order, for feed workloads

    def describe(self):
        return "nexo --db STORE " + " ".join(a if len(a) < 120 else a[:117] + "..." for a in self.args)


def write_script(path, lines):
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return path


def build_workloads(nexo, world, work):
    files = os.path.join(work, "workload-files")
    os.makedirs(files, exist_ok=True)
    rng = random.Random(7)
    w = world
    source = w.source
    adds = []
    for k in range(1, 301):
        adds.append(f'add person "Crash Person {k}" --prop date_of_birth=19{50 + k % 50}-0{1 + k % 9}-1{k % 10} '
                    f'--prop nationality=SV --alias "Crash Alias {k}" --source {source}')
        if k % 2 == 0:
            adds.append(f'link add "Crash Person {k}" member_of {w.cliques[k % len(w.cliques)]} --since 2020-01-01 '
                        f'--prop role=homeboy --source {source}')
    plugin = []
    for k, person in enumerate(w.gallery[:60]):
        clique = w.cliques[k % len(w.cliques)]
        plugin.append(f'gang enroll {person} {clique} --role homeboy --since 2019-0{1 + k % 9}-01 --moniker "Crash{k}" --source {source}')
        if k % 3 == 0:
            plugin.append(f'gang jail {person} {w.prisons[k % len(w.prisons)]} --from 2021-01-01 --to 2022-01-01 '
                          f'--charge extorsión --source {source}')
        if k % 2 == 0 and w.networks:
            plugin.append(f'smuggling facilitator add {person} {w.networks[k % len(w.networks)]} --role guide '
                          f'--since 2023-06-01 --source {source}')
        if k % 4 == 1 and w.routes:
            plugin.append(f'smuggling payment add {person} {w.gallery[k + 100]} --amount {1000 + k} --currency USD '
                          f'--channel remittance --date 2024-03-02 --route {w.routes[k % len(w.routes)]} --source {source}')
    ndjson = os.path.join(files, "import.ndjson")
    with open(ndjson, "w") as out:
        for k in range(1, 15001):
            out.write(json.dumps({"type": "entity", "id": f"P-{900000 + k}", "kind": "person", "label": f"Imported Person {k}",
                                  "properties": {"date_of_birth": f"19{60 + k % 40}-05-0{1 + k % 9}"},
                                  "aliases": [f"Imported Alias {k}"]}) + "\n")
        for k in range(1, 15001):
            out.write(json.dumps({"type": "edge", "kind": "member_of", "from": f"P-{900000 + k}",
                                  "to": w.cliques[k % len(w.cliques)], "valid_from": "2020-01-01", "confidence": 0.9,
                                  "properties": {"role": "homeboy"}}) + "\n")
    csv = os.path.join(files, "import.csv")
    with open(csv, "w") as out:
        out.write("id,kind,label,date_of_birth,nationality\n")
        for k in range(1, 20001):
            out.write(f"P-{800000 + k},person,\"Csv Person {k}, Jr\",19{60 + k % 40}-07-0{1 + k % 9},SV\n")
    enrolls = []
    for k, person in enumerate(w.gallery[200:320]):
        path = os.path.join(files, f"enroll-{person}.f32")
        with open(path, "wb") as f:
            f.write(face_bytes(face_vector(rng)))
        enrolls.append(f"bio enroll {person} --face {path}")
    bio_import = os.path.join(files, "bio-import.ndjson")
    with open(bio_import, "w") as out:
        for person in w.gallery:
            out.write(json.dumps({"person": person, "face": [round(x, 5) for x in face_vector(rng)]}) + "\n")
    feed = os.path.join(files, "feed.ndjson")
    refs = w.encounters(feed, 400, seed=11)

    empty = os.path.join(work, "empty.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(empty + suffix):
            os.remove(empty + suffix)
    nexo.run(empty, "case list")  # a command that opens (creates) the store
    checkpoint(empty)
    # The undo workload's base: the world after part of the add script and the NDJSON import.
    undo_base = os.path.join(work, "undo-base.db")
    copy_store(w.db, undo_base)
    nexo.run_file(undo_base, write_script(os.path.join(files, "undo-prep.nexo"), adds[:40]))
    nexo.run(undo_base, f"import {ndjson}")
    checkpoint(undo_base)

    return [
        Workload("add-script", w.db, ["run", write_script(os.path.join(files, "adds.nexo"), adds)]),
        Workload("plugin-writes", w.db, ["run", write_script(os.path.join(files, "plugin.nexo"), plugin)]),
        Workload("import-ndjson", w.db, ["-c", f"import {ndjson}"]),
        Workload("import-csv", w.db, ["-c", f"import {csv} --file-format csv"]),
        Workload("generate-small", empty, ["-c", "generate --scale small --seed 3"]),
        Workload("bio-enroll", w.db, ["run", write_script(os.path.join(files, "enroll.nexo"), enrolls)]),
        Workload("bio-import", w.db, ["-c", f"bio import {bio_import}"]),
        Workload("feed-run", w.db, ["-c", f"bio feed run {feed}"], feed_refs=refs),
        Workload("feed-start", w.db, ["-c", f"bio feed start {feed} --batch 16"], feed_refs=refs),
        Workload("undo", undo_base, ["-c", "undo; undo; undo; undo; undo; undo"]),
    ]


def encounters_of(db):
    """Encounters in the store: {label: {edge kind: count}}."""
    with sqlite3.connect(db, timeout=30) as c:
        found = {label: {} for (label,) in c.execute("SELECT label FROM entities WHERE kind = 'encounter'")}
        for label, kind, n in c.execute(
                "SELECT e.label, g.kind, count(*) FROM entities e JOIN edges g ON g.from_id = e.id "
                "WHERE e.kind = 'encounter' GROUP BY e.id, g.kind"):
            found[label][kind] = n
    return found


class Calibration:
    """What an uncut run of a workload does."""

    def __init__(self, nexo, workload, work):
        db = os.path.join(work, f"calibrate-{workload.name}.db")
        copy_store(workload.base, db)
        self.base_runs, self.base_counts = rows_by_run(workload.base)
        self.base_max = max((r[0] for r in self.base_runs), default=0)
        self.base_encounters = encounters_of(workload.base)
        status, self.seconds, self.max_wal, _ = run_until(nexo, workload, db, None, None)
        if status != 0:
            raise HarnessError(f"workload {workload.name} fails uncut ({status}): {read_tail(db + '.stderr')}")
        runs, counts = rows_by_run(db)
        self.runs = [(r, counts[r[0]]) for r in runs if r[0] > self.base_max]
        self.encounters = encounters_of(db)
        log(f"crash: calibrated {workload.name}: {self.seconds:.2f} s, wal up to {self.max_wal:,} bytes, "
            f"{len(self.runs)} runs")


def read_tail(path, size=600):
    try:
        with open(path, "rb") as f:
            return f.read()[-size:].decode("utf-8", "replace").strip()
    except OSError:
        return ""


def run_until(nexo, workload, db, kill_after, kill_at_wal):
    """Runs the workload on `db`; kills it when `kill_after` seconds have passed or the store's
    -wal file reaches `kill_at_wal` bytes. Returns (status, seconds, max wal bytes, killed)."""
    wal = db + "-wal"
    with open(db + ".stdout", "wb") as out, open(db + ".stderr", "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(nexo.argv(db, *workload.args), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   env=environment(nexo.home), cwd=os.path.dirname(db))
        max_wal, killed = 0, False
        while process.poll() is None:
            try:
                size = os.stat(wal).st_size
            except FileNotFoundError:
                size = 0
            max_wal = max(max_wal, size)
            elapsed = time.perf_counter() - started
            if (kill_after is not None and elapsed >= kill_after) or (kill_at_wal is not None and size >= kill_at_wal):
                process.send_signal(signal.SIGKILL)
                killed = True
                process.wait()
                break
            if elapsed > 900:
                process.kill()
                process.wait()
                raise HarnessError(f"workload {workload.name} ran for 900 s")
            time.sleep(0.001)
        return process.returncode, time.perf_counter() - started, max_wal, killed


def all_or_nothing(workload, calibration, db):
    """Problems with what the killed workload left: [] when each run is whole or absent."""
    problems = []
    runs, counts = rows_by_run(db)
    base = {r[0]: r for r in calibration.base_runs}
    undoes = {r[3]: r[0] for r in runs if r[3] is not None}
    for run in runs:
        run_id = run[0]
        if run_id not in base:
            continue
        before = calibration.base_counts[run_id]
        if run[2] and not base[run_id][2]:
            if run_id not in undoes:
                problems.append(f"run {run_id} is marked undone but no undo run names it")
            if any(counts[run_id].values()):
                problems.append(f"run {run_id} undone but still holds {counts[run_id]}")
        elif counts[run_id] != before:
            problems.append(f"run {run_id} ({run[1][:60]}) holds {counts[run_id]}, before the workload {before}")
    if len(runs) < len(base) or [r[0] for r in runs[:len(base)]] != sorted(base):
        problems.append("runs of the base store are missing")
    new = [r for r in runs if r[0] > calibration.base_max]
    if workload.feed_refs is None:
        expected = calibration.runs
        if len(new) > len(expected):
            problems.append(f"{len(new)} new runs, the uncut workload records {len(expected)}")
        for i, run in enumerate(new[:len(expected)]):
            (want, want_counts) = expected[i]
            if run[1] != want[1]:
                problems.append(f"run {i + 1} of the workload is {run[1][:80]!r}, expected {want[1][:80]!r}")
                break
            if bool(run[3]) != bool(want[3]) or counts[run[0]] != want_counts:
                problems.append(f"run {i + 1} ({run[1][:60]}) holds {counts[run[0]]}, uncut {want_counts}: partly stored")
    else:
        for run in new:
            if run[4] is not None and not any(counts[run[0]].values()):
                problems.append(f"feed run {run[0]} ({run[1][:60]}) stored nothing")
        found = encounters_of(db)
        added = [label for label in found if label not in calibration.base_encounters]
        order = [label for label in calibration.encounters if label not in calibration.base_encounters]
        position = {label: i for i, label in enumerate(order)}
        unknown = [label for label in added if label not in position]
        if unknown:
            problems.append(f"encounters the uncut feed does not store: {unknown[:3]}")
        else:
            present = sorted(position[label] for label in added)
            if present != list(range(len(present))):
                problems.append(f"the {len(present)} stored encounters are not the feed's first lines")
            for label in added:
                if found[label] != calibration.encounters[label]:
                    problems.append(f"{label}: links {found[label]}, uncut {calibration.encounters[label]}")
                    break
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="build directory holding nexo and the plugins")
    parser.add_argument("--work", required=True)
    parser.add_argument("--kills", type=int, default=36)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kill", type=int, help="repeat only this kill (its number as printed)")
    parser.add_argument("--workload", action="append", help="only these workloads (repeatable)")
    a = parser.parse_args()
    os.makedirs(a.work, exist_ok=True)
    try:
        nexo = Nexo(freeze_build(a.bin, os.path.join(a.work, "bin")), a.work)
        log("crash: building the base stores")
        world = World(nexo, a.work).build()
        workloads = build_workloads(nexo, world, a.work)
        if a.workload:
            unknown = set(a.workload) - {w.name for w in workloads}
            if unknown:
                print(f"crash: no workload {', '.join(sorted(unknown))}; workloads: {', '.join(w.name for w in workloads)}",
                      file=sys.stderr)
                return 2
            workloads = [w for w in workloads if w.name in a.workload]
        calibrations = {w.name: Calibration(nexo, w, a.work) for w in workloads}
    except (HarnessError, subprocess.TimeoutExpired) as error:
        print(f"crash: harness error: {error}", file=sys.stderr)
        return 1

    numbers = [a.kill] if a.kill is not None else range(1, a.kills + 1)
    db = os.path.join(a.work, "case.db")
    landed, finished, failures = 0, 0, []
    per_workload = {w.name: 0 for w in workloads}
    started = time.perf_counter()
    for number in numbers:
        rng = random.Random(f"{a.seed}/{number}")
        workload = workloads[(number - 1) % len(workloads)]
        calibration = calibrations[workload.name]
        if rng.random() < 0.5 or calibration.max_wal == 0:
            fraction = rng.uniform(0.0, 1.1)
            kill_after, kill_at_wal = fraction * calibration.seconds, None
            trigger = f"after {kill_after:.3f} s ({fraction:.0%} of its {calibration.seconds:.2f} s)"
        else:
            kill_after, kill_at_wal = None, rng.randint(1, calibration.max_wal)
            trigger = f"at -wal {kill_at_wal:,} bytes"
        copy_store(workload.base, db)
        status, seconds, _, killed = run_until(nexo, workload, db, kill_after, kill_at_wal)
        per_workload[workload.name] += 1
        if killed:
            landed += 1
        else:
            finished += 1
            if status == 0:  # the calibration ran on a colder or busier machine: aim within this duration
                calibration.seconds = min(calibration.seconds, seconds)
        problems = []
        if not killed and status != 0:
            problems.append(f"the workload exits {status} without being killed: {read_tail(db + '.stderr')}")
        problems += check_store(db)
        if not any(p.startswith(("cannot open", "integrity_check", "checking failed")) for p in problems):
            problems += all_or_nothing(workload, calibration, db)
        problem = answers(nexo, db)
        if problem:
            problems.append(problem)
        outcome = "killed" if killed else f"finished ({status})"
        if problems:
            kept = os.path.join(a.work, f"failure-{a.seed}-{number}.db")
            copy_store(db, kept)
            failures.append((number, workload, trigger, problems, kept))
            log(f"crash: kill {number} FAILED: {workload.name} {trigger}, {outcome}: " + "; ".join(problems))
        else:
            log(f"crash: kill {number}: {workload.name} {trigger}, {outcome} at {seconds:.2f} s: store sound")

    elapsed = time.perf_counter() - started
    print(f"crash: {len(list(numbers))} kills ({landed} landed mid-run, {finished} after the workload finished) "
          f"over {len(workloads)} workloads ({', '.join(f'{k} {v}' for k, v in per_workload.items())}) "
          f"in {elapsed:.0f} s; {len(failures)} failures; seed {a.seed}")
    for number, workload, trigger, problems, kept in failures:
        print(f"crash: FAILURE kill {number} ({workload.name}, killed {trigger}): {'; '.join(problems)}")
        print(f"  reproduce: Scripts/crash --seed {a.seed} --kill {number} --workload {workload.name}"
              f"  (the workload: {workload.describe()}; the store after the kill: {kept})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
