"""What a build is asked to do (the command line's options) and the site's effective settings."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .config import Config, base_url_problem, load_config, normalize_base_url, site_url_problem
from .errors import BuildError, BuildFailed


@dataclass(frozen=True)
class BuildOptions:
    content: Path = Path("content")
    output: Path = Path("_site")
    config: Path = Path("site.yaml")
    config_required: bool = False
    base_url: str | None = None
    site_url: str | None = None
    strict: bool = False
    cache: Path | None = None       # default: .cache/ beside the output folder
    use_cache: bool = True
    wait: bool = True               # for another build of the same output folder to finish (else fail)
    clean: bool = False             # delete files in the output folder the build did not make

    @property
    def cache_folder(self) -> Path | None:
        return (self.cache or self.output.parent / ".cache") if self.use_cache else None


def site_config(options: BuildOptions) -> Config:
    config = load_config(options.config, required=options.config_required)
    if options.base_url is not None:
        problem = base_url_problem(options.base_url)
        if problem:
            raise BuildFailed([BuildError("--base-url", None, problem.replace("base_url '", "'", 1))])
        config = replace(config, base_url=normalize_base_url(options.base_url))
    if options.site_url is not None:
        problem = site_url_problem(options.site_url)
        if problem:
            raise BuildFailed([BuildError("--site-url", None, problem.replace("site_url '", "'", 1))])
        config = replace(config, site_url=options.site_url.rstrip("/"))
    return config
