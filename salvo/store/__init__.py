"""Persistence: schema, migrations and queries (see db.py)."""

from salvo.store.db import Store

__all__ = ["Store"]
