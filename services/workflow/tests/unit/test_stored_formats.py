"""Stored JSON carries its format; what older releases wrote still loads, what a newer one wrote is refused."""
import pytest
from eiso_contracts.dossier import Assignment

from eiso_workflow import repository, stored
from eiso_workflow.catalogue import load_catalogue

# Exactly what the release before format 2 stored (bare bodies), taken from a database of that release.
FORMAT_1_DRAFT = {"comment": "Đang xem", "attachments": ["f-1"],
                  "next": {"department_id": "d-vp", "handler_id": "u-sec", "deadline": "2026-11-30"},
                  "content": {"year": 2026, "motto": "Nháp", "statements": ["Một"]}}
FORMAT_1_NEXT = {"department_id": "d-vp", "handler_id": "u-sec", "deadline": "2026-11-30"}


def definition_body():
    from pathlib import Path

    import eiso_workflow
    folder = Path(eiso_workflow.__file__).parent / "definitions"
    return load_catalogue(folder).get("1").model_dump(mode="json")


def test_what_is_written_now_says_its_format_and_reads_back():
    for kind, body in (("draft", FORMAT_1_DRAFT), ("next", FORMAT_1_NEXT), ("definition", definition_body())):
        document = stored.wrap(kind, body)
        assert document["format"] == stored.FORMAT == 3 and document["kind"] == kind
        assert stored.unwrap(kind, document) == body
    assert stored.wrap("draft", None) is None and stored.unwrap("draft", None) is None


def test_a_format_1_draft_route_and_definition_load_as_they_did():
    draft = repository._draft(FORMAT_1_DRAFT)
    assert (draft.comment, draft.attachments, draft.content["motto"]) == ("Đang xem", ("f-1",), "Nháp")
    assert draft.next == Assignment.model_validate(FORMAT_1_NEXT)
    assert repository._next(FORMAT_1_NEXT) == Assignment.model_validate(FORMAT_1_NEXT)
    assert repository._dossier_type(definition_body()).code == "1"
    # ... and the same through the current format
    assert repository._draft(stored.wrap("draft", FORMAT_1_DRAFT)) == draft


def test_the_chain_runs_every_step_up_to_the_current_format(monkeypatch):
    monkeypatch.setattr(stored, "FORMAT", 4)
    monkeypatch.setitem(stored.MIGRATIONS, "next", {1: stored._envelope_only, 2: stored._unchanged,
                                                   3: lambda body: {**body, "department_id": body["department_id"].upper()}})
    assert stored.unwrap("next", FORMAT_1_NEXT)["department_id"] == "D-VP"
    assert stored.unwrap("next", {"format": 2, "kind": "next", "body": FORMAT_1_NEXT})["department_id"] == "D-VP"


def test_a_format_2_definition_loads_its_steps_without_a_reason_rule():
    """Format 3 added ``reject_needs_reason`` to steps; a definition stored before it reads as false."""
    body = definition_body()
    older = dict(body, steps=[{k: v for k, v in step.items() if k != "reject_needs_reason"} for step in body["steps"]])
    upgraded = stored.unwrap("definition", {"format": 2, "kind": "definition", "body": older})
    assert [step["reject_needs_reason"] for step in upgraded["steps"]] == [False, False, False]
    assert repository._dossier_type({"format": 2, "kind": "definition", "body": older}).code == "1"


def test_a_document_of_a_newer_release_is_refused_not_misread():
    with pytest.raises(stored.StoredFormatTooNew, match="format 9"):
        stored.unwrap("draft", {"format": 9, "kind": "draft", "body": {}})
    with pytest.raises(ValueError):
        stored.unwrap("draft", {"format": 2, "kind": "next", "body": {}})
