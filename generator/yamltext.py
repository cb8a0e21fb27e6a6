"""YAML as Quotewire reads it (front matter, content/entities.yaml, site.yaml): PyYAML's safe
loader, with two changes. Dates stay text, so the reader checks them and reports `2021-02-30`
with its line (PyYAML raises on an impossible date). Control characters are dropped from every
string, as from the article files: a double-quoted "\\0" or "\\e" never reaches a page or a feed.
"""
from __future__ import annotations

import re

import yaml

# C0 and C1 control characters (tab and newline kept), and the two non-characters XML refuses:
# invisible, never part of a word, and NUL or U+FFFF would make the pages and feeds invalid.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class TextLoader(yaml.SafeLoader):
    """The safe loader, dates as text, control characters dropped."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _text(loader: TextLoader, node: yaml.ScalarNode) -> str:
    return CONTROL_CHARACTERS.sub("", loader.construct_scalar(node))


TextLoader.add_constructor("tag:yaml.org,2002:str", _text)


def load_yaml(text: str) -> object:
    """The value of a YAML document (yaml.YAMLError when it is not valid YAML)."""
    return yaml.load(text, Loader=TextLoader)


def item_lines(text: str, key: str) -> tuple[int, ...]:
    """The 1-based line where each item of the top-level list `key:` starts, for messages that
    name an item; () when the text has no such list or is not valid YAML."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return ()
    for name, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if name.value == key and isinstance(value, yaml.SequenceNode):
            return tuple(item.start_mark.line + 1 for item in value.value)
    return ()
