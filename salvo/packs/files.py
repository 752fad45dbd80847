"""The schema of every pack file (see :mod:`salvo.packs.schema` for the types).

Each key says what the code does with it; a key nothing reads has no place here (and so none in a
pack). Regular expressions are matched case-insensitively on word boundaries unless a key says
otherwise.
"""

from __future__ import annotations

from salvo.confidence import FEATURES
from salvo.packs.schema import (Choice, Day, Flag, Key, ListOf, MapOf, Nullable, Number, OneOrMore, Pattern, Record, Table, Text,
                                YamlFile)


def _pats(help: str, required: bool = True) -> Key:
    return Key(ListOf(Pattern()), help, required)


PERIOD = Record({"start": Key(Day(), "first day of the theater"), "end": Key(Day(), "last day of the theater")})

# intercept and weight of each evidence feature (salvo.confidence.FEATURES) in the confidence model
_WEIGHTS = Record({name: Key(Number(-20, 20), help, required=False)
                   for name, help in [("intercept", "the log-odds of an event with no feature present")]
                   + [(f, d) for f, (d, _) in FEATURES.items()]})

PACK_YAML = Record({
    "name": Key(Text(), "the pack's name (its folder name)"),
    "title": Key(Text(), "one line saying what the theater is (shown by the dashboard and `salvo pack check`)"),
    "countries": Key(ListOf(Text(), 1), "ISO 3166-1 alpha-2 codes of the theater's countries (towns of these are known)",
                     example=["XX"]),
    "acled_region": Key(Text(), "ACLED's region for the theater's countries (the `region` column of the CSV export)"),
    "attacked_side": Key(OneOrMore(Text()), "actor2 of an attack: the side attacked (ACLED naming); a list for several"
                         " parties (an attack whose clause matches one's attacked_cues is coded to it, else to the first)"),
    "attacked_cues": Key(MapOf(ListOf(Pattern())), "for a list of attacked sides: per party after the first, the words"
                         " that name it as the one attacked (\"USS\", \"US destroyer\"; case-sensitive)",
                         required=False, example={}),
    "responding_side": Key(OneOrMore(Text()), "actor1 of a response: the side that strikes back (ACLED naming);"
                           " a list for several parties (a response naming one of them is coded to it, else to the first)"),
    "aircraft_flown_by": Key(ListOf(Choice(("responder", "attacker"))),
                             "sides that fly aircraft; [responder]: an air strike with no doer named is a response"),
    "acled_inter": Key(Record({"attack": Key(ListOf(Number(0, 9, integer=True), 2), "[inter1, inter2] of an attack"),
                               "response": Key(ListOf(Number(0, 9, integer=True), 2), "[inter1, inter2] of a response")}),
                       "ACLED inter codes of each kind of event", example={"attack": [3, 8], "response": [8, 3]}),
    "map": Key(Record({"center": Key(ListOf(Number(-180, 180), 2), "[lat, lon] of the first view", example=[0, 0]),
                       "zoom": Key(Number(1, 18), "zoom of the first view", example=5),
                       "theater": Key(ListOf(Text()), "country names drawn as the theater (Natural Earth names)"),
                       "outlines": Key(ListOf(Number(-180, 180), 4), "[lon_min, lat_min, lon_max, lat_max] of the"
                                       " country outlines bundled (scripts/build_web_assets.py)",
                                       example=[-180, -90, 180, 90])}),
               "the dashboard map"),
    "place_offsets": Key(Flag(), "place a point told by distance and bearing (\"100 nm west of Hodeidah\") at that"
                         " point, geo_precision 2 (events at sea); off: at the place named", required=False),
    "period": Key(PERIOD, "overrides lexicon.yaml's period", required=False),
    "review": Key(Record({
        "propose_below": Key(Number(0, 1), "confidence below which an event is stored `proposed`"),
        "evidence": Key(Record({kind: Key(_WEIGHTS, f"weights of the evidence features of {kind}s", required=False)
                                for kind in ("attack", "response")}),
                        "the confidence model (salvo/confidence.py; refit with scripts/fit_confidence.py)",
                        required=False),
        "cues": Key(Record({"hedged": _pats("cues of a hedged sentence (\"reportedly\", \"unconfirmed\")", False),
                            "caption": _pats("cues of a photo caption (\"are seen\", \"photo credit\")", False)}),
                    "cues of the sentence features of the confidence model (default: salvo/confidence.py's)",
                    required=False),
    }), "review tier (0 turns it off)", required=False),
})

_COUNTRY = Record({
    "names": Key(ListOf(Pattern()), "the country's names (case-sensitive)"),
    "adjectives": Key(ListOf(Pattern()), "adjectives and possessives that point to it (case-sensitive)"),
    "regions": Key(ListOf(Text()), "named parts of the country a clause may give as its only place"),
})

