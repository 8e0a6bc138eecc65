#!/usr/bin/env python3
"""Core benchmarks for Nexo, each beside its anchor measured in the same run on the same data.

1. start to ready with every plugin available, and with 20 more fixture plugins, vs
   `sqlite3 :memory: .quit`: medians of alternating runs with spread (startup.py)
2. a script of 10,000 `show <id>` vs the sqlite3 CLI running the equivalent 10,000 SELECTs
3. import of 1,000,000 entities + 5,000,000 edges (CSV) vs sqlite3 `.import` into an equivalent schema
   (same columns, same indexes, same trigram FTS table), with peak memory
4. 2-hop neighbourhood of a node in that graph: median and p99 over many start nodes

Data is synthetic and seeded (--seed). Standard library only.
"""
import argparse, csv, os, random, re, shutil, statistics, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import startup

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)

def timed(cmd, stdin=None, env=None):
    """Wall time and peak RSS (KiB) of one command, via GNU time."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    rss = int(p.stderr.strip().splitlines()[-1])
    return dt, rss

def best_of(n, fn):
    return min(fn() for _ in range(n))

def generate(work, entities, edges, seed):
    rng = random.Random(seed)
    ent_path, edge_path = os.path.join(work, "entities.csv"), os.path.join(work, "edges.csv")
    if os.path.exists(ent_path) and os.path.exists(edge_path):
        return ent_path, edge_path
    given = ["José", "María", "Ana", "Luis", "Carlos", "Rosa", "Jesús", "Francisco", "Yesenia", "Óscar", "Wendy", "Nelson"]
    surn = ["Hernández", "López", "Martínez", "Ramírez", "Flores", "Cruz", "Mejía", "Portillo", "Ayala", "Orellana", "Chicas", "Funes"]
    n_person, n_phone, n_group = int(entities * 0.8), int(entities * 0.15), entities - int(entities * 0.8) - int(entities * 0.15)
    with open(ent_path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "kind", "label", "date_of_birth", "nationality", "number"])
        for i in range(1, n_person + 1):
            w.writerow([f"P-{i}", "person", f"{rng.choice(given)} {rng.choice(surn)} {rng.choice(surn)}",
                        f"{rng.randint(1950, 2006)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", rng.choice(["SV", "GT", "HN", "MX"]), ""])
        for i in range(1, n_phone + 1):
            num = f"+503{rng.randint(60000000, 79999999)}"
            w.writerow([f"PH-{i}", "phone", num, "", "", num])
        for i in range(1, n_group + 1):
            w.writerow([f"G-{i}", "group", f"Clique {i}", "", "", ""])
    with open(edge_path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kind", "from", "to", "valid_from", "valid_to", "confidence"])
        for _ in range(edges):
            r = rng.random()
            if r < 0.6:
                row = ["knows", f"P-{rng.randint(1, n_person)}", f"P-{rng.randint(1, n_person)}"]
            elif r < 0.8:
                row = ["uses_phone", f"P-{rng.randint(1, n_person)}", f"PH-{rng.randint(1, n_phone)}"]
            elif r < 0.9:
                row = ["called", f"PH-{rng.randint(1, n_phone)}", f"PH-{rng.randint(1, n_phone)}"]
            else:
                row = ["member_of", f"P-{rng.randint(1, n_person)}", f"G-{rng.randint(1, n_group)}"]
            w.writerow(row + [f"20{rng.randint(10, 25)}-01-01", "", f"{rng.choice([1, 0.9, 0.75, 0.5])}"])
    return ent_path, edge_path

ANCHOR_SCHEMA = """
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-262144;
CREATE TABLE entities(id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, date_of_birth TEXT, nationality TEXT, number TEXT);
CREATE TABLE edges(kind TEXT NOT NULL, from_id TEXT NOT NULL REFERENCES entities(id), to_id TEXT NOT NULL REFERENCES entities(id),
                   valid_from TEXT, valid_to TEXT, confidence REAL);
