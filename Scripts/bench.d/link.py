"""Link-analysis benchmark (issue 13): the `link` commands of `nexo` against igraph and NetworKit,
on the same graph, in the same run, on the same two cores.

Graphs: a seeded Barabási–Albert graph (default 200,000 nodes, 5 links each: ~1,000,000 links) or, with
--world DB, an existing store (the generated `large` world: `nexo --db DB -c 'generate --scale large'`),
its whole graph as `nexo` sees it (the peers get the same nodes and links, parallel links merged).
Nexo runs as a user would: the graph is imported into a store, then one `nexo run` executes the
measures with `set timing on`; each row is the statement's own time. Getting the graph out of the
store into the view is reported separately (the first `link components` minus the second, which
finds the view cached). The peers get the same edge list in memory; their load time is shown too.

Rows: PageRank, sampled betweenness (same number of sources), closeness and harmonic from 1,000
sources, Leiden (2 passes on both sides: igraph's default n_iterations, `--passes 2` for nexo),
label propagation, connected components, 3-hop neighbourhoods of 1,000 nodes, 1,000 shortest paths,
and each process's peak resident memory. The peers run in processes of their own, reading the same
edge list from a file. Each run prints ours, igraph's, NetworKit's and the ratios; the figure to
quote is the median of --runs runs (default 3), with the spread.

Usage: link.py --bin RELEASE_DIR --work DIR [--nodes N] [--per-node M] [--runs R] [--world DB] [--only ROWS]

--only components,label-propagation,neighbourhoods measures those rows only (all three sides); the view
load and components are always measured. Row names: components, pagerank, betweenness, closeness, harmonic,
leiden, label-propagation, neighbourhoods, paths.
"""
import argparse, json, os, random, re, sqlite3, statistics, subprocess, sys, time

SOURCES = 1000
SAMPLES = 100
FULL_BFS_NODES = 300_000
# --only names → the rows they measure.
ROWS = {"components": "components", "pagerank": "pagerank", "betweenness": "betweenness (sampled)",
        "closeness": "closeness (1,000 sources)", "harmonic": "harmonic (1,000 sources)", "leiden": "leiden",
        "label-propagation": "label propagation", "neighbourhoods": "3-hop neighbourhoods (1,000)",
        "paths": "shortest paths (1,000)"}


def build_graph(nodes, per_node, seed):
    import igraph
    random.seed(seed)
    g = igraph.Graph.Barabasi(nodes, per_node)
    g.simplify()
    return g.get_edgelist(), g.vcount()