LEXICON_YAML = Record({
    "period": Key(PERIOD, "the span of time the theater covers: bounds for dates a text leaves open"),
    "relevance": Key(Record({
        "attack_words": _pats("an article is read when it has one of these..."),
        "theater_words": _pats("...and one of these"),
    }), "the cheap screen before extraction"),
    "teaser_markers": _pats("a line starting with one of these ends the article's own text"),
    "trigger_verbs": _pats("verbs that tell an attack or a strike"),
    "attack_nouns": _pats("nouns that name an attack or a strike"),
    "aggregate_cues": _pats("a clause with one of these tells many attacks at once (a trend), not one"),
    "negative_cues": Key(MapOf(ListOf(Pattern())), "kind -> cues of a clause that reports no attack that happened"
                         " (threat, hypothetical, denial, cyber, ...)"),
    "other_parties": _pats("agents of other conflicts (case-sensitive proper names)"),
    "other_targets": _pats("sides attacked that are not this theater's", required=False),
    "target_side": _pats("words naming the side attacked, before a target noun (\"US forces\")"),
    "target_nouns": _pats("what of the attacked side is struck (forces, base, convoy...)"),
    "facility_nouns": _pats("generic facility nouns (\"the base\") that make a place without a name"),
    "direction_words": _pats("compass words for region phrases (\"western Iraq\")"),
    "countries": Key(MapOf(_COUNTRY), "country name -> its names, adjectives and regions", example={}),
    "name_forms": Key(Record({
        "articles": Key(Pattern(), "the article a name may lead with that reports drop (\"Ad Diwaniyah\" -> \"Diwaniyah\")",
                        example="(?!x)x"),
        "common_words": Key(ListOf(Text()), "words too common in place names to point to one alone (lower case)")}),
        "how place names are written in this theater"),
    "capitals": Key(MapOf(Text()), "country name -> capital (\"the Iraqi capital\" names a city)"),
    "admin_words": _pats("words after a name that make it a district (\"Anbar province\")"),
    "border": Key(Pattern(), "one regular expression for a border as a place (\"the Iraqi-Syrian border\")",
                  example="(?!x)x"),
    "source_context": Key(Record({"before": _pats("a name right after one of these is a news source"),
                                  "after": _pats("a name right before one of these is a news source")}),
                          "news outlets named after places", required=False),
    "out_of_theater": _pats("places outside the theater (case-sensitive)"),
    "operating_area_cues": _pats("words that make a place where the attackers are, not what they hit"),
    "organisation_heads": _pats("words after a place name that make it an organisation's name (case-sensitive)"),
    "claim_cues": _pats("a group claiming an attack"),
    "attribution_cues": _pats("an official blaming a group"),
    "claim_negations": _pats("no group claimed it"),
    "side_words": Key(Record({k: Key(Pattern(), h, example="(?!x)x") for k, h in (
        ("responder_agent", "words of a response cue naming the responding side as its agent"),
        ("responder_doer", "words of a response cue naming the responding side as the doer"),
        ("attacked", "the attacked side in a running count (\"56 American troops\")"),
        ("attacked_elided", "the attacked side after a count with its noun left out (\"46 on US forces since\")"),
        ("counted_people", "the attacked side's people in a running count of casualties (\"56 American troops\")"),
        ("people_modifiers", "sides' words before people counted as casualties"),
        ("facility_modifiers", "sides' words before a facility noun (\"a US-led coalition base\")"))}),
        "the sides inside larger patterns: exact regular expression fragments, alternatives joined by |"),
    "response_cues": _pats("a strike by the responding side"),
    "response_continuation": _pats("a clause going on about the strike just told"),
    "local_response": _pats("a placeless response that struck where the attack came from", required=False),
    "response_targets": _pats("what a response strikes"),
    "anaphora": _pats("a clause referring back to an attack already told"),
    "actor_anaphora": _pats("a clause naming no group but meaning the one last named"),
    "new_event_cues": _pats("a clause starting a new attack even if it resembles the last"),
    "topic_shift_cues": _pats("a clause opening with one of these adds nothing to the last event"),
    "scene_cues": _pats("with a day and no attack word: sets the day of the details that follow"),
    "station_cues": _pats("the troops just told as attacked were stationed at the place named next", required=False),
    "outcome": Key(MapOf(ListOf(Pattern())),
                   "outcome value -> its cues, tried in the order listed (the first that matches wins); the"
                   " values are the theater's (intercepted, no_damage, damage, hit; or hit, missed, seized, sunk)",
                   example={"intercepted": ["shot down"], "hit": ["struck the"]}),
    "casualties_zero": Key(Record({"both": _pats("set killed and injured to 0"), "killed": _pats("set killed to 0")}),
                           "phrases reporting no casualties"),
    "person_nouns": _pats("nouns of people a casualty count counts"),
    "tally": Key(Record({
        "cues": _pats("a count with one of these may be a running count"),
        "qualifiers": Key(MapOf(ListOf(Pattern())), "qualifier word -> its phrasings (at least, about, more than)"),
        "speaker_titles": _pats("titles of officials announcing a count"),
        "title_words": Key(ListOf(Text()), "capitalised words of official titles and offices, stripped before a"
                           " speaker's name (case-sensitive)"),
    }), "official running counts"),
    "speech_verbs": _pats("verbs of saying"),
    "ships": Key(Record({
        "types": _pats("vessel types (\"bulk carrier\", \"tanker\", \"destroyer\")"),
        "prefixes": _pats("prefixes before a vessel's name (\"M/V\", \"MV\")"),
        "not_names": Key(ListOf(Text()), "capitalised words after a type that are no name (\"The\")", required=False),
        "warships": Key(ListOf(Text()), "the types that are a navy's vessels (\"destroyer\"): told unnamed beside a"
                        " vessel told only as a ship, another kind of vessel", required=False),
        "areas_within": Key(MapOf(ListOf(Text())), "sea area id (regions.csv region_id) -> the ids of the wider areas"
                            " it lies within (\"bab_el_mandeb: [red_sea]\"): one vessel's attack told the same day at"
                            " both is one attack, placed at the narrower", required=False),
        "headline_verbs": Key(ListOf(Text()), "verbs a headline writes in title case (\"Hits\", \"Attack\"): a"
                              " capitalised run carrying one is no vessel's name (case-sensitive)", required=False),
        "bare_name_verbs": _pats("attack verbs after which \"the\" and a capitalised name (or two joined by \"and\")"
                                 " told before \"in/off the\" + a sea name the vessels attacked (\"targeted the X and Y in"
                                 " the Red Sea\")", required=False),
    }), "ships as targets, with name, flag and type (events at sea)", required=False),
    "article_counts": Key(Flag(), "does a lone \"a\"/\"an\" before a munition noun count one (\"a rocket\" = 1)?"
                          " off: only a number counts (\"one missile\", \"two drones\"); default on", required=False),
    "blame_needs_a_source": Key(Flag(), "is a group the outlet alone names as the doer (no claim, no blame word, no"
                                " one speaking) basis unknown rather than attributed? default off", required=False),
    "statement_day_dates_attack": Key(Flag(), "does the day of a statement (\"officials said Sunday\") date the attack"
                                      " it tells when nothing else does? off: the week up to that day", required=False),
    "claim_beats_blame": Key(Flag(), "does the group's own claim of an attack already blamed on it make it claimed?"
                             " default off (the first basis told stands)", required=False),
})

