"""The YAML reader: safe, strict, with the line of every key."""

from campaignkit.errors import Problem
from campaignkit.yamlfile import MAX_BYTES, dotted, read_yaml


def read(tmp_path, text: str | bytes):
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_yaml(path, "content/f.yaml")


def test_scalars_stay_text_so_the_schema_decides(tmp_path):
    data, _, problems = read(tmp_path, "a: NO\nb: 1:30\nc: 2022-07-30\nd: 012\ne:\nf: ~\ng: ''\n")
    assert problems == []
    assert data == {"a": "NO", "b": "1:30", "c": "2022-07-30", "d": "012", "e": None, "f": None,
                    "g": ""}  # fmt: skip


def test_every_key_and_item_has_its_line(tmp_path):
    _, marks, _ = read(tmp_path, "a:\n  b: 1\nlist:\n  - x\n  - y: 2\n")
    assert marks[("a",)] == 1
    assert marks[("a", "b")] == 2
    assert marks[("list", 1)] == 5
    assert marks[("list", 1, "y")] == 5


def test_duplicate_keys_are_refused_with_the_line_of_the_second(tmp_path):
    _, _, problems = read(tmp_path, "name:\n  en: A\n  en: B\n")
    assert problems == [Problem("content/f.yaml", 3, "name.en", "appears twice; keep one")]


def test_aliases_are_refused_before_they_can_expand(tmp_path):
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    _, _, problems = read(tmp_path, bomb)
    assert [str(p) for p in problems] == [
        "content/f.yaml:2: is not valid YAML: aliases (*name) are not supported; "
        "write the value out"
    ]


def test_merge_keys_are_refused(tmp_path):
    _, _, problems = read(tmp_path, "base: {a: 1}\nother:\n  <<: {a: 2}\n")
    assert [str(p) for p in problems] == [
        "content/f.yaml:3: other: merge keys (<<) are not supported"
    ]


def test_invalid_yaml_names_the_line(tmp_path):
    _, _, problems = read(tmp_path, "name:\n  en: A\n   fr: B\n")
    assert [str(p) for p in problems] == [
        "content/f.yaml:3: is not valid YAML: mapping values are not allowed here"
    ]


def test_non_utf8_is_named(tmp_path):
    _, _, problems = read(tmp_path, "name: Li\xe8ge\n".encode("latin-1"))
    assert [str(p) for p in problems] == ["content/f.yaml: is not UTF-8 (byte 8); save it as UTF-8"]


def test_huge_files_are_refused(tmp_path):
    _, _, problems = read(tmp_path, "a: " + "x" * MAX_BYTES)
    assert [str(p) for p in problems] == ["content/f.yaml: is larger than 1000 kB; split it"]


def test_deep_nesting_is_refused_not_a_crash(tmp_path):
    _, _, problems = read(tmp_path, "[" * 5000 + "]" * 5000)
    assert [str(p) for p in problems] == ["content/f.yaml: is nested too deeply to be content"]


def test_empty_file_is_an_empty_mapping(tmp_path):
    assert read(tmp_path, "# nothing yet\n")[0] == {}


def test_dotted_paths():
    assert dotted(("events", 0, "date")) == "events[0].date"
    assert dotted(()) == ""


def test_libyaml_reads_every_content_file_as_pyyaml_does(monkeypatch):
    """Valid files go through libyaml; its data and lines must be PyYAML's exactly."""
    from pathlib import Path

    from campaignkit import yamlfile

    if yamlfile._FastLoader is yamlfile._Loader:
        raise AssertionError("this PyYAML has no libyaml: content is read 7 times slower")
    files = sorted((Path(__file__).parents[1] / "content").rglob("*.yaml"))
    assert len(files) > 10
    fast = [read_yaml(path, path.name) for path in files]
    monkeypatch.setattr(yamlfile, "_FastLoader", yamlfile._Loader)
    assert [read_yaml(path, path.name) for path in files] == fast
