"""Vietnamese first, English from a gettext catalogue (Flask-Babel).

Every text in the code and templates is the Vietnamese label of the user's
manual; it is also the msgid. ``_("Trang chủ")`` returns the English entry of
``translations/en/LC_MESSAGES/messages.po`` when the session's language is
English and the entry exists, otherwise the Vietnamese text: an untranslated
string is never blank, it stays Vietnamese. Values go in ``{name}``
placeholders (``_("Bước {n}: {name}", n=2, name=...)``). Labels that come from
the services (step names, status labels) go through the same lookup; they are
marked for extraction in ``labels.py``. Texts defined as data are marked with
``N_`` where they are defined.

The catalogue: ``python -m eiso_gateway.catalogue missing`` lists every
string still missing in English; ``python -m eiso_gateway.catalogue update``
re-extracts ``messages.pot`` (pybabel), updates ``en/.../messages.po`` and
compiles the ``.mo``.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, has_app_context, has_request_context, session
from flask_babel import Babel, gettext

LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT = "vi"
TRANSLATIONS = Path(__file__).parent / "translations"

babel = Babel()


def N_(text: str) -> str:
    """Mark a text for extraction where it is defined; it is translated where it is shown."""
    return text


def current_language() -> str:
    if has_request_context():
        lang = session.get("lang")
        if lang in LANGUAGES:
            return lang
    return DEFAULT


def translate(text: str | None, **values) -> str:
    """The text in the session's language (Vietnamese fallback), with ``{name}`` filled in."""
    if not text:
        return ""
    result = gettext(text) if has_app_context() and "babel" in current_app.extensions else text
    if values:
        try:
            result = result.format(**values)
        except (KeyError, IndexError, ValueError):
            result = text.format(**values)
    return result


_ = translate


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=current_language,
                   timezone_selector=lambda: app.config.get("EISO_TIMEZONE", "Asia/Ho_Chi_Minh"))

    @app.context_processor
    def language_globals():
        return {"_": translate, "languages": LANGUAGES, "lang": current_language()}
