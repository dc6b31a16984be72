"""sqlite-utils, imported without numpy and pandas.

sqlite-utils imports numpy and pandas when they are installed (spaCy brings
numpy) only to map their scalar types to column types, which Reader never
stores. That cost 0.1–0.25 s of every window start and every cached
`reader annotate`. They are hidden during the import and stay importable
afterwards (the model worker needs numpy).
"""

from __future__ import annotations

import sys

_masked = [name for name in ("numpy", "pandas") if name not in sys.modules]
for _name in _masked:
    sys.modules[_name] = None  # type: ignore[assignment]  # makes the import raise ImportError
try:
    import sqlite_utils
    from sqlite_utils import Migrations
    from sqlite_utils.db import NotFoundError, Table
finally:
    for _name in _masked:
        del sys.modules[_name]

__all__ = ["Migrations", "NotFoundError", "Table", "sqlite_utils"]
