#!/usr/bin/env bash
# Prints the python of the benchmarks' virtual environment (.build/bench-venv), creating it and
# installing the peers from PyPI the first time: numpy, faiss-cpu, hnswlib, rapidfuzz, recordlinkage.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.build/bench-venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c "import numpy, faiss, hnswlib, rapidfuzz, recordlinkage" 2>/dev/null; then
  "$venv/bin/pip" install -q numpy faiss-cpu hnswlib rapidfuzz recordlinkage >&2
fi
echo "$venv/bin/python"
