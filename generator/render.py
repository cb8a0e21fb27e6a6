"""Jinja2: the site's pages as bytes, keyed by output path. Pure apart from reading templates."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable, Iterator

import jinja2
from markupsafe import Markup

from . import urls
from .collect import Site, format_date, pages
from .config import Config
from .markup import render_body
from .models import Article

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = format_date
    env.globals["urls"] = urls
    return env


def body_html(article: Article) -> Markup:
    # The one place article HTML is marked safe: render_body builds an element tree from the
    # text and lets the serializer escape every character; raw HTML in Markdown is disabled.
    return Markup(render_body(article.text, article.markdown, ()))


class Renderer:
    """Renders one page at a time; `url` in templates links relative to that page."""

    def __init__(self, site: Site, config: Config, env: jinja2.Environment):
        self.site, self.config, self.env = site, config, env

    def page(self, path: str, template: str, absolute_links: bool = False, **context) -> tuple[str, bytes]:
        link: Callable[..., str] = (partial(urls.absolute, self.config.base_url) if absolute_links
                                    else partial(urls.relative, path))
        html = self.env.get_template(template).render(
            page_path=path, url=link, config=self.config, site=self.site, **context)
        return path, html.encode("utf-8")

    def home_pages(self) -> Iterator[tuple[str, bytes]]:
        chunks = pages(self.site.articles, self.config.per_page)
        for number, chunk in enumerate(chunks, start=1):
            yield self.page(urls.home(number), "home.html", articles=chunk, number=number,
                            total=len(chunks), title=self.config.title)

    def article_pages(self) -> Iterator[tuple[str, bytes]]:
        for index, article in enumerate(self.site.articles):
            newer, older = self.site.neighbours(index)
            yield self.page(urls.article(article.slug), "article.html", article=article,
                            body=body_html(article), newer=newer, older=older, title=article.title)

    def archive_pages(self) -> Iterator[tuple[str, bytes]]:
        yield self.page(urls.archive(), "archive.html", years=self.site.years, year=None,
                        title="Archive")
        for year in self.site.years:
            yield self.page(urls.archive(year.year), "archive.html", years=(year,), year=year,
                            title=f"Archive: {year.year}")
            for month in year.months:
                yield self.page(urls.archive(year.year, month.month), "archive_month.html",
                                month=month, title=f"{urls.month_name(month.month)} {month.year}")

    def not_found(self) -> Iterator[tuple[str, bytes]]:
        yield self.page(urls.NOT_FOUND, "404.html", absolute_links=True, title="Page not found")


def render_site(site: Site, config: Config, env: jinja2.Environment | None = None) -> dict[str, bytes]:
    renderer = Renderer(site, config, env or environment())
    outputs: dict[str, bytes] = {}
    for group in (renderer.home_pages(), renderer.article_pages(), renderer.archive_pages(),
                  renderer.not_found()):
        outputs.update(group)
    return outputs


def static_files(templates: Path = TEMPLATES) -> dict[str, bytes]:
    folder = templates / "static"
    return {urls.static(p.relative_to(folder).as_posix()): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
