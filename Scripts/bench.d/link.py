"""Link-analysis benchmark (issue 13): the `link` commands of `nexo` against igraph and NetworKit,
on the same graph, in the same run, on the same two cores.

Graphs: a seeded Barabási–Albert graph (default 200,000 nodes, 5 links each: ~1,000,000 links) and,
with --world, the synthetic world at a scale (its people, groups, phones, crossings … and links).
Nexo runs as a user would: the graph is imported into a store, then one `nexo run` executes the
measures with `set timing on`; each row is the statement's own time. Getting the graph out of the
store into the view is reported separately (the first `link components` minus the second, which
finds the view cached). The peers get the same edge list in memory; their load time is shown too.

Rows: PageRank, sampled betweenness (same number of sources), closeness and harmonic from 1,000
sources, Leiden, label propagation, connected components, 3-hop neighbourhoods of 1,000 nodes,
1,000 shortest paths. Each run prints ours, igraph's, NetworKit's and the ratios; the figure to
quote is the median of --runs runs (default 3), with the spread.

Usage: link.py --bin RELEASE_DIR --work DIR [--nodes N] [--per-node M] [--runs R] [--world SCALE]
"""
import argparse, json, os, random, re, statistics, subprocess, sys, time

SOURCES = 1000
SAMPLES = 100


def build_graph(nodes, per_node, seed):
    import igraph
    random.seed(seed)
    g = igraph.Graph.Barabasi(nodes, per_node)
    g.simplify()
    return g.get_edgelist(), g.vcount()


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


def nexo_times(nexo, db, work, n, env, rng):
    """Runs every measure in one nexo process; returns {row: seconds}."""
    sources = rng.sample(range(n), SOURCES)
    pairs = [rng.sample(range(n), 2) for _ in range(SOURCES)]
    lines = ["set timing on", "link components | count", "link components | count",
             "link centrality --measure pagerank --top 1",
             f"link centrality --measure betweenness --samples {SAMPLES} --seed 1 --top 1",
             f"link centrality --measure closeness --sources {SOURCES} --seed 1 --top 1",
             f"link centrality --measure harmonic --sources {SOURCES} --seed 1 --top 1",
             "link communities --method leiden --seed 1 | count",
             "link communities --method label-propagation --seed 1 | count"]
    rows = ["load+components", "components", "pagerank", "betweenness (sampled)", "closeness (1,000 sources)",
            "harmonic (1,000 sources)", "leiden", "label propagation"]
    lines += [f"link neighbors P-{s + 1} --depth 3 --limit 1000000 | count" for s in sources]
    lines += [f"link path P-{a + 1} P-{b + 1} | count" for a, b in pairs]
    script = os.path.join(work, "bench.nexo")
    with open(script, "w") as out:
        out.write("\n".join(lines) + "\n")
    done = subprocess.run([nexo, "--db", db, "run", script], capture_output=True, text=True, env=env, timeout=7200)
    if done.returncode != 0:
        raise SystemExit(f"bench link: nexo failed ({done.returncode}): {done.stderr[-2000:]}")
    times = [float(m.group(1)) / 1000 for m in re.finditer(r"time: ([0-9.]+) ms", done.stderr)]
    # The first statement (set timing) prints no time; one time per statement after it.
    if len(times) != len(lines) - 1:
        raise SystemExit(f"bench link: expected {len(lines) - 1} timings, got {len(times)}")
    result = dict(zip(rows, times[:len(rows)]))
    result["view load"] = result.pop("load+components") - result["components"]
    result["3-hop neighbourhoods (1,000)"] = sum(times[len(rows):len(rows) + SOURCES])
    result["shortest paths (1,000)"] = sum(times[len(rows) + SOURCES:])
    return result, sources, pairs


