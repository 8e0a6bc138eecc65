"""Peer for nexo-bench-names speed: rapidfuzz process.cdist with Jaro-Winkler on one worker.

Usage: names.py NAMES_FILE QUERY_COUNT. The file holds the queries, then the choices, one per
line (written by nexo-bench-names). Prints "pairs_per_second score_sum" (best of 5 runs), timed in
CPU time of the calling thread (cdist with workers=1 runs there), as nexo-bench-names times its
side, so a busy machine slows neither figure."""
import sys
import time

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler


def main():
    path, query_count = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8") as f:
        names = f.read().split("\n")[:-1]
    queries, choices = names[:query_count], names[query_count:]
    best = float("inf")
    for _ in range(5):
        start = time.thread_time()
        matrix = process.cdist(queries, choices, scorer=JaroWinkler.similarity, workers=1)
        best = min(best, time.thread_time() - start)
    print(len(queries) * len(choices) / best, float(matrix.astype("float64").sum()))


if __name__ == "__main__":
    main()