CREATE INDEX edges_from ON edges(from_id, kind);
CREATE INDEX edges_to ON edges(to_id, kind);
CREATE VIRTUAL TABLE names USING fts5(entity_id UNINDEXED, name, tokenize='trigram');
"""

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--quick", action="store_true", help="100k entities / 500k edges instead of 1M / 5M")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--startup-only", action="store_true", help="only the start-up benchmark")
    ap.add_argument("--runs", type=int, default=60, help="alternating start-up runs (at least 30)")
    a = ap.parse_args()
    if a.runs < 30:
        sys.exit("--runs must be at least 30")
    nexo = os.path.join(a.bin, "nexo")
    entities, edges = (100_000, 500_000) if a.quick else (1_000_000, 5_000_000)
    work = os.path.join(a.work, f"core-{entities}")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, NEXO_CLOCK="2026-11-29T00:00:00Z", NEXO_USER="bench", HOME=work)
    env.pop("NEXO_PLUGIN_PATH", None)
    results = []

    def report(name, ours, anchor, unit, goal, lower_is_better=True):
        ratio = ours / anchor if anchor else float("inf")
        results.append((name, ours, anchor, ratio, unit, goal))
        print(f"{name}: nexo {ours:.4g} {unit}, anchor {anchor:.4g} {unit}, ratio {ratio:.2f}x (goal {goal})", flush=True)

    # 1. Start to ready: `-c ''` opens the store, registers every plugin, exits.
    startup_work = os.path.join(a.work, "startup")
    os.makedirs(startup_work, exist_ok=True)
    startup.measure(a.bin, startup_work, dict(env, HOME=startup_work), a.runs)
    if a.startup_only:
        return

    # 3. Import (done before lookups: the lookups run on the imported store).
    ent_path, edge_path = generate(work, entities, edges, a.seed)
    db = os.path.join(work, "nexo.db")
    adb = os.path.join(work, "anchor.db")
    for p in (db, db + "-wal", db + "-shm", adb):
        if os.path.exists(p): os.remove(p)
    ours, ours_rss = timed([nexo, "--db", db, "-c", f"import {ent_path}; import {edge_path}"], env=env)
    script = ANCHOR_SCHEMA + f".import --csv --skip 1 {ent_path} entities\n.import --csv --skip 1 {edge_path} edges\n" \
             "INSERT INTO names SELECT id, label FROM entities;\n"
    with open(os.path.join(work, "anchor-import.sql"), "w") as f: f.write(script)
    with open(os.path.join(work, "anchor-import.sql")) as f:
        anchor, anchor_rss = timed(["sqlite3", adb], stdin=f)
    report(f"import {entities:,} entities + {edges:,} edges (s)", ours, anchor, "s", "<= 1.5x")
    print(f"  peak memory: nexo {ours_rss / 1024:.0f} MiB, sqlite3 {anchor_rss / 1024:.0f} MiB")

    # 2. 10,000 point lookups.
    rng = random.Random(a.seed + 1)
    ids = [f"P-{rng.randint(1, int(entities * 0.8))}" for _ in range(10_000)]
    with open(os.path.join(work, "lookups.nexo"), "w") as f:
        f.writelines(f"show {i}\n" for i in ids)
    # `show` prints the entity with its properties and its edges with the label of the entity at
    # the other end (plus aliases and provenance, which the anchor schema does not have): the
    # equivalent SELECTs are the entity row and a join of its edges to their other ends.
    with open(os.path.join(work, "lookups.sql"), "w") as f:
        for i in ids:
            f.write(f"SELECT * FROM entities WHERE id = '{i}';\n"
                    f"SELECT e.kind, e.from_id, e.to_id, e.valid_from, e.valid_to, e.confidence, o.label FROM edges e "
                    f"JOIN entities o ON o.id = CASE WHEN e.from_id = '{i}' THEN e.to_id ELSE e.from_id END "
                    f"WHERE e.from_id = '{i}' UNION ALL SELECT e.kind, e.from_id, e.to_id, e.valid_from, e.valid_to, "
                    f"e.confidence, o.label FROM edges e JOIN entities o ON o.id = e.from_id WHERE e.to_id = '{i}' LIMIT 51;\n")
    ours = best_of(3, lambda: timed([nexo, "--db", db, "--no-plugins", "run", os.path.join(work, "lookups.nexo")], env=env)[0])
    def anchor_lookups():
        with open(os.path.join(work, "lookups.sql")) as f:
            return timed(["sqlite3", adb], stdin=f)[0]
    anchor = best_of(3, anchor_lookups)
    report("10,000 point lookups (s)", ours, anchor, "s", "<= 2x")

    # 4. 2-hop neighbourhood latency, per command, from nexo's own timing output.
    starts = [f"P-{rng.randint(1, int(entities * 0.8))}" for _ in range(300)]
    with open(os.path.join(work, "hops.nexo"), "w") as f:
        f.write("set timing on\n")
        f.writelines(f"neighbors {s} --depth 2 | count\n" for s in starts)
    p = subprocess.run([nexo, "--db", db, "--no-plugins", "run", os.path.join(work, "hops.nexo")], env=env,
                       capture_output=True, text=True, check=True)
    times = sorted(float(m) for m in re.findall(r"time: ([0-9.]+) ms", p.stderr))
    sizes = [int(l) for l in p.stdout.split() if l.isdigit()]
    if times:
        med, p99 = statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"2-hop neighbourhood over {len(times)} start nodes: median {med:.2f} ms, p99 {p99:.2f} ms "
              f"(median neighbourhood size {statistics.median(sizes) if sizes else 0:.0f})")
    else:
        print("2-hop neighbourhood: no timings printed", p.stderr[-500:])

if __name__ == "__main__":
    main()
