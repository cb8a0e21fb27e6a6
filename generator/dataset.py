"""Open data for researchers beside the JSON: data/quotewire.sqlite and data/quotes.csv.

Both are made from the JSON files' own records (so their values are the JSON's), plus a
`mentions` table the JSON lacks: which entity each article names, where. Deterministic: rows in
the JSON's order, the database built in memory and serialized, so the same data gives the same
bytes with the same SQLite library (the writer then leaves an unchanged file alone).
"""
from __future__ import annotations

import csv
import io
import sqlite3
from typing import Any, Iterable, Mapping, Sequence

from .jsontext import dumps

# table → (column, SQL type and constraint); list and mapping values are stored as JSON text
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", "TEXT PRIMARY KEY"), ("url", "TEXT"), ("title", "TEXT"), ("date", "TEXT"),
                 ("source", "TEXT"), ("author", "TEXT"), ("original_url", "TEXT"), ("tags", "TEXT"),
                 ("quotes", "INTEGER"), ("speakers", "TEXT"), ("entities", "TEXT")),
    "speakers": (("id", "TEXT PRIMARY KEY"), ("url", "TEXT"), ("name", "TEXT"), ("type", "TEXT"),
                 ("quotes", "INTEGER"), ("articles", "INTEGER"), ("first_seen", "TEXT"), ("last_seen", "TEXT"),
                 ("roles", "TEXT"), ("description", "TEXT"), ("links", "TEXT")),
    "entities": (("id", "TEXT PRIMARY KEY"), ("url", "TEXT"), ("name", "TEXT"), ("type", "TEXT"),
                 ("aliases", "TEXT"), ("mentions", "INTEGER"), ("articles", "INTEGER"), ("quotes_by", "INTEGER"),
                 ("quotes_about", "INTEGER"), ("first_seen", "TEXT"), ("last_seen", "TEXT"),
                 ("description", "TEXT"), ("links", "TEXT")),
    "quotes": (("id", "TEXT PRIMARY KEY"), ("url", "TEXT"), ("article", "TEXT REFERENCES articles(id)"),
               ("speaker", "TEXT"), ("speaker_id", "TEXT REFERENCES speakers(id)"), ("speaker_as_written", "TEXT"),
               ("attribution", "TEXT"),
               ("cue", "TEXT"), ("kind", "TEXT"), ("text", "TEXT"), ("date", "TEXT"), ("start", "INTEGER"),
               ("end", "INTEGER")),
    "mentions": (("entity", "TEXT REFERENCES entities(id)"),
                 ("article", "TEXT REFERENCES articles(id)"), ("start", "INTEGER"), ("end", "INTEGER"),
                 ("text", "TEXT")),
}
CSV_COLUMNS = tuple(name for name, _ in TABLES["quotes"])


def _cell(value: Any) -> Any:
    return dumps(value) if isinstance(value, (list, dict)) else value


def sqlite_bytes(records: Mapping[str, Sequence[Mapping[str, Any]]], mentions: Iterable[tuple]) -> bytes:
    """The database of `records` (table → the JSON's records) and `mentions` ((entity id, article
    id, start, end, text) rows), as the bytes of an SQLite file."""
    with sqlite3.connect(":memory:") as db:
        for table, columns in TABLES.items():
            definitions = ", ".join(f'"{name}" {kind}' for name, kind in columns)     # "end" is an SQL word
            db.execute(f"CREATE TABLE {table} ({definitions})")
            rows = mentions if table == "mentions" else (
                tuple(_cell(record.get(name)) for name, _ in columns) for record in records[table])
            db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)
        db.commit()     # no index: they would make the file a third bigger; a researcher adds the ones a query needs
        data = db.serialize()
    db.close()
    return bytes(data)


def quotes_csv(quotes: Sequence[Mapping[str, Any]]) -> bytes:
    """data/quotes.csv: one row per quote, the columns of data/quotes.json (RFC 4180, UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(tuple("" if record.get(name) is None else record[name] for name in CSV_COLUMNS)
                     for record in quotes)
    return out.getvalue().encode("utf-8")
