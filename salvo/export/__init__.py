"""Exports: records in the DESIGN.md contract, filters, and the JSONL / CSV / GeoJSON writers."""

from salvo.export.formats import ACLED_COLUMNS, write_acled_csv, write_csv, write_geojson, write_jsonl
from salvo.export.filters import EventFilter, parse_filter
from salvo.export.records import article_record, event_record, tally_record

__all__ = [
    "ACLED_COLUMNS", "EventFilter", "article_record", "event_record", "tally_record", "write_acled_csv",
    "write_csv", "write_geojson", "write_jsonl", "parse_filter",
]
