"""Control characters never cross the bus (PostgreSQL refuses NUL; nobody types one on purpose)."""
import pytest
from pydantic import ValidationError

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
