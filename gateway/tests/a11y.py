"""axe-core in the browser tests: every page they visit has no serious or critical accessibility violation.

axe-core comes from the pinned PyPI package ``axe-playwright-python`` (it bundles ``axe.min.js``; no npm,
no CDN) and is injected by Playwright's ``evaluate``, which the pages' CSP does not block.
"""
from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
SERIOUS = ("serious", "critical")
AXE = Axe()


def violations(page) -> list[str]:
    """One line per serious or critical violation: rule, impact, and the elements it was found on."""
    found = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in found if v["impact"] in SERIOUS]


def check(page) -> None:
    problems = violations(page)
    assert problems == [], f"accessibility of {page.url}:\n" + "\n".join(problems)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
