"""Vietnamese first, English from a small catalogue.

Every text in the code and templates is the Vietnamese label of the user's
manual; it is also the catalogue key. ``_("Trang chủ")`` returns the English
entry when the session's language is English and the entry exists, otherwise
the Vietnamese text: an untranslated string is never blank, it stays Vietnamese.
Labels that come from the services (step names, status labels) go through the
same lookup, so the catalogue can cover them too.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask import Flask, has_request_context, session

LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT = "vi"
_DIR = Path(__file__).parent / "i18n"


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    if language == DEFAULT:
        return {}
    path = _DIR / f"{language}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def current_language() -> str:
    if has_request_context():
        lang = session.get("lang")
        if lang in LANGUAGES:
            return lang
    return DEFAULT


def translate(text: str | None, **values) -> str:
    """The text in the session's language (Vietnamese fallback), with ``{name}`` filled in."""
    if text is None:
        return ""
    result = catalogue(current_language()).get(text, text) or text
    if values:
        try:
            result = result.format(**values)
        except (KeyError, IndexError, ValueError):
            result = text.format(**values)
    return result


_ = translate


def init_app(app: Flask) -> None:
    @app.context_processor
    def language_globals():
        return {"_": translate, "languages": LANGUAGES, "lang": current_language()}
