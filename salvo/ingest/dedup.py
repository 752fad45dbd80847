"""Near-duplicate articles (one wire story republished by several outlets) via MinHash LSH.

Copies are linked to each other, never dropped: merging counts them as one independent source.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's default hashing scheme; stored signatures depend on it
SHINGLE = 5  # words; long enough that shared boilerplate phrases do not make stories look alike


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


_PERMUTATIONS = None


def _permutations():
    # computing the permutations is most of a MinHash's construction cost: do it once
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
    return _PERMUTATIONS


def signature(text: str) -> bytes:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    m.update_batch(list(_shingles(text)))
    return m.hashvalues.astype(np.uint64).tobytes()


def _minhash(sig: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(sig, dtype=np.uint64),
                   permutations=_permutations())


class NearDuplicateIndex:
    """An in-memory LSH index over article signatures (rebuilt from the store per batch)."""

    def __init__(self, threshold: float):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def add(self, article_id: str, sig: bytes) -> None:
        if article_id in self._sigs:  # a replaced article: its old text's signature goes
            self._lsh.remove(article_id)
        mh = _minhash(sig)
        self._lsh.insert(article_id, mh)
        self._sigs[article_id] = mh

    def similar(self, sig: bytes, *, exclude: str | None = None) -> list[tuple[str, float]]:
        """Stored articles whose estimated Jaccard similarity reaches the threshold, best first."""
        mh = _minhash(sig)
        out = []
        for other in self._lsh.query(mh):
            if other == exclude:
                continue
            sim = mh.jaccard(self._sigs[other])
            if sim >= self.threshold:
                out.append((other, round(float(sim), 3)))
        return sorted(out, key=lambda x: (-x[1], x[0]))
