"""The GitHub Pages workflow file, and the Pages size limits the build enforces."""
from __future__ import annotations

import pytest
import yaml

from generator.errors import BuildFailed
from generator.write import SizeLimits, write_site
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def steps(workflow) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def uses(workflow, action: str) -> dict:
    found = [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"{action} should be used once"
    return found[0]


def test_triggers_permissions_concurrency(workflow):
    on = workflow.get("on", workflow.get(True))           # YAML 1.1 reads a bare `on` as true
    assert on["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] == "pages"


def test_steps_in_order(workflow):
    names = [s.get("uses", "").split("@")[0] or s.get("name") for s in steps(workflow)]
    order = ["actions/checkout", "actions/setup-python", "actions/setup-node", "actions/configure-pages",
             "actions/cache", "Build", "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert [n for n in names if n in order] == order


def test_toolchain_and_cache(workflow):
    assert str(uses(workflow, "actions/setup-python")["with"]["python-version"]) == "3.11"
    assert str(uses(workflow, "actions/setup-node")["with"]["node-version"]) == "20"
    assert any("npm ci" in s.get("run", "") for s in steps(workflow))
    assert uses(workflow, "actions/cache")["with"]["path"] == ".cache"


def test_build_uses_the_pages_addresses(workflow):
    pages = uses(workflow, "actions/configure-pages")
    build = next(s for s in steps(workflow) if s.get("name") == "Build")
    assert "python -m generator build" in build["run"]
    assert f"--base-url \"${{{{ steps.{pages['id']}.outputs.base_path }}}}/\"" in build["run"]
    assert f"--site-url \"${{{{ steps.{pages['id']}.outputs.base_url }}}}\"" in build["run"]


def test_artifact_and_deployment(workflow):
    assert uses(workflow, "actions/upload-pages-artifact")["with"]["path"].rstrip("/") == "_site"
    deploy = next(job for job in workflow["jobs"].values()
                  if any(s.get("uses", "").startswith("actions/deploy-pages") for s in job["steps"]))
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_site_url_and_base_url_options_reach_the_feed(tmp_path):
    from tests.conftest import build_site
    from tests.golden import SITE
    assert build_site(SITE, tmp_path / "s", "--base-url", "/quotewire/", "--site-url", "https://me.github.io/quotewire") == 0
    assert b"https://me.github.io/quotewire/articles/" in (tmp_path / "s" / "feed.xml").read_bytes()


def test_a_file_over_the_limit_fails_before_writing(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(BuildFailed) as failed:
        write_site({"big.json": b"x" * 2048, "ok.html": b"fine"}, out, SizeLimits(file=1024, site=10**6))
    assert "big.json: 0.0 MB: GitHub Pages refuses files over 0 MB" in str(failed.value)
    assert not out.exists()


def test_a_site_over_the_limit_fails(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(BuildFailed, match="GitHub Pages publishes at most"):
        write_site({"a.html": b"x" * 600, "b.html": b"x" * 600}, out, SizeLimits(file=1000, site=1000))
    assert not out.exists()


def test_limits_are_github_pages():
    from generator.write import PAGES_LIMITS
    assert (PAGES_LIMITS.file, PAGES_LIMITS.site) == (100 * 1024**2, 1024**3)
