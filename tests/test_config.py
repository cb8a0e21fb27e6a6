import pytest

from generator.config import Config, normalize_base_url, parse_config
from generator.errors import BuildFailed


def test_missing_or_empty_config_gives_defaults():
    assert parse_config("", "site.yaml") == Config()
    assert parse_config("# only a comment\n", "site.yaml") == Config()


def test_values_and_base_url_normalised():
    config = parse_config("title: T\nper_page: 5\nbase_url: quotewire\n", "site.yaml")
    assert (config.title, config.per_page, config.base_url) == ("T", 5, "/quotewire/")


@pytest.mark.parametrize("text, message", [
    ("colour: red\n", "site.yaml:1: unknown setting 'colour'"),
    ("title: x\nper_page: lots\n", "site.yaml:2: 'per_page' must be a whole number, not 'lots'"),
    ("per_page: 0\n", "site.yaml:1: 'per_page' must be at least 1, not 0"),
    ("title: [a\n", "site.yaml:1: invalid YAML"),
    ("- a\n- b\n", "site.yaml:1: expected a mapping"),
    ("title: 3\n", "site.yaml:1: 'title' must be text, not 3"),
])
def test_errors_name_the_key(text, message):
    with pytest.raises(BuildFailed) as failed:
        parse_config(text, "site.yaml")
    assert str(failed.value).startswith(message)


@pytest.mark.parametrize("value, expected", [("", "/"), ("/", "/"), ("/q", "/q/"), ("q/", "/q/"), ("/a/b/", "/a/b/")])
def test_normalize_base_url(value, expected):
    assert normalize_base_url(value) == expected


def test_a_settings_file_that_is_a_folder_or_not_utf8_is_an_error(tmp_path):
    from generator.config import load_config
    from generator.errors import BuildFailed
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "latin.yaml").write_bytes(b"title: ok\nauthor: caf\xe9\n")
    for name, message in (("folder.yaml", "folder.yaml: is a folder, not a settings file"),
                          ("latin.yaml", "latin.yaml:2: not UTF-8 text: save the settings as UTF-8")):
        with pytest.raises(BuildFailed) as failed:
            load_config(tmp_path / name)
        assert str(failed.value).endswith(message)
