"""The package as pip installs it from a wheel, not from the working tree: every file the
package reads is in it, and its commands work from there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.build  # builds a wheel (about ten seconds)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this tree (no download: setuptools is in the test set) and
    installed into a folder of its own, without dependencies (the test's are there)."""
    out = tmp_path_factory.mktemp("wheel")
    # From the files a clone holds (not from the working tree, whose egg-info left by the
    # editable install would lend the build the files pyproject.toml forgets).
    source = out / "source"
    for name in ["pyproject.toml", "README.md", "LICENSE", *tracked_package_files(prefixed=True)]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out / "dist"), str(source)], check=True, timeout=300,
                   env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    wheel = next((out / "dist").glob("reform_casebook-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(out / "site-packages")
    return out / "site-packages"


def tracked_package_files(prefixed: bool = False) -> set[str]:
    listed = subprocess.run(["git", "ls-files", "hooks/casebook"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    if not listed:  # a copy without git (a release tarball): what is on disk
        listed = [p.relative_to(ROOT).as_posix() for p in (ROOT / "hooks" / "casebook").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts]
    return set(listed) if prefixed else {name.removeprefix("hooks/") for name in listed}


def test_the_wheel_holds_every_file_of_the_package(installed):
    in_wheel = {p.relative_to(installed).as_posix() for p in (installed / "casebook").rglob("*") if p.is_file()}
    assert tracked_package_files() - in_wheel == set()


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    # PYTHONPATH comes before site-packages, where the editable install points at hooks/.
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(installed)})


def test_the_installed_package_is_the_one_imported(installed, tmp_path):
    done = run_installed(installed, tmp_path, "-c", "import casebook; print(casebook.__file__)")
    assert done.stdout.strip().startswith(str(installed)), done.stdout + done.stderr


def test_commands_and_the_field_reference_work_from_the_wheel(installed, tmp_path):
    (tmp_path / "cases").mkdir()
    for name in ("cases/vocabulary",):
        subprocess.run(["cp", "-r", str(ROOT / name), str(tmp_path / name)], check=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    made = run_installed(installed, tmp_path, "-m", "casebook", "new", "wheel-test-case")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "cases" / "wheel-test-case.yaml").is_file()
    reference = run_installed(installed, tmp_path, "-c",
                              "from pathlib import Path; from casebook.pages.reference import render_reference; "
                              "from casebook.records.load import Casebook; from casebook.records.vocabulary import load_vocabulary; "
                              "words, _ = load_vocabulary(Path('cases/vocabulary'), Path('.')); "
                              "print(render_reference(Casebook(cases={}, vocabulary=words), 'vi'))")
    assert reference.returncode == 0, reference.stderr
    assert "Quốc gia" in reference.stdout or "quốc gia" in reference.stdout
