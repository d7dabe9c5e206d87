"""The year's programme over RPC: the secretary drafts, the leader approves, a change needs approval again."""
import pytest
from eiso_contracts.errors import AlreadyProcessed, AuthenticationFailed, Forbidden, InvalidInput

from audit_samples import KH, TTS, VP, YEAR, PEOPLE, actor


def grid(*cells):
    return [{"month": m, "department_id": d} for m, d in cells]


def test_drafted_approved_then_revised_the_approved_revision_stays_until_the_new_one_is(system):
    audit = system.audit
    assert audit.get_programme(actor("lead"), YEAR) is None
    drafted = audit.draft_programme({"actor": actor("sec"), "year": YEAR, "entries": grid((3, KH), (3, VP), (9, TTS))})
    assert drafted["approved"] is None
    assert drafted["pending"]["revision"] == 1 and drafted["pending"]["status_label"] == "Chờ phê duyệt"

    approved = audit.approve_programme({"actor": actor("lead"), "year": YEAR, "revision": 1})
    assert approved["pending"] is None
    assert approved["approved"]["status_label"] == "Đã phê duyệt"
    assert approved["approved"]["approved_by"] == "lead"
    assert approved["planned"] == 3 and approved["done"] == 0
    assert {c["state_label"] for c in approved["progress"]} == {"Chưa lập kế hoạch"}

    revised = audit.draft_programme({"actor": actor("sec"), "year": YEAR, "entries": grid((4, KH), (9, TTS))})
    assert revised["pending"]["revision"] == 2
    assert revised["approved"]["revision"] == 1            # still in force
    assert len(revised["approved"]["entries"]) == 3

    with pytest.raises(AlreadyProcessed):                  # the leader looked at revision 1, not 2
        audit.approve_programme({"actor": actor("lead"), "year": YEAR, "revision": 1})
    final = audit.approve_programme({"actor": actor("lead"), "year": YEAR, "revision": 2})
    assert final["approved"]["revision"] == 2 and final["pending"] is None
    assert [(e["month"], e["department_id"]) for e in final["approved"]["entries"]] == [(4, KH), (9, TTS)]
    assert system.outbox_types() == ["audit.programme.drafted.v1", "audit.programme.approved.v1",
                                     "audit.programme.drafted.v1", "audit.programme.approved.v1"]


def test_only_the_secretary_drafts_and_only_the_leader_approves(system):
    audit = system.audit
    with pytest.raises(Forbidden):
        audit.draft_programme({"actor": actor("lead"), "year": YEAR, "entries": grid((1, KH))})
    audit.draft_programme({"actor": actor("sec"), "year": YEAR, "entries": grid((1, KH))})
    with pytest.raises(Forbidden):
        audit.approve_programme({"actor": actor("sec"), "year": YEAR, "revision": 1})
    assert audit.get_programme(actor("lead"), YEAR)["approved"] is None
    assert system.outbox_types() == ["audit.programme.drafted.v1"]


def test_bad_input_is_refused_and_changes_nothing(system):
    audit = system.audit
    for entries in (grid((13, KH)), grid((1, "d-other")), []):
        with pytest.raises(InvalidInput):
            audit.draft_programme({"actor": actor("sec"), "year": YEAR, "entries": entries})
    assert audit.get_programme(actor("sec"), YEAR) is None
    assert system.outbox_types() == []


def test_another_units_programme_is_not_visible_and_unsigned_actors_are_refused(system):
    audit = system.audit
    audit.draft_programme({"actor": actor("sec"), "year": YEAR, "entries": grid((2, KH))})
    assert audit.get_programme(actor("other"), YEAR) is None
    person = PEOPLE["lead"]
    unsigned = {"id": person.id, "unit_code": person.unit_code, "roles": person.roles}
    with pytest.raises(AuthenticationFailed):
        audit.approve_programme({"actor": unsigned, "year": YEAR, "revision": 1})
