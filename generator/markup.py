"""Article bodies as HTML, with annotation spans wrapped as elements.

Both body formats become one element tree: a `.txt` body is a list of <p>, a `.md` body is
what Python-Markdown parses (raw HTML off). The *plain text* of that tree — the text of its
leaf blocks joined by blank lines — is what the annotator reads, so every offset it returns
points into that text, and `render_body` walks the same tree to wrap each span: the
serializer escapes every character, no HTML is ever pasted together from strings.
"""
from __future__ import annotations

import bisect
import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from .urls import safe_link

if TYPE_CHECKING:
    import markdown      # imported when a Markdown body is read or rendered (_markdown)

BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote pre ul ol table thead tbody tr td th div hr dl dt dd".split()
)
NO_WRAP_TAGS = frozenset({"code", "pre"})       # text shown verbatim: never annotated
NO_LINK_TAGS = frozenset({"a"})                  # a link inside a link is invalid HTML
MARKDOWN_EXTENSIONS = ("tables", "fenced_code", "sane_lists")


@dataclass(frozen=True)
class Span:
    """An element to wrap around text[start:end]. Lower `layer` wraps outside higher ones."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    layer: int = 0
    fallback_tag: str = "span"   # used where `tag` would nest a link inside a link

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")


@dataclass(frozen=True)
class Insert:
    """An element placed right after text[:at], e.g. the speaker shown at a quote's end."""

    at: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    text: str = ""

    def element(self) -> etree.Element:
        element = etree.Element(self.tag, dict(self.attrs))
        element.text = self.text
        return element


def _leaf_blocks(root: etree.Element) -> Iterator[etree.Element]:
    """Blocks holding only inline content, in document order."""
    for child in root:
        if child.tag in BLOCK_TAGS and any(c.tag in BLOCK_TAGS for c in child):
            yield from _leaf_blocks(child)
        elif child.tag in BLOCK_TAGS and child.tag != "hr":
            yield child


def _clean_entities(root: etree.Element, stash: Sequence[object]) -> None:
    """Python-Markdown keeps `&name;` entities as placeholders; make them the characters."""
    from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

    def unstash(match: re.Match[str]) -> str:
        return html.unescape(str(stash[int(match.group(1))]))

    def fix(value: str | None) -> str | None:
        if value and AMP_SUBSTITUTE in value:
            value = html.unescape(value.replace(AMP_SUBSTITUTE, "&"))
        if value and "\x02" in value:
            value = HTML_PLACEHOLDER_RE.sub(unstash, value)
        return value
    for element in root.iter():
        element.text, element.tail = fix(element.text), fix(element.tail)


UNLINKED_TITLE = "not linked: only http, https and mailto addresses become links"


def _unlink_unsafe(root: etree.Element) -> list[str]:
    """A link or image whose address urls.safe_link refuses (`javascript:`, `data:`, …) becomes
    its text: a <span> with the link's words, or with the image's alt text. Returns the addresses."""
    refused = []
    for element in root.iter():
        for attribute in ("href", "src"):
            if element.get(attribute) is not None and not safe_link(element.get(attribute), relative_ok=True):
                refused.append(element.get(attribute))
                if element.tag == "img":
                    element.text = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.set("class", "unlinked")
                element.set("title", UNLINKED_TITLE)
    return refused


def plain_text_of(root: etree.Element) -> str:
    return "\n\n".join("".join(block.itertext()) for block in _leaf_blocks(root))


@cache
def _tree_hook() -> type:
    """The class of the hook that hands Markdown's tree to an action, made when Markdown is first
    used: it is imported then, as most archives are plain text, and most builds read and render
    no Markdown body."""
    from markdown.treeprocessors import Treeprocessor

    class TreeHook(Treeprocessor):
        def __init__(self, md: markdown.Markdown, action: Callable[[etree.Element], None]):
            super().__init__(md)
            self.action = action
            self.refused: list[str] = []

        def run(self, root: etree.Element) -> None:
            _clean_entities(root, self.md.htmlStash.rawHtmlBlocks)
            self.refused.extend(_unlink_unsafe(root))
            self.action(root)
    return TreeHook


