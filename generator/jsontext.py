"""Deterministic JSON text, the one way the site writes JSON: sorted keys, compact separators,
non-ASCII characters as they are (UTF-8), no wall-clock data.

orjson writes it about six times faster than the standard library; its output is the same as
``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` apart from
how it spells small floats (``0.00001`` for ``1e-05``). A value orjson refuses (a string with a
lone surrogate, an integer over 64 bits, a non-string key) is written by the standard library.
"""
from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """The value of JSON text (orjson: several times faster than the standard library)."""
    return orjson.loads(text)
