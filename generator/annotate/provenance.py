"""How a quote's speaker was found (Quote.how), told by what the text calls the speaker
("as written") and the name it was resolved to: what a reader needs to judge an attribution
("he → Tony Blair" is worth a second look; "Tony Blair said" is not)."""
from __future__ import annotations

from . import lexicon as lx

DETERMINERS = ("the ", "a ", "an ", "its ", "his ", "her ", "their ", "our ")


def attribution(as_written: str | None, canonical: str | None) -> str | None:
    """One of model.HOW (but "editor", which only corrections set), or None without a speaker."""
    if canonical is None:
        return None
    if as_written is None:
        return "inherited"                          # no speaker near it: the quote before's
    written = as_written.strip()
    if written.lower() in lx.PRONOUNS or written.lower() in ("it", "they", "we", "i"):
        return "pronoun"
    if written[:1].islower() or written.lower().startswith(DETERMINERS):
        return "description"                        # "the company", "the prime minister"
    if written != canonical and written.replace(".", "").isupper() and _initials(written, canonical):
        return "abbreviation"                       # "GM" for General Motors Corp
    return "named"


def _initials(short: str, name: str) -> bool:
    """Whether `short`'s letters are the capitals of `name`'s words, in order ("TWA" of "Trans World Airlines")."""
    capitals = "".join(word[0] for word in name.replace("-", " ").split() if word[:1].isupper())
    letters = short.replace(".", "")
    return len(letters) >= 2 and capitals.startswith(letters) or letters in name.replace(" ", "").upper()
