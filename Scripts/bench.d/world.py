#!/usr/bin/env python3
"""World benchmarks for Nexo (issue 3), on the generated `large` world (1M entities, 5M edges).

1. generation alone: `generate --scale large --out DIR` (NDJSON files), wall time and peak memory
2. generation straight into a store (`generate --scale large`), wall time and peak memory
3. load of the same NDJSON with `import`, beside a Python peer (json + sqlite3 executemany into an
   equivalent schema: same columns, same two edge indexes, trigram FTS over labels and aliases)
4. `gang members <gang|clique>` latency (median, p99) from nexo's own per-command timing, beside
   the equivalent SQL on the same store through Python's sqlite3 (the floor: one indexed join)
5. `smuggling route <route> --timeline` latency (median, p99), beside its equivalent SQL

Standard library only. Results go to standard output; BENCHMARKS.md records them with the command.
"""
import argparse, json, os, random, re, shutil, sqlite3, statistics, subprocess, sys, time

def timed(cmd, env=None):
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return dt, int(p.stderr.strip().splitlines()[-1])

def percentiles(values):
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.99))]

def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)

PEER_SCHEMA = """
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-262144;
CREATE TABLE entities(id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, props TEXT NOT NULL);
CREATE TABLE aliases(entity_id TEXT NOT NULL REFERENCES entities(id), alias TEXT NOT NULL);
CREATE TABLE edges(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, from_id TEXT NOT NULL REFERENCES entities(id),
                   to_id TEXT NOT NULL REFERENCES entities(id), props TEXT NOT NULL, valid_from TEXT, valid_to TEXT, confidence REAL);
CREATE VIRTUAL TABLE names USING fts5(entity_id UNINDEXED, name, tokenize='trigram');
"""

