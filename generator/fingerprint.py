"""Fingerprints of page inputs: a page whose inputs did not change need not be rendered again.

`Digester.of(value)` hashes any value made of frozen dataclasses, tuples, lists, dicts, strings,
numbers, dates and None. A dataclass instance is hashed once per build (memoised by identity),
so the thousand pages that show one article hash its text once.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from typing import Any

_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class Digester:
    """Hashes values; remembers the hash of each dataclass instance it met (they are frozen).

    Instances of the `flat` types hold only plain values (strings, numbers, dates, tuples of
    those or of other flat instances): their repr says all they hold, and hashing it is much
    faster than walking their fields.
    """

    def __init__(self, flat: tuple[type, ...] = ()) -> None:
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._flat = frozenset(flat)

    def of(self, value: Any) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        self._feed(h, value)
        return h.digest()

    def _feed(self, h, value: Any) -> None:
        kind = type(value)
        if kind is str:
            h.update(b"s%d:%b" % (len(value), value.encode("utf-8", "surrogatepass")))
        elif kind is tuple or kind is list:
            h.update(b"l%d:" % len(value))
            feed = self._feed
            for item in value:
                if type(item) is str:
                    h.update(b"s%d:%b" % (len(item), item.encode("utf-8", "surrogatepass")))
                else:
                    feed(h, item)
        elif value is None or kind is int or kind is float or kind is bool:
            h.update(b"p%b;" % repr(value).encode())
        elif kind is dict:
            h.update(b"d%d:" % len(value))
            try:
                keys = sorted(value)
            except TypeError:
                keys = sorted(value, key=repr)
            for key in keys:
                self._feed(h, key)
                self._feed(h, value[key])
        elif kind is dt.date or kind is dt.datetime:
            h.update(b"t%b;" % value.isoformat().encode())
        elif kind in self._flat or dataclasses.is_dataclass(value):
            h.update(self._dataclass(value))
        elif kind is set or kind is frozenset:
            self._feed(h, sorted(value, key=repr))
        else:
            raise TypeError(f"cannot fingerprint {kind.__name__}: pass plain data to pages")

    def _dataclass(self, value: Any) -> bytes:
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        h = hashlib.blake2b(digest_size=16)
        h.update(type(value).__qualname__.encode())
        if type(value) in self._flat:
            h.update(repr(value).encode("utf-8", "surrogatepass"))
        else:
            for name in _field_names(type(value)):
                self._feed(h, getattr(value, name))
        result = h.digest()
        self._memo[id(value)] = (value, result)   # keeps `value` alive, so its id is not reused
        return result
