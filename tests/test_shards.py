"""Shards (campaignkit.shards): each builds a stable share of the outputs, the assemble step
the packs and gallery, and together they make the very files one machine makes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO, copy_project, run_doit

from campaignkit import shards
from campaignkit.description import load
from campaignkit.registry import FAMILIES

#: doit's and campaignkit's state: each machine has its own
STATE = {".doit.db", ".doit.db-wal", ".doit.db-shm", ".lock", ".plan.pickle", ".inputs.db",
         ".settled.pickle"}  # fmt: skip


def gathering():
    return {step for family in FAMILIES if family.gathers for step in family.steps}


def test_a_shard_is_written_i_of_n_or_assemble():
    assert shards.parse("2/3") == shards.Shard(2, 3)
    assert str(shards.parse("2/3")) == "2/3"
    assert str(shards.parse("assemble")) == "assemble"
    assert shards.parse("") is None and shards.parse(None) is None
    for wrong in ("0/3", "4/3", "2", "a/b", "2/3/4"):
        with pytest.raises(ValueError) as err:
            shards.parse(wrong)
        assert str(err.value) == (
            f"shard={wrong}: not a shard; write shard=i/n with 1 <= i <= n (e.g. shard=2/3), "
            "or shard=assemble for the packs and gallery"
        )


def test_every_output_is_in_exactly_one_share_and_files_read_stay_together():
    _, planned = load(REPO)
    gather = gathering()
    shares = [shards.share(planned, gather, shards.Shard(i, 3)) for i in (1, 2, 3)]
    assemble = shards.share(planned, gather, shards.parse("assemble"))
    names = [f"{out.step.name}:{out.name}" for part in [*shares, assemble] for out in part]
    assert sorted(names) == sorted(f"{out.step.name}:{out.name}" for out in planned)
    assert {out.step for out in assemble} == gather
    assert min(len(part) for part in shares) > len(planned) // 6  # about a third each
    everything = {target for out in planned for target in out.targets}
    for part in shares:  # a shard makes every output's file its outputs read
        made = {target for out in part for target in out.targets}
        assert {need for out in part for need in out.needs} & everything <= made
    (home,) = [part for part in shares
               if any(out.name == "brussels-fr" and out.step.name == "leaflet" for out in part)]  # fmt: skip
    versions = {out.step.name for out in home if out.name == "brussels-fr"}
    assert {"leaflet", "leaflet-press", "leaflet-twoup", "leaflet-preview"} <= versions


def test_adding_a_city_moves_no_other_output(tmp_path):
    root = copy_project(tmp_path / "p")
    _, planned = load(root)
    gather = gathering()
    where = {f"{o.step.name}:{o.name}": i for i in (1, 2, 3)
             for o in shards.share(planned, gather, shards.Shard(i, 3))}  # fmt: skip
    (root / "content/cities/mons.yaml").write_text(
        "name: {fr: Mons}\nlanguages: [fr]\nevents:\n  - kind: stand\n", encoding="utf-8"
    )
    _, again = load(root)
    now = {f"{o.step.name}:{o.name}": i for i in (1, 2, 3)
           for o in shards.share(again, gather, shards.Shard(i, 3))}  # fmt: skip
    assert {name: now[name] for name in where} == where
    new = now.keys() - where.keys()
    assert new and all(name.split(":")[1].startswith("mons-") for name in new)  # Mons' only


def test_a_wrong_shard_is_one_line(project):
    result = run_doit(project, "list", shard="3/2")
    assert result.code == 3
    assert result.err == (
        "ERROR: shard=3/2: not a shard; write shard=i/n with 1 <= i <= n (e.g. shard=2/3), "
        "or shard=assemble for the packs and gallery\n"
    )


@pytest.mark.slow
def test_three_shards_and_assemble_make_the_files_one_machine_makes(whole_campaign, tmp_path):
    machines = []
    for shard in ("1/3", "2/3", "3/3"):
        root = copy_project(tmp_path / shard.replace("/", "-"))
        shutil.copy(REPO / "dodo.py", root)
        built = subprocess.run([sys.executable, "-m", "doit", "-n", "2", "-P", "process",
                                f"shard={shard}"], cwd=root, capture_output=True, text=True,
                               check=False)  # fmt: skip
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr
        machines.append(root)
    made = [{path.relative_to(root / "build") for path in (root / "build").rglob("*")
             if path.is_file() and path.name not in STATE} for root in machines]  # fmt: skip
    assert all(made) and not (made[0] & made[1] or made[0] & made[2] or made[1] & made[2])
    assert not any(rel.parts[0] in ("packs", "site") for files in made for rel in files)
    assembly = copy_project(tmp_path / "assemble")
    shutil.copy(REPO / "dodo.py", assembly)
    for root in machines:  # what a CI job downloads: each shard's build/ (its state left out)
        shutil.copytree(root / "build", assembly / "build", dirs_exist_ok=True,
                        ignore=lambda folder, names: [n for n in names if n in STATE])  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "doit", "shard=assemble"], cwd=assembly,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "built " in done.stdout and ".  pack:press" in done.stdout

    def files(root):
        return {path.relative_to(root / "build").as_posix(): path.read_bytes()
                for path in sorted((root / "build").rglob("*"))
                if path.is_file() and path.name not in STATE}  # fmt: skip

    one, shared = files(whole_campaign), files(assembly)
    assert sorted(one) == sorted(shared)
    assert [name for name in one if one[name] != shared[name]] == []


def test_the_assemble_step_keeps_the_shards_files_and_a_shard_its_own(project, stubbed):
    assert run_doit(project, "run", "leaflet").code == 0  # as if copied from the shards
    leaflets = sorted(p.name for p in (project / "build/leaflets").iterdir())
    assert run_doit(project, "run", "sweep", shard="assemble").code == 0
    assert sorted(p.name for p in (project / "build/leaflets").iterdir()) == leaflets
    _, planned = load(project)
    mine = {out.target.rsplit("/", 1)[1] for out in shards.share(planned, gathering(), shards.Shard(1, 2))
            if out.target.startswith("build/leaflets/")}  # fmt: skip
    assert run_doit(project, "run", "sweep", shard="1/2").code == 0
    kept = sorted(p.name for p in (project / "build/leaflets").iterdir())
    assert kept == sorted(mine & set(leaflets)) and 0 < len(kept) < len(leaflets)
