"""The policy follows its dossier: every transition, version ordering, commuting events, supersede."""
import copy
from datetime import timedelta

import pytest
from eiso_contracts.dossier import DossierRef
from eiso_contracts.events.quality import (PolicyApproved, PolicyIssued, PolicyRejected, PolicyReturned,
                                           PolicyRevised)
from eiso_contracts.events.workflow import DossierOverdue, DossierStepEntered

from eiso_quality.domain import InconsistentFact, apply_fact, fact_from_event, new_policy
from eiso_quality.domain.policy import APPROVED, ISSUED, REJECTED, RETURNED, SUBMITTED, SUPERSEDED

CODE = "1-2026-1-SONGANH"


@pytest.fixture
def policy(samples):
    return new_policy("p1", samples.unit, samples.content(), samples.secretary, samples.t0)


@pytest.fixture
def dossier(dossier_of):
    return dossier_of("p1", code=CODE)


@pytest.fixture
def fact(samples):
    """``fact(event, minute=1)``: the event as the domain sees it, stamped ``minute`` after T0."""
    def make(event, minute: int = 1):
        return fact_from_event(event, at=samples.at(minute))
    return make


@pytest.fixture
def edited(samples):
    return samples.content(motto="Chất lượng - Kỷ cương - Phục vụ",
                           statements=("Phục vụ người dân tận tâm.", "Cải tiến liên tục."))


def types(applied):
    return [type(event) for event in applied.events]


def issued_policy(samples, policy_id, minute, code):
    old = new_policy(policy_id, samples.unit, samples.content(2025), samples.secretary, samples.t0)
    old.status, old.issued_by, old.issued_at = ISSUED, samples.secretary, samples.at(minute)
    old.dossier_code, old.dossier_version = code, 3
    return old


# -- each transition -------------------------------------------------------------------------

def test_opened_records_the_dossier_and_its_version(policy, dossier, fact):
    applied = apply_fact(policy, fact(dossier.opened(v=1)))
    assert (policy.dossier_code, policy.dossier_version, policy.status) == (CODE, 1, SUBMITTED)
    assert applied.events == []
    (change,) = applied.changes
    assert change.action == "dossier_opened"
    assert change.before["dossier_code"] is None and change.after["dossier_code"] == CODE


def test_saved_with_edited_content_makes_a_new_revision_and_keeps_the_status(policy, dossier, fact, edited, samples):
    apply_fact(policy, fact(dossier.opened(v=1)))
    applied = apply_fact(policy, fact(dossier.saved(v=2, content=edited), minute=5))
    assert (policy.status, policy.revision, policy.content) == (SUBMITTED, 2, edited)
    revision = policy.revisions[-1]
    assert (revision.revised_by, revision.revised_at, revision.dossier_step) == (samples.leader, samples.at(5), 2)
    (event,) = applied.events
    assert isinstance(event, PolicyRevised)
    assert (event.revision, event.content, event.revised_by, event.dossier_code) == (2, edited, samples.leader, CODE)
    assert applied.changes[0].action == "revised"


def test_saved_with_the_same_content_is_no_revision(policy, dossier, fact, samples):
    apply_fact(policy, fact(dossier.opened(v=1)))
    applied = apply_fact(policy, fact(dossier.saved(v=2, content=samples.content())))
    assert policy.revision == 1 and applied.events == []


def test_approved_at_the_approval_step_approves_with_the_leaders_edit(policy, dossier, fact, edited, samples):
    apply_fact(policy, fact(dossier.opened(v=1)))
    applied = apply_fact(policy, fact(dossier.approved(v=2, step="approval", content=edited)))
    assert (policy.status, policy.approved_by, policy.revision) == (APPROVED, samples.leader, 2)
    assert types(applied) == [PolicyRevised, PolicyApproved]
    assert applied.events[1].approved_by == samples.leader
    assert applied.changes[0].action == "approved"


def test_returned_goes_back_to_the_secretary_with_the_comment(policy, dossier, fact, samples):
    apply_fact(policy, fact(dossier.opened(v=1)))
    applied = apply_fact(policy, fact(dossier.returned(v=2, comment="Bổ sung căn cứ.")))
    assert policy.status == RETURNED
    (event,) = applied.events
    assert isinstance(event, PolicyReturned)
    assert (event.returned_by, event.comment, event.dossier_code) == (samples.leader, "Bổ sung căn cứ.", CODE)


