"""Real-time feed benchmark: encounters matched against an N-identity face gallery.

Builds a store of N synthetic people with one enrolled face each (`import` + `bio import`),
loads the gallery into the engine (one warm-up identify), then runs `bio feed start` on M
encounters (90 % repeat captures of enrolled people, 10 % people never enrolled) and reports what
`bio feed wait` measured: sustained encounters/s, latency from reading a line to the commit of
its result (p50/p90/p99/max, nexo's own histogram on HdrHistogram's bucket scheme).

Faces: a random unit vector per identity, a capture adds noise (genuine cosine ~0.67-0.8). By
default identities have a decaying spectrum like real embeddings (impostors 0 +- 0.094) and the
capture noise is spread evenly (FaceSynthesizer's realistic model); --spectrum isotropic gives the
issue's first model (impostors 0 +- 0.045, no index finds mates cheaply), --noise like-identities
draws the noise with the identities' spectrum (the hardest case). No peer: the goal is absolute
(>= 1,000/s, p99 <= 50 ms on this 2-core machine).
"""
import argparse, io, json, os, sqlite3, subprocess, sys, time

import numpy as np


def run(nexo, db, script, fmt=None):
    args = [nexo, "--db", db] + (["--format", fmt] if fmt else []) + ["-c", script]
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"nexo failed ({done.returncode}) on {script!r}:\n{done.stderr[-2000:]}")
    return done, elapsed


SCALE = np.ones(512, dtype=np.float32)


