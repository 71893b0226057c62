#!/usr/bin/env python3
"""Deterministic benchmark corpus: what a file share holds, scaled down.

Thousands of small files (text and binary, log-uniform sizes), zip archives
of small members, a few large files above the daemon's --big threshold, and
two infected files (EICAR and EICAR inside a zip). The same seed gives the
same bytes, so runs and machines are comparable."""
import argparse
import math
import pathlib
import random
import sys
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "integration"))
from harness.signatures import write_eicar, write_eicar_zip  # noqa: E402

WORDS = ("share scan file daemon marker virus clean report budget invoice "
         "meeting minutes draft final version table figure chapter appendix "
         "samba clamav kernel thread queue socket directory letter contract").split()
FILES_PER_DIR = 500


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(f"corpus-{seed}")
        # Text files are slices of one generated text, so producing thousands
        # of them costs no more than producing their bytes.
        words = self.rng.choices(WORDS, k=400_000)
        self.text = " ".join(words).encode()

    def small_size(self, low=512, high=128 << 10):
        return int(math.exp(self.rng.uniform(math.log(low), math.log(high))))

    def content(self, size):
        if self.rng.random() < 0.5:
            start = self.rng.randrange(len(self.text) - size)
            return self.text[start:start + size]
        return self.rng.randbytes(size)

    def small_files(self, root, count, low=512, high=128 << 10, per_dir=FILES_PER_DIR):
        """count files in subdirectories of per_dir files; returns paths."""
        paths = []
        for i in range(count):
            directory = pathlib.Path(root) / f"d{i // per_dir:03d}"
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / f"file{i:05d}.{self.rng.choice(('txt', 'bin', 'doc'))}"
            path.write_bytes(self.content(self.small_size(low, high)))
            paths.append(path)
        return paths

    def archives(self, root, count, members=(5, 20)):
        root = pathlib.Path(root)
        root.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(count):
            path = root / f"archive{i:03d}.zip"
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
                for m in range(self.rng.randint(*members)):
                    z.writestr(f"member{m:02d}.txt", self.content(self.small_size()))
            paths.append(path)
        return paths

    def large_files(self, root, count, size):
        """Incompressible data: the scanner must read every byte."""
        root = pathlib.Path(root)
        root.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(count):
            path = root / f"large{i:02d}.bin"
            with open(path, "wb") as f:
                for _ in range(size >> 20):
                    f.write(self.rng.randbytes(1 << 20))
            paths.append(path)
        return paths


def infected_files(root):
    root = pathlib.Path(root)
    root.mkdir(parents=True, exist_ok=True)
    return [write_eicar(root / "eicar.com"), write_eicar_zip(root / "eicar.zip")]


def write_corpus(root, seed=1, small=4000, archives=100, large=3, large_mb=24):
    """The throughput corpus; returns every file path in it."""
    root = pathlib.Path(root)
    gen = Generator(seed)
    return (gen.small_files(root / "small", small) + gen.archives(root / "archives", archives)
            + gen.large_files(root / "large", large, large_mb << 20)
            + infected_files(root / "infected"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", type=int, default=4000)
    parser.add_argument("--archives", type=int, default=100)
    parser.add_argument("--large", type=int, default=3)
    parser.add_argument("--large-mb", type=int, default=24)
    args = parser.parse_args()
    paths = write_corpus(args.root, args.seed, args.small, args.archives, args.large,
                         args.large_mb)
    print(f"{len(paths)} files, {sum(p.stat().st_size for p in paths) >> 20} MiB")


if __name__ == "__main__":
    main()
