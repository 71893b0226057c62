#!/usr/bin/env python3
"""Deterministic synthetic ClamAV signature database for the benchmarks.

The real main/daily databases are mostly hash signatures (MD5 .hdb, SHA-256
.hsb) plus tens of thousands of body signatures (.ndb) with wildcards, which
build libclamav's Aho-Corasick automaton and dominate scanning cost. This
generator reproduces that mix from a seed, plus the test signatures of
tests/integration/harness/signatures.py (EICAR among them), so both daemons
find the same viruses in the corpus."""
import argparse
import hashlib
import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "integration"))
from harness.signatures import write_test_database  # noqa: E402

# Every static run of a body signature is at least this long, so random
# signatures do not match random corpus data (2^-64 per position).
MIN_STATIC = 8


def hash_signatures(rng, count, digest, label):
    """Hash signatures of random contents: hash:size:name lines."""
    for i in range(count):
        size = rng.randint(1024, 4 << 20)
        value = digest(rng.randbytes(32)).hexdigest()
        yield f"{value}:{size}:Bench.Hash.{label}-{i}"


def _static(rng):
    return rng.randbytes(rng.randint(MIN_STATIC, 24)).hex()


def _wildcard(rng):
    """The wildcard forms real .ndb signatures use between static runs."""
    kind = rng.random()
    if kind < 0.35:
        return "??" * rng.randint(1, 4)
    if kind < 0.6:
        return "*"
    if kind < 0.85:
        low = rng.randint(0, 8)
        return f"{{{low}-{low + rng.randint(1, 32)}}}"
    # An alternative of two single bytes, then a static run anchors it.
    return f"({rng.randbytes(1).hex()}|{rng.randbytes(1).hex()})" + _static(rng)


def body_signature(rng, index, wildcard_share=0.25):
    """Most real body signatures are plain hex strings (matched by libclamav's
    Boyer-Moore stage); the rest carry wildcards and go to its Aho-Corasick
    stage, which costs far more per signature."""
    parts = [_static(rng)]
    if rng.random() < wildcard_share:
        for _ in range(rng.choice((1, 1, 2, 3))):
            parts += [_wildcard(rng), _static(rng)]
    offset = "*" if rng.random() < 0.9 else str(rng.randint(0, 512))
    target = rng.choice((0, 0, 0, 1, 7))  # any, PE, ASCII text
    return f"Bench.Body-{index}:{target}:{offset}:{''.join(parts)}"


def write_database(dbdir, seed=1, hdb=300_000, hsb=50_000, ndb=20_000):
    dbdir = pathlib.Path(dbdir)
    write_test_database(dbdir)
    rng = random.Random(f"signatures-{seed}")
    with open(dbdir / "bench.hdb", "w") as f:
        f.writelines(line + "\n" for line in hash_signatures(rng, hdb, hashlib.md5, "md5"))
    with open(dbdir / "bench.hsb", "w") as f:
        f.writelines(line + "\n" for line in hash_signatures(rng, hsb, hashlib.sha256, "sha256"))
    with open(dbdir / "bench.ndb", "w") as f:
        f.writelines(body_signature(rng, i) + "\n" for i in range(ndb))
    return dbdir


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dbdir")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hdb", type=int, default=300_000)
    parser.add_argument("--hsb", type=int, default=50_000)
    parser.add_argument("--ndb", type=int, default=20_000)
    args = parser.parse_args()
    write_database(args.dbdir, args.seed, args.hdb, args.hsb, args.ndb)


if __name__ == "__main__":
    main()
