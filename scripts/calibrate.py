"""Calibrate the review threshold (pack.yaml ``review: {propose_below: X}``) on real reports.

    .venv/bin/python scripts/calibrate.py            # dev part of ../shared/realworld + the corpus check

Ingests the development part of the real-report set (rows rw001..rw048 of
../shared/realworld/index.jsonl whose text is in .cache/realworld/rwNNN.txt; with
``--realworld tests/realworld`` the rows whose ``split`` is ``dev``; the sealed rows' texts are
never opened) into a fresh SQLite store exactly as `salvo ingest`
does, matches the stored events to the gold with salvo.evaluate's rule, and prints:

1. precision and count per confidence bin (does confidence predict precision?), and whether
   precision rises with confidence over coarser bins (``--coarse``, 0.2 wide: the dev part has
   about twenty false attacks, too few for every 0.1 bin to be monotone by chance);
2. for each candidate threshold: the default record (confidence >= threshold) and the record
   plus proposed events (everything stored), each with precision / recall / F1;
3. the floor check: for ../shared/corpus and each fixture set pinned in
   tests/accuracy_floors.json, whether its default record keeps its event-F1 floor at that
   threshold, and whether the development part's own pinned floors (``realworld_dev``: event F1,
   field accuracies, the ceiling of events from negatives) hold, when they were pinned on as many
   texts as are cached (the corpus must stay at 1.00: a true corpus event below the threshold means the
   confidence is wrong);
4. the recommendation: the lowest threshold whose default record reaches the precision target
   and keeps every floor (record + proposed keeps every event, so its recall is today's recall at
   any threshold). When no threshold reaches the target it says so and names the threshold with
   the best default-record F1 that keeps every floor.

Only attacks are scored: the gold codes attacks on US forces, not US responses. The store's own
statuses are ignored (every non-rejected event is scored at its confidence), so the result does
not depend on the threshold the pack sets today.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_ID = re.compile(r"^rw0(0[1-9]|[1-3][0-9]|4[0-8])$")  # rw001..rw048: the development part

sys.path.insert(0, str(ROOT))

from salvo.evaluate import PRF, load_gold, match_events, score  # noqa: E402
from salvo.export import event_record  # noqa: E402
from salvo.model import Event  # noqa: E402
from salvo.packs import load_pack  # noqa: E402
from salvo.pipeline import Processor, ingest  # noqa: E402
from salvo.store import Store  # noqa: E402


@dataclass(frozen=True)
class Scored:
    """One stored event as one article reports it, with what the gold says of it."""

    article_id: str
    event: Event
    matched: Optional[bool]  # None: matched an optional gold event (counts neither way)


def read_index(index: Path) -> dict[str, dict]:
    out = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["id"]] = d
    return out


def is_dev(row: dict) -> bool:
    """A row of the development part: ``split: dev`` where the index has splits (the project's
    tests/realworld), else one of rw001..rw048 (../shared/realworld, all development)."""
    return row["split"] == "dev" if "split" in row else bool(DEV_ID.match(row["id"]))


def dev_rows(index: Path, cache: Path) -> tuple[list[dict], list[str]]:
    """The development rows with a text in the cache, and the ids of those without one. A file
    name is only ever built for a development row, so no text of the sealed part is opened."""
    rows, missing = [], []
    for row in read_index(index).values():
        if is_dev(row):
            (rows if (cache / f"{row['id']}.txt").is_file() else missing).append(row)
    return rows, [r["id"] for r in missing]


def build_store(paths: list[Path], meta: dict[str, dict], pack_name: str, db: Path) -> Store:
    store = Store.open(db, create=True)
    report = ingest([str(p) for p in paths], store=store, process=Processor(load_pack(pack_name)), meta=meta)
    for err in report.errors:
        print(f"calibrate: {err.source_path}: {err.message}", file=sys.stderr)
    return store


def system_records(events: list[Event], kinds: tuple[str, ...]) -> dict[str, list[tuple[Event, dict]]]:
    """article_id -> its events (as `salvo eval` scores them: one copy per source article)."""
    out: dict[str, list[tuple[Event, dict]]] = {}
    for e in events:
        if e.status == "rejected" or e.kind not in kinds:
            continue
        rec = event_record(e)
        for s in e.sources:
            out.setdefault(s.article_id, []).append((e, rec))
    return out


def label(system: dict[str, list[tuple[Event, dict]]], gold: dict[str, dict]) -> list[Scored]:
    scored = []
    for aid, g in gold.items():
        pairs = system.get(aid, [])
        gold_events = list(g.get("events") or [])
        matched = dict(match_events([r for _, r in pairs], gold_events))
        for i, (e, _) in enumerate(pairs):
            j = matched.get(i)
            scored.append(Scored(aid, e, None if j is not None and gold_events[j].get("optional") else j is not None))
    return scored


def score_subset(system: dict[str, list[tuple[Event, dict]]], gold_dir: Path, keep) -> PRF:
    subset = {aid: {"events": [r for e, r in pairs if keep(e)], "tallies": []} for aid, pairs in system.items()}
    return score(subset, gold_dir).events


def bins(scored: list[Scored], width: float) -> list[tuple[float, float, int, int]]:
    """(low, high, events, true) of each non-empty confidence bin, lowest first."""
    out = []
    n_bins = int(round(1 / width))
    for b in range(n_bins):
        lo, hi = b * width, (b + 1) * width
        inside = [s for s in scored if s.matched is not None and lo - 1e-9 <= s.event.confidence < hi - 1e-9
                  or (b == n_bins - 1 and s.matched is not None and s.event.confidence >= hi - 1e-9)]
        if inside:
            out.append((lo, hi, len(inside), sum(1 for s in inside if s.matched)))
    return out


def bins_table(scored: list[Scored], width: float) -> list[str]:
    lines = ["confidence bin   events  true  false  precision"]
    for lo, hi, n, tp in bins(scored, width):
        lines.append(f"[{lo:.2f}, {hi:.2f}{']' if hi > 1 - 1e-9 else ')'}   {n:6d}  {tp:4d}  {n - tp:5d}  {tp / n:9.2f}")
    return lines


def monotone(scored: list[Scored], width: float) -> bool:
    """Does precision never fall from one non-empty bin to the next higher one?"""
    ps = [tp / n for _, _, n, tp in bins(scored, width)]
    return all(a <= b + 1e-9 for a, b in zip(ps, ps[1:]))


def thresholds_table(system, gold_dir: Path, candidates: list[float]) -> list[tuple[float, PRF, PRF, int]]:
    everything = score_subset(system, gold_dir, lambda e: True)
    rows = []
    for t in candidates:
        rec = score_subset(system, gold_dir, lambda e, t=t: e.confidence >= t)
        proposed = sum(1 for pairs in system.values() for e, _ in pairs if e.confidence < t)
        rows.append((t, rec, everything, proposed))
    return rows


def run_set(paths: list[Path], meta: dict[str, dict], gold: Path, ids: list[str], pack: str, workdir: Path,
            name: str, kinds: tuple[str, ...] = ("attack",)):
    """Ingest one set into its own store; returns (system, scored, gold dir restricted to ids)."""
    gold_dir = workdir / f"{name}-gold"
    gold_dir.mkdir()
    for aid in ids:
        if (gold / f"{aid}.json").is_file():
            shutil.copy(gold / f"{aid}.json", gold_dir / f"{aid}.json")
    store = build_store(paths, meta, pack, workdir / f"{name}.db")
    try:
        system = system_records(store.events(), kinds)
    finally:
        store.close()
    return system, label(system, load_gold(gold_dir)), gold_dir


def floor_sets(corpus: Path) -> list[tuple[str, Path, Path, Path]]:
    """(floors section, index.jsonl, folder the index paths are relative to, gold dir) of every
    set tests/accuracy_floors.json pins: the default record must stay at those floors."""
    fx = ROOT / "tests" / "fixtures"
    sets = [("corpus", corpus / "index.jsonl", corpus, corpus / "gold"),
            ("fixtures", fx / "reports" / "index.jsonl", fx / "reports", fx / "gold")]
    for name in ("heldout", "heldout2", "heldout3", "heldout4"):
        sets.append((name, fx / name / "reports" / "index.jsonl", fx / name / "reports", fx / name / "gold"))
    return [s for s in sets if s[1].is_file()]


def floor_checks(corpus: Path, pack: str, work: Path, candidates: list[float]) -> dict[str, list[tuple[float, float]]]:
    """section -> [(threshold, event F1 of the default record)], scored on every kind as the
    accuracy gate does, plus the pinned floor as the first entry (threshold -1)."""
    floors = json.loads((ROOT / "tests" / "accuracy_floors.json").read_text(encoding="utf-8"))
    out = {}
    for section, index, base, gold in floor_sets(corpus):
        meta = read_index(index)
        paths = [base / d.get("path", f"{i}.txt") for i, d in meta.items()]
        system, _, gold_dir = run_set(paths, meta, gold, list(meta), pack, work, section, ("attack", "response"))
        rows = [(-1.0, float(floors.get(section, {}).get("event_f1", 0.0)))]
        rows += [(t, score_subset(system, gold_dir, lambda e, t=t: e.confidence >= t).f1) for t in candidates]
        out[section] = rows
    return out


def dev_floor_checks(system, gold_dir: Path, candidates: list[float], n_texts: int,
                     section: str = "realworld_dev") -> tuple[dict[float, list[str]], str]:
    """threshold -> what of the development part's own pinned floors (tests/accuracy_floors.json
    ``realworld_dev``: event F1, the field accuracies over matched attacks, the ceiling of events from
    negative reports) the default record would break there, and a note. The floors are compared only
    when they were pinned on as many texts as are cached now (tests/test_realworld.py's rule)."""
    floors = json.loads((ROOT / "tests" / "accuracy_floors.json").read_text(encoding="utf-8")).get(section)
    if not floors:
        return {}, f"no {section} floors pinned"
    if floors.get("_texts") not in (None, n_texts):
        return {}, f"{section} floors were pinned on {floors['_texts']} texts, {n_texts} are cached: not compared"
    out = {}
    for t in candidates:
        subset = {aid: {"events": [r for e, r in pairs if e.confidence >= t], "tallies": []}
                  for aid, pairs in system.items()}
        rep = score(subset, gold_dir)
        got = {"event_f1": rep.events.f1}
        got.update({name: c / n for name, (c, n) in rep.fields.items() if n and name in floors})
        low = [f"dev {k} {v:.3f} < {floors[k]:.3f}" for k, v in got.items() if k in floors and v + 1e-9 < floors[k]]
        ceiling = floors.get("_negative_events_max")
        if ceiling is not None and rep.negatives[1] > ceiling:
            low.append(f"dev events from negatives {rep.negatives[1]} > {ceiling}")
        out[t] = low
    return out, f"{section} floors compared ({n_texts} texts)"


def keeps_floors(checks: dict[str, list[tuple[float, float]]], t: float, dev: Optional[dict] = None) -> list[str]:
    """The sets whose default record would fall below its floor at threshold t (with ``dev``, the
    development part's own floors broken there too)."""
    low = list((dev or {}).get(t, []))
    for section, rows in checks.items():
        floor = rows[0][1]
        f1 = dict(rows[1:]).get(t)
        if f1 is not None and f1 + 1e-9 < floor:
            low.append(f"{section} F1 {f1:.3f} < {floor:.3f}")
    return low


def recommend(rows, target: float, checks, dev: Optional[dict] = None) -> tuple[Optional[float], str]:
    """The lowest threshold reaching the precision target that keeps every floor; failing that,
    the best default-record F1 that keeps every floor (said plainly: the target is not met)."""
    feasible = [r for r in rows if not keeps_floors(checks, r[0], dev)]
    if not feasible:
        return None, "every candidate threshold drops a pinned floor: the confidence is wrong, not the threshold"
    ok = [r for r in feasible if r[1].tp + r[1].fp and r[1].precision >= target - 1e-9]
    if ok:
        t = min(r[0] for r in ok)
        return t, f"propose_below: {t:.2f} (lowest threshold with default-record precision >= {target:.2f})"
    best = max(feasible, key=lambda r: (round(r[1].f1, 4), -r[0]))
    fallback = (f"best default-record F1 that keeps every floor: propose_below: {best[0]:.2f}"
                f" (P {best[1].precision:.2f} R {best[1].recall:.2f} F1 {best[1].f1:.2f})")
    reach = [r for r in rows if r[1].tp + r[1].fp and r[1].precision >= target - 1e-9]
    if reach:
        t = min(r[0] for r in reach)
        return best[0], (f"precision {target:.2f} needs threshold {t:.2f}, which drops "
                         f"{'; '.join(keeps_floors(checks, t, dev))} (true events there have weak evidence too); "
                         + fallback)
    top = max(rows, key=lambda r: (r[1].precision, -r[0]))
    return best[0], (f"precision {target:.2f} is out of reach (best {top[1].precision:.2f}, at {top[0]:.2f}:"
                     f" the false events left are not weak-evidence ones); " + fallback)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--realworld", type=Path, default=SHARED / "realworld", help="folder with index.jsonl and gold/")
    ap.add_argument("--cache", type=Path, default=ROOT / ".cache" / "realworld", help="folder with rwNNN.txt texts")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus", help="tuned-on corpus (articles/, index.jsonl, gold/)")
    ap.add_argument("--pack", default="us_forces_iraq_syria")
    ap.add_argument("--target", type=float, default=0.90, help="precision the default record must reach")
    ap.add_argument("--step", type=float, default=0.05, help="spacing of candidate thresholds")
    ap.add_argument("--bin", type=float, default=0.1, help="width of the confidence bins")
    ap.add_argument("--coarse", type=float, default=0.2, help="width of the bins of the monotonicity check")
    ap.add_argument("--events", action="store_true", help="also list every scored dev event (confidence, true/false,"
                    " the evidence that lowered it)")
    a = ap.parse_args(argv)

    if not (a.realworld / "index.jsonl").is_file():
        print(f"calibrate: {a.realworld}/index.jsonl missing (the real-report set lives in ../shared/realworld)", file=sys.stderr)
        return 2
    rows, missing = dev_rows(a.realworld / "index.jsonl", a.cache)
    if not rows:
        print(f"calibrate: no dev texts in {a.cache} (symlink the cache: ln -s /work/main/.cache .cache)", file=sys.stderr)
        return 2
    candidates = [round(i * a.step, 4) for i in range(int(round(1 / a.step)))]
    with tempfile.TemporaryDirectory(prefix="salvo-calibrate-") as tmp:
        work = Path(tmp)
        ids = [r["id"] for r in rows]
        system, scored, gold_dir = run_set([a.cache / f"{i}.txt" for i in ids], {r["id"]: r for r in rows},
                                           a.realworld / "gold", ids, a.pack, work, "dev")
        print(f"development part of {a.realworld}: {len(ids)} reports scored ({len(missing)} without text: {', '.join(missing) or '-'});"
              f" attacks only\n")
        print("\n".join(bins_table(scored, a.bin)))
        print(f"\nbins of {a.coarse:.1f}: " + ", ".join(f"[{lo:.1f}, {hi:.1f}) {tp}/{n} = {tp / n:.2f}"
                                                   for lo, hi, n, tp in bins(scored, a.coarse))
              + f"; precision rises with confidence: {'yes' if monotone(scored, a.coarse) else 'NO'}")
        rows_t = thresholds_table(system, gold_dir, candidates)
        checks = floor_checks(a.corpus, a.pack, work, candidates)
        dev, dev_note = dev_floor_checks(system, gold_dir, candidates, len(ids))
        print("\nthreshold  proposed | record P     R    F1   (tp/fp/fn)   | record+proposed P     R    F1 | floors")
        for t, rec, allp, nprop in rows_t:
            low = keeps_floors(checks, t, dev)
            print(f"  {t:5.2f}   {nprop:7d}  |      {rec.precision:4.2f}  {rec.recall:4.2f}  {rec.f1:4.2f}  "
                  f"({rec.tp}/{rec.fp}/{rec.fn})".ljust(62) + f"|            {allp.precision:4.2f}  {allp.recall:4.2f}"
                  f"  {allp.f1:4.2f} | {'; '.join(low) if low else 'kept'}")
        print("\nfloor sets (default-record event F1, all kinds, as the accuracy gate scores): "
              + ", ".join(f"{s} floor {r[0][1]:.2f}" for s, r in checks.items()) + f"; {dev_note}")
        t, why = recommend(rows_t, a.target, checks, dev)
        print(f"\nrecommendation: {why}" + (f"\n  -> salvo/packs/{a.pack}/pack.yaml: review: {{propose_below: {t:.2f}}}"
                                            if t is not None else ""))
        if a.events:
            print("\nevents (article, confidence, true?, id, date, place, sources):")
            for s in sorted(scored, key=lambda s: s.event.confidence):
                e = s.event
                print(f"  {s.article_id}  {e.confidence:.3f}  {'-' if s.matched is None else 'T' if s.matched else 'F'}"
                      f"  {e.event_id}  {e.event_date or '?'}  {e.location}  p{e.geo_precision} t{e.time_precision}"
                      f"  {e.weapon}  {e.actor1_basis}  n{e.independent_sources}  {e.role}"
                      f"  weak: {', '.join(e.weak_evidence) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
