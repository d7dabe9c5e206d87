"""requirements/runtime.txt pins everything the images need (they install the packages with --no-deps)."""
import importlib.metadata as metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from deploy_files import PACKAGE_DIRS, ROOT, dependencies, distribution_dirs, pins

PINS = pins()
LOCAL = set(distribution_dirs())


def unpinned(requirements: list[Requirement], pinned: dict[str, str]) -> list[str]:
    """Requirements that the pins leave out or contradict."""
    wrong = []
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        if name in LOCAL or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        if name not in pinned:
            wrong.append(f"{requirement} is not pinned")
        elif not requirement.specifier.contains(Version(pinned[name]), prereleases=True):
            wrong.append(f"{requirement} does not accept the pinned {pinned[name]}")
    return wrong


@pytest.mark.parametrize("package_dir", PACKAGE_DIRS)
def test_runtime_txt_pins_every_distribution_the_package_declares(package_dir):
    assert unpinned(dependencies(package_dir), PINS) == []


def test_the_pin_check_bites():
    requirements = [Requirement("minio>=7.2,<8"), Requirement("boto3"), Requirement("eiso-kit")]
    assert unpinned(requirements, {"minio": "8.0.1"}) == [
        "minio<8,>=7.2 does not accept the pinned 8.0.1", "boto3 is not pinned"]


def test_runtime_in_is_a_subset_of_runtime_txt_with_the_same_versions():
    top = pins(ROOT / "requirements" / "runtime.in")
    assert top
    assert {n: v for n, v in top.items() if PINS.get(n) != v} == {}


def test_runtime_txt_is_closed_under_the_dependencies_of_what_it_pins():
    """A pin whose own dependency is unpinned would make image builds drift (checked with the installed metadata)."""
    missing = []
    for name, version in PINS.items():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{name} is pinned but not installed in this environment (./eiso test reinstalls)")
        assert dist.version == version, f"{name}: installed {dist.version}, pinned {version} (./eiso test reinstalls)"
        missing += [f"{name} needs {r}" for r in unpinned([Requirement(t) for t in dist.requires or []], PINS)]
    assert missing == []