def _markdown(action: Callable[[etree.Element], None]) -> markdown.Markdown:
    import markdown
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    md.preprocessors.deregister("html_block")    # raw HTML is shown as text, never run
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_tree_hook()(md, action), "quotewire", -10)
    return md


def refused_links(source: str) -> list[str]:
    """The link and image addresses of a Markdown body that are shown as text (for `check`)."""
    md = _markdown(lambda root: None)
    md.convert(source)
    return md.treeprocessors["quotewire"].refused


def markdown_plain_text(source: str) -> str:
    """The plain text of a Markdown body, as the annotator sees it."""
    found: list[str] = []
    _markdown(lambda root: found.append(plain_text_of(root))).convert(source)
    return found[0] if found else ""


def render_body(text: str, markdown_source: str | None, spans: Sequence[Span],
                inserts: Sequence[Insert] = ()) -> str:
    """HTML of a body with `spans` (offsets into its plain text) wrapped as elements.

    A span cut by a block boundary (a quote over two paragraphs) becomes one element per
    block; only the first keeps the span's `id`, the others are marked `data-continued`.
    """
    ordered = sorted(spans, key=lambda s: (s.start, s.layer, -s.end))
    wrap = _Wrapper(ordered, sorted(inserts, key=lambda i: i.at))
    if markdown_source is None:
        root = etree.Element("div")
        for paragraph in text.split("\n\n"):
            etree.SubElement(root, "p").text = paragraph
        wrap.tree(root)
        return etree.tostring(root, encoding="unicode", method="html")[len("<div>"):-len("</div>")]
    return _markdown(wrap.tree).convert(markdown_source)


