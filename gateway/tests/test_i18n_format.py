"""The language switch, the catalogue's fallback and the display formats (Babel, vi and en)."""
from datetime import date, datetime, timezone

import pytest
from flask_babel import refresh

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
        refresh()  # Flask-Babel keeps a request's locale; the switch takes effect on the next request
        assert translate("Bước {n}: {name}", n=2, name="X") == "Bước 2: X"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dates(app, lang):
    with app.test_request_context():
        from flask import session

        session["lang"] = lang
        assert formatting.fmt_date(date(2021, 9, 29)) == "29/09/2021"
        # 29/09/2021 20:00 UTC is already 30/09 in Hà Nội
        assert formatting.fmt_date(datetime(2021, 9, 29, 20, 0, tzinfo=timezone.utc)) == "30/09/2021"
        assert formatting.fmt_datetime(datetime(2021, 9, 29, 2, 5, tzinfo=timezone.utc)) == "29/09/2021 09:05"
        half = {"vi": "Sáng", "en": "Morning"}[lang]
        assert formatting.fmt_done(datetime(2021, 9, 29, 2, 5, tzinfo=timezone.utc), "Sáng") == f"{half} 29/09/2021"
        assert formatting.fmt_done(None, "Sáng") == ""
        assert formatting.fmt_date(None) == ""


@pytest.mark.parametrize("lang, value, expected", [("vi", 98, "98,00"), ("vi", 1234.5, "1.234,50"),
                                                   ("en", 98, "98.00"), ("en", 1234.5, "1,234.50"),
                                                   ("vi", None, "")])
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