_ACTOR = Record({
    "name": Key(Text(), "canonical name (ACLED naming)"),
    "aliases": Key(ListOf(Text()), "names reports use (whole words, case-insensitive; acronyms case-sensitive)",
                   required=False),
    "patterns": _pats("regular expressions for families of phrasings", required=False),
    "generic": Key(Flag(), "an umbrella label, used only when no named group is given", required=False),
    "side": Key(Choice(("responder",)), "responder: the forces whose strikes are coded as responses", required=False),
    "agent_only": Key(Flag(), "only as the agent of a strike, never as an adjective", required=False),
    "state": Key(Flag(), "a state (Iran, its IRGC): named alone as the doer, it does not make a report one of this theater's attacks", required=False),
})
ACTORS_YAML = Record({"actors": Key(ListOf(_ACTOR), "perpetrators and responders with their aliases")})

_WEAPON = Record({
    "category": Key(Text(), "the weapon value events carry"),
    "sub_event_type": Key(Text(), "ACLED sub-event type of a hit with this weapon"),
    "terms": _pats("words naming the weapon; the earliest-listed category wins"),
})
WEAPONS_YAML = Record({
    "values": Key(ListOf(Text(), 1), "the weapon values events may carry: every category and `unknown`",
                  example=["unknown"]),
    "weapons": Key(ListOf(_WEAPON), "weapon categories and the words that name them"),
    "munition_nouns": Key(MapOf(Nullable(Text())), "noun pattern -> the category a bare count of it implies (or null)"),
})

FILES = {
    "pack.yaml": YamlFile("what the theater is, its countries and sides", PACK_YAML),
    "lexicon.yaml": YamlFile("the language of reports in this theater", LEXICON_YAML),
    "actors.yaml": YamlFile("perpetrators and responders", ACTORS_YAML),
    "weapons.yaml": YamlFile("weapon categories", WEAPONS_YAML),
    "sites.csv": Table("bases, embassies, airports, towns where forces were hit",
                       ("site_id", "name", "kind", "country", "iso2", "lat", "lon"),
                       ("admin1", "aliases", "source"), ("lat", "lon"), needed=True),
    "regions.csv": Table("regions and the countries themselves (a row whose region_id is the country name)",
                         ("region_id", "name", "country", "iso2", "lat", "lon"),
                         ("admin1", "radius_km", "aliases"), ("lat", "lon", "radius_km"), needed=True),
    "admin1.csv": Table("governorates / provinces",
                        ("name", "country", "iso2", "lat", "lon"), ("iso_3166_2", "aliases"), ("lat", "lon"),
                        needed=True),
    "place_aliases.csv": Table("spellings and words the other tables lack (kind: alias, needs_cue, person, foreign,"
                               " town, drop, geonames_admin1)",
                               ("phrase", "kind"), ("target", "country", "lat", "lon", "note"), (),
                               comment_column="phrase",
                               choices=(("kind", ("alias", "needs_cue", "person", "foreign", "town", "drop",
                                                  "geonames_admin1")),)),
}
