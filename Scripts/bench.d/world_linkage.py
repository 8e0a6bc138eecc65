"""Biographic identification on the synthetic world through `nexo` itself (issue 15), as a user would run it.

Generates a world with `nexo generate --scale S --seed N --out DIR`, imports it into a fresh store with `import`,
then probes with PROBES records in one `nexo run` script of `bio identify --given … --surnames … --dob …
--nationality … --sex … [--document …] --top 10` lines: 80 % copies of stored people with the mistakes clerks make
(a letter typed wrong or missed in a surname or a given name, day and month swapped, a year off by one, the document
not shown, given names and surnames swapped), 20 % strangers (given names of one person, surnames of another, a
date of birth of nobody's). The truth is which person each probe was made from. Reports, for hit decisions:
precision, recall and F1 (a link per candidate decided hit), rank-1, FPIR (strangers with a hit), pair completeness
(the mate among everyone compared: the same probes run again with `--explain-candidates`, not timed) and probes per
second (the whole script, store opened once).

Usage: world_linkage.py --bin RELEASE_DIR --work DIR [--scale small] [--seed 2026] [--probes 2000]
"""
import argparse, json, os, random, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batch import typo  # noqa: E402  (one model of a clerk's typing mistake)
from linkage import json_values, quoted  # noqa: E402  (one reader of nexo's JSON output, one quoting)


def people_of(world):
    """The world's persons: id → properties (given_names, surnames, date_of_birth, …)."""
    people = {}
    with open(world) as f:
        for line in f:
            record = json.loads(line)
            if record.get("kind") == "person" and record.get("type") == "entity":
                people[record["id"]] = record.get("properties", {})
    return people


def mistaken(p, rng):
    """A copy of person p's record as a clerk might take it down."""
    p = dict(p)
    surnames = p.get("surnames", "").split()
    if surnames and rng.random() < 0.5:
        i = rng.randrange(len(surnames))
        surnames[i] = typo(surnames[i], rng)
    p["surnames"] = " ".join(surnames)
    given = p.get("given_names", "").split()
    if given and rng.random() < 0.3:
        given[0] = typo(given[0], rng)
    p["given_names"] = " ".join(given)
    if rng.random() < 0.05:
        p["given_names"], p["surnames"] = p["surnames"], p["given_names"]
    if "date_of_birth" in p and len(p["date_of_birth"]) == 10:
        y, m, d = p["date_of_birth"].split("-")
        roll = rng.random()
        if roll < 0.1 and int(d) <= 12:
            p["date_of_birth"] = f"{y}-{d}-{m}"
        elif roll < 0.2:
            year = int(y) + rng.choice((-1, 1))
            day = "28" if (m, d) == ("02", "29") else d
            p["date_of_birth"] = f"{year:04d}-{m}-{day}"
    if rng.random() < 0.5:
        p.pop("document", None)
    return p


