"""Can an approximate index find a face's mate on the issue's synthetic faces?

The gallery: random unit vectors in 512 dimensions (one per identity); a probe is its mate plus
isotropic noise (genuine cosine 0.65-0.81, impostors 0 +- 0.045). For 1:N identification what an
index must return is the mate, not the exact top-10 of impostors. This measures, with FAISS IVF
and hnswlib on one thread, the share of probes whose mate comes back first, against the time per
query. Usage: python mate_recall.py [--n 100000] [--queries 2000] [--spectrum isotropic|decaying]
[--nlists 256,1024] [--nprobes 1,4,16,64] [--no-hnsw]
"""
import argparse
import numpy as np, time, faiss
parser = argparse.ArgumentParser()
parser.add_argument('--n', type=int, default=100_000)
parser.add_argument('--queries', type=int, default=2000)
parser.add_argument('--spectrum', choices=['isotropic', 'decaying'], default='isotropic')
parser.add_argument('--nlists', default='256,1024', help='IVF list counts, comma-separated')
parser.add_argument('--nprobes', default='1,4,16,64', help='lists scanned, comma-separated')
parser.add_argument('--no-hnsw', action='store_true', help='skip hnswlib (its build takes minutes at 1M)')
args = parser.parse_args()
faiss.omp_set_num_threads(1)
rng=np.random.default_rng(1)
n=args.n; d=512
# decaying: dimension i has variance proportional to (i+1)^-0.75, as FaceSynthesizer(spectrum: .decaying)
scale=np.ones(d,dtype=np.float32) if args.spectrum=='isotropic' else ((np.arange(d)+1.0)**-0.375).astype(np.float32)
x=rng.standard_normal((n,d)).astype(np.float32)*scale; x/=np.linalg.norm(x,axis=1,keepdims=True)
q=args.queries
idx=rng.choice(n,q,replace=False)
noise=rng.standard_normal((q,d)).astype(np.float32); noise/=np.linalg.norm(noise,axis=1,keepdims=True)
s=rng.uniform(0.75,1.1,size=(q,1)).astype(np.float32)
p=x[idx]+s*noise; p/=np.linalg.norm(p,axis=1,keepdims=True)
print(args.spectrum, "faces; genuine cos p1/p50/p99", np.percentile((p*x[idx]).sum(1),[1,50,99]), "impostor sd", float((x[:1000]@x[1000:2000].T).std()))
for nlist in [int(v) for v in args.nlists.split(',')]:
    quant=faiss.IndexFlatIP(d); ivf=faiss.IndexIVFFlat(quant,d,nlist,faiss.METRIC_INNER_PRODUCT)
    t=time.time(); ivf.train(x[:min(n, 50000)]); ivf.add(x); bt=time.time()-t
    for nprobe in [int(v) for v in args.nprobes.split(',')]:
        ivf.nprobe=nprobe
        t=time.time(); D,I=ivf.search(p,1); st=(time.time()-t)/q
        print(f"nlist {nlist} nprobe {nprobe}: mate recall@1 {(I[:,0]==idx).mean():.4f}, {st*1000:.2f} ms/query, build {bt:.1f}s")
if args.no_hnsw: raise SystemExit
import hnswlib
h=hnswlib.Index(space='ip',dim=d); h.init_index(max_elements=n,ef_construction=64,M=16); h.set_num_threads(1)
t=time.time(); h.add_items(x); bt=time.time()-t
for ef in [16,32,64]:
    h.set_ef(ef); t=time.time(); L,D=h.knn_query(p,k=1); st=(time.time()-t)/q
    print(f"hnsw ef {ef}: mate recall@1 {(L[:,0]==idx).mean():.4f}, {st*1000:.3f} ms/query, build {bt:.1f}s")