def test_approved_at_the_draft_step_is_the_resubmission_after_return(policy, dossier, fact, edited, samples):
    apply_fact(policy, fact(dossier.opened(v=1)))
    apply_fact(policy, fact(dossier.returned(v=2)))
    applied = apply_fact(policy, fact(dossier.approved(v=3, step="draft", content=edited)))
    assert (policy.status, policy.revision) == (SUBMITTED, 2)
    assert policy.revisions[-1].dossier_step == 1 and policy.revisions[-1].revised_by == samples.secretary
    assert types(applied) == [PolicyRevised]  # no second PolicySubmitted: that would open another dossier
    assert applied.changes[0].action == "resubmitted"


def test_rejected_closes_the_policy(policy, dossier, fact, edited, samples):
    apply_fact(policy, fact(dossier.opened(v=1)))
    applied = apply_fact(policy, fact(dossier.rejected(v=2, content=edited, comment="Chưa phù hợp.")))
    assert (policy.status, policy.revision) == (REJECTED, 2)
    assert types(applied) == [PolicyRevised, PolicyRejected]
    assert (applied.events[1].rejected_by, applied.events[1].comment) == (samples.leader, "Chưa phù hợp.")
    # Closed: a later fact does not reopen it.
    later = apply_fact(policy, fact(dossier.approved(v=3, step="approval")))
    assert policy.status == REJECTED and later.events == []


def test_completion_issues_the_policy(policy, dossier, fact, samples):
    apply_fact(policy, fact(dossier.opened(v=1)))
    apply_fact(policy, fact(dossier.approved(v=2, step="approval")))
    apply_fact(policy, fact(dossier.approved(v=3, step="issue"), minute=30))
    applied = apply_fact(policy, fact(dossier.completed(v=3), minute=30))
    assert (policy.status, policy.issued_by, policy.issued_at) == (ISSUED, samples.secretary, samples.at(30))
    assert policy.in_force
    (event,) = applied.events
    assert isinstance(event, PolicyIssued)
    assert (event.unit_code, event.issued_by, event.issued_at, event.replaces_policy_id) == (
        samples.unit, samples.secretary, samples.at(30), None)
    assert event.content == policy.content
    assert [c.action for c in applied.changes] == ["issued"]


def test_approval_at_the_issue_step_alone_does_not_issue(policy, dossier, fact):
    apply_fact(policy, fact(dossier.opened(v=1)))
    apply_fact(policy, fact(dossier.approved(v=2, step="approval")))
    applied = apply_fact(policy, fact(dossier.approved(v=3, step="issue")))
    assert policy.status == APPROVED and applied.events == []
    assert policy.dossier_version == 3


# -- issuing replaces the unit's policy in force ----------------------------------------------

def test_issuing_supersedes_the_units_previous_policy_first(policy, dossier, fact, samples):
    old = issued_policy(samples, "p0", minute=-600, code="1-2025-1-SONGANH")
    apply_fact(policy, fact(dossier.opened(v=1)))
    applied = apply_fact(policy, fact(dossier.completed(v=3), minute=60), in_force=old)
    assert (old.status, policy.status) == (SUPERSEDED, ISSUED)
    assert [(c.policy.id, c.action) for c in applied.changes] == [("p0", "superseded"), ("p1", "issued")]
    assert applied.changes[0].before["status"] == ISSUED and applied.changes[0].after["status"] == SUPERSEDED
    (event,) = applied.events
    assert event.replaces_policy_id == "p0"


def test_completions_of_two_dossiers_out_of_order_keep_the_newer_policy_in_force(policy, dossier, fact, samples):
    newer = issued_policy(samples, "p9", minute=120, code="1-2026-2-SONGANH")
    apply_fact(policy, fact(dossier.opened(v=1)))
    applied = apply_fact(policy, fact(dossier.completed(v=3), minute=60), in_force=newer)
    assert (newer.status, policy.status) == (ISSUED, SUPERSEDED)
    assert (policy.issued_by, policy.issued_at) == (samples.secretary, samples.at(60))
    assert applied.events == []
    assert [c.policy.id for c in applied.changes] == ["p1"]


def test_the_policy_in_force_of_another_unit_is_refused(policy, dossier, fact, samples):
    other = issued_policy(samples, "p0", minute=-5, code="1-2025-1-KHAC")
    other.unit_code = "KHAC"
    with pytest.raises(ValueError):
        apply_fact(policy, fact(dossier.completed(v=3)), in_force=other)


# -- ordering: never backwards; one action's events commute ------------------------------------

def test_an_older_version_changes_nothing(policy, dossier, fact, edited):
    apply_fact(policy, fact(dossier.opened(v=1)))
    apply_fact(policy, fact(dossier.approved(v=3, step="approval")))
    before = copy.deepcopy(policy)
    late_save = apply_fact(policy, fact(dossier.saved(v=2, content=edited)))
    late_return = apply_fact(policy, fact(dossier.returned(v=2)))
    assert late_save.changes == late_return.changes == [] and late_save.events == late_return.events == []
    assert policy == before


