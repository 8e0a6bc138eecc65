"""Batch biographic identify at scale through `nexo` itself (issue 15): PROBES probes against PEOPLE persons.

A seeded generator (ours, synthetic) makes PEOPLE persons — given names and surnames drawn with Zipf-like
frequencies from syllable-built name tables of several traditions, dates of birth, addresses (street, locality,
postcode) — imports them with `import` into a fresh store (kept and reused between runs when it exists), measures
the comparator on them (`bio calibrate`), then probes with PROBES records in one `nexo run` script of
`bio identify --given … --surnames … --dob … --postcode … --address … --top 10` lines: 80 % copies of stored people
with the mistakes clerks make (a letter typed wrong or missed in a name part, day and month swapped, a year off by
one, the address missing), 20 % strangers. Reports probes per second for the whole script (store opened once) and
rank-1 / FPIR of the decisions.

Peer, same probes in the same run: the usual rapidfuzz recipe — candidates from blocks on date of birth, on
postcode and on the first three letters of the surname (each capped at 500 like ours are capped), scored by
rapidfuzz's Jaro–Winkler on given names and surnames plus exact date of birth and postcode, best candidate first;
probes per second of that loop (one core, blocks built beforehand and not timed).

Usage: batch.py --bin RELEASE_DIR --work DIR [--people N] [--probes N] [--runs R]
"""
import argparse, itertools, json, os, random, statistics, subprocess, sys, time

from rapidfuzz.distance import JaroWinkler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from linkage import json_values, quoted  # noqa: E402  (one reader of nexo's JSON output, one quoting)

SYLLABLES = ["ma", "ri", "jo", "se", "lu", "is", "an", "to", "ni", "ca", "ro", "la", "be", "te", "da", "vi", "el",
             "na", "mi", "go", "ra", "ta", "ke", "zu", "li", "mo", "pa", "ha", "chen", "wei", "xu", "yan", "deep",
             "raj", "pri", "ya", "fa", "ti", "ou", "ge", "ne", "so", "do", "va", "que", "gui", "ber", "nan", "dez"]


def names(count, rng, parts):
    table = set()
    while len(table) < count:
        table.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice(parts))).capitalize())
    return sorted(table)


def zipf_pick(table, cumulative, rng):
    return rng.choices(table, cum_weights=cumulative)[0]


