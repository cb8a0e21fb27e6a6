"""Sports reports name teams after places ("Leicestershire beat Somerset", "NEW YORK 74 59 .556"):
in such a text a place that plays is an organization, while a country stays a place (national sides
are written as the country) and datelines and venues ("in Leeds", "at Headingley") stay places."""
from __future__ import annotations

import re
from typing import Sequence

from .entities import Found
from .gazetteer import countries

SPORT_WORDS = frozenset("""innings wicket wickets halftime half-time striker midfielder goalkeeper defender
batsman bowler pitcher quarterback playoff play-off semi-final quarter-final standings league cup championship
tournament season match matches coach captain skipper scored goals goal touchdown homer homers inning
innings runs beat defeated drew draw points squad club fixtures""".split())
SPORT_HEADLINE = re.compile(r"^\s*(?:SOCCER|CRICKET|BASEBALL|BASKETBALL|TENNIS|GOLF|RUGBY(?: UNION| LEAGUE)?|"
                            r"ICE HOCKEY|NHL|NFL|NBA|ATHLETICS|CYCLING|MOTOR RACING|BOXING|FOOTBALL|HOCKEY|"
                            r"AMERICAN FOOTBALL|SQUASH|ROWING|FORMULA ONE)\b")
TEAM_BEFORE = re.compile(r"(?:\bAT|\bv\.?|\bvs\.?|\bbeat|\bbeating|\bagainst|\bjoined|\bfor|\bto|\bover|\band|,)\s*$")
TEAM_AFTER = re.compile(r"\s*(?:\d|['’]s\b|\sAT\s|\s(?:beat|beating|won|lost|drew|reached|closed|were|are|have|had|"
                        r"play|played|will|made|took|trail|lead|led|face|host|hosted|and)\b)")
PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|of|outside|across)\s*$", re.IGNORECASE)
DATELINE = re.compile(r"(?:,[^\n]{0,30})?\s+\d{4}-\d\d-\d\d")


def is_sports(text: str) -> bool:
    """A match report or results table: a sport's name heads it, or its words run through it."""
    if SPORT_HEADLINE.match(text):
        return True
    words = set(re.findall(r"[a-z-]+", text[:3000]))
    return len(words & SPORT_WORDS) >= 5


def retype_teams(text: str, found: Sequence[Found]) -> list[Found]:
    """Places that play, in a sports text, become organizations (one type per name, as elsewhere)."""
    if not found or not is_sports(text):
        return list(found)
    nations = countries()
    playing: set[str] = set()
    for f in found:
        if f.type == "other" and " " not in f.canonical and _team_context(text, f) and not f.canonical.isupper():
            playing.add(f.canonical)  # "Derbyshire 471", "beat Somerset"
        elif f.type == "place" and f.canonical not in nations and f.canonical.title() not in nations \
                and _team_context(text, f):
            playing.add(f.canonical)
    out = []
    for f in found:
        if f.canonical in playing and not _place_context(text, f):
            f = f._replace(type="organization")
        out.append(f)
    return out


def _team_context(text: str, f: Found) -> bool:
    return bool(TEAM_BEFORE.search(text, max(0, f.start - 12), f.start) or TEAM_AFTER.match(text, f.end)) \
        and not _place_context(text, f)


def _place_context(text: str, f: Found) -> bool:
    if _opens_line(text, f.start) and DATELINE.match(text, f.end):
        return True
    return bool(PLACE_BEFORE.search(text, max(0, f.start - 10), f.start)) or text[f.end:f.end + 1] == ":"


def _opens_line(text: str, pos: int) -> bool:
    """Only spaces stand before pos on its line (read back from pos: a long line is not copied for each name)."""
    while pos > 0 and text[pos - 1] != "\n" and text[pos - 1].isspace():
        pos -= 1
    return pos == 0 or text[pos - 1] == "\n"
