"""Command line: parse arguments, call the library, print, map exceptions to exit codes.

Exit codes: 0 ok; 1 some inputs failed (the rest were stored); 2 usage; 3 config/pack;
4 database; 5 not found; 70 internal error (rerun with --debug for the traceback).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
from typing import IO, Any, Callable, Optional, Sequence

from salvo import __version__
from salvo.config import SETTINGS, load_config
from salvo.errors import NotFound, SalvoError
from salvo.export import EventFilter
from salvo.export.filters import FILTER_NAMES, cli_name, parse_filter
from salvo.model import STATUSES
from salvo.packs import load_pack
from salvo.store import Store

EPILOG = """exit codes: 0 ok, 1 some inputs failed (the rest were stored), 2 usage error,
3 configuration/pack error, 4 database error, 5 not found, 70 internal error (use --debug)"""


COLUMNS_HELP = """columns: geo: 1 = at the site or town itself, 2 = near it, 3 = only a region or country
is known; k/i: killed/injured (- = not reported); src: articles reporting the event; actor: the
perpetrator with its basis (claimed by itself, or attributed by others); status: auto, confirmed,
edited or rejected (analyst decisions)"""


class Context:
    """What a command needs: settings, the store, the pack, the output streams."""

    def __init__(self, args: argparse.Namespace, out: IO[str], err: IO[str]):
        self.args = args
        self.out = out
        self.err = err
        self.config = load_config({"db": args.db, "pack": args.pack})
        self._store: Optional[Store] = None

    def store(self, *, create: bool = False) -> Store:
        if self._store is None:
            self._store = Store.open(self.config.db, create=create)
        return self._store

    @property
    def pack(self):
        return load_pack(self.config.pack)

    def processor(self):
        from salvo.pipeline import Processor

        return Processor(self.pack)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _progress(ctx: Context, count: Optional[Callable[[], Optional[int]]] = None) -> Callable[[str], None] | None:
    """A progress bar on stderr when it is a terminal (its total from ``count()``); nothing otherwise."""
    if ctx.args.quiet or not ctx.err.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=count() if count else None, unit="doc", file=getattr(ctx.err, "raw", ctx.err), leave=False)
    return lambda _name: bar.update(1)


def _filter_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (the API's, checked by the same parser)")
    g.add_argument("--from", dest="date_from", metavar="DATE", help="events on or after DATE (YYYY-MM-DD)")
    g.add_argument("--to", dest="date_to", metavar="DATE", help="events on or before DATE")
    g.add_argument("--include-undated", action="store_true",
                   help="with --from/--to: also undated events (their bounds are only the theater period)")
    g.add_argument("--country", help="country name or ISO code (Iraq, Syria, Syrian Arab Republic, SY...)")
    g.add_argument("--kind", help="attack | response")
    g.add_argument("--actor", help="perpetrator name contains this text")
    g.add_argument("--weapon", help="a weapon value of the pack (rocket, drone, missile, ...)")
    g.add_argument("--site", help="site id (see `salvo places`)")
    g.add_argument("--status", help=" | ".join(STATUSES) + " (default: all but rejected and proposed)")
    g.add_argument("--include-proposed", action="store_true",
                   help="also list proposed events (weak evidence, waiting for review; see `salvo confirm`)")
    g.add_argument("--article", help="only events reported by this article id")


def _event_filter(args: argparse.Namespace, period=None, weapons=None) -> EventFilter:
    """The shared filter parser (salvo.export.filters) on the command line's values; ``weapons``:
    the pack's weapon values. `--pack NAME` given (flag or $SALVO_PACK) also selects the events that
    pack produced."""
    names = {"from": "date_from", "to": "date_to"}
    values = {name: getattr(args, names.get(name, name), None) for name in FILTER_NAMES if name != "pack"}
    values["pack"] = _pack_name(getattr(args, "pack", None) or os.environ.get("SALVO_PACK"))
    return parse_filter(values, period=period, say=cli_name, weapons=weapons)


def _pack_name(given: Optional[str]) -> Optional[str]:
    """The name of a pack given by name or folder (events record the folder's name), or None."""
    from pathlib import Path

    return Path(given).name if given else None


def _global_args(p: argparse.ArgumentParser, *, default) -> None:
    g = p.add_argument_group("global options (before or after the command)")
    g.add_argument("--db", default=default, help="database file (default: salvo.db, or $SALVO_DB)")
    g.add_argument("--pack", default=default,
                   help="theater pack name or folder (default: us_forces_iraq_syria, or $SALVO_PACK)")
    g.add_argument("--debug", action="store_true", default=default, help="show tracebacks and debug logging")
    g.add_argument("-q", "--quiet", action="store_true", default=default, help="no progress bar or summaries on stderr")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="salvo",
        description="Turn news reports about armed attacks into an incident record with evidence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"salvo {__version__}")
    _global_args(p, default=None)
    p.set_defaults(debug=False, quiet=False)
    # the same options after the command (`salvo ingest --db x.db ...`); SUPPRESS keeps a value
    # given before the command unless it is given again after it
    common = argparse.ArgumentParser(add_help=False)
    _global_args(common, default=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def cmd(name: str, help: str, fn: Callable) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help, epilog=EPILOG, parents=[common],
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.set_defaults(fn=fn)
        return sp

    from salvo import commands as c

    sp = cmd("ingest", "read articles (files, folders, - for JSONL on stdin), clean, extract, store, merge", c.ingest)
    sp.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html, .jsonl files or folders; - reads JSONL from stdin")
    sp.add_argument("--published", metavar="DATE", help="publication date for inputs that lack one (YYYY-MM-DD)")
    sp.add_argument("--outlet", metavar="NAME", help="outlet name for inputs that lack one")
    sp.add_argument("--meta", metavar="FILE", help="JSONL of {id, published, url, outlet, title} filling what inputs lack"
                    " (e.g. a scraper's index)")
    sp.add_argument("--replace", action="store_true", help="overwrite stored articles whose text changed")
    sp.add_argument("--no-extract", action="store_true", help="store and clean only; run `salvo reprocess` later")
    sp.add_argument("--workers", type=_positive, metavar="N",
                    help="processes doing the per-article work (default: all cores); one writer")
    sp.add_argument("--dask", metavar="ADDRESS",
                    help="run the per-article work on a Dask cluster (tcp://HOST:8786), or `local` for a LocalCluster")
    sp.add_argument("--keep", choices=["all", "relevant"], default="all",
                    help="relevant: store full text only for articles passing the relevance screen (id + hash of the rest)")

    cmd("reprocess", "re-run extraction, geocoding and merging over stored articles (edits re-applied)", c.reprocess)

    sp = cmd("articles", "list stored articles: id, title, published, outlet, what cleaning removed, duplicates", c.articles)
    sp.add_argument("--format", choices=["table", "jsonl"], default="table")
    sp.add_argument("--search", metavar="TEXT", help="only articles whose id or title contains TEXT (case-blind)")
    sp.add_argument("--limit", type=int, metavar="N", help="at most N articles (default: all, read a page at a time)")
    sp.add_argument("--offset", type=int, default=0, metavar="K", help="skip the first K (listing order: published, id)")

    sp = cmd("show", "print an article (clean text, removed parts) or an event (fields, highlighted evidence)", c.show)
    sp.add_argument("id", metavar="ID", help="an article id or an event id")
    sp.add_argument("--raw", action="store_true", help="for an article: also print the raw text")

    sp = cmd("events", "list events with filters", c.events)
    sp.epilog = COLUMNS_HELP + "\n\n" + EPILOG
    _filter_args(sp)
    sp.add_argument("--format", choices=["table", "jsonl"], default="table")
    sp.add_argument("--evidence", action="store_true", help="print each event's evidence sentences")

    sp = cmd("tallies", "official running counts in time order, against the record", c.tallies)
    sp.add_argument("--format", choices=["table", "jsonl"], default="table")

    sp = cmd("export", "export articles, events or tallies as JSONL, CSV (ACLED columns) or GeoJSON", c.export)
    sp.add_argument("--what", choices=["events", "tallies", "articles"], default="events")
    sp.add_argument("--format", choices=["jsonl", "csv", "geojson"], default="jsonl")
    sp.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (default: - for stdout)")
    _filter_args(sp)

    sp = cmd("eval", "score stored events and tallies against gold annotation files (attacks; responses apart);"
             " misses and false alarms grouped by the reason of the extraction decision behind them", c.evaluate)
    sp.add_argument("gold_dir", metavar="GOLD_DIR")
    sp.add_argument("--format", choices=["text", "json"], default="text")
    sp.add_argument("--floors", metavar="FILE", help="JSON {metric: minimum}; exit 1 when a score falls below")
    sp.add_argument("--section", metavar="NAME", help="use this section of the floors file (e.g. corpus)")
    sp.add_argument("--include-proposed", action="store_true",
                    help="score the record plus proposed events (default: the record, as `salvo export` gives it)")

    sp = cmd("explain", "re-run extraction on a stored article and print each sentence with its candidates,"
             " the decision taken on each and its reason", c.explain)
    sp.add_argument("article_id", metavar="ARTICLE_ID", help="a stored article id (see `salvo articles`)")
    sp.add_argument("--format", choices=["text", "jsonl"], default="text",
                    help="text for a terminal, jsonl: one object per sentence with its candidates")

    sp = cmd("places", "list the gazetteer's sites with event counts; resolve a phrase; unresolved places", c.places)
    sp.add_argument("--unresolved", action="store_true", help="list place names events mention that could not be resolved")
    sp.add_argument("--resolve", metavar="PHRASE", help="show how PHRASE resolves")
    sp.add_argument("--country", help="only sites in this country")

    for name, help in (("reject", "mark an event rejected (kept, hidden from exports)"),
                       ("confirm", "mark an event confirmed by an analyst")):
        sp = cmd(name, help, c.status_override)
        sp.add_argument("event_id")
        sp.add_argument("--why", required=name == "reject", help="reason recorded with the decision")
        sp.add_argument("--author", help="who decided (default $SALVO_AUTHOR or $USER)")
        sp.set_defaults(action=name)

    sp = cmd("edit", "correct fields of an event: salvo edit ID killed=2 weapon=drone --why '...'", c.edit)
    sp.add_argument("event_id")
    sp.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    sp.add_argument("--why", required=True)
    sp.add_argument("--author")

    sp = cmd("merge", "merge event B into event A (one attack reported twice)", c.merge)
    sp.add_argument("event_a")
    sp.add_argument("event_b")
    sp.add_argument("--why", required=True)
    sp.add_argument("--author")

    sp = cmd("split", "split mentions off an event into a new event", c.split)
    sp.add_argument("event_id")
    sp.add_argument("mention_ids", nargs="+", metavar="MENTION_ID", help="mention ids (see `salvo show EVENT`)")
    sp.add_argument("--why", required=True)
    sp.add_argument("--author")

    sp = cmd("delete", "remove an article and what came from it (recorded in its history; a re-ingest skips it)",
             c.delete)
    sp.add_argument("article_id")
    sp.add_argument("--why", required=True)
    sp.add_argument("--author")

    sp = cmd("history", "analyst edits of an event, or the deletion of an article", c.history)
    sp.add_argument("event_id", metavar="ID")

    sp = cmd("serve", "web dashboard and JSON API", c.serve)
    sp.add_argument("--host", help="bind address (default 127.0.0.1)")
    sp.add_argument("--port", type=int, help="port (default 8000)")
    sp.add_argument("--public", action="store_true", help="allow binding to a non-localhost address")
    sp.add_argument("--token", help="write token (default: a random one printed at start-up)")

    sp = cmd("pack", "check a theater pack against its schema, or write a new documented pack skeleton", c.pack)
    sp.add_argument("action", choices=["check", "new"], help="check PATH (a pack folder or name); new NAME")
    sp.add_argument("target", metavar="PATH|NAME")
    sp.add_argument("--dir", default=".", help="for new: the folder to create the pack in (default: .)")

    cmd("config", "print the settings in effect and where they come from", c.show_config)
    return p


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def main(argv: Optional[Sequence[str]] = None, *, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    from salvo.terminal import SafeStream

    out = SafeStream(out or sys.stdout)  # stored text never drives the terminal (see salvo.terminal)
    err = SafeStream(err or sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse prints usage itself
        return int(exc.code or 0)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, stream=err,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.debug:  # the HTML libraries warn about pages salvo already reports in its own words
        for name in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(name).setLevel(logging.ERROR)
    ctx = None
    try:
        ctx = Context(args, out, err)
        return int(args.fn(ctx) or 0)
    except SalvoError as exc:
        if args.debug:
            raise
        print(f"salvo: error: {exc}", file=err)
        return exc.exit_code
    except KeyboardInterrupt:
        print("salvo: interrupted; everything committed before this point is stored", file=err)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        print(f"salvo: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)", file=err)
        return 70
    finally:
        if ctx is not None:
            ctx.close()


def table(rows: list[dict[str, Any]], columns: list[tuple[str, str, int]], out: IO[str],
          width: Optional[int] = None) -> None:
    """A plain text table: (key, header, narrowest width). Fitted to the terminal when ``out`` is one.

    Piped output keeps every value whole. On a terminal the widest columns give way first, never
    below their narrowest width; a cell given as (text, tail) keeps its tail (a claimed/attributed
    basis, a munition count) and shortens its text.
    """
    if not rows:
        return
    if width is None and out.isatty():
        import shutil

        width = shutil.get_terminal_size().columns
    cells = [[_cell(r.get(key)) for key, _, _ in columns] for r in rows]
    widths = [max([len(head)] + [len("".join(c[i])) for c in cells]) for i, (_, head, _) in enumerate(columns)]
    if width:
        floors = [min(w, max(len(head), least)) for w, (_, head, least) in zip(widths, columns)]
        while sum(widths) + 2 * (len(widths) - 1) > width:
            give = max(range(len(widths)), key=lambda i: widths[i] - floors[i])
            if widths[give] <= floors[give]:
                break  # nothing left to give: the terminal wraps what does not fit
            widths[give] -= 1
    out.write("  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(_fit(c, w) for c, w in zip(row, widths)).rstrip() + "\n")


def _fit(cell: tuple[str, str], w: int) -> str:
    text, tail = cell
    if len(text) + len(tail) <= w:
        return (text + tail).ljust(w)
    if len(tail) >= w - 1:  # no room for the text: the tail alone, cut
        return (text + tail)[: w - 1] + "…"
    return text[: w - len(tail) - 1] + "…" + tail


def _cell(v: Any) -> tuple[str, str]:
    if isinstance(v, tuple):
        return _cell(v[0])[0], str(v[1])
    if v is None:
        return "-", ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False), ""
    return str(v), ""


def wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(textwrap.fill(p, 100, initial_indent=indent, subsequent_indent=indent) for p in text.split("\n\n"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
