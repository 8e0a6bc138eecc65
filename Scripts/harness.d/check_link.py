"""Checks every link-analysis measure of `nexo` against networkx, the world's reference
implementation, through the real binary: each graph is imported into a store (nodes as people,
edges as `knows`, a weight as the edge's confidence), the `link` commands run as a user would run
them, and their rows are compared with networkx's values.

Graphs: those networkx ships (Zachary's karate club, Padgett's Florentine families and the same
with the isolated Pucci family, Les Misérables, Davis' southern women) and seeded random graphs
(Erdős–Rényi, Barabási–Albert, a disconnected union, one with self-loops and parallel edges).
Deterministic measures must agree to 1e-9; path lengths and path counts exactly; Leiden's communities
must be connected and reach at least 0.99x the best modularity of networkx's Louvain over 20 seeds
(Louvain: its best of 20 seeds against networkx's best of 20); semi-synchronous label propagation
must give networkx's communities exactly.

Usage: check_link.py --bin BUILD_DIR --work DIR [--small]   (--small: karate and Florentine only)
"""
import argparse, json, os, random, subprocess, sys

import networkx as nx

TOLERANCE = 1e-9
MEASURES = ["degree", "closeness", "harmonic", "betweenness", "eigenvector", "pagerank"]


def graphs(small):
    """(name, networkx Graph for the reference, edge list as stored (may repeat), weighted?)."""
    karate = nx.karate_club_graph()
    florentine = nx.florentine_families_graph()
    pucci = florentine.copy()
    pucci.add_node("Pucci")
    result = [
        ("karate", karate, list(karate.edges(data="weight")), True),
        ("florentine", florentine, [(a, b, None) for a, b in florentine.edges()], False),
        ("florentine+pucci", pucci, [(a, b, None) for a, b in pucci.edges()], False),
    ]
    if small:
        return result
    les = nx.les_miserables_graph()
    davis = nx.davis_southern_women_graph()
    er = nx.erdos_renyi_graph(300, 0.02, seed=11)
    ba = nx.barabasi_albert_graph(400, 2, seed=12)
    union = nx.disjoint_union(nx.erdos_renyi_graph(60, 0.08, seed=13), nx.barabasi_albert_graph(80, 1, seed=14))
    rng = random.Random(15)
    multi = list(nx.erdos_renyi_graph(120, 0.04, seed=16).edges())
    multi += [rng.choice(multi) for _ in range(40)]           # parallel edges
    multi += [(n, n) for n in rng.sample(range(120), 10)]    # self-loops
    reference = nx.Graph()
    reference.add_nodes_from(range(120))
    reference.add_edges_from(multi)
    result += [
        ("les-miserables", les, list(les.edges(data="weight")), True),
        ("davis", davis, [(a, b, None) for a, b in davis.edges()], False),
        ("erdos-renyi-300", er, [(a, b, None) for a, b in er.edges()], False),
        ("barabasi-albert-400", ba, [(a, b, None) for a, b in ba.edges()], False),
        ("disconnected", union, [(a, b, None) for a, b in union.edges()], False),
        ("self-loops-parallel", reference, [(a, b, None) for a, b in multi], False),
    ]
    return result


