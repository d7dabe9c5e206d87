"""The README tells the truth: two Quick start commands, CI calls the test one, every setting listed."""
import re
from pathlib import Path

from eiso_context.demo import load_demo
from eiso_kit.settings import VARIABLES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_holds_exactly_the_run_and_test_commands():
    assert quick_start_commands() == ["./eiso run", "./eiso test"]


def test_ci_calls_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = quick_start_commands()[1]
    assert re.search(rf"^{re.escape(test_command)}\s*$", ci, re.M)


def test_every_setting_is_in_the_configuration_table():
    for variable in VARIABLES:
        assert f"| `{variable.name}` | `{variable.default}` |" in README, variable.name


def test_demo_logins_match_the_demo_data():
    demo = load_demo()
    assert f"password `{demo.password}`" in README
    for person in demo.people:
        assert f"| `{person.username}` |" in README, person.username
