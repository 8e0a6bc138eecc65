"""Match engine readiness benchmark (issue 14): how soon a fresh `nexo` process answers a face search on
the N-face gallery that `Scripts/bench feed --gallery N` builds, now that the face index lives in a mapped
file beside the store (`<db>.face-index`), against FAISS reading its own index with IO_FLAG_MMAP.

Measured, in one run, on the same store (median of --runs, with the spread):
- start-up alone: `nexo --db DB -c ''`;
- rebuild: the index file removed, `bio identify` builds the index from the store and writes the file;
- fresh process, page cache warm: `nexo --db DB -c 'bio identify --face probe.f32 --top 3'` with the file;
- warm search inside one process (the second of two identifies, `set timing on`);
- fresh process, cold cache: the store's and the index file's pages dropped (posix_fadvise DONTNEED), with
  the bytes read (the process's read_bytes);
- resident memory after the first answer (peak RSS of the fresh process);
- FAISS: the same vectors (read from nexo's index file) in an IndexIVFScalarQuantizer (8-bit, as many lists
  and lists scanned as nexo's index, or IndexScalarQuantizer when nexo scans exactly), written once; a fresh
  Python process reads it with IO_FLAG_MMAP and searches once — with and without interpreter start-up.
Goals: fresh warm <= 0.5 s and <= 2x (start-up + warm search); ratio to FAISS <= 1.0 without start-up.

Usage: engine.py --bin RELEASE_DIR --work DIR [--gallery N] [--runs R]
"""
import argparse, os, re, statistics, subprocess, sys, time

import numpy as np


