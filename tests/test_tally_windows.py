"""Official tallies as a user reads them: counted like `salvo tallies`, vague windows kept, and no
"0 in record, 0%" where the record does not count that figure."""

from __future__ import annotations

import json

from salvo.coverage import coverage
from test_coverage import COUNTRIES, event, tally

# Our own sentences in the way Pentagon briefings are reported.
BRIEFING = ("Pentagon update\nAs of Monday, US forces had been attacked 40 times since Oct. 17, "
            "18 times in Iraq and 22 times in Syria, spokesman Pat Ryder said.\n")
REPEAT = ("Militia attacks continue\nA spokesman said on Monday that US forces had been attacked 40 times "
          "since Oct. 17, 18 times in Iraq and 22 times in Syria.\n")


def _tallies(run, tmp_path, name, text, published):
    f = tmp_path / f"{name}.txt"
    f.write_text(text)
    r = run("ingest", "--published", published, str(f))
    assert r.code == 0, r
    return r, [json.loads(line) for line in run("export", "--what", "tallies").out.splitlines()]


def test_the_ingest_summary_counts_tallies_as_salvo_tallies_lists_them(run, tmp_path):
    for name, text, day in (("brief", BRIEFING, "2023-11-07"), ("repeat", REPEAT, "2023-11-07")):
        (tmp_path / f"{name}.txt").write_text(text)
    r = run("ingest", "--published", "2023-11-07", str(tmp_path))
    assert r.code == 0, r
    listed = [line for line in run("tallies").out.splitlines()[1:] if line.strip()]
    assert len(listed) == 1  # one official figure, reported twice
    assert f"{len(listed)} tallies" in r.err, r.err


def test_since_mid_month_gets_a_window(run, tmp_path):
    _, (t,) = _tallies(run, tmp_path, "mid", "Attacks go on\nUS troops in Syria and Iraq have been attacked "
                       "at least 55 times since mid-October, a defense official said.\n", "2023-11-14")
    assert t["count"] == 55 and t["as_of"] == "2023-11-14"
    assert "2023-10-11" <= t["since"] <= "2023-10-20"
    assert t["record_count"] is not None


def test_between_a_day_and_early_month_gets_a_window(run, tmp_path):
    _, (t,) = _tallies(run, tmp_path, "between", "A long campaign\nMilitias attacked US forces more than 160 times "
                       "between Oct. 17 and early February, officials said.\n", "2024-02-12")
    assert t["since"] == "2023-10-17"
    assert "2024-02-01" <= t["as_of"] <= "2024-02-10"
    assert t["record_count"] is not None


def test_an_injured_tally_the_record_does_not_count_is_not_comparable(run, tmp_path):
    rows = coverage([tally("t1", "art1", 70, "2023-10-30", what="injured")],
                    [event("a", "ain_al_asad", "2023-10-18"), event("b", "al_tanf", "2023-10-19", injured=0)],
                    countries=COUNTRIES)
    (c,) = rows
    assert c.record_count is None and c.ratio is None and c.comparable is False
    counted = coverage([tally("t1", "art1", 70, "2023-10-30", what="injured")],
                       [event("a", "ain_al_asad", "2023-10-18", injured=4), event("b", "al_tanf", "2023-10-19")],
                       countries=COUNTRIES)
    assert counted[0].record_count == 4 and counted[0].comparable is True


def test_the_tallies_table_says_not_comparable(run, tmp_path):
    text = ("Injuries mount\nSince Oct. 17, some 70 US service members have been injured in attacks in Iraq and "
            "Syria, the Pentagon said on Monday.\n")
    _, ts = _tallies(run, tmp_path, "hurt", text, "2023-11-20")
    assert [t["what"] for t in ts] == ["injured"], ts
    (line,) = [l for l in run("tallies").out.splitlines() if "injured" in l]
    assert "not comparable" in line and "0%" not in line
