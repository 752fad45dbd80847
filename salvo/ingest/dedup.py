"""Near-duplicate articles (one wire story republished by several outlets) via MinHash LSH.

Copies are linked to each other, never dropped: merging counts them as one independent source.
The LSH index lives in the database (:class:`StoredNearDuplicateIndex`): each signature is cut
into bands whose hashes are stored with an index, so a new article looks up only the articles
sharing one of its bands. Near-duplicate *groups* are kept as one group id per article, and each
new article is linked to one member of each group it matches (a forest: at most one link per
article joining two groups), so a thousand copies of one story cost a thousand links, not half
a million.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import numpy as np
from datasketch import MinHash

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


# ------------------------------------------------------------------ the index in the database

BAND_CAP = 4  # rows per (band bucket, group): enough members to check, bounded for a group of any size


def lsh_params(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives + negatives at ``threshold`` (datasketch's rule)."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, NUM_PERM, 0.5, 0.5)


def band_keys(sig: bytes, bands: int, rows: int) -> list[int]:
    """One signed 32-bit key per band (the band number is part of the key): an INTEGER in SQLite and
    PostgreSQL alike. A collision only adds a candidate, which the similarity check then drops."""
    hv = np.frombuffer(sig, dtype=np.uint64)
    out = []
    for i in range(bands):
        d = hashlib.blake2b(hv[i * rows:(i + 1) * rows].tobytes(), digest_size=4,
                            person=f"b{i}r{rows}".encode()).digest()
        out.append(int.from_bytes(d, "big", signed=True))
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal hash values)."""
    return round(float(np.mean(np.frombuffer(a, dtype=np.uint64) == np.frombuffer(b, dtype=np.uint64))), 3)


class StoredNearDuplicateIndex:
    """Near-duplicate lookup and grouping over the store's band table (no signatures in memory).

    Every method runs inside the caller's transaction, so concurrent ingests see each other's
    articles: the one that commits second links to what the first stored.
    """

    def __init__(self, store, threshold: float):
        self.store, self.threshold = store, threshold
        self.bands, self.rows = lsh_params(threshold)
        self.scheme = f"minhash{NUM_PERM}:{SCHEME}:b{self.bands}r{self.rows}:k32"

    def ensure(self) -> None:
        """Build the band table once for articles stored before it existed (or under another threshold)."""
        with self.store.transaction():
            if self.store.meta("lsh_scheme") == self.scheme:
                return
            groups = self.store.rebuild_near_groups()  # from the links already stored
            counts: dict[tuple[int, str], int] = defaultdict(int)
            for aid, sig in self.store.signatures():
                keep = []
                for key in band_keys(sig, self.bands, self.rows):
                    g = groups.get(aid, aid)
                    if counts[(key, g)] < BAND_CAP:
                        counts[(key, g)] += 1
                        keep.append(key)
                self.store.put_bands(aid, keep)
            self.store.set_meta("lsh_scheme", self.scheme)

    def link(self, article_id: str, sig: bytes, twin: str | None = None) -> list[tuple[str, float]]:
        """Group a just-stored article with the stored ones it matches; returns its links (best first).

        It is linked to the most similar member of each group it matches (an exact ``twin`` from
        another outlet first); the groups it bridges become one, and their articles are queued
        for re-merging (their independent-source counts change).
        """
        keys = band_keys(sig, self.bands, self.rows)
        rows = [r for r in self.store.near_candidates(keys) if r[0] != article_id]
        best: dict[str, tuple[float, str]] = {}  # group -> (similarity, member): the most similar, then the smallest id
        sims: dict[str, float] = {}
        for aid, group, _key, other_sig in rows:
            if aid not in sims:
                sims[aid] = similarity(sig, other_sig)
            sim, cur = sims[aid], best.get(group)
            if sim >= self.threshold and (cur is None or (-sim, aid) < (-cur[0], cur[1])):
                best[group] = (sim, aid)
        if twin is not None:
            g = self.store.near_group(twin) or twin
            best[g] = (1.0, twin)
        links = sorted(((aid, sim) for sim, aid in best.values()), key=lambda x: (-x[1], x[0]))
        groups = sorted(best)
        mine = groups[0] if groups else article_id
        if len(groups) > 1:  # this article bridges groups: they are one wire story now
            self.store.queue_remerge_articles(self.store.merge_near_groups(mine, groups[1:]))
        self.store.set_near_group(article_id, mine)
        for other, sim in links:
            self.store.link_articles(article_id, other, sim)
        in_group = defaultdict(int)
        for aid, group, key, _sig in rows:
            if group in best:
                in_group[key] += 1
        self.store.put_bands(article_id, [k for k in keys if in_group[k] < BAND_CAP])
        return links

    def drop(self, article_id: str) -> None:
        """Forget a replaced or deleted article's bands, group and links; its group may split."""
        affected = self.store.drop_near(article_id)
        self.store.queue_remerge_articles(affected)

