"""One exception hierarchy. Messages are one line: what is wrong and how to fix it.

Exit codes (documented in the README and ``salvo --help``):
    0  success
    1  some inputs failed (the rest were processed and stored)
    2  usage error (bad arguments)
    3  configuration / pack error
    4  database error
    5  not found (no such article / event)
   70  internal error (a bug: run with --debug and report the traceback)
"""

from __future__ import annotations


class SalvoError(Exception):
    exit_code = 70


class UsageError(SalvoError):
    exit_code = 2


class ConfigError(SalvoError):
    exit_code = 3


class StoreError(SalvoError):
    exit_code = 4


class NotFound(SalvoError):
    exit_code = 5
