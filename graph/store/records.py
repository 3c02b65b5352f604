"""A query's rows as dicts, without the driver's walk of every value.

`Result.data()` passes each value through the driver's exporter, which asks isinstance of
abstract classes several times per value (nodes, relationships and paths become dicts):
two thirds of the Python time of a 65-row trace (30 columns). The queries of quotetrail
return properties, lists and maps of them, so a row of those is taken as it is; a row
holding anything else (a node, a path) goes through `data()` as before.
"""

from __future__ import annotations

from typing import Any

from neo4j import Result

_PLAIN = frozenset({str, int, float, bool, type(None)})


def rows(result: Result) -> list[dict[str, Any]]:
    keys = result.keys()
    return [dict(zip(keys, record, strict=True)) if all(map(_plain, record)) else record.data()
            for record in result]


def _plain(value: Any) -> bool:
    """True when `value` is a property value, or a list or map of them (data() leaves those
    as they are)."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if kind is list:
        return all(map(_plain, value))
    if kind is dict:
        return all(map(_plain, value.values()))
    return False
