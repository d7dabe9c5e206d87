"""The gateway's gettext catalogue: extract (pybabel), update the English, compile, and check.

``python -m eiso_gateway.catalogue missing``  lists every msgid still missing in English (exit 1 if any);
``python -m eiso_gateway.catalogue update``   re-extracts ``translations/messages.pot`` from the code and
                                         templates, merges it into ``en/LC_MESSAGES/messages.po`` (new
                                         entries empty, gone ones dropped) and compiles the ``.mo``;
``python -m eiso_gateway.catalogue check``    what the tests check: the .pot, the .po and the .mo agree with
                                         the code, every entry has its English, placeholders match.

The same extraction by hand, from ``gateway/eiso_gateway``:
``pybabel extract -F babel.cfg -k N_ -k flash -k invalid:2 -k InvalidInput -k Forbidden -k NotFound
-k Conflict -k AuthenticationFailed -k PayloadTooLarge --no-location --omit-header --sort-output
-o translations/messages.pot .``

The compiled ``.mo`` is committed (the images and ``./eiso run`` need no build step), so ``check``
compiles the ``.po`` in memory and fails when the committed ``.mo`` differs.
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from datetime import datetime, timezone

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).parent
CONFIG = ROOT / "babel.cfg"
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGUAGES = ("en",)
# Calls whose first (or given) argument is a text a person reads.
KEYWORDS = {"_": None, "N_": None, "flash": None, "invalid": (2,), "InvalidInput": None, "Forbidden": None,
            "NotFound": None, "Conflict": None, "AuthenticationFailed": None, "PayloadTooLarge": None}
PLACEHOLDER = re.compile(r"{\w+}")
# Fixed header dates: the files change only when the texts do.
DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    """The template catalogue of every text in the code and templates (what ``pybabel extract`` finds)."""
    with CONFIG.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project="eISO gateway", version="1", charset="utf-8", fuzzy=False, creation_date=DATE,
                      revision_date=DATE)
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            catalog.add(message, context=context)
    return catalog


def _dump_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, no_location=True, sort_output=True)
    return out.getvalue()


def _dump_mo(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def missing(language: str = "en") -> list[str]:
    """msgids of the code and templates with no (or a fuzzy) entry in ``language``."""
    translated = read(language) if po_path(language).exists() else Catalog(locale=language)
    result = []
    for message in extract():
        if not message.id:
            continue
        entry = translated.get(message.id)
        if entry is None or not entry.string or entry.fuzzy:
            result.append(message.id)
    return sorted(result)


def update() -> None:
    """Write the .pot, merge it into each language's .po, compile each .mo."""
    template = extract()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(_dump_po(template))
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read(language) if path.exists() else Catalog(locale=language, project="eISO gateway",
                                                                  version="1", creation_date=DATE)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = catalog.revision_date = DATE
        catalog.fuzzy = False
        catalog.obsolete.clear()
        path.write_bytes(_dump_po(catalog))
        mo_path(language).write_bytes(_dump_mo(read(language)))


def check() -> list[str]:
    """Every way the committed catalogue disagrees with the code; empty when all is in step."""
    problems = []
    template = extract()
    wanted = {m.id for m in template if m.id}
    if not POT.exists() or POT.read_bytes() != _dump_po(template):
        problems.append(f"{POT.name} is not what the code extracts: run python -m eiso_gateway.catalogue update")
    for language in LANGUAGES:
        catalog = read(language)
        have = {m.id for m in catalog if m.id}
        problems += [f"{language}: no entry for {i!r}" for i in sorted(wanted - have)]
        problems += [f"{language}: entry no longer in the code {i!r}" for i in sorted(have - wanted)]
        for message in catalog:
            if not message.id:
                continue
            if not message.string or message.fuzzy:
                problems.append(f"{language}: no {language} text for {message.id!r}")
            elif set(PLACEHOLDER.findall(message.id)) != set(PLACEHOLDER.findall(message.string)):
                problems.append(f"{language}: placeholders differ in {message.id!r}")
        if not mo_path(language).exists() or mo_path(language).read_bytes() != _dump_mo(catalog):
            problems.append(f"{mo_path(language).name} of {language} is stale: run python -m eiso_gateway.catalogue update")
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else "missing"
    if command == "missing":
        found = missing()
        for msgid in found:
            print(msgid)
        print(f"{len(found)} string(s) missing in English", file=sys.stderr)
        return 1 if found else 0
    if command == "update":
        update()
        print(f"updated {POT.name} and the .po/.mo of {', '.join(LANGUAGES)}")
        return 0
    if command == "check":
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    print("usage: python -m eiso_gateway.catalogue [missing|update|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
