"""The language switch, the catalogue's fallback and the display formats."""
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from eiso_gateway import formatting
from eiso_gateway.i18n import translate


def test_english_menu_and_vietnamese_fallback(client, auth):
    auth.login()
    token = auth.csrf("/")
    client.post("/language", data={"lang": "en", "csrf_token": token, "next": "/dossiers/"})
    html = client.get("/dossiers/").get_data(as_text=True)
    assert "ISO activity control" in html and "Quality policy" in html and "Internal audit" in html
    assert "Not in this release" in html
    assert "Chính sách chất lượng năm 2026" in html  # data stays as it is
    client.post("/language", data={"lang": "vi", "csrf_token": auth.csrf("/"), "next": "/"})
    assert "Kiểm soát hoạt động ISO" in client.get("/").get_data(as_text=True)


def test_unknown_language_is_ignored(client, auth):
    token = auth.csrf("/login")
    client.post("/language", data={"lang": "fr", "csrf_token": token})
    assert 'lang="vi"' in client.get("/login").get_data(as_text=True)


def test_untranslated_text_falls_back_to_vietnamese(app):
    with app.test_request_context():
        from flask import session

        session["lang"] = "en"
        assert translate("Trang chủ") == "Home"
        assert translate("Một câu chưa dịch") == "Một câu chưa dịch"
        assert translate("Bước {n}: {name}", n=2, name="X") == "Step 2: X"
        session["lang"] = "vi"
        assert translate("Bước {n}: {name}", n=2, name="X") == "Bước 2: X"


def test_catalogue_placeholders_match():
    import re

    catalogue = json.loads((Path(formatting.__file__).parent / "i18n" / "en.json").read_text(encoding="utf-8"))
    for vi, en in catalogue.items():
        assert set(re.findall(r"{\w+}", vi)) == set(re.findall(r"{\w+}", en)), vi


def test_dates(app):
    with app.test_request_context():
        assert formatting.fmt_date(date(2021, 9, 29)) == "29/09/2021"
        # 29/09/2021 20:00 UTC is already 30/09 in Hà Nội
        assert formatting.fmt_date(datetime(2021, 9, 29, 20, 0, tzinfo=timezone.utc)) == "30/09/2021"
        assert formatting.fmt_datetime(datetime(2021, 9, 29, 2, 5, tzinfo=timezone.utc)) == "29/09/2021 09:05"
        assert formatting.fmt_done(datetime(2021, 9, 29, 2, 5, tzinfo=timezone.utc), "Sáng") == "Sáng 29/09/2021"
        assert formatting.fmt_done(None, "Sáng") == ""
        assert formatting.fmt_date(None) == ""


@pytest.mark.parametrize("lang, value, expected", [("vi", 98, "98,00"), ("vi", 1234.5, "1.234,50"),
                                                   ("en", 98, "98.00"), ("vi", None, "")])
def test_percent_with_decimal_comma(app, lang, value, expected):
    with app.test_request_context():
        from flask import session

        session["lang"] = lang
        assert formatting.fmt_percent(value) == expected


@pytest.mark.parametrize("text, expected", [("2021-09-29", date(2021, 9, 29)), ("29/09/2021", date(2021, 9, 29)),
                                            ("", None), ("31/02/2021", None), ("hôm nay", None)])
def test_parse_date(text, expected):
    assert formatting.parse_date(text) == expected


def test_working_days_skip_the_weekend():
    friday = date(2026, 3, 6)
    assert formatting.add_working_days(friday, 1) == date(2026, 3, 9)
    assert formatting.add_working_days(friday, 0) == friday


def test_every_label_of_the_templates_and_menu_is_in_the_catalogue():
    """English is complete for the gateway's own texts (data and service messages may stay Vietnamese)."""
    import re

    from eiso_gateway.areas.dossiers.timeline import LEGEND
    from eiso_gateway.errors import PAGES
    from eiso_gateway.pages.menu import MENU

    root = Path(formatting.__file__).parent
    catalogue = json.loads((root / "i18n" / "en.json").read_text(encoding="utf-8"))
    texts = set()
    for template in root.rglob("templates/**/*.html"):
        texts |= set(re.findall(r'_\("([^"]+)"', template.read_text(encoding="utf-8")))
        texts |= set(re.findall(r"_\('([^']+)'", template.read_text(encoding="utf-8")))
    texts |= {item.label for item in MENU} | {c.label for item in MENU for c in item.children}
    texts |= {text for pair in PAGES.values() for text in pair} | {label for _, label in LEGEND}
    assert sorted(texts - set(catalogue)) == []
