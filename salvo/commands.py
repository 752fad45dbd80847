"""One function per CLI command. Each takes the cli.Context and returns an exit code."""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import contextmanager
from typing import IO, Iterator

from salvo.cli import _event_filter, _progress, table, wrap
from salvo.errors import NotFound, UsageError
from salvo.export import (
    article_record, event_record, write_acled_csv, write_csv, write_geojson, write_jsonl,
)
from salvo.config import FALLBACK_AUTHOR
from salvo.confidence import describe
from salvo.model import Override
from salvo.pipeline import duplicate_of


def ingest(ctx) -> int:
    from salvo.coverage import dedupe_tallies
    from salvo.ingest.readers import count_inputs
    from salvo.pipeline import ingest as run

    a = ctx.args
    if a.published:
        from salvo.ingest.readers import normalise_date

        if not normalise_date(a.published):
            raise UsageError(f"--published {a.published!r} is not a date; use YYYY-MM-DD")
    meta = None
    if a.meta:
        from salvo.ingest.readers import read_meta

        try:
            meta = read_meta(a.meta)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if a.keep == "relevant" and a.no_extract:
        raise UsageError("--keep relevant needs the relevance screen: leave out --no-extract")
    where = _where(a)
    store = ctx.store(create=True)
    report = run(
        a.paths, store=store, process=None if a.no_extract else ctx.processor(),
        near_duplicate_threshold=ctx.config.near_duplicate_threshold, published=a.published, outlet=a.outlet,
        replace=a.replace, on_item=_progress(ctx, lambda: count_inputs(a.paths)), meta=meta,
        propose_below=ctx.pack.propose_below, max_bytes=ctx.config.max_article_bytes, keep=a.keep,
        **where,
    )
    for e in report.errors:
        print(f"salvo: {e.source_path}: {e.message}", file=ctx.err)
    if not a.quiet:
        parts = [f"{len(report.added)} added"]
        if report.replaced:
            parts.append(f"{len(report.replaced)} replaced")
        parts.append(f"{len(report.unchanged)} unchanged")
        if report.same_content:
            parts.append(f"{len(report.same_content)} same text as a stored article")
        if report.screened_out:
            parts.append(f"{len(report.screened_out)} not relevant (id and hash kept)")
        parts.append(f"{len(report.errors)} failed")
        n_tallies = len(dedupe_tallies(store.tallies()))  # counted as `salvo tallies` lists them
        print(f"ingest: {', '.join(parts)}; {report.events} events, {n_tallies} tallies in {ctx.store().path}", file=ctx.err)
        for aid, twin in report.same_content:
            print(f"  {aid}: same text as stored {twin}, not added again", file=ctx.err)
        near = report.near_duplicates
        if len(near) > NEAR_EXAMPLES:  # a count and a few examples, never a line per copy
            print(f"  {len(near)} near-duplicate links (each article to one member of its group), for example:",
                  file=ctx.err)
        for aid, other, sim in near[:NEAR_EXAMPLES]:
            print(f"  {aid}: near-duplicate of {other} (similarity {sim:.2f}), linked", file=ctx.err)
        for aid, oid in report.deleted:
            print(f"  {aid}: deleted by an analyst (override {oid}, see `salvo history {aid}`), not ingested again",
                  file=ctx.err)
    _report_orphans(ctx, report.orphans)
    return 1 if report.errors else 0


def _where(a) -> dict:
    """--workers/--dask: where the per-article work runs."""
    from salvo.parallel import cores

    if a.dask and a.dask != "local" and "://" not in a.dask:
        raise UsageError(f"--dask {a.dask!r}: give a scheduler address (tcp://HOST:8786) or `local`")
    return {"workers": a.workers or cores(), "dask": a.dask}


NEAR_EXAMPLES = 3


def _report_orphans(ctx, orphans) -> None:
    if orphans:
        ids = ", ".join(sorted({o.event_id for o in orphans}))
        print(f"salvo: warning: {len(orphans)} analyst override(s) no longer match an event ({ids}); they are kept"
              " - see `salvo history EVENT_ID` and re-apply them to the new event", file=ctx.err)