def world_graph(db):
    """The store's entities (in id order, the view's node order) and its links as node-number pairs, parallel
    links merged and self-loops dropped."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [row[0] for row in con.execute("SELECT id FROM entities ORDER BY id")]
    index = {entity: number for number, entity in enumerate(ids)}
    pairs = set()
    for a, b in con.execute("SELECT from_id, to_id FROM edges"):
        x, y = index[a], index[b]
        if x != y:
            pairs.add((min(x, y), max(x, y)))
    con.close()
    return sorted(pairs), ids


def write_edge_list(path, edges):
    with open(path, "w") as out:
        out.writelines(f"{a} {b}\n" for a, b in edges)


def peak_kib(time_file):
    with open(time_file) as f:
        return int(f.read().strip().splitlines()[-1])


def import_into_nexo(nexo, work, name, n, edges, env):
    db = os.path.join(work, f"{name}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    path = os.path.join(work, f"{name}.ndjson")
    with open(path, "w") as out:
        for i in range(n):
            out.write(json.dumps({"type": "entity", "id": f"P-{i + 1}", "kind": "person", "label": f"n{i}"}) + "\n")
        for a, b in edges:
            out.write(json.dumps({"type": "edge", "kind": "knows", "from": f"P-{a + 1}", "to": f"P-{b + 1}"}) + "\n")
    started = time.perf_counter()
    subprocess.run([nexo, "--db", db, "-c", f"import {path}"], check=True, env=env, capture_output=True)
    return db, time.perf_counter() - started


def largest_component(n, edges):
    """The nodes of the largest connected component (path endpoints are drawn from it, so every path exists)."""
    root = list(range(n))

    def find(x):
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x
    for a, b in edges:
        x, y = find(a), find(b)
        if x != y:
            root[max(x, y)] = min(x, y)
    sizes = {}
    for node in range(n):
        top = find(node)
        sizes[top] = sizes.get(top, 0) + 1
    biggest = max(sizes, key=sizes.get)
    return [node for node in range(n) if find(node) == biggest]


def nexo_times(nexo, db, work, ids, giant, env, rng, only):
    """Runs every measure in one nexo process; returns {row: seconds}, the sources and pairs (node numbers)."""
    n = len(ids)
    sources = rng.sample(range(n), SOURCES)
    pairs = [rng.sample(giant, 2) for _ in range(SOURCES)]
    measures = [("pagerank", "link centrality --measure pagerank --top 1"),
                ("betweenness (sampled)", f"link centrality --measure betweenness --samples {SAMPLES} --seed 1 --top 1"),
                ("closeness (1,000 sources)", f"link centrality --measure closeness --sources {SOURCES} --seed 1 --top 1"),
                ("harmonic (1,000 sources)", f"link centrality --measure harmonic --sources {SOURCES} --seed 1 --top 1"),
                ("leiden", "link communities --method leiden --seed 1 --passes 2 | count"),
                ("label propagation", "link communities --method label-propagation | count")]
    measures = [(row, line) for row, line in measures if row in only]
    if "label propagation" in only:
        # Nexo's other label propagation (networkx's asyn_lpa: random order, seeded), reported without a peer.
        measures.append(("label propagation (async)",
                         "link communities --method async-label-propagation --seed 1 | count"))
    lines = ["set timing on", "link components | count", "link components | count"] + [line for _, line in measures]
    rows = ["load+components", "components"] + [row for row, _ in measures]
    walks = ROWS["neighbourhoods"] in only
    paths = ROWS["paths"] in only
    if walks:
        lines += [f"link neighbors {ids[s]} --depth 3 --limit {n} | count" for s in sources]
    if paths:
        lines += [f"link path {ids[a]} {ids[b]} | count" for a, b in pairs]
    script = os.path.join(work, "bench.nexo")
    with open(script, "w") as out:
        out.write("\n".join(lines) + "\n")
    time_file = os.path.join(work, "nexo.time")
    done = subprocess.run(["/usr/bin/time", "-o", time_file, "-f", "%M", nexo, "--db", db, "run", script],
                          capture_output=True, text=True, env=env, timeout=7200)
    if done.returncode != 0:
        raise SystemExit(f"bench link: nexo failed ({done.returncode}): {done.stderr[-2000:]}")
    times = [float(m.group(1)) / 1000 for m in re.finditer(r"time: ([0-9.]+) ms", done.stderr)]
    # The first statement (set timing) prints no time; one time per statement after it.
    if len(times) != len(lines) - 1:
        raise SystemExit(f"bench link: expected {len(lines) - 1} timings, got {len(times)}")
    result = dict(zip(rows, times[:len(rows)]))
    result["view load"] = result.pop("load+components") - result["components"]
    rest = times[len(rows):]
    if walks:
        result["3-hop neighbourhoods (1,000)"] = sum(rest[:SOURCES])
        rest = rest[SOURCES:]
    if paths:
        result["shortest paths (1,000)"] = sum(rest)
    result["peak memory (MiB)"] = peak_kib(time_file) / 1024
    if "label propagation" in only:
        result.update(nexo_modularity(nexo, db, work, env))
    return result, sources, pairs


def nexo_modularity(nexo, db, work, env):
    """Quality beside speed: the modularity each label propagation of nexo reports (higher is better), from a
    process of its own (untimed; the message is not printed when the rows are piped on)."""
    script = os.path.join(work, "quality.nexo")
    with open(script, "w") as out:
        out.write("link communities --method label-propagation\n"
                  "link communities --method async-label-propagation --seed 1\n")
    done = subprocess.run([nexo, "--db", db, "run", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, env=env, timeout=7200)
    result = {}
    for method, row in (("label-propagation", "label propagation"), ("async-label-propagation",
                                                                        "label propagation (async)")):
        found = re.search(rf"^{method}: .* modularity ([0-9.]+)", done.stderr, re.M)
        if found:
            result[f"{row} modularity"] = float(found.group(1))
    return result


def igraph_times(edge_file, n, sources, pairs, only):
    import igraph
    started = time.perf_counter()
    g = igraph.Graph.Read_Edgelist(edge_file, directed=False)
    g.add_vertices(n - g.vcount())
    result = {"view load": time.perf_counter() - started}

    def timed(name, work):
        if name not in only:
            return
        t0 = time.perf_counter()
        work()
        result[name] = time.perf_counter() - t0
    timed("components", lambda: g.connected_components())
    timed("pagerank", lambda: g.pagerank())
    timed("betweenness (sampled)", lambda: g.betweenness(sources=sources[:SAMPLES]))
    timed("closeness (1,000 sources)", lambda: g.closeness(vertices=sources))
    timed("harmonic (1,000 sources)", lambda: g.harmonic_centrality(vertices=sources))
    timed("leiden", lambda: g.community_leiden(objective_function="modularity", n_iterations=2))
    timed("label propagation", lambda: g.community_label_propagation())
    timed("3-hop neighbourhoods (1,000)", lambda: g.neighborhood(sources, order=3))
    timed("shortest paths (1,000)", lambda: [g.get_shortest_path(a, b) for a, b in pairs])
    return result


def networkit_times(edge_file, n, sources, pairs, only):
    import networkit as nk
    nk.setNumberOfThreads(2)
    started = time.perf_counter()
    g = nk.graphio.EdgeListReader(" ", 0, "#", True, False).read(edge_file)
    g.addNodes(n - g.numberOfNodes())
    result = {"view load": time.perf_counter() - started}

    def timed(name, make):
        if name not in only:
            return
        t0 = time.perf_counter()
        make()
        result[name] = time.perf_counter() - t0
    timed("components", lambda: nk.components.ConnectedComponents(g).run())
    timed("pagerank", lambda: nk.centrality.PageRank(g, damp=0.85, tol=1e-6).run())
    plp = nk.community.PLP(g)
    timed("label propagation", plp.run)
    if "label propagation" in only:
        result["label propagation modularity"] = nk.community.Modularity().getQuality(plp.getPartition(), g)
    if n <= FULL_BFS_NODES:
        # NetworKit's BFS has no depth limit: each source explores the whole graph, so this row is slow on a big one
        # and skipped there, with its sampled betweenness (neither is a goal against NetworKit).
        timed("betweenness (sampled)", lambda: nk.centrality.EstimateBetweenness(g, SAMPLES, normalized=True).run())

        def khop():
            for s in sources:
                nk.distance.BFS(g, s, storePaths=False).run()
        timed("3-hop neighbourhoods (1,000)", khop)
    timed("shortest paths (1,000)", lambda: [nk.distance.BidirectionalBFS(g, a, b).run() for a, b in pairs])
    return result


def peer_times(peer, work, edge_file, n, sources, pairs, only):
    """Runs a peer's measures in a Python process of its own; returns {row: seconds} with its peak memory."""
    plan = os.path.join(work, "plan.json")
    with open(plan, "w") as out:
        json.dump({"edges": edge_file, "n": n, "sources": sources, "pairs": pairs, "only": sorted(only)}, out)
    time_file = os.path.join(work, f"{peer}.time")
    done = subprocess.run(["/usr/bin/time", "-o", time_file, "-f", "%M", sys.executable, __file__, "--peer", peer,
                           "--plan", plan], capture_output=True, text=True, timeout=7200)
    if done.returncode != 0:
        raise SystemExit(f"bench link: {peer} failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["peak memory (MiB)"] = peak_kib(time_file) / 1024
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin")
    parser.add_argument("--work")
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--per-node", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--world", help="an existing store to measure on instead of the Barabási–Albert graph")
    parser.add_argument("--only", help="comma-separated rows to measure (default: all): " + ", ".join(ROWS))
    parser.add_argument("--peer", choices=["igraph", "networkit"], help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        with open(args.plan) as f:
            plan = json.load(f)
        measure = igraph_times if args.peer == "igraph" else networkit_times
        pairs = [tuple(pair) for pair in plan["pairs"]]
        print(json.dumps(measure(plan["edges"], plan["n"], plan["sources"], pairs, set(plan["only"]))))
        return 0
    if not args.bin or not args.work:
        parser.error("--bin and --work are required")
    names = args.only.split(",") if args.only else list(ROWS)
    unknown = [name for name in names if name not in ROWS]
    if unknown:
        parser.error(f"--only: unknown row {', '.join(unknown)} (rows: {', '.join(ROWS)})")
    only = {ROWS[name] for name in names} | {ROWS["components"]}
    os.makedirs(args.work, exist_ok=True)
    nexo = os.path.join(args.bin, "nexo")
    env = dict(os.environ, HOME=args.work, NEXO_CLOCK="2026-12-06T12:00:00Z")
    if args.world:
        db = args.world
        edges, ids = world_graph(db)
        print(f"bench link: the store {db}: {len(ids):,} entities, {len(edges):,} distinct links", flush=True)
    else:
        edges, n = build_graph(args.nodes, args.per_node, args.seed)
        ids = [f"P-{i + 1}" for i in range(n)]
        print(f"bench link: Barabási–Albert graph, {n:,} nodes, {len(edges):,} links (seed {args.seed})", flush=True)
        db, seconds = import_into_nexo(nexo, args.work, "ba", n, edges, env)
        print(f"bench link: import into the store {seconds:.1f} s (not compared)", flush=True)
        # The view numbers nodes in entity-id order; the peers must number them the same way.
        order = sorted(range(n), key=lambda i: ids[i])
        number = {old: new for new, old in enumerate(order)}
        edges = [(number[a], number[b]) for a, b in edges]
        ids = [ids[i] for i in order]
    n = len(ids)
    edge_file = os.path.join(args.work, "edges.txt")
    write_edge_list(edge_file, edges)
    giant = largest_component(n, edges)
    runs = []
    for run in range(args.runs):
        rng = random.Random(args.seed + run)
        ours, sources, pairs = nexo_times(nexo, db, args.work, ids, giant, env, rng, only)
        theirs = peer_times("igraph", args.work, edge_file, n, sources, pairs, only)
        kit = peer_times("networkit", args.work, edge_file, n, sources, pairs, only)
        runs.append((ours, theirs, kit))
        print(f"run {run + 1}:")
        for row in ours:
            i, k = theirs.get(row), kit.get(row)
            unit = "MiB" if "MiB" in row else "" if "modularity" in row else "s"
            line = f"  {row:30} nexo {ours[row]:8.3f} {unit}"
            if i:
                line += f" | igraph {i:8.3f} {unit} ({ours[row] / i:5.2f}x)"
            if k:
                line += f" | NetworKit {k:8.3f} {unit} ({ours[row] / k:5.2f}x)"
            print(line, flush=True)
    print(f"median of {args.runs} runs (min-max of the ratio):")
    for row in runs[0][0]:
        ours = [r[0][row] for r in runs]
        unit = "MiB" if "MiB" in row else "" if "modularity" in row else "s"
        line = f"  {row:30} nexo {statistics.median(ours):8.3f} {unit} ({min(ours):.3f}-{max(ours):.3f})"
        for index, peer in ((1, "igraph"), (2, "NetworKit")):
            if all(r[index].get(row) for r in runs):
                ratios = [r[0][row] / r[index][row] for r in runs]
                line += f" | {peer} {statistics.median([r[index][row] for r in runs]):8.3f} {unit} " \
                        f"{statistics.median(ratios):5.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