class _Wrapper:
    """Wraps the text nodes of a tree, visited in document order, so their plain-text offsets only grow.

    That order lets every look-up be a sweep rather than a scan of all spans for each piece of text
    (an article of one long paragraph has tens of thousands of spans in one text node): `overlapping`
    keeps the spans open at the current offset, and `split` walks a text node's cut points once,
    adding and removing spans as it passes their ends. Each span is met a bounded number of times.
    """

    def __init__(self, spans: Sequence[Span], inserts: Sequence[Insert]):
        self.spans, self.inserts = spans, inserts
        # A span's rank in `spans` (by start, layer, longest first) breaks ties within a layer.
        self.rank = {id(span): n for n, span in enumerate(spans)}
        self.insert_at = [i.at for i in inserts]
        self.next_span = 0                  # spans[:next_span] have started before the last text piece's end
        self.started: list[Span] = []       # those of them that had not ended at the last piece's start
        self.emitted: set[int] = set()

    def tree(self, root: etree.Element) -> None:
        offset = 0
        for block in _leaf_blocks(root):
            length = len("".join(block.itertext()))
            if self.overlapping(offset, offset + length) or self.placed(offset, offset + length):
                self.block(block, offset)
            offset += length + 2

    def overlapping(self, at: int, end: int) -> list[Span]:
        """Spans overlapping text[at:end], in `spans` order. `at` never decreases from one call to the next."""
        while self.next_span < len(self.spans) and self.spans[self.next_span].start < end:
            self.started.append(self.spans[self.next_span])
            self.next_span += 1
        self.started = [s for s in self.started if s.end > at]
        return [s for s in self.started if s.start < end]

    def placed(self, at: int, end: int) -> Sequence[Insert]:
        """Inserts placed after text[:p] for at < p <= end, in order."""
        return self.inserts[bisect.bisect_right(self.insert_at, at):bisect.bisect_right(self.insert_at, end)]

    def block(self, block: etree.Element, offset: int) -> None:
        """Wrap text nodes of `block` (starting at plain-text `offset`)."""
        position = offset

        def wrapped(value: str, in_link: bool, verbatim: bool) -> list:
            nonlocal position
            nodes = self.split(value, position, in_link, verbatim)
            position += len(value)
            return nodes

        def walk(element: etree.Element, in_link: bool, verbatim: bool) -> None:
            # The new children are gathered and set once: inserting each at its index would move
            # every later child each time.
            children: list[etree.Element] = []
            if element.text:
                nodes = wrapped(element.text, in_link, verbatim)
                element.text = nodes[0] if isinstance(nodes[0], str) else ""
                children += [n for n in nodes if not isinstance(n, str)]
            originals = list(element)
            for child in originals:
                walk(child, in_link or child.tag in NO_LINK_TAGS, verbatim or child.tag in NO_WRAP_TAGS)
                children.append(child)
                if child.tail:
                    nodes = wrapped(child.tail, in_link, verbatim)
                    child.tail = nodes[0] if isinstance(nodes[0], str) else ""
                    children += [n for n in nodes if not isinstance(n, str)]
            if len(children) != len(originals):
                element[:] = children

        walk(block, block.tag in NO_LINK_TAGS, block.tag in NO_WRAP_TAGS)

    def split(self, value: str, at: int, in_link: bool, verbatim: bool) -> list:
        """`value` (at plain-text offset `at`) as strings and elements, spans nested by layer."""
        end = at + len(value)
        active = [] if verbatim else self.overlapping(at, end)
        placed = self.placed(at, end)
        if not active and not placed:
            return [value]
        # Each span opens at its start (or at `at`) and closes at its end: the spans over a piece
        # between two cuts are those opened and not yet closed, kept in nesting order (layer, rank).
        opening: dict[int, list[Span]] = {}
        closing: dict[int, list[Span]] = {}
        for span in active:
            opening.setdefault(max(span.start, at), []).append(span)
            if span.end < end:
                closing.setdefault(span.end, []).append(span)
        cuts = sorted({at, end} | opening.keys() | closing.keys() | {i.at for i in placed})
        chain: list[tuple[int, int, Span]] = []        # (layer, rank, span), sorted: outermost first
        next_insert = 0
        nodes: list = []
        open_chain: list[tuple[Span, etree.Element]] = []
        for left, right in zip(cuts, cuts[1:]):
            if left in closing:
                gone = {id(s) for s in closing[left]}
                chain = [c for c in chain if id(c[2]) not in gone]
            for span in opening.get(left, ()):
                bisect.insort(chain, (span.layer, self.rank[id(span)], span), key=lambda c: c[:2])
            keep = 0
            while keep < min(len(chain), len(open_chain)) and open_chain[keep][0] is chain[keep][2]:
                keep += 1
            del open_chain[keep:]
            for _, _, span in chain[keep:]:
                element = self.element(span, in_link)
                (open_chain[-1][1].append if open_chain else nodes.append)(element)
                open_chain.append((span, element))
            _append_text(open_chain[-1][1] if open_chain else None, nodes, value[left - at:right - at])
            while next_insert < len(placed) and placed[next_insert].at == right:
                open_chain.clear()
                nodes.append(placed[next_insert].element())
                next_insert += 1
        return nodes

    def element(self, span: Span, in_link: bool) -> etree.Element:
        tag = span.fallback_tag if in_link and span.tag in NO_LINK_TAGS else span.tag
        attrs = dict(span.attrs)
        if tag != span.tag:
            attrs.pop("href", None)
        if id(span) in self.emitted:
            attrs.pop("id", None)
            attrs["data-continued"] = ""
        self.emitted.add(id(span))
        return etree.Element(tag, attrs)


def _append_text(parent: etree.Element | None, nodes: list, piece: str) -> None:
    if parent is not None:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + piece
        else:
            parent.text = (parent.text or "") + piece
    elif nodes and isinstance(nodes[-1], str):
        nodes[-1] += piece
    elif nodes:
        nodes[-1].tail = (nodes[-1].tail or "") + piece
    else:
        nodes.append(piece)
