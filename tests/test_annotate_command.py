"""The `annotate --jsonl` interface."""
import json

from generator.annotate.command import main


def test_jsonl(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": '"We won," said Jane Doe in Paris.'}) + "\n", encoding="utf-8")
    assert main(["--jsonl", str(src), "--registry", "none"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["id"] == "d1"
    assert line["quotes"][0]["speaker_canonical"] == "Jane Doe"
    assert set(line["quotes"][0]) == {"start", "end", "kind", "speaker", "speaker_start", "speaker_end",
                                      "speaker_canonical", "cue"}
    assert {(e["text"], e["type"]) for e in line["entities"]} >= {("Jane Doe", "person"), ("Paris", "place")}


def test_bad_registry_is_reported(tmp_path, capsys):
    reg = tmp_path / "entities.yaml"
    reg.write_text("entities:\n  - name: Huawei\n    type: company\n", encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text("", encoding="utf-8")
    assert main(["--jsonl", str(src), "--registry", str(reg)]) == 1
    assert 'entity "Huawei": unknown type "company"' in capsys.readouterr().err


def test_article_file(capsys):
    import pytest

    pytest.importorskip("generator.read")
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "content" / "articles" / "2021-02-14-huawei-ren-zhengfei.txt"
    assert main([str(seed), "--registry", "none"]) == 0
    line = json.loads(capsys.readouterr().out)
    direct = [q for q in line["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 5 and {q["speaker_canonical"] for q in direct} == {"Ren Zhengfei"}


def test_registry_flag_before_the_file_via_the_main_command_line(capsys):
    from generator.__main__ import run
    seed = next(iter(__import__("pathlib").Path(__file__).resolve().parent.parent.glob("content/articles/*.txt")))
    assert run(["annotate", "--registry", "none", str(seed)]) == 0
    line = capsys.readouterr().out.strip().splitlines()
    assert len(line) == 1 and '"quotes"' in line[0]


def test_unreadable_inputs_are_named_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"date 2021-03-01\n\n\x81\x8d")
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_bytes(b'{"id": 1, "text": "caf\xe9"}\n')
    for argv, message in ([str(tmp_path / "missing.txt")], f"{tmp_path / 'missing.txt'}: no such file"), \
                         ([str(tmp_path)], f"{tmp_path}: is a folder: name article files"), \
                         ([str(bad)], f"{bad}:3: undecodable byte 0x81"), \
                         (["--jsonl", str(jsonl)], f"{jsonl}:1: not UTF-8 text"), \
                         (["--registry", str(tmp_path), str(bad)], f"{tmp_path}: is a folder, not a registry file"):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith(message) and "Traceback" not in err


def test_standard_input_is_read_as_txt_or_markdown(monkeypatch, capsys):
    import io
    import sys
    for data in (b'date 2021-03-01\n\n"We won," said Bob Jones.\n',
                 b'---\ntitle: Win\ndate: 2021-03-01\n---\n"We won," said Bob Jones.\n'):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert main(["-", "--registry", "none"]) == 0
        record = json.loads(capsys.readouterr().out)
        assert [q["speaker_canonical"] for q in record["quotes"]] == ["Bob Jones"]