def peer_load(ndjson, db):
    """Python peer: parse each line with json, insert with executemany in batches, build indexes and FTS at the end."""
    fresh(db)
    con = sqlite3.connect(db)
    con.executescript(PEER_SCHEMA)
    ents, als, eds = [], [], []
    def flush():
        con.executemany("INSERT INTO entities VALUES (?,?,?,?)", ents)
        con.executemany("INSERT INTO aliases VALUES (?,?)", als)
        con.executemany("INSERT INTO edges(kind, from_id, to_id, props, valid_from, valid_to, confidence) VALUES (?,?,?,?,?,?,?)", eds)
        ents.clear(); als.clear(); eds.clear()
    con.execute("BEGIN")
    with open(ndjson, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["type"] == "entity":
                ents.append((r["id"], r["kind"], r["label"], json.dumps(r["properties"], sort_keys=True, ensure_ascii=False)))
                for a in r.get("aliases", []):
                    als.append((r["id"], a))
            else:
                eds.append((r["kind"], r["from"], r["to"], json.dumps(r["properties"], sort_keys=True, ensure_ascii=False),
                            r["valid_from"], r["valid_to"], r["confidence"]))
            if len(eds) + len(ents) >= 50_000:
                flush()
    flush()
    con.execute("CREATE INDEX edges_from ON edges(from_id, kind)")
    con.execute("CREATE INDEX edges_to ON edges(to_id, kind)")
    con.execute("INSERT INTO names SELECT id, label FROM entities UNION ALL SELECT entity_id, alias FROM aliases")
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()

def nexo_timings(nexo, db, lines, env):
    script = db + ".bench.nexo"
    with open(script, "w") as f:
        f.write("set timing on\n")
        f.writelines(line + "\n" for line in lines)
    p = subprocess.run([nexo, "--db", db, "run", script], env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"nexo failed: {p.stderr[-2000:]}")
    times = [float(m) for m in re.findall(r"time: ([0-9.]+) ms", p.stderr)]
    counts = [int(l) for l in p.stdout.split() if l.isdigit()]
    return times, counts

def sql_timings(db, query, params_list):
    con = sqlite3.connect(db)
    times, counts = [], []
    for params in params_list:
        t0 = time.perf_counter()
        rows = con.execute(query, params).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
        counts.append(len(rows))
    con.close()
    return times, counts

MEMBERS_SQL = """
WITH RECURSIVE units(id) AS (SELECT ?1 UNION SELECT e.from_id FROM edges e JOIN units u ON e.to_id = u.id
                                                     WHERE e.kind = 'member_of' AND e.from_id LIKE 'G-%')
SELECT p.id, p.label, json_extract(e.props, '$.role'), json_extract(e.props, '$.moniker'), e.valid_from, g.label
FROM units u JOIN edges e ON e.to_id = u.id AND e.kind = 'member_of' AND e.valid_to IS NULL
JOIN entities p ON p.id = e.from_id AND p.kind = 'person' JOIN entities g ON g.id = u.id
ORDER BY p.id
"""

TIMELINE_SQL = """
SELECT l.id, json_extract(l.props, '$.sequence') AS seq, t.valid_from, t.valid_to, count(*)
FROM edges lo JOIN entities l ON l.id = lo.from_id JOIN edges t ON t.to_id = l.id AND t.kind = 'travelled'
WHERE lo.to_id = ?1 AND lo.kind = 'leg_of'
GROUP BY l.id, t.valid_from, t.valid_to ORDER BY t.valid_from, seq
"""

def report(label, ours, peer, unit):
    print(f"{label}: nexo median {ours[0]:.2f} {unit}, p99 {ours[1]:.2f} {unit}; "
          f"SQL peer median {peer[0]:.2f} {unit}, p99 {peer[1]:.2f} {unit}; ratio (median) {ours[0] / peer[0]:.2f}x")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--scale", default="large", choices=["demo", "small", "large"])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    nexo = os.path.join(args.bin, "nexo")
    env = dict(os.environ, NEXO_CLOCK="2026-11-29T00:00:00Z", NEXO_USER="bench", HOME=args.work)
    env.pop("NEXO_PLUGIN_PATH", None)
    print(f"world benchmarks: scale {args.scale}, seed {args.seed}, {os.cpu_count()} cores")

    out = os.path.join(args.work, f"world-{args.scale}")
    shutil.rmtree(out, ignore_errors=True)
    gen_db = os.path.join(args.work, "gen-into.db")
    fresh(gen_db)
    dt, rss = timed([nexo, "--db", gen_db, "-c", f"generate --scale {args.scale} --seed {args.seed} --out {out}"], env)
    size = os.path.getsize(os.path.join(out, "world.ndjson"))
    lines = sum(1 for _ in open(os.path.join(out, "world.ndjson"), "rb"))
    print(f"1. generate --out (NDJSON): {dt:.1f} s, peak {rss / 1024:.0f} MiB, {lines:,} records, {size / 2**20:.0f} MiB")

    db = os.path.join(args.work, f"world-{args.scale}.db")
    fresh(db)
    dt, rss = timed([nexo, "--db", db, "-c", f"generate --scale {args.scale} --seed {args.seed} --truth {out}/truth-store.ndjson"], env)
    print(f"2. generate into the store: {dt:.1f} s, peak {rss / 1024:.0f} MiB, store {os.path.getsize(db) / 2**20:.0f} MiB")

    import_db = os.path.join(args.work, "imported.db")
    fresh(import_db)
    ours, ours_rss = timed([nexo, "--db", import_db, "-c", f"import {out}/world.ndjson"], env)
    peer_db = os.path.join(args.work, "peer.db")
    t0 = time.perf_counter()
    peer_load(os.path.join(out, "world.ndjson"), peer_db)
    peer = time.perf_counter() - t0
    print(f"3. load NDJSON: nexo import {ours:.1f} s (peak {ours_rss / 1024:.0f} MiB); "
          f"Python json+sqlite3 peer {peer:.1f} s; ratio {ours / peer:.2f}x")
    fresh(import_db)
    fresh(peer_db)

    con = sqlite3.connect(db)
    gangs = [r[0] for r in con.execute("SELECT id FROM entities WHERE kind='group' AND json_extract(props,'$.type')='gang' ORDER BY rowid")]
    cliques = [r[0] for r in con.execute("SELECT id FROM entities WHERE kind='group' AND json_extract(props,'$.type')='clique' ORDER BY rowid")]
    routes = [r[0] for r in con.execute("SELECT id FROM entities WHERE kind='route' ORDER BY rowid")]
    con.close()
    rng = random.Random(args.seed)
    units = gangs + rng.sample(cliques, min(len(cliques), 195))
    ours_times, ours_counts = nexo_timings(nexo, db, [f"gang members {u} | count" for u in units], env)
    peer_times, peer_counts = sql_timings(db, MEMBERS_SQL, [(u,) for u in units])
    if ours_counts != peer_counts:
        print(f"   note: row counts differ from the SQL peer for {sum(a != b for a, b in zip(ours_counts, peer_counts))} of {len(units)} units")
    print(f"   gang members over {len(units)} gangs and cliques (sizes {min(ours_counts, default=0)}..{max(ours_counts, default=0)} active members)")
    report("4. gang members", percentiles(ours_times), percentiles(peer_times), "ms")

    sample = rng.sample(routes, min(len(routes), 200))
    ours_times, ours_counts = nexo_timings(nexo, db, [f"smuggling route {r} --timeline | count" for r in sample], env)
    peer_times, _ = sql_timings(db, TIMELINE_SQL, [(r,) for r in sample])
    print(f"   route timelines over {len(sample)} routes (rows {min(ours_counts, default=0)}..{max(ours_counts, default=0)})")
    report("5. smuggling route --timeline", percentiles(ours_times), percentiles(peer_times), "ms")

if __name__ == "__main__":
    main()