def reprocess(ctx) -> int:
    from salvo.pipeline import reprocess as run

    store = ctx.store()
    n, orphans, errors = run(store=store, process=ctx.processor(), on_item=_progress(ctx),
                             propose_below=ctx.pack.propose_below)
    for e in errors:
        print(f"salvo: {e.source_path}: {e.message}", file=ctx.err)
    _report_orphans(ctx, orphans)
    counts = store.counts()
    if not ctx.args.quiet:
        print(f"reprocess: {n} articles; {counts['events']} events, {counts['tallies']} tallies", file=ctx.err)
    return 1 if errors else 0




def _article_line(r: dict, dup: dict, links: dict) -> dict:
    removed = json.loads(r["removed"] or "[]")
    kinds: dict[str, int] = {}
    for x in removed:
        kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
    r["removed"] = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "-"
    r["links"] = ", ".join(o for o, _ in links.get(r["article_id"], [])) or "-"
    r["duplicate_of"] = dup.get(r["article_id"])
    r["relevant"] = {1: "yes", 0: "no"}.get(r["relevant"], "-")
    return r


def _article_pages(store, search, limit, offset, page=1000) -> Iterator[tuple[int, list[dict]]]:
    """(total, rows) page by page, filtered and paged in SQL; links and duplicates read per page."""
    left = limit
    while left is None or left > 0:
        n = page if left is None else min(page, left)
        total, rows = store.article_page(search, n, offset)
        if not rows:
            yield total, []
            return
        ids = [r["article_id"] for r in rows]
        dup, links = duplicate_of(store, ids), store.links_of(ids)
        yield total, [_article_line(r, dup, links) for r in rows]
        offset += len(rows)
        left = None if left is None else left - len(rows)
        if len(rows) < n:
            return


def articles(ctx) -> int:
    store = ctx.store()
    a = ctx.args
    if a.limit is not None and a.limit < 1 or a.offset < 0:
        raise UsageError("articles: --limit must be at least 1 and --offset at least 0")
    rows, total, shown = [], 0, 0
    for total, page in _article_pages(store, a.search, a.limit, a.offset):
        shown += len(page)
        if a.format == "jsonl":
            write_jsonl(page, ctx.out)
        else:
            rows += page
    if a.format == "table":
        table(rows, [("article_id", "id", 20), ("title", "title", 24), ("published", "published", 10),
                     ("outlet", "outlet", 10), ("removed", "removed", 12), ("links", "near-duplicates", 15)], ctx.out)
    if not total and not a.search:
        print("no articles stored yet (salvo ingest PATH)", file=ctx.err)
    elif shown < total:
        print(f"{shown} of {total} articles shown (from {a.offset + 1}; --limit/--offset page them)", file=ctx.err)
    return 0


def _highlight(ctx) -> tuple[str, str]:
    from salvo.terminal import HIGHLIGHT_OFF, HIGHLIGHT_ON

    return (HIGHLIGHT_ON, HIGHLIGHT_OFF) if ctx.out.isatty() else ("»", "«")


def show(ctx) -> int:
    store = ctx.store()
    ident = ctx.args.id
    try:
        event = store.event(ident)
    except NotFound:
        event = None
    if event is not None:
        return _show_event(ctx, store, event)
    try:
        a = store.article(ident)
    except NotFound:
        if ident.startswith("ev-"):  # event ids look like this: say "no event", not "no article"
            store.event(ident)
        from salvo.pipeline import deleted_articles

        gone = deleted_articles(store).get(ident)
        if gone is not None:
            raise NotFound(f"article {ident!r} was deleted by {gone.author or '-'} on {gone.created_at}: "
                           f"{gone.reason} (override {gone.override_id})") from None
        raise
    o = ctx.out
    o.write(f"{a.article_id}: {a.title or '(no title)'}\n")
    o.write(f"published {a.published or 'unknown'}"
            f"{' (' + a.published_source + ')' if a.published_source else ''}; outlet {a.outlet or '-'};"
            f" dateline {a.dateline or '-'}; url {a.url or '-'}; from {a.source_path} ({a.encoding})\n\n")
    o.write(a.text + "\n")
    if a.removed:
        o.write("\nremoved by cleaning:\n")
        for r in a.removed:
            o.write(f"  [{r.kind}] {r.text}\n")
    links = store.links(a.article_id).get(a.article_id, [])
    for other, sim in links:
        o.write(f"\nnear-duplicate of {other} (similarity {sim:.2f})\n")
    events = [e for e in store.events() if any(s.article_id == a.article_id for s in e.sources)]
    if events:
        o.write(f"\nevents reported here: {', '.join(e.event_id for e in events)}\n")
    if ctx.args.raw:
        o.write("\nraw text:\n" + a.raw_text + "\n")
    return 0


