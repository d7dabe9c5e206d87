"""Wheels carry the files the code reads at run time (the images install wheels, not the source tree).

Each package is copied without ``*.egg-info``/``build`` (as in a fresh clone: an old SOURCES.txt would add
files the pyproject forgets) and built with pip. Offline with ``--no-build-isolation`` when this
environment can build wheels (setuptools >= 70.1, or the ``wheel`` package); otherwise pip builds in
isolation, fetching the build backend the pyproject names from the package index, as ``docker build`` does.
"""
from __future__ import annotations

import fnmatch
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import setuptools
from packaging.version import Version

from deploy_files import PACKAGE_DIRS, ROOT
from eiso_kit.settings import SERVICES

pytestmark = pytest.mark.slow

IGNORED = shutil.ignore_patterns("*.egg-info", "build", "dist", "__pycache__", "*.pyc", ".pytest_cache", "node_modules")


def can_build_offline() -> bool:
    return Version(setuptools.__version__) >= Version("70.1") or importlib.util.find_spec("wheel") is not None


def build_wheels(sources: list[Path], out: Path) -> None:
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    if can_build_offline():
        cmd += ["--no-build-isolation", "--no-index"]
    result = subprocess.run(cmd + [str(s) for s in sources], capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        pytest.fail(f"pip wheel failed ({' '.join(cmd)}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")


def wheel_of(out: Path, source: Path) -> Path:
    name = re.sub(r"[-_.]+", "_", pyproject_at(source)["project"]["name"])
    found = list(out.glob(f"{name}-*.whl"))
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def pyproject_at(source: Path) -> dict:
    return tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))


def package_roots(source: Path) -> list[Path]:
    """The top-level import packages the pyproject's ``packages.find`` selects."""
    patterns = pyproject_at(source)["tool"]["setuptools"]["packages"]["find"]["include"]
    return [p for p in source.iterdir() if p.is_dir() and (p / "__init__.py").exists()
            and any(fnmatch.fnmatch(p.name, pattern) for pattern in patterns)]


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def left_out(source: Path, wheel: Path) -> list[str]:
    """Files under the package folders of ``source`` that the wheel does not carry."""
    names = wheel_names(wheel)
    missing = []
    for root in package_roots(source):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                relative = path.relative_to(source).as_posix()
                if relative not in names:
                    missing.append(relative)
    return missing


@pytest.fixture(scope="session")
def wheels(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """package folder -> (its clean copy, its wheel)."""
    sources = tmp_path_factory.mktemp("sources")
    out = tmp_path_factory.mktemp("wheels")
    copies = {}
    for package_dir in PACKAGE_DIRS:
        target = sources / package_dir
        shutil.copytree(ROOT / package_dir, target, ignore=IGNORED)
        copies[package_dir] = target
    build_wheels(list(copies.values()), out)
    return {d: (src, wheel_of(out, src)) for d, src in copies.items()}


@pytest.mark.parametrize("package_dir", PACKAGE_DIRS)
def test_wheel_carries_every_file_of_the_package(wheels, package_dir):
    source, wheel = wheels[package_dir]
    assert package_roots(source), f"{package_dir}: packages.find selects nothing"
    assert left_out(source, wheel) == [], f"add them to [tool.setuptools.package-data] of {package_dir}"


@pytest.mark.parametrize("package_dir", PACKAGE_DIRS)
def test_wheel_holds_only_the_package_and_its_metadata(wheels, package_dir):
    source, wheel = wheels[package_dir]
    allowed = {p.name for p in package_roots(source)}
    tops = {name.split("/")[0] for name in wheel_names(wheel)}
    assert {t for t in tops if not t.endswith(".dist-info")} == allowed


@pytest.mark.parametrize("service", SERVICES)
def test_service_wheel_carries_its_migrations(wheels, service):
    source, wheel = wheels[f"services/{service}"]
    names = wheel_names(wheel)
    package = f"eiso_{service}"
    assert f"{package}/migrations/env.py" in names
    versions = sorted(p.name for p in (source / package / "migrations" / "versions").glob("*.py"))
    assert versions, f"{service} has no migration"
    assert [v for v in versions if f"{package}/migrations/versions/{v}" not in names] == []


def test_workflow_wheel_carries_the_dossier_definitions(wheels):
    source, wheel = wheels["services/workflow"]
    definitions = sorted(p.name for p in (source / "eiso_workflow" / "definitions").glob("*.yml"))
    assert definitions
    assert [d for d in definitions if f"eiso_workflow/definitions/{d}" not in wheel_names(wheel)] == []


def test_context_wheel_carries_the_demo_data(wheels):
    _, wheel = wheels["services/context"]
    assert "eiso_context/demo_data.yml" in wheel_names(wheel)


def test_gateway_wheel_carries_templates_static_files_and_catalogues(wheels):
    """Every file of the package that is not code: the templates of every area, static, the gettext catalogues."""
    source, wheel = wheels["gateway"]
    names = wheel_names(wheel)
    files = [p.relative_to(source).as_posix() for p in (source / "eiso_gateway").rglob("*")
             if p.is_file() and p.suffix not in (".py", ".pyc")]
    for kind in ("/templates/", "/static/", "translations/en/LC_MESSAGES/messages.mo", "areas/quality/templates/"):
        assert any(kind in f for f in files), kind
    assert [f for f in files if f not in names] == []


def test_kit_wheel_carries_the_migration_template(wheels):
    _, wheel = wheels["libs/kit"]
    assert "eiso_kit/db/migration_template/script.py.mako" in wheel_names(wheel)


def test_the_check_bites_when_package_data_is_forgotten(tmp_path):
    source = tmp_path / "context"
    shutil.copytree(ROOT / "services" / "context", source, ignore=IGNORED)
    text = (source / "pyproject.toml").read_text(encoding="utf-8")
    text, removed = re.subn(r"^\[tool\.setuptools\.package-data\]\n(?:(?!\[).*\n?)*", "", text, flags=re.M)
    assert removed == 1
    (source / "pyproject.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build_wheels([source], out)
    # (migrations/*.py ship anyway: packages.find includes folders without __init__.py as namespace packages)
    assert left_out(source, wheel_of(out, source)) == ["eiso_context/demo_data.yml"]
