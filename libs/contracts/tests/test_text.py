"""Control characters never cross the bus (PostgreSQL refuses NUL; nobody types one on purpose)."""
import re

import pytest
from pydantic import ValidationError

from eiso_contracts.base import NO_CONTROL_PATTERN
from eiso_contracts.content import PolicyContent
from eiso_contracts.dossier import ArtefactRef
from eiso_contracts.rpc.context import Credentials
from eiso_contracts.rpc.workflow import ActCommand

ACTOR = {"id": "u1", "unit_code": "SONGANH", "roles": ["leader"]}


@pytest.mark.parametrize("build", [
    lambda bad: Credentials(username=bad, password="x"),
    lambda bad: PolicyContent(year=2026, motto=bad, statements=["a"]),
    lambda bad: PolicyContent(year=2026, motto="m", statements=["a", bad]),
    lambda bad: ActCommand(code="1-2026-1-X", actor=ACTOR, expected_version=1, action="save", comment=bad),
    lambda bad: ActCommand(code="1-2026-1-X", actor=ACTOR, expected_version=1, action="save",
                           content={"motto": bad}),
    lambda bad: ArtefactRef(service="quality", kind="policy", id="1", title=bad),
])
@pytest.mark.parametrize("bad", ["a\x00b", "\x1b[31m", "x\x7f"])
def test_control_characters_are_refused_anywhere(build, bad):
    with pytest.raises(ValidationError, match="ký tự điều khiển"):
        build(bad)


def test_line_breaks_and_tabs_are_text():
    content = PolicyContent(year=2026, motto="Phương châm\tmột\r\nhai", statements=["Một"])
    assert "\t" in content.motto


def test_identifiers_are_bounded():
    with pytest.raises(ValidationError):
        ActCommand(code="1-2026-1-X", actor=ACTOR, expected_version=1, action="save", attachments=["f" * 65])


def _patterns(schema):
    """Every pattern a schema states for its text (properties, list items, dict keys, alternatives)."""
    if isinstance(schema, dict):
        if "pattern" in schema:
            yield schema["pattern"]
        for value in schema.values():
            yield from _patterns(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _patterns(item)


@pytest.mark.parametrize("model, path", [
    (Credentials, ("properties", "username")),
    (PolicyContent, ("properties", "statements", "items")),
    (ActCommand, ("properties", "comment")),
    (ArtefactRef, ("properties", "title")),
])
def test_the_json_schema_states_the_rule(model, path):
    schema = model.model_json_schema()
    for key in path:
        schema = schema[key]
    assert NO_CONTROL_PATTERN in set(_patterns(schema))


@pytest.mark.parametrize("code", range(0x80))
def test_the_stated_pattern_is_the_validator(code):
    """The pattern and the validator accept and refuse the same characters (ECMA-262 reads it as Python does)."""
    text = f"a{chr(code)}b"
    try:
        Credentials(username=text, password="x")
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == bool(re.fullmatch(NO_CONTROL_PATTERN, text)), repr(text)