class Store:
    """One graph imported into a nexo store; nodes become P-1, P-2, … in networkx's node order."""

    def __init__(self, nexo, work, name, graph, edges, weighted):
        self.nexo, self.env = nexo, dict(os.environ, NEXO_CLOCK="2026-12-06T12:00:00Z", HOME=work)
        self.db = os.path.join(work, f"{name}.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        self.ids = {node: f"P-{i + 1}" for i, node in enumerate(graph.nodes())}
        self.nodes = {v: k for k, v in self.ids.items()}
        top = max((w for _, _, w in edges if w is not None), default=1) if weighted else 1
        path = os.path.join(work, f"{name}.ndjson")
        with open(path, "w") as out:
            for node, entity in self.ids.items():
                out.write(json.dumps({"type": "entity", "id": entity, "kind": "person", "label": str(node)}) + "\n")
            for a, b, w in edges:
                edge = {"type": "edge", "kind": "knows", "from": self.ids[a], "to": self.ids[b]}
                if weighted and w is not None:
                    edge["confidence"] = w / top  # PageRank and modularity do not change with the scale
                out.write(json.dumps(edge) + "\n")
        self.run(f"import {path}")

    def run(self, command):
        done = subprocess.run([self.nexo, "--db", self.db, "--format", "json", "-c", command],
                              capture_output=True, text=True, env=self.env, timeout=600)
        if done.returncode != 0:
            raise SystemExit(f"check-link: `{command}` failed ({done.returncode}): {done.stderr.strip()}")
        return json.loads(done.stdout) if done.stdout.strip() else [], done.stderr

    def values(self, command, column):
        rows, _ = self.run(command)
        return {self.nodes[row["entity"]["id"]]: row[column] for row in rows}


def reference(measure, graph, weighted):
    if measure == "degree":
        return nx.degree_centrality(graph)
    if measure == "closeness":
        return nx.closeness_centrality(graph)
    if measure == "harmonic":
        return nx.harmonic_centrality(graph)
    if measure == "betweenness":
        return nx.betweenness_centrality(graph)
    if measure == "eigenvector":
        return nx.eigenvector_centrality(graph, max_iter=1000)
    return nx.pagerank(graph, weight="weight" if weighted else None)


def check_measures(store, name, graph, weighted, failures):
    for measure in MEASURES:
        if measure == "eigenvector" and not nx.is_connected(graph):
            continue  # networkx's power iteration is defined per component only loosely; skipped
        extra = " --weight confidence" if weighted and measure == "pagerank" else ""
        ours = store.values(f"link centrality --measure {measure}{extra}", measure)
        theirs = reference(measure, graph, weighted)
        worst = max(abs(ours.get(node, float("nan")) - value) for node, value in theirs.items())
        ok = worst <= TOLERANCE
        print(f"  {name:22} {measure:12} max |diff| {worst:.2e} {'ok' if ok else 'FAIL'}")
        if not ok:
            failures.append(f"{name} {measure}: max difference {worst:.3e}")


def check_paths(store, name, graph, failures, pairs=20):
    rng = random.Random(name)
    nodes = list(graph.nodes())
    checked = 0
    for _ in range(pairs):
        a, b = rng.sample(nodes, 2)
        rows, _ = store.run(f"link path {store.ids[a]} {store.ids[b]} --all")
        if not nx.has_path(graph, a, b):
            if rows:
                failures.append(f"{name} path {a}-{b}: found a path where none exists")
            continue
        length = nx.shortest_path_length(graph, a, b)
        count = sum(1 for _ in nx.all_shortest_paths(graph, a, b))
        paths = {row["path"] for row in rows}
        hops = max((row["hop"] for row in rows), default=-1)
        if hops != length or len(paths) != count:
            failures.append(f"{name} path {a}-{b}: {len(paths)} paths of {hops} hops, networkx {count} of {length}")
        checked += 1
    print(f"  {name:22} {'paths':12} {checked} pairs")


def check_communities(store, name, graph, weighted, failures):
    weight = "weight" if weighted else None
    best = max(nx.community.modularity(graph, nx.community.louvain_communities(graph, weight=weight, seed=s),
                                       weight=weight) for s in range(20))
    # Leiden: one seed must reach the bar, every community connected. Louvain, like networkx's own (which
    # misses 0.99x its best on some seeds of karate), is compared best of 20 seeds against best of 20 seeds;
    # its communities may be disconnected (the reason Leiden is the default), so that is reported only.
    for method, seeds in (("leiden", [1]), ("louvain", range(1, 21))):
        q, communities = -1.0, []
        for seed in seeds:
            rows, _ = store.run(f"link communities --method {method} --seed {seed}"
                                + (" --weight confidence" if weighted else ""))
            groups = {}
            for row in rows:
                groups.setdefault(row["community"], set()).add(store.nodes[row["entity"]["id"]])
            found = list(groups.values())
            covered = set().union(*found) if found else set()
            if covered != set(graph.nodes()):
                failures.append(f"{name} {method} seed {seed}: the communities do not cover every node")
                continue
            value = nx.community.modularity(graph, found, weight=weight)
            if value > q:
                q, communities = value, found
        disconnected = [c for c in communities if not nx.is_connected(graph.subgraph(c))]
        ok = q >= 0.99 * best and (method != "leiden" or not disconnected)
        print(f"  {name:22} {method:12} modularity {q:.4f} (best networkx Louvain {best:.4f}), "
              f"{len(communities)} communities, {len(disconnected)} disconnected {'ok' if ok else 'FAIL'}")
        if not ok:
            failures.append(f"{name} {method}: modularity {q:.4f} vs {best:.4f}, {len(disconnected)} disconnected")
    check_label_propagation(store, name, graph, failures)


def check_label_propagation(store, name, graph, failures):
    """Semi-synchronous label propagation has no random choices: nexo's communities must be networkx's
    `label_propagation_communities`, exactly. Node order matters to both (it breaks the colouring's ties and
    numbers the labels); the view orders entities P-1, P-2, … as networkx orders the graph's nodes."""
    theirs = {frozenset(c) for c in nx.community.label_propagation_communities(graph)}
    rows, _ = store.run("link communities --method label-propagation")
    groups = {}
    for row in rows:
        groups.setdefault(row["community"], set()).add(store.nodes[row["entity"]["id"]])
    ours = {frozenset(c) for c in groups.values()}
    ok = ours == theirs
    print(f"  {name:22} {'label prop.':12} {len(ours)} communities, networkx {len(theirs)}: "
          f"{'the same' if ok else 'DIFFERENT'} {'ok' if ok else 'FAIL'}")
    if not ok:
        failures.append(f"{name} label propagation: {len(ours ^ theirs)} communities differ from networkx's")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    nexo = os.path.join(args.bin, "nexo")
    failures = []
    print(f"check-link: networkx {nx.__version__}, tolerance {TOLERANCE}")
    for name, graph, edges, weighted in graphs(args.small):
        store = Store(nexo, args.work, name, graph, edges, weighted)
        check_measures(store, name, graph, weighted, failures)
        check_paths(store, name, graph, failures)
        check_communities(store, name, graph, weighted, failures)
    if failures:
        print(f"check-link: {len(failures)} failures:")
        for failure in failures:
            print(f"  {failure}")
        return 1
    print("check-link: every measure agrees with networkx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