def _show_event(ctx, store, e) -> int:
    o = ctx.out
    on, off = _highlight(ctx)
    rec = event_record(e)
    o.write(f"event {e.event_id} [{e.status}] {e.kind}: {e.event_type} / {e.sub_event_type}\n")
    for key in ("event_date", "date_earliest", "date_latest", "time_precision", "weapon", "munitions", "actor1",
                "actor1_basis", "actor2", "target", "location", "site_id", "admin1", "country", "latitude",
                "longitude", "geo_precision", "killed", "injured", "outcome", "confidence", "independent_sources"):
        o.write(f"  {key:20} {rec[key] if rec[key] is not None else '-'}\n")
    if e.weak_evidence:
        o.write(f"  {'weak evidence':20} {'; '.join(describe(e.weak_evidence))}\n")
    if e.conflicts:
        o.write("sources disagree:\n")
        for c in e.conflicts:
            vals = "; ".join(f"{v!r} ({a})" for v, a in c.values)
            o.write(f"  {c.field}: {vals} -> shown {c.chosen!r}\n")
    o.write("mentions: " + ", ".join(e.mention_ids) + "\n")
    by_article: dict[str, list] = {}
    for ev in e.evidence:
        by_article.setdefault(ev.article_id, []).append(ev)
    for s in e.sources:
        o.write(f"\nsource {s.article_id} ({s.outlet or '-'}, {s.published or 'undated'}) {s.url or ''}\n")
        try:
            text = store.article(s.article_id).text
        except NotFound:
            continue
        for ev in sorted(by_article.get(s.article_id, []), key=lambda x: x.start):
            # show the evidence inside its paragraph so the reader sees its context
            p_start = text.rfind("\n\n", 0, ev.start) + 2 if text.rfind("\n\n", 0, ev.start) >= 0 else 0
            p_end = text.find("\n\n", ev.end)
            p_end = len(text) if p_end < 0 else p_end
            para = text[p_start:ev.start] + on + text[ev.start:ev.end] + off + text[ev.end:p_end]
            supports = f" [{', '.join(ev.supports)}]" if ev.supports else ""
            o.write(f"  @{ev.start}-{ev.end}{supports}\n{wrap(para, '    ')}\n")
    history = [h for h in store.overrides() if h.override_id in set(e.override_ids) or h.event_id == e.event_id]
    if history:
        o.write("\nanalyst edits:\n")
        for h in history:
            o.write(f"  {_override_line(h)}\n")
    return 0


def _hidden_proposed(store, flt) -> int:
    """How many proposed events the filter leaves out (0 when it asks for them or for a status)."""
    hidden = flt.hidden_proposed()
    return store.count_events(hidden) if hidden else 0