def test_a_newer_version_applies_even_when_older_ones_never_came(policy, dossier, fact):
    applied = apply_fact(policy, fact(dossier.approved(v=4, step="approval")))
    assert (policy.status, policy.dossier_code, policy.dossier_version) == (APPROVED, CODE, 4)
    assert types(applied) == [PolicyApproved]
    assert apply_fact(policy, fact(dossier.opened(v=1))).changes == []


@pytest.mark.parametrize("with_edit", [False, True])
def test_final_approval_and_completion_commute(samples, dossier, fact, edited, with_edit):
    def run(order):
        policy = new_policy("p1", samples.unit, samples.content(), samples.secretary, samples.t0)
        old = issued_policy(samples, "p0", minute=-600, code="1-2025-1-SONGANH")
        apply_fact(policy, fact(dossier.opened(v=1)))
        apply_fact(policy, fact(dossier.approved(v=2, step="approval")))
        content = edited if with_edit else None
        events = {"approved": dossier.approved(v=3, step="issue", content=content),
                  "completed": dossier.completed(v=3, content=content)}
        emitted = []
        for name in order:
            in_force = old if old.status == ISSUED else None
            emitted += apply_fact(policy, fact(events[name], minute=30), in_force=in_force).events
        return policy, old, emitted

    a, a_old, a_events = run(["approved", "completed"])
    b, b_old, b_events = run(["completed", "approved"])
    assert a == b and a_old == b_old
    assert a.status == ISSUED and a_old.status == SUPERSEDED
    assert a.revision == (2 if with_edit else 1)
    assert sorted(type(e).__name__ for e in a_events) == sorted(type(e).__name__ for e in b_events)
    (issued_a,) = [e for e in a_events if isinstance(e, PolicyIssued)]
    (issued_b,) = [e for e in b_events if isinstance(e, PolicyIssued)]
    assert issued_a == issued_b


def test_a_second_completion_changes_nothing(policy, dossier, fact):
    apply_fact(policy, fact(dossier.completed(v=3)))
    before = copy.deepcopy(policy)
    again = apply_fact(policy, fact(dossier.completed(v=3), minute=9))
    assert again.changes == [] and again.events == [] and policy == before


def test_same_version_repeated_approval_is_announced_once(policy, dossier, fact):
    first = apply_fact(policy, fact(dossier.approved(v=2, step="approval")))
    second = apply_fact(policy, fact(dossier.approved(v=2, step="approval")))
    assert types(first) == [PolicyApproved] and second.events == [] and second.changes == []


# -- facts that are not for us, or cannot be ---------------------------------------------------

def test_events_about_other_artefacts_or_not_about_progress_are_not_facts(dossier_of, fact, samples):
    assert fact(dossier_of("d1", service="documents", kind="document").opened(v=1)) is None
    assert fact(dossier_of("o1", kind="objectives").approved(v=2, step="approval")) is None
    ref = dossier_of("p1").ref(2)
    step = dossier_of("p1").assignment("approval", samples.leader)
    assert fact(DossierOverdue(dossier=ref, current=step)) is None
    assert fact(DossierStepEntered(dossier=ref, current=step)) is None


def test_a_fact_of_another_unit_or_another_dossier_is_inconsistent(policy, dossier_of, fact):
    with pytest.raises(InconsistentFact):
        apply_fact(policy, fact(dossier_of("p1", unit_code="KHAC").opened(v=1)))
    apply_fact(policy, fact(dossier_of("p1", code=CODE).opened(v=1)))
    with pytest.raises(InconsistentFact):
        apply_fact(policy, fact(dossier_of("p1", code="1-2026-7-SONGANH").approved(v=2, step="approval")))
    with pytest.raises(InconsistentFact):
        apply_fact(policy, fact(dossier_of("p2", code=CODE).approved(v=2, step="approval")))


def test_content_the_policy_cannot_hold_is_inconsistent(dossier, samples):
    event = dossier.saved(v=2)
    bad = event.model_copy(update={"content": {"year": 2026, "motto": "", "statements": []}})
    with pytest.raises(InconsistentFact):
        fact_from_event(bad, at=samples.t0)


def test_the_fact_keeps_who_when_and_which_step(dossier, samples):
    saved = fact_from_event(dossier.saved(v=2, content=samples.content()), at=samples.t0 + timedelta(hours=1))
    assert (saved.kind, saved.actor_id, saved.step_number, saved.step_key, saved.version) == (
        "saved", samples.leader, 2, "approval", 2)
    opened = fact_from_event(dossier.opened(v=1), at=samples.t0)
    assert (opened.actor_id, opened.step_number) == (samples.secretary, None)
    assert isinstance(dossier.ref(1), DossierRef)