def typo(word, rng):
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + rng.choice("aeiourstln") + word[i + 1:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def make_world(people, probes, seed=15):
    rng = random.Random(seed)
    given = names(3000, rng, (2, 3))
    surnames = names(30000, rng, (2, 3, 4))
    gw = list(itertools.accumulate(1 / (i + 5) for i in range(len(given))))
    sw = list(itertools.accumulate(1 / (i + 20) for i in range(len(surnames))))
    localities = names(2000, rng, (2, 3, 4))
    streets = names(5000, rng, (2, 3))

    def person():
        return {
            "given_names": zipf_pick(given, gw, rng),
            "surnames": f"{zipf_pick(surnames, sw, rng)} {zipf_pick(surnames, sw, rng)}",
            "date_of_birth": f"{rng.randint(1940, 2008):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "address": f"{rng.randint(1, 400)} {rng.choice(streets)} street",
            "locality": rng.choice(localities), "postcode": f"{rng.randint(10000, 12999)}",
        }

    stored = [person() for _ in range(people)]
    batch = []
    for n in range(probes):
        if n % 5 == 4:
            batch.append((None, person()))
            continue
        number = rng.randrange(people)
        p = dict(stored[number])
        parts = p["surnames"].split()
        if rng.random() < 0.5:
            parts[0] = typo(parts[0], rng)
        if rng.random() < 0.3:
            p["given_names"] = typo(p["given_names"], rng)
        p["surnames"] = " ".join(parts)
        y, m, d = p["date_of_birth"].split("-")
        roll = rng.random()
        if roll < 0.1 and int(d) <= 12:
            p["date_of_birth"] = f"{y}-{d}-{m}"
        elif roll < 0.2:
            p["date_of_birth"] = f"{int(y) + rng.choice((-1, 1)):04d}-{m}-{d}"
        if rng.random() < 0.3:
            p.pop("address"), p.pop("postcode"), p.pop("locality")
        batch.append((number, p))
    return stored, batch


def ours(nexo, work, stored, batch, runs):
    db = os.path.join(work, f"batch-{len(stored)}.db")
    env = dict(os.environ, HOME=work)
    if not os.path.exists(db):
        with open(os.path.join(work, "people.ndjson"), "w") as f:
            for n, p in enumerate(stored, 1):
                f.write(json.dumps({"type": "entity", "id": f"P-{n}", "kind": "person",
                                    "label": f"{p['given_names']} {p['surnames']}", "properties": p}) + "\n")
        started = time.perf_counter()
        done = subprocess.run([nexo, "--db", db, "-c", "import people.ndjson"], cwd=work, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"batch: import failed: {done.stderr[-1000:]}")
        print(f"  imported {len(stored):,} people in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        done = subprocess.run([nexo, "--db", db, "-c", "bio calibrate | count"], cwd=work, env=env,
                              capture_output=True, text=True)
        print(f"  bio calibrate: {time.perf_counter() - started:.1f} s")
    lines = []
    for _, p in batch:
        options = [f"--given {quoted(p['given_names'])}", f"--surnames {quoted(p['surnames'])}",
                   f"--dob {p['date_of_birth']}"]
        options += [f"--{key} {quoted(p[key])}" for key in ("address", "locality", "postcode") if key in p]
        lines.append("bio identify " + " ".join(options) + " --top 10")
    with open(os.path.join(work, "probes.nexo"), "w") as f:
        f.write("\n".join(lines) + "\n")
    rates, answers = [], None
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([nexo, "--db", db, "--format", "json", "run", "probes.nexo"], cwd=work, env=env,
                              capture_output=True, text=True)
        rates.append(len(batch) / (time.perf_counter() - started))
        if done.returncode != 0:
            sys.exit(f"batch: the probes failed: {done.stderr[-1000:]}")
        answers = json_values(done.stdout)
    return rates, answers


def peer(stored, batch, runs):
    blocks = {"dob": {}, "postcode": {}, "surname": {}}
    for n, p in enumerate(stored):
        for key, value in (("dob", p["date_of_birth"]), ("postcode", p["postcode"]),
                           ("surname", p["surnames"][:3].lower())):
            block = blocks[key].setdefault(value, [])
            if len(block) < 500:
                block.append(n)
    rates, best = [], []
    for _ in range(runs):
        best = []
        started = time.perf_counter()
        for _, p in batch:
            pool = set(blocks["dob"].get(p["date_of_birth"], ()))
            pool.update(blocks["postcode"].get(p.get("postcode"), ()))
            pool.update(blocks["surname"].get(p["surnames"][:3].lower(), ()))
            top, top_score = None, -1.0
            for n in pool:
                s = stored[n]
                score = (JaroWinkler.similarity(p["given_names"], s["given_names"])
                         + 2 * JaroWinkler.similarity(p["surnames"], s["surnames"])
                         + 2 * (p["date_of_birth"] == s["date_of_birth"]) + (p.get("postcode") == s["postcode"]))
                if score > top_score:
                    top, top_score = n, score
            best.append((top, top_score))
        rates.append(len(batch) / (time.perf_counter() - started))
    return rates, best


def spread(values):
    return f"{statistics.median(values):,.0f}/s ({min(values):,.0f}–{max(values):,.0f}, {len(values)} runs)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--probes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    a = parser.parse_args()
    os.makedirs(a.work, exist_ok=True)
    stored, batch = make_world(a.people, a.probes)
    print(f"Batch biographic identify: {a.probes:,} probes ({sum(1 for m, _ in batch if m is None):,} strangers) "
          f"against {a.people:,} people")
    rates, answers = ours(os.path.join(a.bin, "nexo"), a.work, stored, batch, a.runs)
    mated = [(m, ans) for (m, _), ans in zip(batch, answers) if m is not None]
    first = sum(1 for m, ans in mated if ans and ans[0]["person"]["id"] == f"P-{m + 1}")
    hits = sum(1 for m, ans in mated if ans and ans[0]["person"]["id"] == f"P-{m + 1}" and ans[0]["decision"] == "hit")
    strangers = [ans for (m, _), ans in zip(batch, answers) if m is None]
    false = sum(1 for ans in strangers if any(c["decision"] == "hit" for c in ans))
    peer_rates, best = peer(stored, batch, a.runs)
    peer_first = sum(1 for (m, _), (top, _) in zip(batch, best) if m is not None and top == m)
    print(f"  nexo: {spread(rates)}; rank-1 {first / len(mated):.4f}, mate a hit {hits / len(mated):.4f}, "
          f"FPIR {false / max(len(strangers), 1):.4f}")
    print(f"  rapidfuzz blocking + scoring: {spread(peer_rates)}; rank-1 {peer_first / len(mated):.4f} "
          f"(no decisions)")
    print(f"  ratio (nexo / rapidfuzz probes per second): "
          f"{statistics.median(rates) / statistics.median(peer_rates):.2f}")


if __name__ == "__main__":
    main()
