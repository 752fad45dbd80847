"""Date expressions resolved against the publication date, with honest bounds.

Our own resolver, not dateparser: "on Tuesday" in a report means the most recent Tuesday on or
before publication, "Dec. 4" means the latest Dec. 4 not after it, and without a publication date
a weekday + month-day pair fixes the year within the theater's period while a bare weekday fixes
nothing. Every hit carries its offsets so the event builder can pick the date nearest its trigger
and tell event dates from the dates of statements ("the Pentagon said Wednesday").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from salvo.model import DateSpan

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

# ("Outpost 17 may be ...": the modal verb in lower case is no month)
_MON = r"(?P<mon>January|February|March|April|(?-i:May|MAY)|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("range", re.compile(
        rf"\b(?:between|from)\s+{_MON}\s+{_DAY}(?:,?\s+(?P<year1>(?:19|20)\d\d))?,?\s*(?:and|to|-|through|until)\s+(?:{_MON2}\s+)?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?{_YEAR}?", re.I)),
    # ("October 1, 2019 – December 31, 2019": a period told from one full date to another)
    ("range_full", re.compile(
        rf"\b{_MON}\s+{_DAY},?\s+(?P<year1>(?:19|20)\d\d)\s*(?:–|—|-|to|through|until)\s*{_MON2}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    # ("on Monday (June 28)": the weekday and its date in brackets fix the year too)
    ("monthday", re.compile(
        rf"(?:\b{_WD},?\s+\(?)?\b{_MON}(?:\s+|(?<=\.)){_DAY}(?!\d|:\d){_YEAR}?", re.I)),
    ("daymonth", re.compile(rf"(?:\b{_WD},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MON}(?![a-z]){_YEAR}?", re.I)),
    # ("on Monday 15, with ...": a weekday and a day of the month with no month name: the last
    # such day on or before the report's; a count after the weekday is no day: see "weekday")
    ("weekday_day", re.compile(rf"\b{_WD},?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s+[A-Za-z(])(?![.,]?\d)(?!:)", re.I)),
    # ("On Wednesday, 14 rockets were fired": a count after the weekday is no day of the month)
    ("weekday", re.compile(
        rf"\b(?P<mod>early|late|last|this|next|on|past)?\s*(?:(?:early|late)\s+)?{_WD}(?P<part>{_PART})(?!,?\s*(?:{_MON.replace('?P<mon>', '')})\s*[0-3]?\d\b|,?\s*[0-3]?\d\b(?!\s+[a-z]))", re.I)),
    ("same_day", re.compile(r"\b(?:the\s+same\s+day|that\s+(?:same\s+)?day|on\s+the\s+same\s+day|the\s+same\s+night|hours\s+(?:earlier|later))\b", re.I)),
    ("day_before", re.compile(r"\b(?:the\s+(?:day|night)\s+before|a\s+day\s+earlier|the\s+previous\s+day|the\s+preceding\s+day)\b", re.I)),
    ("day_after", re.compile(r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after)\b", re.I)),
    # ("less than two days after", "a few days after", "two weeks later": a vague or bounded count gives bounds)
    ("days_shift", re.compile(
        r"\b(?:(?P<vague>less\s+than|under|within|more\s+than|over|nearly|almost|about|around|some|barely|just)\s+)?"
        r"(?P<n>a\s+few|a\s+couple\s+of|several|\w+|\d+)\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|before|after)\b", re.I)),
    ("days_ago", re.compile(r"\b(?P<n>\w+|\d+)\s+days?\s+ago\b", re.I)),
    # ("over the past 24 hours": the day before the report, as "yesterday")
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night|overnight|(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+24\s+hours)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this\s+morning|tonight|earlier\s+today|this\s+afternoon|this\s+evening)\b", re.I)),
    ("last_week", re.compile(r"\blast\s+week(?:end)?\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier\s+)?this\s+week\b", re.I)),
    ("last_month", re.compile(r"\blast\s+month\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.I)),
    # ("at the end of last January", "in March last year", "February of this year": a month the
    # report places by its own year; "last January" is the latest January before the report's month)
    ("month_rel", re.compile(
        rf"\b(?:(?P<last>(?i:last|this))\s+{_MON}(?!\s*[0-3]?\d\b)|{_MON2}\s+(?:of\s+)?(?P<rel>(?i:last|this|the\s+previous))\s+year)\b")),
    ("month_year", re.compile(rf"\b(?:in\s+|early\s+|late\s+|mid-?)?{_MON}{_YEAR}\b", re.I)),
    ("last_year", re.compile(r"\blast\s+year\b", re.I)),
    ("year", re.compile(r"\b(?:in\s+|a\s+|the\s+|since\s+)(?P<year>20[12]\d)\b(?![-/]\d)", re.I)),
]
_TIME = re.compile(r"\b(?:around|about|at|shortly (?:before|after)|approximately|just (?:before|after))?\s*(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)", re.I)
# ("— Kurdistan 24 (@K24English) January 8, 2020": an embedded post's signature dates the post)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,3}|announced|stated|reported|added|confirmed|briefing|statement)\s*(?:on\s+)?$"
                            r"|\(@\w{1,30}\)\s*$", re.I)
_SPEECH_AFTER = re.compile(r"^\s*,?\s*(?:said|says|told|announced|stated|urged|condemned|warned)\b", re.I)


@dataclass(frozen=True)
class DateHit:
    start: int  # offsets in the text given to find_dates (plus its base offset)
    end: int
    span: DateSpan
    kind: str
    speech: bool = False  # the date of a statement, not of the event


@dataclass(frozen=True)
class DateContext:
    published: Optional[date]
    period: tuple[date, date]
    # the full dates a report without a publication date writes (:func:`told_days`): a bare
    # month-day told near one of them takes its year
    told: tuple[date, ...] = ()


def iso(d: Optional[date]) -> Optional[str]:
    return d.isoformat() if d else None


def parse_iso(s: Optional[str]) -> Optional[date]:
    if not s:
        return None
    try:
        return date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def day_span(d: date, text: str) -> DateSpan:
    return DateSpan(iso(d), iso(d), iso(d), 1, None, text)


def bounds_span(lo: date, hi: date, text: Optional[str]) -> DateSpan:
    if lo == hi:
        return day_span(lo, text or "")
    n = (hi - lo).days
    tp = 2 if n <= 7 else 3 if n <= 31 else None
    return DateSpan(None, iso(lo), iso(hi), tp, None, text)


def open_span(ctx: DateContext, text: Optional[str] = None) -> DateSpan:
    """What we know of a date the text does not give: on or before publication, within the period."""
    hi = min(ctx.published, ctx.period[1]) if ctx.published else ctx.period[1]
    return DateSpan(None, iso(ctx.period[0]), iso(hi), None, None, text)


_FULL_DATE = re.compile(rf"\b{_MON}\s+{_DAY},?\s+(?P<year>(?:19|20)\d\d)\b|\b{_DAY.replace('?P<day>', '?P<day2>')}\s+{_MON2}\s+(?P<year2>(?:19|20)\d\d)\b"
                        r"|(?<![\d-])(?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])", re.I)


# a date line, a caption's or a signed post's date closes its line (a credit in brackets may follow)
# ("Erbil Feb. 15, 2021: The truck ...": a dateline heads its line with a colon or a dash)
_CLOSES_LINE = re.compile(r"[\s.)\]”\"]*(?:\([^()\n]{0,40}\)[\s.]*)?(?:\n|$)|\s*(?::|\s[-–—])\s")


def _full_dates(text: str, period: tuple[date, date], *, closing_only: bool) -> list[date]:
    out = []
    for m in _FULL_DATE.finditer(text):
        if closing_only and not m["y"] and not _CLOSES_LINE.match(text, m.end()):
            continue  # "On Oct. 20, 2021, five drones struck ...": an earlier event's day, not the report's
        if m["y"]:
            d = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
        elif m["year"]:
            d = _safe(int(m["year"]), MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
        else:
            d = _safe(int(m["year2"]), MONTHS[m["mon2"].lower().rstrip(".")], int(m["day2"]))
        if d and period[0] <= d <= period[1]:
            out.append(d)
    return out


def told_days(text: str, period: tuple[date, date]) -> tuple[date, ...]:
    """Every full date a report writes, within the theater's period."""
    return tuple(sorted(set(_full_dates(text, period, closing_only=False))))


