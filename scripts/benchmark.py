#!/usr/bin/env python
"""Throughput of clean + extract, per core, against the naive approach (full spaCy on everything).

    python scripts/benchmark.py                  # corpus + 20,000-article batch (95% unrelated)
    python scripts/benchmark.py --batch 5000 --naive-sample 1000

(a) the five corpus reports; (b) a generated batch in which 95% of the articles are unrelated
news text made from our own templates (sports, markets, weather, science, with the sports and
markets ones full of "strike", "attack", "fired", "shot" to stress the relevance screen) and 5%
are the relevant reports (corpus + tests/fixtures/reports), cycled under fresh ids.

salvo's path: clean -> is_relevant -> extract (spaCy NER-only pipeline on relevant articles).
Naive path: clean -> full spaCy pipeline on every article -> extract from that doc. The naive run
is timed on a sample of the same mix (--naive-sample) because it takes minutes per thousand; its
rate is what is compared. Both paths must give identical events on the relevant articles.
Runs in one process: the rates are per core.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salvo.extract import MODEL, extract_article, is_relevant, load_nlp  # noqa: E402
from salvo.ingest.clean import clean_document  # noqa: E402
from salvo.model import RawDocument  # noqa: E402
from salvo.packs import load_pack  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "reports"

TEAMS = ["Harbor City", "Northfield", "Redwood United", "Lakeside Rovers", "Granite FC", "Valley Athletic",
         "Port Amber", "Riverside", "Eastmoor", "Kingsbridge"]
NAMES = ["Lena Ortiz", "Marcus Hale", "Priya Nair", "Tomas Berg", "Ada Okafor", "Jonah Reyes", "Mei Lin",
         "Samuel Price", "Ines Duarte", "Oskar Lund"]
COMPANIES = ["Altura Systems", "Bluepeak Foods", "Corvel Energy", "Dunmore Bank", "Everline Retail",
             "Fathom Biotech", "Gale Motors", "Helix Telecom"]
CITIES = ["Denver", "Lyon", "Osaka", "Porto", "Calgary", "Adelaide", "Bergen", "Valencia", "Tampa", "Leeds"]
TOPICS = {
    "sports": [
        "{t1} beat {t2} {a}-{b} on {day}, with striker {n} scoring twice in the second half.",
        "{n} fired a shot into the top corner after {m} minutes, and {t2} never recovered.",
        "The visitors' attack looked sharp early, but {t1}'s defence held firm under pressure.",
        "Coach {n2} said the team would review the tape before the cup tie against {t2} next week.",
        "A late strike from distance was ruled out for offside after a lengthy video review.",
        "{t1} have now won {a} of their last {m2} matches and sit third in the table.",
        "Attendance at the stadium reached {k},000, the highest figure of the season.",
    ],
    "markets": [
        "Shares of {c} rose {p} percent on {day} after the company raised its full-year forecast.",
        "Analysts said the rally was driven by strong demand and lower input costs in the quarter.",
        "{c} said it would cut {k}00 jobs as part of a plan to save money by the end of next year.",
        "The central bank held rates steady, and bond yields slipped to their lowest level in a month.",
        "Workers at a {c} plant went on strike over pay, and the union said talks would resume {day}.",
        "Oil prices fell after inventories grew more than expected, traders said.",
        "The index closed {p} percent higher, led by technology and consumer stocks.",
    ],
    "weather": [
        "Heavy rain is expected across {city} on {day}, with up to {m} millimetres in some areas.",
        "Forecasters warned of strong winds and advised residents to secure loose objects.",
        "Temperatures will climb to {a}{b} degrees by the weekend before a cooler front moves in.",
        "A storm system moving in from the coast could bring thunder and brief hail in the afternoon.",
        "The weather service said the dry spell was the longest recorded in the region since records began.",
        "Commuters faced delays as fog reduced visibility on the main roads around {city}.",
    ],
    "science": [
        "Researchers at a university in {city} reported a new method for recycling battery materials.",
        "The team, led by {n}, tested the approach on {k}0 samples over {m} months.",
        "A rocket carrying a weather satellite lifted off on {day} and reached orbit about ten minutes later.",
        "The findings, published in a peer-reviewed journal, could lower costs for manufacturers.",
        "Astronomers said the comet would be visible to the naked eye for about a week.",
        "{n} said more work was needed before the technique could be used at industrial scale.",
    ],
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def unrelated_article(i: int, rng: random.Random) -> RawDocument:
    topic = rng.choice(list(TOPICS))
    lines = []
    for _ in range(rng.randint(8, 16)):
        tpl = rng.choice(TOPICS[topic])
        lines.append(tpl.format(
            t1=rng.choice(TEAMS), t2=rng.choice(TEAMS), n=rng.choice(NAMES), n2=rng.choice(NAMES),
            c=rng.choice(COMPANIES), city=rng.choice(CITIES), day=rng.choice(DAYS), a=rng.randint(1, 4),
            b=rng.randint(0, 3), m=rng.randint(10, 89), m2=rng.randint(5, 9), k=rng.randint(2, 9),
            p=round(rng.uniform(0.2, 6.0), 1)))
    title = f"{topic.title()} roundup {i}"
    body = "\n\n".join(" ".join(lines[j:j + 3]) for j in range(0, len(lines), 3))
    return RawDocument(doc_id=f"u{i:05d}", raw_text=title + "\n" + body, source_path=f"gen:{i}", format="txt",
                       title=title, published="2023-06-01")


def relevant_docs() -> list[RawDocument]:
    docs = []
    for folder in (CORPUS, FIXTURES):
        index = folder / "index.jsonl"
        if not index.is_file():
            continue
        for line in index.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            path = folder / d["path"]
            raw = path.read_text(encoding="utf-8")
            docs.append(RawDocument(doc_id=d["id"], raw_text=raw, source_path=str(path), format="txt",
                                    title=raw.split("\n", 1)[0], published=d.get("published")))
    return docs


def with_events() -> set[str]:
    """Ids of the reports whose gold codes at least one event or tally (the hard negatives among
    the fixtures have none: the screen may drop those)."""
    ids = set()
    for gold in (CORPUS / "gold", ROOT / "tests" / "fixtures" / "gold"):
        for p in gold.glob("*.json") if gold.is_dir() else ():
            g = json.loads(p.read_text(encoding="utf-8"))
            if g.get("events") or g.get("tallies"):
                ids.add(p.stem)
    return ids


def batch(n: int, rel_share: float, seed: int = 7) -> list[RawDocument]:
    rng = random.Random(seed)
    rel = relevant_docs()
    out = []
    n_rel = int(round(n * rel_share))
    for i in range(n_rel):
        d = rel[i % len(rel)]
        out.append(RawDocument(doc_id=f"{d.doc_id}#{i}", raw_text=d.raw_text, source_path=d.source_path,
                               format="txt", title=d.title, published=d.published))
    out += [unrelated_article(i, rng) for i in range(n - n_rel)]
    rng.shuffle(out)
    return out


def fast(docs, pack, nlp):
    results = {}
    t0 = time.perf_counter()
    for doc in docs:
        article = clean_document(doc)
        if is_relevant(f"{article.title or ''}\n{article.text}", pack):
            results[doc.doc_id] = extract_article(article, pack, nlp=nlp)
    return time.perf_counter() - t0, results


def naive(docs, pack, full):
    results = {}
    t0 = time.perf_counter()
    for doc in docs:
        article = clean_document(doc)
        results[doc.doc_id] = extract_article(article, pack, doc=full(article.text))
    return time.perf_counter() - t0, results


def same_events(a, b) -> bool:
    return all(a[k].mentions == b[k].mentions and a[k].tallies == b[k].tallies for k in a if k in b)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch", type=int, default=20000)
    ap.add_argument("--relevant-share", type=float, default=0.05)
    ap.add_argument("--naive-sample", type=int, default=1000, help="articles of the batch mix the naive path is timed on")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    import spacy

    pack = load_pack()
    nlp = load_nlp()
    full = spacy.load(MODEL)
    for d in relevant_docs()[:2]:  # warm both pipelines and the pack caches
        a = clean_document(d)
        extract_article(a, pack, nlp=nlp)
        full(a.text)
    report = {}
    corpus = [d for d in relevant_docs() if (CORPUS / "articles" / (d.doc_id + ".txt")).is_file()]
    reps = 20
    tf, rf = fast(corpus * reps, pack, nlp)
    tn, rn = naive(corpus * reps, pack, full)
    report["corpus"] = {"articles": len(corpus) * reps, "salvo_per_s": len(corpus) * reps / tf,
                        "naive_per_s": len(corpus) * reps / tn, "identical_events": same_events(rf, rn)}
    docs = batch(args.batch, args.relevant_share)
    tf, rf = fast(docs, pack, nlp)
    sample = batch(args.naive_sample, args.relevant_share, seed=11)
    tn, rn = naive(sample, pack, full)
    tf_s, rf_s = fast(sample, pack, nlp)
    n_rel = sum(1 for d in docs if not d.doc_id.startswith("u"))
    gold_ids = with_events()
    screened = len(rf)
    report["batch"] = {
        "articles": len(docs), "relevant": n_rel, "passed_screen": screened,
        "salvo_seconds": round(tf, 2), "salvo_per_s": len(docs) / tf,
        "naive_sample": len(sample), "naive_per_s": len(sample) / tn,
        "speedup": (len(docs) / tf) / (len(sample) / tn),
        "identical_events": same_events({k: v for k, v in rf_s.items()}, rn),
        "relevant_lost": sum(1 for d in docs if d.doc_id.split("#")[0] in gold_ids and d.doc_id not in rf),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        c, b = report["corpus"], report["batch"]
        print(f"(a) corpus x{reps}: salvo {c['salvo_per_s']:.1f}/s, naive {c['naive_per_s']:.1f}/s, "
              f"identical events: {c['identical_events']}")
        print(f"(b) batch of {b['articles']} ({b['relevant']} relevant, {b['passed_screen']} passed the screen, "
              f"{b['relevant_lost']} with gold events lost): salvo {b['salvo_per_s']:.0f}/s per core "
              f"({b['salvo_seconds']} s); naive {b['naive_per_s']:.1f}/s on a {b['naive_sample']}-article sample; "
              f"speedup {b['speedup']:.1f}x; identical events on relevant articles: {b['identical_events']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