def events(ctx) -> int:
    flt = _event_filter(ctx.args, _period(ctx), ctx.pack.weapons)
    store = ctx.store()
    evs = store.query_events(flt)  # filtered in SQL, in the stored order
    if ctx.args.format == "jsonl":
        write_jsonl((event_record(e) for e in evs), ctx.out)
        return 0
    from salvo.export.formats import date_label

    rows, period = [], _period(ctx)
    for e in evs:
        date = date_label(e, period)
        cas = f"{'-' if e.killed is None else e.killed}/{'-' if e.injured is None else e.injured}"
        # (text, tail): on a narrow terminal the count and the basis stay, the names shorten
        rows.append({"id": e.event_id, "date": date, "kind": e.kind, "place": e.location, "country": e.country,
                     "p": e.geo_precision, "weapon": (e.weapon, f" x{e.munitions}" if e.munitions else ""),
                     "actor": (e.actor1 or "-", f" ({e.actor1_basis})" if e.actor1_basis != "unknown" else ""),
                     "cas": cas, "outcome": e.outcome, "src": len(e.sources), "status": e.status})
    table(rows, [("id", "id", 15), ("date", "date", 22), ("kind", "kind", 8), ("place", "place", 8),
                 ("country", "country", 7), ("p", "geo", 3), ("weapon", "weapon", 8), ("actor", "actor", 16),
                 ("cas", "k/i", 9), ("outcome", "outcome", 8), ("src", "src", 3), ("status", "status", 9)], ctx.out)
    if ctx.args.evidence:
        for e in evs:
            ctx.out.write(f"\n{e.event_id}:\n")
            for ev in e.evidence:
                ctx.out.write(f"  {ev.article_id}@{ev.start}-{ev.end}: {ev.text}\n")
    if not ctx.args.quiet:
        hidden = _hidden_proposed(store, flt)
        print(f"{len(evs)} events" + (f"; {hidden} proposed events hidden (--include-proposed lists them)"
                                      if hidden else ""), file=ctx.err)
    return 0


def _period(ctx) -> tuple[str, str]:
    """The theater's (start, end): bounds that are only these are no date at all."""
    from salvo.extract.lexicon import lexicon_for

    return tuple(lexicon_for(ctx.pack).period)


def _tally_rows(ctx, store):
    from salvo.coverage import coverage

    return coverage(store.tallies(), store.events(), countries=ctx.pack.meta.get("countries"))


def tallies(ctx) -> int:
    rows = [_tally_export(r) for r in _tally_rows(ctx, ctx.store())]
    if ctx.args.format == "jsonl":
        write_jsonl(rows, ctx.out)
        return 0
    for r in rows:
        r["breakdown"] = ", ".join(f"{k} {v}" for k, v in (r.get("breakdown") or {}).items()) or "-"
        r["count_q"] = f"{r.get('qualifier') + ' ' if r.get('qualifier') else ''}{r['count']}"
        r["record"] = (r.get("record_count") if r.get("comparable", True)
                       else "no window" if not (r.get("since") and r.get("as_of")) else "not comparable")
        r["ratio"] = "-" if r.get("ratio") is None else f"{r['ratio']:.0%}"
        r["srcs"] = ", ".join(s["article_id"] for s in r.get("sources", []))
    table(rows, [("as_of", "as of", 10), ("what", "what", 8), ("count_q", "count", 16), ("since", "since", 10),
                 ("breakdown", "breakdown", 12), ("speaker", "speaker", 10), ("record", "in record", 9),
                 ("ratio", "coverage", 14), ("srcs", "sources", 12)], ctx.out)
    return 0