def stranger(people, rng):
    """Given names of one person, surnames of another, a date of birth and document of nobody's."""
    a, b = rng.sample(people, 2)
    return {"given_names": a.get("given_names", ""), "surnames": b.get("surnames", ""),
            "date_of_birth": f"{rng.randint(1950, 2006):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "nationality": a.get("nationality"), "sex": a.get("sex")}


def line(p):
    options = [f"--given {quoted(p['given_names'])}" if p.get("given_names") else "",
               f"--surnames {quoted(p['surnames'])}" if p.get("surnames") else "",
               f"--dob {p['date_of_birth']}" if p.get("date_of_birth") else "",
               f"--nationality {p['nationality']}" if p.get("nationality") else "",
               f"--sex {p['sex']}" if p.get("sex") else "",
               f"--document {quoted(p['document'])}" if p.get("document") else ""]
    return "bio identify " + " ".join(o for o in options if o) + " --top 10"


def run(nexo, db, work, script, env):
    started = time.perf_counter()
    done = subprocess.run([nexo, "--db", db, "--format", "json", "run", script], cwd=work, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"world_linkage: {script} failed: {done.stderr[-1000:]}")
    return json_values(done.stdout), seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--scale", default="small")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--probes", type=int, default=2000)
    a = parser.parse_args()
    nexo = os.path.join(a.bin, "nexo")
    os.makedirs(a.work, exist_ok=True)
    env = dict(os.environ, HOME=a.work)
    world = os.path.join(a.work, f"world-{a.scale}-{a.seed}")
    if not os.path.exists(os.path.join(world, "world.ndjson")):
        done = subprocess.run([nexo, "--db", ":memory:", "-c",
                               f"generate --scale {a.scale} --seed {a.seed} --out {world}"],
                              cwd=a.work, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"world_linkage: generate failed: {done.stderr[-1000:]}")
    db = os.path.join(a.work, f"world-{a.scale}-{a.seed}.db")
    for suffix in ("", "-wal", "-shm", ".biographic-calibration", ".finger-calibration"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    done = subprocess.run([nexo, "--db", db, "-c", f"import {os.path.join(world, 'world.ndjson')}"], cwd=a.work,
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"world_linkage: import failed: {done.stderr[-1000:]}")
    people = people_of(os.path.join(world, "world.ndjson"))
    ids = sorted(people, key=lambda i: int(i.split("-")[1]))
    rng = random.Random(a.seed ^ 15)
    probes = []  # (mate id or None, record)
    for n in range(a.probes):
        if n % 5 == 4:
            probes.append((None, stranger([people[i] for i in ids], rng)))
        else:
            mate = rng.choice(ids)
            probes.append((mate, mistaken(people[mate], rng)))
    lines = [line(p) for _, p in probes]
    with open(os.path.join(a.work, "probes.nexo"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(a.work, "explain.nexo"), "w") as f:
        f.write("\n".join(text + " --explain-candidates" for text in lines) + "\n")
    answers, seconds = run(nexo, db, a.work, "probes.nexo", env)
    considered, _ = run(nexo, db, a.work, "explain.nexo", env)
    if len(answers) != len(probes) or len(considered) != len(probes):
        sys.exit(f"world_linkage: {len(answers)} answers and {len(considered)} explanations for {len(probes)} probes")

    mated = [(m, ans, seen) for (m, _), ans, seen in zip(probes, answers, considered) if m is not None]
    strangers = [ans for (m, _), ans in zip(probes, answers) if m is None]
    hits = sum(1 for _, ans, _ in mated for c in ans if c["decision"] == "hit")
    hits += sum(1 for ans in strangers for c in ans if c["decision"] == "hit")
    right = sum(1 for m, ans, _ in mated for c in ans if c["decision"] == "hit" and c["person"]["id"] == m)
    first = sum(1 for m, ans, _ in mated if ans and ans[0]["person"]["id"] == m)
    complete = sum(1 for m, _, seen in mated if any(c["person"]["id"] == m for c in seen))
    false = sum(1 for ans in strangers if any(c["decision"] == "hit" for c in ans))
    precision = right / hits if hits else 0.0
    recall = right / len(mated)
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    pool = sum(len(seen) for seen in considered) / len(considered)
    print(f"World (scale {a.scale}, seed {a.seed}) through nexo: {len(people):,} people imported, "
          f"{len(probes):,} probes ({len(strangers):,} strangers)")
    print(f"  hit decisions: precision {precision:.4f}, recall {recall:.4f}, F1 {f1:.4f}; "
          f"FPIR {false / max(1, len(strangers)):.4f}")
    print(f"  rank-1 {first / len(mated):.4f}; pair completeness {complete / len(mated):.4f} "
          f"({pool:,.0f} compared per probe on average)")
    print(f"  {len(probes) / seconds:,.0f} probes/s ({seconds:.1f} s, one process)")


if __name__ == "__main__":
    main()
