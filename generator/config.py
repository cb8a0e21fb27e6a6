"""site.yaml: the schema, its defaults, and validation that reports every bad key at once."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError, BuildFailed, key_line, read_utf8, yaml_error
from .yamltext import load_yaml


@dataclass(frozen=True)
class Config:
    """The site's settings. Every field has a default, so a missing site.yaml builds."""

    title: str = "Quotewire"
    description: str = "A searchable archive of news: who said what, when, about whom."
    language: str = "en"
    base_url: str = "/"           # path the site is served under, e.g. /quotewire/ on GitHub Pages
    site_url: str = ""            # absolute origin for feeds and sitemap, e.g. https://me.github.io/quotewire
    per_page: int = 20            # articles per home page
    home_pages: int = 10          # home pages of the newest articles; older ones are found in the archive
    list_per_page: int = 100      # entries on an index's first page; an A–Z letter of 3× more is split
    feed_size: int = 20           # articles in the Atom feed
    entity_page_min_articles: int = 2   # an entity has a page when this many articles name it (or it speaks)
    author: str = ""
    follow_symlinks: bool = False  # read articles through symbolic links that leave content/ or link folders


_HELP = {f.name: f.type for f in fields(Config)}


def base_url_problem(value: str) -> str | None:
    """Why `value` cannot be the path the site is served under, or None when it can."""
    if re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//)", value):
        return (f"base_url '{value}' is a full address, not a path: give the path the site is served under "
                "(e.g. /quotewire/) and the address with --site-url (site_url in site.yaml)")
    if any(part in (".", "..") for part in value.strip().strip("/").split("/")) or re.search(r"[\s\\?#\"'<>]", value.strip()):
        return f"base_url '{value}' is not a plain path such as /quotewire/"
    return None


def site_url_problem(value: str) -> str | None:
    """Why `value` cannot be the site's absolute address (feeds, sitemap), or None when it can."""
    if value and not re.fullmatch(r"https?://[^\s\"'<>\\]+", value.strip()):
        return f"site_url '{value}' is not an http:// or https:// address such as https://me.github.io/quotewire"
    return None


def normalize_base_url(value: str) -> str:
    """'/quotewire' → '/quotewire/', '' → '/'. Always starts and ends with one slash."""
    value = value.strip().strip("/")
    return "/" + value + "/" if value else "/"


def parse_config(text: str, path: str) -> Config:
    """Validate site.yaml's text; raise BuildFailed naming every unknown key or wrong type."""
    try:
        data = load_yaml(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        raise BuildFailed([yaml_error(exc, path, 1, "invalid YAML")]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BuildFailed([BuildError(path, 1, "expected a mapping of settings (key: value)")])
    errors: list[BuildError] = []
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(Config)}
    for key, value in data.items():
        line = key_line(text, str(key))
        if key not in known:
            hint = ", ".join(sorted(known))
            errors.append(BuildError(path, line, f"unknown setting '{key}' (known settings: {hint})"))
            continue
        expected = type(getattr(Config(), key))
        if value is None:
            continue
        if expected is bool and not isinstance(value, bool):
            errors.append(BuildError(path, line, f"'{key}' must be true or false, not {value!r}"))
        elif expected is bool:
            values[key] = value
        elif expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            errors.append(BuildError(path, line, f"'{key}' must be a whole number, not {value!r}"))
        elif expected is str and not isinstance(value, str):
            errors.append(BuildError(path, line, f"'{key}' must be text, not {value!r}"))
        elif key == "site_url" and (problem := site_url_problem(value)):
            errors.append(BuildError(path, line, problem))
        elif key == "base_url" and (problem := base_url_problem(value)):
            errors.append(BuildError(path, line, problem))
        elif expected is int and value < 1:
            errors.append(BuildError(path, line, f"'{key}' must be at least 1, not {value}"))
        else:
            values[key] = value
    if errors:
        raise BuildFailed(errors)
    config = Config(**values)
    return replace(config, base_url=normalize_base_url(config.base_url), site_url=config.site_url.rstrip("/"))


def load_config(path: Path, *, required: bool = False) -> Config:
    """Read site.yaml; a missing file gives the defaults unless the user named it explicitly."""
    if not path.exists():
        if required:
            raise BuildFailed([BuildError(str(path), None, "config file not found")])
        return Config()
    return parse_config(read_utf8(path, str(path), "a settings file", "save the settings as UTF-8"), str(path))
