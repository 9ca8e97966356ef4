"""The import contract (pyproject.toml, `lint-imports`) catches an arrow that runs the wrong way.

`make test` runs `lint-imports` on the project itself; these tests run it on a copy with one wrong-way import
added, so a contract that was weakened until it no longer guards the layout fails here.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The packages the contracts are about, as pyproject.toml names them (a new app is added there, once).
PAKKETTEN = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture(scope="module")
def kopie(tmp_path_factory) -> Path:
    doel = tmp_path_factory.mktemp("layout")
    for pakket in PAKKETTEN:
        shutil.copytree(ROOT / pakket, doel / pakket, ignore=shutil.ignore_patterns("__pycache__", "*.csv"))
    shutil.copy(ROOT / "pyproject.toml", doel / "pyproject.toml")
    return doel


def _lint(map_: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=map_, capture_output=True, text=True, timeout=120)


def test_the_unchanged_layout_keeps_every_contract(kopie):
    uitkomst = _lint(kopie)
    assert uitkomst.returncode == 0, uitkomst.stdout


@pytest.mark.parametrize(("module", "importregel", "gebroken"), [
    # the lazy import that used to hide the cycle between the registrations and the rollup
    ("kwartalen/verouderd.py", "from rapportage.tellingen import tasks", "kwartalen is not allowed to import"),
    ("vtregistratie/services/contact.py", "from kwartalen import staat", "vtregistratie is not allowed to import"),
    ("adviezen/services.py", "from meldingen import services", "adviezen is not allowed to import meldingen"),
    ("rapportage/tellingen/selectors.py", "from rapportage.analyses import cache",
     "rapportage.tellingen is not allowed to import rapportage.analyses"),
    ("rapportage/cbs/services.py", "from rapportage.models import Aanlevering",
     "rapportage.cbs is not allowed to import rapportage.models"),
])
def test_a_wrong_way_import_breaks_the_contract(kopie, tmp_path, module, importregel, gebroken):
    map_ = tmp_path / "layout"
    shutil.copytree(kopie, map_)
    pad = map_ / module
    pad.write_text(pad.read_text() + f"\n\ndef _omhoog():\n    {importregel}  # noqa\n")
    uitkomst = _lint(map_)
    assert uitkomst.returncode == 1, uitkomst.stdout
    assert gebroken in uitkomst.stdout