def igraph_times(edges, n, sources, pairs):
    import igraph
    started = time.perf_counter()
    g = igraph.Graph(n=n, edges=edges)
    result = {"view load": time.perf_counter() - started}

    def timed(name, work):
        t0 = time.perf_counter()
        work()
        result[name] = time.perf_counter() - t0
    timed("components", lambda: g.connected_components())
    timed("pagerank", lambda: g.pagerank())
    timed("betweenness (sampled)", lambda: g.betweenness(sources=sources[:SAMPLES]))
    timed("closeness (1,000 sources)", lambda: g.closeness(vertices=sources))
    timed("harmonic (1,000 sources)", lambda: g.harmonic_centrality(vertices=sources))
    timed("leiden", lambda: g.community_leiden(objective_function="modularity", n_iterations=-1))
    timed("label propagation", lambda: g.community_label_propagation())
    timed("3-hop neighbourhoods (1,000)", lambda: g.neighborhood(sources, order=3))
    timed("shortest paths (1,000)", lambda: [g.get_shortest_path(a, b) for a, b in pairs])
    return result


def networkit_times(edges, n, sources, pairs):
    import networkit as nk
    nk.setNumberOfThreads(2)
    started = time.perf_counter()
    g = nk.Graph(n)
    for a, b in edges:
        g.addEdge(a, b)
    result = {"view load": time.perf_counter() - started}

    def timed(name, make):
        t0 = time.perf_counter()
        make()
        result[name] = time.perf_counter() - t0
    timed("components", lambda: nk.components.ConnectedComponents(g).run())
    timed("pagerank", lambda: nk.centrality.PageRank(g, damp=0.85, tol=1e-6).run())
    timed("betweenness (sampled)", lambda: nk.centrality.EstimateBetweenness(g, SAMPLES, normalized=True).run())
    timed("label propagation", lambda: nk.community.PLP(g).run())

    def khop():
        for s in sources:
            nk.distance.BFS(g, s, storePaths=False).run()
    timed("3-hop neighbourhoods (1,000)", khop)
    timed("shortest paths (1,000)", lambda: [nk.distance.BidirectionalBFS(g, a, b).run() for a, b in pairs])
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--per-node", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    nexo = os.path.join(args.bin, "nexo")
    env = dict(os.environ, HOME=args.work, NEXO_CLOCK="2026-12-06T12:00:00Z")
    edges, n = build_graph(args.nodes, args.per_node, args.seed)
    print(f"bench link: Barabási–Albert graph, {n:,} nodes, {len(edges):,} links (seed {args.seed})", flush=True)
    db, seconds = import_into_nexo(nexo, args.work, "ba", n, edges, env)
    print(f"bench link: import into the store {seconds:.1f} s (not compared)", flush=True)
    runs = []
    for run in range(args.runs):
        rng = random.Random(args.seed + run)
        ours, sources, pairs = nexo_times(nexo, db, args.work, n, env, rng)
        theirs = igraph_times(edges, n, sources, pairs)
        kit = networkit_times(edges, n, sources, pairs)
        runs.append((ours, theirs, kit))
        print(f"run {run + 1}:")
        for row in ours:
            i, k = theirs.get(row), kit.get(row)
            line = f"  {row:30} nexo {ours[row]:8.3f} s"
            if i is not None:
                line += f" | igraph {i:8.3f} s ({ours[row] / i:5.2f}x)"
            if k is not None:
                line += f" | NetworKit {k:8.3f} s ({ours[row] / k:5.2f}x)"
            print(line, flush=True)
    print(f"median of {args.runs} runs (min-max of the ratio):")
    for row in runs[0][0]:
        ours = [r[0][row] for r in runs]
        line = f"  {row:30} nexo {statistics.median(ours):8.3f} s"
        for index, peer in ((1, "igraph"), (2, "NetworKit")):
            if row in runs[0][index]:
                ratios = [r[0][row] / r[index][row] for r in runs]
                line += f" | {peer} {statistics.median([r[index][row] for r in runs]):8.3f} s " \
                        f"{statistics.median(ratios):5.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
