"""Targets checked by digest, and uptodate checks that state their signature to doit."""

import inspect
from types import SimpleNamespace

from doit.tools import config_changed

from campaignkit import freshness


def test_the_stated_signatures_are_the_real_ones():
    """doit passes `task` and `values` by the names in the signature; a stated one that
    drifted from the code would hand the check the wrong arguments."""
    assert inspect.signature(freshness.Shown("digest")) is freshness.CHECK
    call = config_changed.__call__.__code__
    assert call.co_varnames[1 : call.co_argcount] == ("task", "values")
    code = freshness.unchanged.__code__
    assert list(inspect.signature(freshness.unchanged).parameters) == list(
        code.co_varnames[: code.co_argcount])  # fmt: skip


def test_shown_is_config_changed_of_its_digest():
    check = freshness.Shown("abc")
    assert isinstance(check, config_changed)
    assert check(None, {"_config_changed": "abc"}) is True
    assert check(None, {"_config_changed": "abd"}) is False
    assert check(None, {}) is False


def test_unchanged_trusts_a_recorded_stat_and_hashes_any_other(tmp_path):
    target = tmp_path / "build/card.png"
    target.parent.mkdir()
    target.write_bytes(b"card")
    values = freshness.record(str(tmp_path), ["build/card.png"])

    task = SimpleNamespace(targets=["build/card.png"])
    assert freshness.unchanged(task, values, str(tmp_path))
    target.write_bytes(b"card")  # rewritten, same bytes: a new stat, the same digest
    assert freshness.unchanged(task, values, str(tmp_path))
    target.write_bytes(b"cart")
    assert freshness.changes(task.targets, values, str(tmp_path)) == [
        "build/card.png was changed since it was built"]  # fmt: skip
    target.unlink()
    target.mkdir()  # a folder where the file was
    assert freshness.changes(task.targets, values, str(tmp_path)) == ["build/card.png is missing"]
    assert freshness.changes(["build/none.png"], values, str(tmp_path)) == [
        "build/none.png is missing"]  # fmt: skip