def faces(rng, count):
    v = rng.standard_normal((count, 512)).astype(np.float32) * SCALE
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def write_vectors(handle, prefix, vectors, first):
    # np.savetxt formats in C, row by row: ~30x faster than joining Python floats.
    text = io.StringIO()
    np.savetxt(text, vectors, fmt="%.4f", delimiter=",")
    for i, row in enumerate(text.getvalue().splitlines()):
        handle.write(prefix(first + i) + row + "]}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--gallery", type=int, default=1_000_000)
    parser.add_argument("--encounters", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--spectrum", choices=["isotropic", "decaying"], default="decaying",
                        help="decaying: dimension i has deviation (i+1)^-0.375, as FaceSynthesizer(spectrum: .decaying)")
    parser.add_argument("--noise", choices=["isotropic", "like-identities"], default="isotropic",
                        help="capture noise spread evenly, or with the identities' spectrum")
    parser.add_argument("--load", type=float, default=0.0,
                        help="run a second process beside the feed that keeps this share of one core busy "
                             "(busy 10 ms, then idle), as ordinary load on the machine")
    a = parser.parse_args()
    global SCALE
    if a.spectrum == "decaying":
        SCALE = ((np.arange(512) + 1.0) ** -0.375).astype(np.float32)
    os.makedirs(a.work, exist_ok=True)
    nexo = os.path.join(a.bin, "nexo")
    db = os.path.join(a.work, f"feed-{a.gallery}{'' if a.spectrum == 'isotropic' else '-' + a.spectrum}.db")
    rng = np.random.default_rng(a.seed)
    identities_seed = a.seed

    if not os.path.exists(db):
        people = os.path.join(a.work, "people.ndjson")
        enrol = os.path.join(a.work, "faces.ndjson")
        started = time.perf_counter()
        with open(people, "w") as p, open(enrol, "w") as f:
            chunk = 50_000
            gen = np.random.default_rng(identities_seed)
            for first in range(0, a.gallery, chunk):
                n = min(chunk, a.gallery - first)
                for i in range(first, first + n):
                    p.write(json.dumps({"type": "entity", "id": f"P-{i + 1}", "kind": "person", "label": f"Person {i + 1}"}) + "\n")
                write_vectors(f, lambda i: f'{{"person":"P-{i + 1}","face":[', faces(gen, n), first)
        print(f"generated {a.gallery:,} people and faces in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        _, t = run(nexo, db + ".tmp", f"import {people}")
        print(f"import people: {t:.1f} s", file=sys.stderr)
        _, t = run(nexo, db + ".tmp", f"bio import {enrol}")
        print(f"bio import faces: {t:.1f} s ({a.gallery / t:,.0f}/s)", file=sys.stderr)
        os.rename(db + ".tmp", db)
        os.remove(people)
        os.remove(enrol)

    # Encounters: regenerate the identities' vectors in the same order to make mated captures.
    gen = np.random.default_rng(identities_seed)
    mated = int(a.encounters * 0.9)
    chosen = np.sort(rng.choice(a.gallery, size=mated, replace=False))
    vectors = []
    chunk = 50_000
    want = iter(chosen)
    nxt = next(want, None)
    for first in range(0, a.gallery, chunk):
        n = min(chunk, a.gallery - first)
        block = faces(gen, n)
        while nxt is not None and nxt < first + n:
            vectors.append((int(nxt), block[nxt - first]))
            nxt = next(want, None)
    noise_scale = rng.uniform(0.75, 1.1, size=len(vectors))
    lines = []
    for (index, v), s in zip(vectors, noise_scale):
        noise = rng.standard_normal(512).astype(np.float32) * (SCALE if a.noise == "like-identities" else 1)
        capture = v + s * noise / np.linalg.norm(noise)
        lines.append((f"P-{index + 1}", capture))
    for k in range(a.encounters - mated):
        lines.append((None, faces(rng, 1)[0]))
    order = rng.permutation(len(lines))
    feed = os.path.join(a.work, "encounters.ndjson")
    truth = {}
    with open(feed, "w") as f:
        for n, i in enumerate(order):
            person, v = lines[i]
            truth[f"E-{n + 1}"] = person
            f.write(json.dumps({"ref": f"E-{n + 1}", "date": "2026-11-29", "post": "La Hachadura"})[:-1]
                    + ',"face":[' + ",".join(f"{x:.4f}" for x in v) + "]}\n")
    probe = os.path.join(a.work, "warmup.f32")
    lines[0][1].astype("<f4").tofile(probe)

    with sqlite3.connect(db) as c:
        first_edge = c.execute("SELECT COALESCE(MAX(id), 0) FROM edges").fetchone()[0]
    load = None
    if a.load > 0:
        idle = 0.010 * (1 - min(a.load, 1.0)) / min(a.load, 1.0)
        load = subprocess.Popen([sys.executable, "-c", (
            "import time\n"
            "while True:\n"
            "    end = time.perf_counter() + 0.010\n"
            "    while time.perf_counter() < end: pass\n"
            f"    time.sleep({idle!r})\n")])
    try:
        done, elapsed = run(nexo, db, f"bio identify --face {probe} --top 1; bio gallery stats; bio feed start {feed} --batch {a.batch}; "
                                      f"bio feed wait | select feed processed per_second p50_ms p90_ms p99_ms max_ms seconds", fmt="ndjson")
    finally:
        if load:
            load.kill()
            load.wait()
    rows = [json.loads(line) for line in done.stdout.strip().splitlines()]
    status = rows[-1]
    face_index = next((r.get("index") for r in rows if r.get("modality") == "face" and "index" in r), "?")
    print()
    print(f"feed against a {a.gallery:,}-identity face gallery ({a.spectrum} faces, {a.noise} capture noise), "
          f"{a.encounters:,} encounters ({mated:,} mated), batch {a.batch}"
          + (f", beside a second process keeping {a.load:.0%} of a core busy" if a.load > 0 else ""))
    print(f"  sustained: {status['per_second']:,.0f} encounters/s over {status['seconds']:.1f} s (goal >= 1,000/s)")
    print(f"  latency arrival->commit: p50 {status['p50_ms']:.1f} ms, p90 {status['p90_ms']:.1f} ms, "
          f"p99 {status['p99_ms']:.1f} ms, max {status['max_ms']:.1f} ms (goal p99 <= 50 ms)")
    print(f"  whole run incl. engine load: {elapsed:.1f} s")
    print(f"  face index: {face_index}")
    # What the feed decided, against the truth: the hits it stored for this run's encounters.
    hits = {}
    with sqlite3.connect(db) as c:
        for label, person in c.execute(
                "SELECT e.label, x.to_id FROM edges x JOIN entities e ON e.id = x.from_id WHERE x.id > ? "
                "AND x.kind = 'matched' AND json_extract(x.props, '$.decision') = 'hit'", (first_edge,)):
            hits.setdefault(label.split()[1], set()).add(person)
    mated_refs = [r for r, p in truth.items() if p]
    found = sum(1 for r in mated_refs if truth[r] in hits.get(r, ()))
    wrong = sum(1 for r in mated_refs if hits.get(r, set()) - {truth[r]})
    false_hits = sum(1 for r, p in truth.items() if not p and r in hits)
    print(f"  decisions: {found:,} of {len(mated_refs):,} mated encounters hit their person "
          f"(FNIR {100 * (1 - found / len(mated_refs)):.2f} %), {wrong} hit someone else too, "
          f"{false_hits} of {len(truth) - len(mated_refs)} non-mated hit someone (FPIR {100 * false_hits / max(1, len(truth) - len(mated_refs)):.2f} %)")


if __name__ == "__main__":
    main()
