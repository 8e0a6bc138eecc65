#!/usr/bin/env python3
"""Python peers of nexo-bench-face, on the files it writes (raw little-endian, no header):

  <dir>/<tag>-gallery.f32  n × 512 float32, unit vectors
  <dir>/<tag>-queries.f32  q × 512 float32, unit vectors
  <dir>/<tag>-truth.i32    q × 10 int32, Nexo's fp32 exact top-10 (for recall)

face.py exact --dir D --tag T --n N --q Q
    FAISS IndexFlatIP, one thread (faiss.omp_set_num_threads(1)), one query at a time.
face.py hnsw --dir D --tag T --n N --q Q --m M --ef-construction E --efs 10,20,...
    hnswlib 'ip' space, one thread for build and search, all queries per ef in one call.
    Times are CPU time of the calling thread (hnswlib runs num_threads=1 work inline), as
    nexo-bench-face measures its side, so a busy machine slows neither side's figure.

Writes `key value` lines to <dir>/<tag>-peer.txt (and prints them).
"""
import argparse, os, time
import numpy as np

def load(args):
    d = 512
    gallery = np.fromfile(os.path.join(args.dir, f"{args.tag}-gallery.f32"), dtype=np.float32).reshape(args.n, d)
    queries = np.fromfile(os.path.join(args.dir, f"{args.tag}-queries.f32"), dtype=np.float32).reshape(args.q, d)
    truth = np.fromfile(os.path.join(args.dir, f"{args.tag}-truth.i32"), dtype=np.int32).reshape(args.q, 10)
    return gallery, queries, truth

def recall(found, truth):
    return float(np.mean([len(set(f[:10].tolist()) & set(t.tolist())) / 10 for f, t in zip(found, truth)]))

def exact(args):
    import faiss
    faiss.omp_set_num_threads(1)
    gallery, queries, truth = load(args)
    index = faiss.IndexFlatIP(gallery.shape[1])
    index.add(gallery)
    index.search(queries[:1], 10)  # warm-up: page in the vectors
    found = []
    t0 = time.perf_counter()
    for i in range(len(queries)):
        _, ids = index.search(queries[i:i + 1], 10)
        found.append(ids[0])
    dt = (time.perf_counter() - t0) / len(queries)
    return {"ms_per_query": dt * 1000, "recall10": recall(found, truth)}

def hnsw(args):
    import hnswlib
    gallery, queries, truth = load(args)
    index = hnswlib.Index(space="ip", dim=gallery.shape[1])
    index.init_index(max_elements=len(gallery), ef_construction=args.ef_construction, M=args.m, random_seed=100)
    index.set_num_threads(1)
    t0 = time.thread_time()
    index.add_items(gallery, np.arange(len(gallery)), num_threads=1)
    out = {"build_s": time.thread_time() - t0}
    for ef in [int(x) for x in args.efs.split(",")]:
        index.set_ef(max(ef, 10))
        t0 = time.thread_time()
        ids, _ = index.knn_query(queries, k=10, num_threads=1)
        dt = time.thread_time() - t0
        out[f"recall10_ef{ef}"] = recall(ids, truth)
        out[f"qps_ef{ef}"] = len(queries) / dt
        if out[f"recall10_ef{ef}"] >= 0.995:
            break
    return out

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["exact", "hnsw"])
    p.add_argument("--dir", required=True)
    p.add_argument("--tag", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--q", type=int, required=True)
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--ef-construction", type=int, default=200)
    p.add_argument("--efs", default="10,20,40,80,160,320,640")
    args = p.parse_args()
    results = exact(args) if args.mode == "exact" else hnsw(args)
    with open(os.path.join(args.dir, f"{args.tag}-peer.txt"), "w") as f:
        for k, v in results.items():
            f.write(f"{k} {v}\n")
            print(f"    {k} {v}")

if __name__ == "__main__":
    main()