def stand_in_published(text: str, period: tuple[date, date]) -> Optional[date]:
    """For a report without a publication date: the latest full date it writes closing a line (a
    caption's "..., November 17, 2020.", an embedded post's date line) or in a file name's
    2021-03-29, within the theater's period. A report is written on or after the latest day it names in full, so weekdays
    and bare month-days resolve against that day rather than staying open."""
    return max(_full_dates(text, period, closing_only=True), default=None)


_DATELINE_DAY = re.compile(rf"\b{_MON}\s+{_DAY}\b", re.I)


def dateline_day(dateline: Optional[str], published: Optional[date]) -> Optional[date]:
    """"BAGHDAD, Jan. 14 (Xinhua)" on a page published on the 15th: the story was written on the
    14th, so its "on Wednesday" is the Wednesday before the 14th. The dateline's day, when it is one
    to three days before publication; None otherwise."""
    m = _DATELINE_DAY.search(dateline or "")
    if not (m and published):
        return None
    month, day = MONTHS[m["mon"].lower().rstrip(".")], int(m["day"])
    for year in (published.year, published.year - 1):
        d = _safe(year, month, day)
        if d and 1 <= (published - d).days <= 3:
            return d
    return None


def _safe(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_NEAR_TOLD = 45  # days


def _year_for(m: int, d: int, ctx: DateContext, wd: Optional[int]) -> Optional[int]:
    if ctx.published:
        pub = ctx.published
        for y in (pub.year, pub.year - 1):
            cand = _safe(y, m, d)
            # a report tells what happened up to its publication (allow a day for time zones)
            if cand and cand <= pub + timedelta(days=1) and (wd is None or cand.weekday() == wd):
                return y
        return None
    if wd is None:
        # no publication date: "on 4 January" a few weeks from a full date the report writes
        # ("8 January 2020") is in that date's year; far from every one, it stays open
        years = {y for t in ctx.told for y in (t.year - 1, t.year, t.year + 1)
                 if (c := _safe(y, m, d)) and abs((c - t).days) <= _NEAR_TOLD}
        return years.pop() if len(years) == 1 else None
    years = [y for y in range(ctx.period[0].year, ctx.period[1].year + 1)
             if (c := _safe(y, m, d)) and c.weekday() == wd and ctx.period[0] <= c <= ctx.period[1]]
    return years[0] if len(years) == 1 else None


def _weekday_and_day(wd: int, day: int, ctx: DateContext) -> Optional[date]:
    """The latest day with this weekday and day of the month on or before the report's day (and
    at most ~two months before it): "Monday 15" in a report of Tuesday 16 February is the 15th."""
    if not ctx.published or not 1 <= day <= 31:
        return None
    d = ctx.published
    for _ in range(62):
        if d.day == day and d.weekday() == wd:
            return d
        d -= timedelta(days=1)
    return None


def _weekday(wd: int, mod: str, ctx: DateContext) -> Optional[date]:
    if not ctx.published or mod == "next":
        return None
    back = (ctx.published.weekday() - wd) % 7
    if mod == "last" and back == 0:  # "last Tuesday" said on a Tuesday is a week ago
        back = 7
    return ctx.published - timedelta(days=back)


def find_dates(text: str, ctx: DateContext, *, base: int = 0, last: Optional[DateSpan] = None) -> list[DateHit]:
    """Every date expression in ``text``, resolved; ``last`` is the date told just before (for
    "the same day"). Overlapping matches keep the earliest listed pattern."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    deferred = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if kind == "weekday" and (m.group("mod") or "on").lower() == "on":
                s = m.start("wd")
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind in RELATIVE:
                taken.append((s, e))
                deferred.append((kind, m, s, e))
                continue
            span = _resolve(kind, m, ctx, last)
            if span is None:
                continue
            taken.append((s, e))
            hits.append(_hit(text, base, s, e, span, kind))
    # "the same day", "one day after": counted from the nearest day told before them in this
    # sentence, else from the last one told before the sentence
    for kind, m, s, e in deferred:
        ref = next((h.span for h in sorted(hits, key=lambda h: -h.start)
                    if h.start - base < s and h.span.event_date and not h.speech and h.kind not in RELATIVE), last)
        # ("came a few days after four troops were hurt ...": any clause after a vague count is the earlier one)
        invert = kind == "days_shift" and s > 0 and (
            _AFTER_EVENT.match(text, m.end()) or ((m["vague"] or m["n"].lower() in _FEW) and re.match(r"\s+[\w\"“]", text[m.end():])))
        span = _resolve(kind, m, ctx, ref, invert=bool(invert))
        if span is not None:
            hits.append(_hit(text, base, s, e, span, kind))
    hits = [_before_the_event(text, base, h) for h in hits]
    hits.sort(key=lambda h: h.start)
    tm = _TIME.search(text)
    if tm:
        h = int(tm.group("h")) % 12 + (12 if tm.group("ap").lower().startswith("p") else 0)
        tod = f"{h:02d}:{int(tm.group('mi') or 0):02d}"
        hits = [DateHit(x.start, x.end, _with_time(x.span, tod), x.kind, x.speech) for x in hits]
    return hits


RELATIVE = ("same_day", "day_before", "day_after", "days_shift")
# "..., one day after a rocket attack on X killed ...": the date is the attack's, N days before
# the day the sentence told first (not N days after it, as in "Two days later, militants ...")
# ("came two days after the United States bombed ...": a doer and its strike verb name the event too)
_AFTER_EVENT = re.compile(r"\s+(?:a|an|the|its|their|[A-Z]|U\.S|US)[^,;]{0,40}?\b(?:attacks?|strikes?|airstrikes?|barrage|bombing|raids?|rockets?|drones?|missiles?"
                          r"|bombed|struck|attacked|shelled|pounded)\b")


# "Before the US strike on an IRGC depot on Wednesday, there were two attacks ...": the day is
# the strike's, set against what the clause tells; that came on it or in the days before
_BEFORE_EVENT = re.compile(r"\b(?:before|prior\s+to|ahead\s+of)\s+(?:the|a|an|its|their|this|that|[A-Z][\w.'’]*)\b[^,;.]{0,50}?"
                           r"\b(?:attacks?|strikes?|airstrikes?|raids?|bombings?|barrage)\b[^,;.]{0,50}?$", re.I)


def _before_the_event(text: str, base: int, h: DateHit) -> DateHit:
    s = h.start - base
    if not h.span.event_date or h.speech or h.kind in RELATIVE or not _BEFORE_EVENT.search(text, 0, s):
        return h
    d = parse_iso(h.span.event_date)
    return DateHit(h.start, h.end, bounds_span(d - timedelta(days=6), d, h.span.text), "before_event", h.speech)


def _hit(text: str, base: int, s: int, e: int, span: DateSpan, kind: str) -> DateHit:
    before = text[max(0, s - 40):s]
    after = text[e:e + 14]
    speech = bool(_SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(after))
    return DateHit(base + s, base + e, span, kind, speech)


def _with_time(span: DateSpan, tod: str) -> DateSpan:
    return DateSpan(span.event_date, span.date_earliest, span.date_latest, span.time_precision, tod, span.text)


def _resolve(kind: str, m: re.Match, ctx: DateContext, last: Optional[DateSpan], *,
             invert: bool = False) -> Optional[DateSpan]:
    t = m.group(0).strip()
    pub = ctx.published
    if kind == "iso":
        d = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
        return day_span(d, t) if d else None
    if kind in ("monthday", "daymonth"):
        mon = MONTHS[m["mon"].lower().rstrip(".")]
        day = int(m["day"])
        wd = WEEKDAYS[m["wd"].lower()] if m["wd"] else None
        year = int(m["year"]) if m["year"] else _year_for(mon, day, ctx, wd)
        if year is None:
            return open_span(ctx, t)
        d = _safe(year, mon, day)
        return day_span(d, t) if d else None
    if kind == "range_full":
        lo = _safe(int(m["year1"]), MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
        hi = _safe(int(m["year"]), MONTHS[m["mon2"].lower().rstrip(".")], int(m["day2"]))
        return bounds_span(lo, hi, t) if lo and hi and lo <= hi else None
    if kind == "range":
        mon = MONTHS[m["mon"].lower().rstrip(".")]
        mon2 = MONTHS[m["mon2"].lower().rstrip(".")] if m["mon2"] else mon
        d1, d2 = int(m["day"]), int(m["day2"])
        year = int(m["year"]) if m["year"] else _year_for(mon2, d2, ctx, None)
        if year is None and m["year1"]:
            year = int(m["year1"]) + (0 if mon <= mon2 else 1)
        if year is None:
            return open_span(ctx, t)
        y1 = int(m["year1"]) if m["year1"] else (year if mon <= mon2 else year - 1)
        lo = _safe(y1, mon, d1)
        hi = _safe(year, mon2, d2)
        return bounds_span(lo, hi, t) if lo and hi and lo <= hi else None
    if kind == "weekday_day":
        d = _weekday_and_day(WEEKDAYS[m["wd"].lower()], int(m["day"]), ctx)
        return day_span(d, t) if d else None
    if kind == "weekday":
        mod = (m["mod"] or "").lower()
        d = _weekday(WEEKDAYS[m["wd"].lower()], mod, ctx)
        if d is None:
            return None if mod == "next" else open_span(ctx, t)
        return day_span(d, t)
    if kind in ("same_day", "day_before", "day_after"):
        if last is None:
            return None
        shift = {"same_day": 0, "day_before": -1, "day_after": 1}[kind]
        if last.event_date:
            return day_span(parse_iso(last.event_date) + timedelta(days=shift), t)
        return DateSpan(None, last.date_earliest, last.date_latest, last.time_precision, None, t)
    if kind == "days_shift":
        return _shifted(m, ctx, last, invert, t)
    if kind == "days_ago":
        from salvo.extract.numbers import parse_number

        n = parse_number(m["n"])
        if not pub or n is None or n > 60:
            return None
        return day_span(pub - timedelta(days=n), t)
    if kind in ("yesterday", "today"):
        if not pub:
            return open_span(ctx, t)
        return day_span(pub - timedelta(days=1 if kind == "yesterday" else 0), t)
    if kind in ("last_week", "this_week"):
        if not pub:
            return open_span(ctx, t)
        monday = pub - timedelta(days=pub.weekday())
        if kind == "this_week":
            return bounds_span(monday, pub, t)
        return bounds_span(monday - timedelta(days=7), monday - timedelta(days=1), t)
    if kind in ("last_month", "this_month"):
        if not pub:
            return open_span(ctx, t)
        first = pub.replace(day=1)
        if kind == "this_month":
            return bounds_span(first, pub, t)
        prev_last = first - timedelta(days=1)
        return bounds_span(prev_last.replace(day=1), prev_last, t)
    if kind == "month_rel":
        if not pub:
            return open_span(ctx, t)
        if m["last"]:
            mon = MONTHS[m["mon"].lower().rstrip(".")]
            y = pub.year if m["last"].lower() == "this" or mon < pub.month else pub.year - 1
        else:
            mon = MONTHS[m["mon2"].lower().rstrip(".")]
            y = pub.year if m["rel"].lower() == "this" else pub.year - 1
        if date(y, mon, 1) > pub:
            return None
        return bounds_span(date(y, mon, 1), min(date(y, mon, calendar.monthrange(y, mon)[1]), pub), t)
    if kind == "month_year":
        mon = MONTHS[m["mon"].lower().rstrip(".")]
        y = int(m["year"])
        return bounds_span(date(y, mon, 1), date(y, mon, calendar.monthrange(y, mon)[1]), t)
    if kind in ("last_year", "year"):
        if kind == "last_year":
            if not pub:
                return open_span(ctx, t)
            y = pub.year - 1
        else:
            y = int(m["year"])
        return DateSpan(None, f"{y}-01-01", f"{y}-12-31", None, None, t)
    return None


_FEW = {"a few": 7, "a couple of": 3, "several": 7}  # the most days a vague count may mean
_VAGUE_SHIFT = {"less than": "within", "under": "within", "within": "within", "more than": "beyond", "over": "beyond"}


def _shifted(m: re.Match, ctx: DateContext, last: Optional[DateSpan], invert: bool, t: str) -> Optional[DateSpan]:
    """"two days later", "three days after <an attack>" (counted back), "a few days after" /
    "less than two days after" (bounds: the count does not fix the day)."""
    from salvo.extract.numbers import parse_number

    few = re.sub(r"\s+", " ", m["n"].lower())
    n = parse_number(m["n"]) if few not in _FEW else None
    if last is None or not last.event_date or (n is None and few not in _FEW):
        return None
    unit = 7 if m["unit"].lower().startswith("week") else 1
    sign = 1 if m["dir"].lower() in ("later", "after") else -1
    sign = -sign if invert and m["dir"].lower() in ("after", "before") else sign
    ref = parse_iso(last.event_date)
    vague = _VAGUE_SHIFT.get(re.sub(r"\s+", " ", (m["vague"] or "").lower()))
    if n is not None and vague is None:
        if n * unit > 60:
            return None
        d = ref + timedelta(days=sign * n * unit)
        if sign > 0 and ctx.published and d > ctx.published + timedelta(days=1):
            d = ref - timedelta(days=n * unit)  # a report tells what came before it: "came two days after <it>"
        return day_span(d, t)
    most = (n or _FEW[few]) * unit
    if most > 60:
        return None
    lo, hi = (0 if vague == "within" else 1, most) if vague != "beyond" else (most, most + 7 * unit)
    a, b = ref + timedelta(days=sign * lo), ref + timedelta(days=sign * hi)
    return bounds_span(min(a, b), max(a, b), t)


# a sentence that is only a day ("Right, Wednesday.", "Then, on Friday:"): the day of what follows
_DATE_ONLY = re.compile(r"[\W_]*(?:\w+:)?[\W_]*(?:(?:right|so|and|then|okay|ok|yes|well|later|again|next|on|that|it was)[\W_]+)*[\W_]*", re.I)


def date_only(text: str, dates: list[DateHit], base: int) -> bool:
    """Is ``text`` (starting at offset ``base``) nothing but the given dates and filler words?"""
    for h in dates:
        s, e = h.start - base, h.end - base
        text = text[:s] + " " * (e - s) + text[e:]
    return bool(_DATE_ONLY.fullmatch(text))
