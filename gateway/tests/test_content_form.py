"""The content form follows the contract's model: its fields, its limits and its messages, per field."""
import pytest
from eiso_contracts.content import PolicyContent

from eiso_gateway.flow.content import ContentForm
from eiso_gateway.pages.forms import FormInvalid

FORM = ContentForm(PolicyContent)
GOOD = {"year": "2026", "motto": "Chất lượng", "statements": "Một\n\n  Hai  \n"}


def errors(app, **fields):
    with app.test_request_context():
        with pytest.raises(FormInvalid) as refused:
            FORM.content_of({**GOOD, **fields})
    return [(e.field, e.message) for e in refused.value.errors]


def test_fields_come_from_the_model():
    assert FORM.names == ("year", "motto", "statements")
    assert FORM.fields_of({"year": 2026, "motto": "M", "statements": ["A", "B"]}) == {
        "year": "2026", "motto": "M", "statements": "A\nB"}
    assert FORM.fields_of(None) == {"year": "", "motto": "", "statements": ""}


def test_good_fields_become_the_contract_content(app):
    with app.test_request_context():
        assert FORM.content_of(GOOD) == {"year": 2026, "motto": "Chất lượng", "statements": ["Một", "Hai"]}


@pytest.mark.parametrize("fields, expected", [
    ({"motto": "   "}, [("content_motto", "Phương châm: không được để trống")]),
    ({"statements": "\n\n"}, [("content_statements", "Chính sách: không được để trống")]),
    ({"year": "1999"}, [("content_year", "Năm: phải từ 2000 đến 2100")]),
    ({"year": "năm nay"}, [("content_year", "Năm: phải là một số nguyên")]),
    ({"motto": "x" * 501}, [("content_motto", "Phương châm: tối đa 500 ký tự")]),
    ({"statements": "\n".join(["x"] * 31)}, [("content_statements", "Chính sách: tối đa 30 dòng")]),
    ({"statements": "x" * 501}, [("content_statements", "Chính sách: mỗi nội dung chính sách tối đa 500 ký tự")]),
    ({"motto": "", "year": ""}, [("content_year", "Năm: phải là một số nguyên"),
                                 ("content_motto", "Phương châm: không được để trống")]),
])
def test_each_refused_field_is_named_with_its_title(app, fields, expected):
    assert errors(app, **fields) == expected


def test_messages_are_english_in_english(app):
    with app.test_request_context():
        from flask import session

        session["lang"] = "en"
        with pytest.raises(FormInvalid) as refused:
            FORM.content_of({**GOOD, "motto": ""})
    assert [e.message for e in refused.value.errors] == ["Motto: must not be empty"]


def test_the_policy_form_marks_the_refused_field_and_focuses_the_summary(client, auth):
    from test_quality import NEW, draft

    auth.login_as("secretary")
    html = client.post(NEW, data=draft(auth, content_motto="  ")).get_data(as_text=True)
    assert 'id="form-error" tabindex="-1" data-error-summary' in html
    assert '<a href="#content_motto">Phương châm: không được để trống</a>' in html
    assert 'name="content_motto" rows="2" maxlength="500" required aria-invalid="true" ' \
           'aria-describedby="content_motto-error">' in html
    assert '<p class="field-error" id="content_motto-error">Phương châm: không được để trống</p>' in html
    assert 'id="content_statements"' in html and 'aria-describedby="statements_help"' in html  # not marked


def test_a_routing_refusal_marks_its_own_field(client, auth):
    from test_quality import NEW, draft

    auth.login_as("secretary")
    html = client.post(NEW, data=draft(auth, next_handler_id="")).get_data(as_text=True)
    assert 'id="next_handler_id" name="next_handler_id" data-filter-by="next_department_id" aria-invalid="true"' in html
    assert '<p class="field-error" id="next_handler_id-error">' in html