def timed(args, env=None):
    """Runs a process; returns (seconds, peak RSS in KiB, bytes read, completed process)."""
    started = time.perf_counter()
    child = subprocess.Popen(["/usr/bin/time", "-f", "%M", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    out, err = child.communicate()
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        sys.exit(f"bench engine: {' '.join(args)} failed ({child.returncode}):\n{err[-2000:]}")
    lines = err.strip().splitlines()
    rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return elapsed, rss, out, "\n".join(lines[:-1])


def read_bytes_of(args):
    """Runs a process and returns (seconds, bytes it read from storage, stdout) from /proc/PID/io."""
    started = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    read = 0
    # Poll the process's I/O counters until it ends (read_bytes: bytes fetched from storage).
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/io") as io:
                for line in io:
                    if line.startswith("read_bytes:"):
                        read = max(read, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.002)
    out, err = child.communicate()
    if child.returncode != 0:
        sys.exit(f"bench engine: {' '.join(args)} failed ({child.returncode}):\n{err[-2000:]}")
    return time.perf_counter() - started, read, out


def drop_cache(*paths):
    for path in paths:
        if os.path.exists(path):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def face_file_vectors(path):
    """The fp32 vectors of nexo's face index file (section 4), read with numpy from the section table."""
    with open(path, "rb") as f:
        head = f.read(40)
        count = int.from_bytes(head[32:36], "little")
        table = f.read(32 * count)
    for i in range(count):
        entry = table[32 * i:32 * (i + 1)]
        if int.from_bytes(entry[0:4], "little") == 4:
            offset = int.from_bytes(entry[8:16], "little")
            length = int.from_bytes(entry[16:24], "little")
            return np.memmap(path, dtype="<f4", mode="r", offset=offset, shape=(length // 2048, 512))
    sys.exit("bench engine: no vectors section in the face index file")


FAISS_SEARCH = """
import sys, time
started = time.perf_counter()
import faiss, numpy as np
index = faiss.read_index(sys.argv[1], faiss.IO_FLAG_MMAP)
if len(sys.argv) > 3:
    faiss.extract_index_ivf(index).nprobe = int(sys.argv[3])
probe = np.fromfile(sys.argv[2], dtype="<f4").reshape(1, 512)
probe /= np.linalg.norm(probe)
scores, ids = index.search(probe, 3)
print(f"{time.perf_counter() - started:.6f} {ids[0][0]}")
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--gallery", type=int, default=1_000_000)
    parser.add_argument("--spectrum", default="decaying", choices=["decaying", "isotropic"])
    parser.add_argument("--runs", type=int, default=3)
    a = parser.parse_args()
    nexo = os.path.join(a.bin, "nexo")
    db = os.path.join(a.work, f"feed-{a.gallery}{'' if a.spectrum == 'isotropic' else '-' + a.spectrum}.db")
    probe = os.path.join(a.work, "warmup.f32")
    if not os.path.exists(db) or not os.path.exists(probe):
        sys.exit(f"bench engine: no gallery at {db}: run `Scripts/bench feed --gallery {a.gallery}` first")
    index_file = db + ".face-index"
    identify = f"bio identify --face {probe} --top 3"
    env = dict(os.environ, HOME=a.work)
    runs = []
    for run in range(a.runs):
        row = {}
        row["start-up (s)"] = statistics.median(timed([nexo, "--db", db, "-c", ""], env)[0] for _ in range(5))
        if os.path.exists(index_file):
            os.remove(index_file)
        row["rebuild + write (s)"], _, _, _ = timed([nexo, "--db", db, "-c", identify], env)
        row["index file (MiB)"] = os.path.getsize(index_file) / 2**20
        timed([nexo, "--db", db, "-c", identify], env)  # warms the page cache
        fresh = [timed([nexo, "--db", db, "-c", identify], env) for _ in range(5)]
        row["fresh, warm cache (s)"] = statistics.median(f[0] for f in fresh)
        row["resident after answer (MiB)"] = statistics.median(f[1] for f in fresh) / 1024
        _, _, _, err = timed([nexo, "--db", db, "-c", f"set timing on; {identify}; {identify}"], env)
        times = [float(m) / 1000 for m in re.findall(r"time: ([0-9.]+) ms", err)]
        row["warm search in process (s)"] = times[-1]
        drop_cache(db, db + "-wal", index_file)
        seconds, read, _ = read_bytes_of([nexo, "--db", db, "-c", identify])
        row["fresh, cold cache (s)"] = seconds
        row["cold: bytes read (MiB)"] = read / 2**20
        row["goal: 2x (start-up + warm search) (s)"] = 2 * (row["start-up (s)"] + row["warm search in process (s)"])
        # FAISS on the same vectors, as nexo indexes them: lists when nexo uses lists.
        stats = timed([nexo, "--db", db, "-c", "bio gallery stats | where modality = face | select index"], env)[2]
        lists = re.search(r"inverted lists \((\d+), (\d+) scanned", stats)
        faiss_path = os.path.join(a.work, f"faiss-{a.gallery}-{'ivf' if lists else 'flat'}.index")
        if not os.path.exists(faiss_path):
            import faiss
            vectors = np.ascontiguousarray(face_file_vectors(index_file))
            if lists:
                quantizer = faiss.IndexFlatIP(512)
                index = faiss.IndexIVFScalarQuantizer(quantizer, 512, int(lists.group(1)),
                                                      faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
                index.train(vectors[np.random.default_rng(1).choice(len(vectors), min(65_536, len(vectors)), replace=False)])
            else:
                index = faiss.IndexScalarQuantizer(512, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
                index.train(vectors[:65_536])
            index.add(vectors)
            faiss.write_index(index, faiss_path)
        script = os.path.join(a.work, "faiss_search.py")
        with open(script, "w") as out:
            out.write(FAISS_SEARCH)
        extra = [lists.group(2)] if lists else []
        subprocess.run([sys.executable, script, faiss_path, probe, *extra], check=True, capture_output=True)
        peer = []
        for _ in range(5):
            total, _, out, _ = timed([sys.executable, script, faiss_path, probe, *extra])
            peer.append((total, float(out.split()[0])))
        bare = statistics.median(timed([sys.executable, "-c", "pass"])[0] for _ in range(5))
        row["FAISS fresh process (s)"] = statistics.median(p[0] for p in peer)
        row["FAISS without interpreter start (s)"] = statistics.median(p[1] for p in peer)
        row["python start-up (s)"] = bare
        row["ratio to FAISS, with start-up"] = row["fresh, warm cache (s)"] / row["FAISS fresh process (s)"]
        row["ratio to FAISS, without start-up"] = (
            (row["fresh, warm cache (s)"] - row["start-up (s)"]) / row["FAISS without interpreter start (s)"])
        runs.append(row)
        print(f"run {run + 1}:")
        for key, value in row.items():
            print(f"  {key:40} {value:10.4f}", flush=True)
    print(f"median of {a.runs} runs (min-max), {a.gallery:,} faces ({a.spectrum}):")
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"  {key:40} {statistics.median(values):10.4f} ({min(values):.4f}-{max(values):.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