@contextmanager
def _output(path: str, out: IO[str]) -> Iterator[IO[str]]:
    import os

    if path == "-":
        yield out
        return
    tmp = path + ".part"
    try:
        fh = open(tmp, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the export ({exc.strerror})") from None
    try:
        with fh:
            yield fh
        os.replace(tmp, path)  # a failed export never leaves a half-written file behind
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _tally_export(row) -> dict:
    """A coverage row in the DESIGN.md tally contract: sources as [{article_id, ...}]."""
    from salvo.model import to_dict

    d = to_dict(row)
    d["sources"] = [s if isinstance(s, dict) else {"article_id": s} for s in d.get("sources") or []]
    return d


def export(ctx) -> int:
    a = ctx.args
    if a.what != "events":
        used = [f for f in ("date_from", "date_to", "country", "kind", "actor", "weapon", "site", "status", "article")
                if getattr(a, f) is not None] + [f for f in ("include_proposed", "include_undated") if getattr(a, f)]
        if used:
            raise UsageError(f"filters ({', '.join('--' + f.replace('date_', '').replace('_', '-') for f in used)}) apply to events only")
    flt = _event_filter(a, _period(ctx), ctx.pack.weapons) if a.what == "events" else None
    store = ctx.store()
    # a data file piped on goes out byte for byte; only a terminal gets the sanitised stream
    stdout = ctx.out if ctx.out.isatty() else getattr(ctx.out, "raw", ctx.out)
    with _output(a.output, stdout) as out:
        if a.what == "events":
            evs = store.query_events(flt)
            if a.format == "csv":
                n = write_acled_csv(evs, out, region=ctx.pack.meta.get("acled_region", ""), period=_period(ctx),
                                    inter=ctx.pack.meta.get("acled_inter"))
            elif a.format == "geojson":
                n = write_geojson((event_record(e) for e in evs), out)
            else:
                n = write_jsonl((event_record(e) for e in evs), out)
        elif a.what == "tallies":
            recs = [_tally_export(r) for r in _tally_rows(ctx, store)]
            if a.format == "geojson":
                raise UsageError("tallies have no coordinates; export them as jsonl or csv")
            n = write_csv(recs, out, list(recs[0]) if recs else ["tally_id"]) if a.format == "csv" else write_jsonl(recs, out)
        else:
            if a.format == "geojson":
                raise UsageError("articles have no coordinates; export them as jsonl or csv")
            dup = duplicate_of(store)
            links = store.links()
            recs = (article_record(x, duplicate_of=dup.get(x.article_id), links=links.get(x.article_id, []))
                    for x in store.articles())
            if a.format == "csv":
                n = write_csv(recs, out, ["article_id", "title", "url", "outlet", "published", "dateline",
                                          "duplicate_of", "removed", "text"])
            else:
                n = write_jsonl(recs, out)
    if not a.quiet:
        print(f"exported {n} {a.what}" + (f" to {a.output}" if a.output != "-" else ""), file=ctx.err)
    return 0


def evaluate(ctx) -> int:
    from pathlib import Path

    from salvo.evaluate import score, system_from_store

    store = ctx.store()
    system = system_from_store(store, include_proposed=ctx.args.include_proposed)
    gold = Path(ctx.args.gold_dir)
    if not gold.is_dir():
        raise UsageError(f"{gold}: not a folder of gold annotation files")
    report = score(system, gold)
    report = _with_reasons(ctx, store, report)
    if not ctx.args.quiet:
        n = sum(1 for e in store.events() if e.status == "proposed")
        print("eval: scored the record plus proposed events" if ctx.args.include_proposed else
              f"eval: scored the default record ({n} proposed events left out; --include-proposed adds them)",
              file=ctx.err)
    if ctx.args.format == "json":
        ctx.out.write(json.dumps(report.to_dict(), indent=1) + "\n")
    else:
        ctx.out.write(report.to_text() + "\n")
    if ctx.args.floors:
        try:
            floors = json.loads(open(ctx.args.floors, encoding="utf-8").read())
            if ctx.args.section:
                floors = floors[ctx.args.section]
        except (OSError, ValueError, KeyError) as exc:
            raise UsageError(f"{ctx.args.floors}: cannot read floors ({type(exc).__name__}: {exc})") from None
        scores = report.metrics()
        low = [f"{k} {scores.get(k) or 0:.3f} < floor {v}" for k, v in floors.items()
               if not k.startswith("_") and (scores.get(k) or 0) + 1e-9 < v]
        for line in low:
            print(f"salvo: eval below floor: {line}", file=ctx.err)
        return 1 if low else 0
    return 0


def explain(ctx) -> int:
    from salvo.explain import explain_article, to_records, to_text

    store = ctx.store()  # a read command: a missing database is an error, never created
    article = store.article(ctx.args.article_id)
    x = explain_article(article, ctx.processor(), ctx.pack)
    if ctx.args.format == "jsonl":
        write_jsonl(to_records(x), ctx.out)
    else:
        ctx.out.write(to_text(x))
    return 0


def _with_reasons(ctx, store, report):
    """Misses and false alarms with the reason of the extraction decision behind them."""
    from salvo.reasons import with_reasons

    process = ctx.processor()

    def article(aid):
        try:
            return store.article(aid)
        except NotFound:
            return None

    def geocode(ref, dateline, text):
        return process.gazetteer.resolve(ref, dateline=dateline, text=text)

    return with_reasons(report, article, process, geocode)


def places(ctx) -> int:
    from salvo.geo import Gazetteer, resolve_text

    gaz = Gazetteer.load(ctx.pack)
    a = ctx.args
    if a.resolve:
        from salvo.model import to_dict

        ctx.out.write(json.dumps(to_dict(resolve_text(gaz, a.resolve)), ensure_ascii=False, indent=1) + "\n")
        return 0
    store = ctx.store()
    if a.unresolved:
        rows = []
        for m in store.mentions():
            for name in m.place.unresolved:
                rows.append({"name": name, "mention": m.mention_id, "kept": m.place.location,
                             "precision": m.place.geo_precision})
        table(rows, [("name", "unresolved name", 20), ("mention", "mention", 20), ("kept", "placed at", 16),
                     ("precision", "geo", 3)], ctx.out)
        if not rows:
            print("every place name was resolved", file=ctx.err)
        return 0
    counts = store.site_event_counts()
    rows = [{"site": s.site_id, "name": s.name, "kind": s.kind, "country": s.country, "admin1": s.admin1,
             "lat": f"{s.lat:.4f}", "lon": f"{s.lon:.4f}", "events": counts.get(s.site_id, 0)}
            for s in gaz.sites() if not a.country or a.country.lower() in (s.country.lower(), (s.iso or "").lower())]
    table(rows, [("site", "site", 20), ("name", "name", 20), ("kind", "kind", 10), ("country", "country", 8),
                 ("admin1", "admin1", 14), ("lat", "lat", 8), ("lon", "lon", 8), ("events", "events", 6)], ctx.out)
    return 0


def _author(ctx) -> str:
    return ctx.args.author or ctx.config.author


def _record(ctx, event_id: str, action: str, *, field=None, value=None, more=()) -> int:
    """Store one override (plus ``more`` (field, value) edits of the same event, in one go)."""
    from salvo.pipeline import record_override

    made = [Override(0, event_id, action, f, v, ctx.args.why, _author(ctx)) for f, v in [(field, value), *more]]
    oid, orphans = record_override(ctx.store(), *made, propose_below=ctx.pack.propose_below)
    _report_orphans(ctx, orphans)
    if not ctx.args.quiet and not ctx.args.author and ctx.config.sources.get("author") == "default" \
            and ctx.config.author == FALLBACK_AUTHOR:  # say so: an edit history full of 'analyst' helps nobody
        print(f"salvo: note: recorded as author {FALLBACK_AUTHOR!r} ($USER is not set); set $SALVO_AUTHOR or"
              " pass --author NAME", file=ctx.err)
    if not ctx.args.quiet:
        what = action if len(made) == 1 else f"{len(made)} edits"
        print(f"{what} recorded for {event_id} (override {oid}); re-applied after every re-run", file=ctx.err)
    return 0


def delete(ctx) -> int:
    from salvo.pipeline import delete_article

    oid, orphans = delete_article(ctx.store(), Override(0, ctx.args.article_id, "delete", "article", None,
                                                        ctx.args.why, _author(ctx)),
                                    propose_below=ctx.pack.propose_below)
    _report_orphans(ctx, orphans)
    if not ctx.args.quiet:
        print(f"article {ctx.args.article_id} deleted (override {oid}); a re-ingest skips it", file=ctx.err)
    return 0


def status_override(ctx) -> int:
    return _record(ctx, ctx.args.event_id, ctx.args.action)


def edit(ctx) -> int:
    from salvo.geo import Gazetteer
    from salvo.overrides import complete_edits, validate_edit

    changes = []
    for assignment in ctx.args.assignments:
        field, sep, value = assignment.partition("=")
        if not sep or not field:
            raise UsageError(f"{assignment!r}: write FIELD=VALUE, e.g. killed=2")
        changes.append((field.strip(), validate_edit(field.strip(), value, weapons=ctx.pack.weapons)))
    event = ctx.store().event(ctx.args.event_id)
    (field, value), *more = complete_edits(event, changes, site=lambda sid: Gazetteer.load(ctx.pack).site(sid))
    return _record(ctx, event.event_id, "edit", field=field, value=value, more=more)


def merge(ctx) -> int:
    return _record(ctx, ctx.args.event_a, "merge", value=ctx.args.event_b)


def split(ctx) -> int:
    e = ctx.store().event(ctx.args.event_id)
    unknown = [m for m in ctx.args.mention_ids if m not in e.mention_ids]
    if unknown:
        raise UsageError(f"{', '.join(unknown)}: not mentions of {e.event_id} (it has {', '.join(e.mention_ids)})")
    if len(ctx.args.mention_ids) >= len(e.mention_ids):
        raise UsageError("splitting off every mention leaves nothing behind; give a subset")
    return _record(ctx, ctx.args.event_id, "split", value=list(ctx.args.mention_ids))


def _override_line(h: Override) -> str:
    what = h.action + (f" {h.field}={h.value!r}" if h.action == "edit" else f" {h.value}" if h.value else "")
    return f"#{h.override_id} {h.created_at} {h.author or '-'}: {what} — {h.reason or ''}"


def history(ctx) -> int:
    store = ctx.store()
    try:  # what was applied to the event as it is now (followed through renames and merges)
        applied = set(store.event(ctx.args.event_id).override_ids)
    except NotFound:
        applied = set()
    hs = [h for h in store.overrides()
          if h.override_id in applied or h.event_id == ctx.args.event_id or h.value == ctx.args.event_id]
    if not hs:
        store.event(ctx.args.event_id)  # NotFound (exit 5) when there is no such event either
        print(f"no analyst edits for {ctx.args.event_id}", file=ctx.err)
    for h in hs:
        ctx.out.write(_override_line(h) + "\n")
    return 0


def serve(ctx) -> int:
    from salvo.web.server import run

    a = ctx.args
    host = a.host or ctx.config.host
    if host not in ("127.0.0.1", "localhost", "::1") and not a.public:
        raise UsageError(f"binding to {host} exposes the database; add --public to do it on purpose")
    port = ctx.config.port if a.port is None else a.port
    if not 1 <= port <= 65535:
        raise UsageError(f"port {port} is out of range: give --port (or $SALVO_PORT) between 1 and 65535")
    if a.token is not None and len(a.token) < MIN_TOKEN:
        raise UsageError(f"--token must be at least {MIN_TOKEN} characters (or leave it out for a random one)")
    return run(db=ctx.config.db, pack=ctx.config.pack, host=host, port=port, token=a.token, out=ctx.err)


MIN_TOKEN = 16  # anyone who guesses the token can edit the record; a random one has 24 characters


def pack(ctx) -> int:
    """``salvo pack check PATH`` / ``salvo pack new NAME``: a pack that does not fit its schema is
    one ConfigError (exit 3) naming file, key and fix."""
    from pathlib import Path

    from salvo.packs import load_pack
    from salvo.packs.skeleton import write_skeleton

    a = ctx.args
    if a.action == "new":
        folder = write_skeleton(a.target, Path(a.dir))
        print(f"wrote {folder}; fill it in, then: salvo pack check {folder}", file=ctx.out)
        return 0
    p = load_pack(a.target)  # runs the schema check
    print(f"{p.path}: ok ({p.meta['title']})", file=ctx.out)
    return 0


def show_config(ctx) -> int:
    from salvo.config import SETTINGS

    rows = [{"name": s.name, "value": ctx.config.values[s.name], "from": ctx.config.sources.get(s.name, "default"),
             "env": s.env, "help": s.help} for s in SETTINGS]
    table(rows, [("name", "setting", 26), ("value", "value", 16), ("from", "from", 12), ("env", "environment", 16),
                 ("help", "help", 20)], ctx.out)
    return 0
