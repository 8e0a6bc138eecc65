"""Co-travel against the synthetic world's ground truth (issue 13): generates a world with its truth
file, runs `link cotravel` through `nexo` at several --min-times, and scores the pairs it reports
against the trips the generator planted (each trip's travellers and the network's people who
crossed with them: `crossed_with`). A reported pair is right when both were on one trip; recall
counts the trips' pairs that crossed at least once together. Guide recall counts the pairs of a
planted guide (or driver) with one of the travellers he crossed with. Then `link cotravel --by person`:
a person reported is right when the generator made them a guide or driver who crossed with a trip;
recall counts the guides who crossed with at least --min-times trips.

Usage: cotravel_truth.py --bin BUILD_DIR --work DIR [--scale demo|small] [--seed N]
"""
import argparse, collections, itertools, json, os, subprocess, sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--scale", default="small")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    nexo = os.path.join(args.bin, "nexo")
    env = dict(os.environ, HOME=args.work, NEXO_CLOCK="2026-12-06T12:00:00Z")
    db = os.path.join(args.work, f"world-{args.scale}-{args.seed}.db")
    truth = os.path.join(args.work, f"truth-{args.scale}-{args.seed}.ndjson")
    if not os.path.exists(db):
        subprocess.run([nexo, "--db", db, "-c", f"generate --scale {args.scale} --seed {args.seed} --truth {truth}"],
                       check=True, env=env, capture_output=True)
    together, guides = set(), set()
    trips_of_guide = collections.Counter()
    for line in open(truth):
        fact = json.loads(line)
        if fact.get("type") != "trip":
            continue
        people = fact["people"].split()
        companions = fact.get("crossed_with", "").split()
        for a, b in itertools.combinations(sorted(set(people + companions)), 2):
            together.add((a, b))
        for guide in set(companions):
            trips_of_guide[guide] += 1
        for guide in companions:
            for person in people:
                guides.add(tuple(sorted((guide, person))))
    print(f"cotravel vs truth: {args.scale} world, seed {args.seed}: {len(together):,} same-trip pairs, "
          f"{len(guides):,} guide-traveller pairs planted")
    for minimum in (1, 2, 3):
        done = subprocess.run([nexo, "--db", db, "--format", "json", "-c", f"link cotravel --min-times {minimum}"],
                              capture_output=True, text=True, env=env, check=True)
        reported = {tuple(sorted((row["person"]["id"], row["other"]["id"]))) for row in json.loads(done.stdout or "[]")}
        right = reported & together
        # Pairs of a trip that never crossed together cannot be found: count recall over those seen at least once.
        seen = {tuple(sorted((row["person"]["id"], row["other"]["id"])))
                for row in json.loads(subprocess.run([nexo, "--db", db, "--format", "json", "-c",
                                                      "link cotravel --min-times 1"], capture_output=True, text=True,
                                                     env=env, check=True).stdout or "[]")} & together
        precision = len(right) / len(reported) if reported else 1.0
        recall = len(right) / len(seen) if seen else 1.0
        guide_recall = len(reported & guides) / len(guides & seen) if guides & seen else 1.0
        print(f"  --min-times {minimum}: {len(reported):,} pairs, precision {precision:.3f}, recall {recall:.3f} "
              f"(of {len(seen):,} same-trip pairs that crossed together), guide-traveller recall {guide_recall:.3f}")
    for minimum in (2, 3):
        done = subprocess.run([nexo, "--db", db, "--format", "json", "-c",
                               f"link cotravel --by person --min-times {minimum}"],
                              capture_output=True, text=True, env=env, check=True)
        reported = {row["person"]["id"] for row in json.loads(done.stdout or "[]")}
        planted = {guide for guide, trips in trips_of_guide.items() if trips >= minimum}
        precision = len(reported & set(trips_of_guide)) / len(reported) if reported else 1.0
        recall = len(reported & planted) / len(planted) if planted else 1.0
        print(f"  --by person --min-times {minimum}: {len(reported):,} people, guide precision {precision:.3f}, "
              f"recall {recall:.3f} (of {len(planted):,} guides who crossed with {minimum}+ trips)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
