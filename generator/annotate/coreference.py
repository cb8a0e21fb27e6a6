"""Who "he", "she" and "the 26-year-old right wing" are: the genders of an article's people and the most
salient compatible person before a position, with pronoun chains ("Patterson … He … He told detectives")."""
from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from operator import attrgetter
from typing import NamedTuple, Sequence

from . import lexicon as lx
from .entities import Found
from .gazetteer import first_names
from .orgref import salient_organization
from .personref import Tie, role_ties
from .tokens import before_space, last_mark, only_marks, paragraphs, sentence_words, sentences

MALE_TITLES = frozenset("mr mr. sir lord king prince father brother congressman spokesman chairman duke".split())
FEMALE_TITLES = frozenset("""mrs mrs. ms ms. miss lady dame queen princess mother sister congresswoman
spokeswoman chairwoman duchess madam""".split())
GENDERED = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
OWNERS = frozenset("founder co-founder owner co-owner proprietor".split())
SUBJECT_PRONOUNS = {"he": "male", "she": "female"}
SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b(?!['’](?:d|ll|ve|re)\b)")
# Pronouns that tell a person's gender when they follow the name in its clause ("Jayme told police she could
# hear"); possessives and objects are too often someone else's ("… of her captivity", "done to her").
VOTING = ("he", "she", "himself", "herself")
CLAUSE_OPENERS = frozenset("and but while as when because that after before if so then although though since "
                           "until once who".split())
PREPOSITIONS = frozenset("""to of with by for from about at on in into against than like between among over under
after before toward towards behind beside near including via per""".split())
VERBISH = frozenset("""has have had was were is are will would could can may might did does do also then later
never always still again once chose went came took made got gave told said says saw began knew thought felt found
left became kept ran wrote brought held stood heard met paid sat spoke won lost""".split())


class Ref(NamedTuple):
    """A resolved subject pronoun: a stand-in mention of its person for the pronouns after it."""

    start: int
    end: int
    canonical: str
    gender: str


class Context(NamedTuple):
    """What resolution needs: the text, its mentions (sorted) and the spans inside direct quotes."""

    text: str
    mentions: Sequence[Found]
    starts: Sequence[int]
    quoted: Sequence[tuple[int, int]]
    roles: dict[str, str]  # "founder of Huawei" -> "Ren Zhengfei"
    genders: dict[str, tuple[str, bool]]  # canonical person -> (gender, certain): titles and text are certain
    speakers: frozenset[str] = frozenset()  # people already named as the speaker of a quote
    refs: Sequence[Ref] = ()
    counts: dict[str, int] = {}
    subjects: frozenset[int] = frozenset()  # starts of the person mentions that are sentence subjects
    # Made once per text (_lookups), so that resolving a cue never reads every mention or role again:
    first_seen: dict[str, int] = {}  # canonical -> start of its first mention
    surnames: dict[str, str] = {}  # "Smith" -> the first person mentioned whose name ends in " Smith"
    owners: frozenset[str] = frozenset()  # the people the text calls founder or owner of something
    ties: dict[str, object] | None = None  # memo of role_ties and role_holder, made by make_context: see ties_of
    unquoted: frozenset[int] = frozenset()  # starts of the person mentions outside direct quotes: antecedents


def inside_quote(ctx: Context, pos: int) -> bool:
    i = bisect.bisect_right(ctx.quoted, (pos, len(ctx.text) + 1)) - 1  # quoted spans are sorted, disjoint
    return i >= 0 and ctx.quoted[i][0] <= pos < ctx.quoted[i][1]


def make_context(text: str, mentions: Sequence[Found], quoted: Sequence[tuple[int, int]],
                 roles: dict[str, str], speakers: frozenset[str] = frozenset(),
                 like: Context | None = None) -> Context:
    """The context for resolving speakers; `like` lends what does not depend on `speakers`."""
    if like is not None:
        ctx = like._replace(speakers=speakers, refs=[])
    else:
        counts = Counter(m.canonical for m in mentions if m.type == "person")
        subjects = frozenset(m.start for m in mentions if m.type == "person" and is_subject(text, m))
        ctx = Context(text, mentions, [m.start for m in mentions], quoted, roles, {}, speakers, [], dict(counts),
                      subjects, *_lookups(mentions, roles), {})
        ctx = ctx._replace(unquoted=frozenset(m.start for m in mentions if m.type == "person"
                                              and not inside_quote(ctx, m.start)))
        ctx.genders.update(_genders(ctx))
    # Resolve every subject pronoun in order, so that each stands for its person for the ones after it.
    for match in SUBJECT_PRONOUN.finditer(text):
        if not inside_quote(ctx, match.start()):
            who = antecedent(ctx, match.start(), match.group())
            if who is not None:
                ctx.refs.append(Ref(match.start(), match.end(), who, SUBJECT_PRONOUNS[match.group().lower()]))
    return ctx._replace(refs=tuple(ctx.refs))


def _lookups(mentions: Sequence[Found], roles: dict[str, str]
             ) -> tuple[dict[str, int], dict[str, str], frozenset[str]]:
    """Context's first_seen, surnames and owners."""
    first_seen: dict[str, int] = {}
    surnames: dict[str, str] = {}
    for m in mentions:
        first_seen.setdefault(m.canonical, m.start)
        if m.type == "person" and " " in m.canonical:
            surnames.setdefault(m.canonical.rsplit(" ", 1)[1], m.canonical)
    owners = frozenset(p for r, p in roles.items() if r.split(" ", 1)[0].lower() in OWNERS and " of " in r)
    return first_seen, surnames, owners


def ties_of(ctx: Context) -> tuple[Tie, ...]:
    """Who the text says holds which role ("Chancellor Gordon Brown"), found when first asked for (few
    articles need it: finding the ties in every article cost 3% of annotation time)."""
    if ctx.ties is None:
        return role_ties(ctx.text, ctx.mentions)
    if "all" not in ctx.ties:
        ctx.ties["all"] = role_ties(ctx.text, ctx.mentions)
    return ctx.ties["all"]


def holder_memo(ctx: Context) -> dict | None:
    """The memo of personref.role_holder for this text (each described role's fitting ties)."""
    return None if ctx.ties is None else ctx.ties.setdefault("holders", {})


def _genders(ctx: Context) -> dict[str, tuple[str, bool]]:
    """Titles ("Mr.", "Queen") are certain; so are pronouns the text uses for a person alone in a sentence
    ("McNeely was afraid to let her guard down") unless only once against the first-name list; else the
    first name's usual gender, uncertain ("Kim", "Lu" and "Morgan" are not always what the list says)."""
    text = ctx.text
    titled: dict[str, str] = {}
    for m in ctx.mentions:
        if m.type == "person" and m.title:
            title = {w.lower() for w in m.title.split()}
            gender = "male" if title & MALE_TITLES else "female" if title & FEMALE_TITLES else None
            if gender:
                titled.setdefault(m.canonical, gender)
    votes: dict[str, Counter] = {}
    bound: dict[str, set[str]] = {}  # reflexives are bound by their clause's subject ("McNeely found herself")
    for ps, pe in paragraphs(text):
        for (ss, se), tokens in zip(sentences(text, ps, pe), sentence_words(text, ps, pe)):
            lo = bisect.bisect_left(ctx.starts, ss)
            people = [m for m in ctx.mentions[lo:bisect.bisect_left(ctx.starts, se, lo)]
                      if m.type == "person" and not inside_quote(ctx, m.start)
                      and not text.startswith(("'s", "’s"), m.end)]  # "about Kim's schedule" names no subject
            names = {m.canonical for m in people}
            if len(names) == 1 and people[0].start in ctx.subjects:
                pronouns = [(t.start, GENDERED[t.text.lower()]) for t in tokens
                            if t.text.lower() in VOTING and not inside_quote(ctx, t.start)]
                # only in the name's own clause: "Jayme told police she could hear", not "…, she"
                stop = text.find(",", people[0].end, se)
                mine = [(p, g) for p, g in pronouns if people[0].end < p and (stop < 0 or p < stop)]
                after = {g for _, g in mine}
                if len(after) == 1:
                    # a reflexive is bound by its clause's subject ("McNeely found herself"): it counts twice
                    gender = after.pop()
                    votes.setdefault(people[0].canonical, Counter())[gender] += 1
                    if any(text.startswith(("himself", "herself"), p) for p, _ in mine):
                        bound.setdefault(people[0].canonical, set()).add(gender)
    out: dict[str, tuple[str, bool]] = {}
    for m in ctx.mentions:
        name = m.canonical
        if m.type != "person" or name in out:
            continue
        listed = first_names().get(name.split()[0], "unknown")
        tally = votes.get(name, Counter())
        male, female = tally["male"], tally["female"]
        said = "male" if male > 2 * female else "female" if female > 2 * male else None
        if name in titled:
            out[name] = (titled[name], True)
        elif len(bound.get(name, ())) == 1:
            out[name] = (next(iter(bound[name])), True)
        elif said:  # against the first-name list only with two or more uses and none the other way
            out[name] = (said, listed in (said, "unknown") or min(male, female) == 0 and max(male, female) >= 2)
        elif listed != "unknown":
            out[name] = (listed, False)
    return out


def is_subject(text: str, m: Found | Ref) -> bool:
    """The mention opens its sentence or a clause ("…, and Ren said", "Given his views, Gokool, a …, is"),
    and is not possessive ("Parker's plea") nor the object of a preposition."""
    title = getattr(m, "title", None)
    start = m.start
    if title:  # the title may have lost its full stop ("Mr. Kim Lee" has the title "Mr")
        at = text.rfind(title, max(0, m.start - len(title) - 3), m.start)
        start = at if at >= 0 else start
    before = text[max(0, start - 20):start]
    stripped = before.strip(" \"“‘'")
    if not stripped or stripped[-1] in ".!?\n":
        return True
    if text.startswith(("'s", "’s"), m.end):
        return False
    prev = stripped.split()[-1].lower() if stripped.split() else ""
    if prev in PREPOSITIONS:
        return False
    if prev in _inverted_cues():  # "…, said Dr. Robert Rutledge": the subject after its verb
        return True
    after = text[m.end:m.end + 20].split()
    nxt = after[0].lower() if after else ""
    verb = nxt in VERBISH or (nxt.isalpha() and nxt.endswith("ed"))
    if stripped[-1] in ",;:—" or prev in CLAUSE_OPENERS:
        return verb or text[m.end:m.end + 1] == ","
    return verb and not prev.endswith("ed")  # "her son Kody Cook chose", not "dragged Jayme"


@functools.cache
def _inverted_cues() -> frozenset[str]:
    return frozenset(f for f, base in lx.cue_forms().items() if base in ("say", "add", "write", "tell", "explain")
                     and not f.endswith("ing"))


def antecedent(ctx: Context, pos: int, pronoun: str) -> str | None:
    """The most salient earlier person compatible with the pronoun, outside quotations: of the right gender
    (known beats unknown; a first-name guess only weighs against), a sentence subject, an earlier speaker,
    often named, near. "_person" asks for the person a description ("the affable proprietor") is about."""
    want = lx.PRONOUNS.get(pronoun.lower(), "person")
    if want in ("plural", "thing"):
        return _organization_before(ctx, pos, want)
    text = ctx.text
    best: tuple[float, str] | None = None
    i = bisect.bisect_left(ctx.starts, pos) - 1
    candidates: list[tuple[int, int, str, bool, str | None]] = []
    lowest = max(-1, i - 60)
    topic = None  # "Schumer, he said, …": the name is what he talks about, not who talks
    if i >= 0 and want != "person" and only_marks(text, ctx.mentions[i].end, pos, " ,"):
        topic = ctx.mentions[i].canonical
    elif i >= 0 and want != "person" and _after_comma(text, pos):
        # "Macharia and some colleagues hid under desks, he said": who the clause is about is not who says it
        opened = last_mark(text, ".!?\n", 0, pos)
        topic = next((m.canonical for m in ctx.mentions[max(0, i - 8):i + 1] if m.type == "person"
                      and opened < m.start and only_marks(text, opened + 1, m.start, " \"“")), None)
    while i > lowest:
        m = ctx.mentions[i]
        i -= 1
        if m.start not in ctx.unquoted or m.canonical == topic:
            continue
        candidates.append((m.start, m.end, m.canonical, m.start in ctx.subjects, None))
    # Resolved pronouns are sorted and disjoint: those before pos ending within 1,500 characters of it are
    # found by bisection, not by reading every pronoun of the text for each new one.
    lo = bisect.bisect_right(ctx.refs, pos - 1500, key=attrgetter("end"))
    for r in ctx.refs[lo:bisect.bisect_left(ctx.refs, pos, lo, key=attrgetter("start"))]:
        if (want == "person" or r.gender == want) and r.canonical != topic:
            candidates.append((r.start, r.end, r.canonical, is_subject(text, r), r.gender))
    for start, end, name, subject, said_gender in candidates:
        gender, certain = ctx.genders.get(name, ("unknown", False))
        gender = said_gender or gender
        score = 0.0
        if want in ("male", "female"):
            if gender not in (want, "unknown"):
                if certain and not said_gender:
                    continue
                score -= 2.0
            elif gender == want:
                score += 0.7 if certain or said_gender else 0.5
        weight = 0.6 if want == "person" else 0.2
        score += (2.0 if subject else 0.0) + (1.0 if name in ctx.speakers else 0.0) \
            + weight * math.log2(ctx.counts.get(name, 1)) - (pos - end) / 150
        if best is None or score > best[0]:
            best = (score, name)
    return best[1] if best else None


def _after_comma(text: str, pos: int) -> bool:
    end = before_space(text, pos)  # text[:pos].rstrip() ends with a comma
    return end > 0 and text[end - 1] == ","


def _organization_before(ctx: Context, pos: int, want: str) -> str | None:
    """"It" is the most salient organization (orgref); "they" only when nothing else is named in between."""
    if want == "thing":
        return salient_organization(ctx.text, ctx.mentions, ctx.starts, lambda at: inside_quote(ctx, at), pos)
    i = bisect.bisect_left(ctx.starts, pos) - 1
    seen = 0
    while i >= 0 and seen < 60:
        m = ctx.mentions[i]
        i -= 1
        seen += 1
        if inside_quote(ctx, m.start):
            continue
        if m.type == "organization":
            return m.canonical
        if want == "plural":
            return None
    return None
