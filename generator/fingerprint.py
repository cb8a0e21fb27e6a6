"""Fingerprints of page inputs: a page whose inputs did not change need not be rendered again.

`Digester.of(value)` hashes any value made of frozen dataclasses, named tuples, tuples, lists, dicts, strings,
numbers, dates and None. A dataclass instance is hashed once per build (memoised by identity),
so the thousand pages that show one article hash its text once.
"""
from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import hashlib
import marshal
from typing import Any, Callable, Mapping

MARSHAL_VERSION = 0      # no references, no interning: the same values give the same bytes


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return getattr(cls, "_fields", None) or tuple(f.name for f in dataclasses.fields(cls))


def digest(*parts: bytes | str) -> str:
    """A hash of the parts; each is length-prefixed, so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Digester:
    """Hashes values; remembers the hash of each dataclass instance it met (they are frozen).

    Instances of the `flat` types hold only plain values (strings, numbers, dates, tuples of
    those or of other flat instances): their repr says all they hold, and hashing it is much
    faster than walking their fields. Instances of the `keyed` types carry such a hash already
    (Article.fingerprint, made when the article was read).
    """

    def __init__(self, flat: tuple[type, ...] = (), keyed: Mapping[type, Callable[[Any], str]] = {}) -> None:
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._flat = frozenset(flat)
        self._keyed = dict(keyed)        # type → a function giving an instance's own hash of all it holds

    def of(self, value: Any) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        self._feed(h, value)
        return h.digest()

    def _feed(self, h, value: Any) -> None:
        kind = type(value)
        if kind is str:
            h.update(b"s%d:%b" % (len(value), value.encode("utf-8", "surrogatepass")))
        elif kind is tuple or kind is list or kind is dict:
            try:   # plain data (strings, numbers, containers of them): serialised in C
                data = marshal.dumps(sorted(value.items()) if kind is dict else value, MARSHAL_VERSION)
            except (ValueError, TypeError):
                self._feed_container(h, value)
            else:
                h.update(b"m%d:%b" % (len(data), data))
        elif value is None or kind is int or kind is float or kind is bool:
            h.update(b"p%b;" % repr(value).encode())
        elif kind is dt.date or kind is dt.datetime:
            h.update(b"t%b;" % value.isoformat().encode())
        elif kind in self._flat or kind in self._keyed or dataclasses.is_dataclass(value) or hasattr(kind, "_fields"):
            h.update(self._dataclass(value))
        elif kind is set or kind is frozenset:
            self._feed(h, sorted(value, key=repr))
        else:
            raise TypeError(f"cannot fingerprint {kind.__name__}: pass plain data to pages")

    def _feed_container(self, h, value: Any) -> None:
        """A tuple, list or dict holding dataclasses (or dates): walked, each item hashed."""
        if type(value) is dict:
            try:
                keys = sorted(value)
            except TypeError:
                keys = sorted(value, key=repr)
            h.update(b"d%d:" % len(value))
            self._feed(h, keys)
            items = [value[key] for key in keys]
        else:
            h.update(b"l%d:" % len(value))
            items = value
        memo, feed = self._memo, self._feed
        for item in items:
            known = memo.get(id(item))
            if known is not None and known[0] is item:     # a dataclass met before
                h.update(known[1])
            elif type(item) is str:
                h.update(b"s%d:%b" % (len(item), item.encode("utf-8", "surrogatepass")))
            else:
                feed(h, item)

    def _dataclass(self, value: Any) -> bytes:
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        h = hashlib.blake2b(digest_size=16)
        h.update(type(value).__qualname__.encode())
        keyed = self._keyed.get(type(value))
        if keyed is not None:
            h.update(keyed(value).encode())
        elif type(value) in self._flat:
            h.update(repr(value).encode("utf-8", "surrogatepass"))
        else:
            for name in _field_names(type(value)):
                self._feed(h, getattr(value, name))
        result = h.digest()
        self._memo[id(value)] = (value, result)   # keeps `value` alive, so its id is not reused
        return result
