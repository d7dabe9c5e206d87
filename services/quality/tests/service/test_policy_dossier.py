"""A policy follows its dossier: every transition, in the workflow's order whatever the arrival order.

Facts go through the real follower, transitions and repository on a migrated SQLite database (no bus).
"""
import random

import pytest
from eiso_contracts.events.workflow import DossierOverdue, DossierStepEntered
from sqlalchemy import select

from eiso_kit.db import Database
from eiso_kit.dossiers import InconsistentFact
from eiso_kit.testing.database import received, standalone
from eiso_quality import models
from eiso_quality.policy import repository
from eiso_quality.policy.aggregate import APPROVED, ISSUED, REJECTED, RETURNED, SUBMITTED, SUPERSEDED, new_policy
from eiso_quality.service import FOLLOWER

CODE = "1-2026-1-SONGANH"


class Quality:
    """The quality service's database and its follower, fed with workflow events by hand."""

    def __init__(self, db, samples):
        self.db, self.samples = db, samples

    def add(self, policy_id="p1", unit=None, year=2026, status=SUBMITTED, issued_minute=None, code=None):
        policy = new_policy(policy_id, unit or self.samples.unit, self.samples.content(year),
                            self.samples.secretary, self.samples.t0)
        if status != SUBMITTED:
            policy.status, policy.issued_by = status, self.samples.secretary
            policy.issued_at = self.samples.at(issued_minute) if issued_minute is not None else None
            policy.dossier_code = code
        with self.db.transaction() as tx:
            repository.add(tx.session, policy)
        return policy

    def follow(self, event, minute=1, event_id=None):
        """Deliver one workflow event; return the owner's events it emitted (data objects)."""
        delivered = received(event, at=self.samples.at(minute), consumer="eiso.quality.dossier_progress",
                             event_id=event_id)
        before = len(self.outbox())
        FOLLOWER.follow(self.db, delivered)
        return self.outbox()[before:]

    def outbox(self):
        table = models.plumbing.outbox
        with self.db.read() as session:
            return [row for row in session.execute(select(table.c.type, table.c.body).order_by(table.c.seq))]

    def emitted_types(self):
        return [row.type.removeprefix("vn.eiso.") for row in self.outbox()]

    def policy(self, policy_id="p1"):
        with self.db.read() as session:
            return repository.get(session, policy_id)

    def audit(self):
        table = models.plumbing.audit
        with self.db.read() as session:
            return [(row.aggregate_id, row.action) for row in
                    session.execute(select(table.c.aggregate_id, table.c.action).order_by(table.c.seq))]


@pytest.fixture
def quality(tmp_path, make_settings, samples):
    database = Database(models.metadata, migrations=models.MIGRATIONS)
    db = standalone(database, f"sqlite:///{tmp_path}/quality.sqlite3", make_settings(), "quality")
    yield Quality(db, samples)
    database.stop()


@pytest.fixture
def dossier(dossier_of):
    return dossier_of("p1", code=CODE)


@pytest.fixture
def edited(samples):
    return samples.content(motto="Chất lượng - Kỷ cương - Phục vụ",
                           statements=("Phục vụ người dân tận tâm.", "Cải tiến liên tục."))


def kinds(rows):
    return [row.type.removeprefix("vn.eiso.") for row in rows]


# -- each transition -------------------------------------------------------------------------

def test_opened_records_the_dossier(quality, dossier):
    quality.add()
    assert quality.follow(dossier.opened(v=1)) == []
    policy = quality.policy()
    assert (policy.dossier_code, policy.dossier_version, policy.status) == (CODE, 1, SUBMITTED)
    assert quality.audit()[-1] == ("p1", "dossier_opened")


def test_saved_with_edited_content_makes_a_new_revision_and_keeps_the_status(quality, dossier, edited, samples):
    quality.add()
    quality.follow(dossier.opened(v=1))
    assert kinds(quality.follow(dossier.saved(v=2, content=edited), minute=5)) == ["quality.policy.revised.v1"]
    policy = quality.policy()
    assert (policy.status, policy.revision, policy.content) == (SUBMITTED, 2, edited)
    revision = policy.revisions[-1]
    assert (revision.revised_by, revision.revised_at, revision.dossier_step) == (samples.leader, samples.at(5), 2)
    assert quality.audit()[-1] == ("p1", "revised")


def test_saved_with_the_same_content_is_no_revision(quality, dossier, samples):
    quality.add()
    quality.follow(dossier.opened(v=1))
    assert quality.follow(dossier.saved(v=2, content=samples.content())) == []
    assert quality.policy().revision == 1


def test_approved_at_the_approval_step_approves_with_the_leaders_edit(quality, dossier, edited, samples):
    quality.add()
    quality.follow(dossier.opened(v=1))
    assert kinds(quality.follow(dossier.approved(v=2, step="approval", content=edited))) == [
        "quality.policy.revised.v1"]  # the approval itself is the workflow's fact
    policy = quality.policy()
    assert (policy.status, policy.approved_by, policy.revision) == (APPROVED, samples.leader, 2)
    assert quality.audit()[-1] == ("p1", "approved")


def test_returned_then_resubmitted_with_an_edit(quality, dossier, edited, samples):
    quality.add()
    quality.follow(dossier.opened(v=1))
    quality.follow(dossier.returned(v=2, comment="Bổ sung căn cứ."))
    assert quality.policy().status == RETURNED
    emitted = quality.follow(dossier.approved(v=3, step="draft", content=edited))
    assert kinds(emitted) == ["quality.policy.revised.v1"]  # no second "submitted": that would open a dossier
    policy = quality.policy()
    assert (policy.status, policy.revision) == (SUBMITTED, 2)
    assert policy.revisions[-1].dossier_step == 1 and policy.revisions[-1].revised_by == samples.secretary
    assert quality.audit()[-1] == ("p1", "resubmitted")


def test_rejected_closes_the_policy(quality, dossier, edited):
    quality.add()
    quality.follow(dossier.opened(v=1))
    quality.follow(dossier.rejected(v=2, content=edited, comment="Chưa phù hợp."))
    assert (quality.policy().status, quality.policy().revision) == (REJECTED, 2)


def test_completion_issues_the_policy(quality, dossier, samples):
    quality.add()
    quality.follow(dossier.opened(v=1))
    quality.follow(dossier.approved(v=2, step="approval"))
    assert quality.follow(dossier.approved(v=3, step="issue"), minute=30) == []
    assert quality.policy().status == APPROVED  # the final approval alone does not issue
    (issued,) = quality.follow(dossier.completed(v=3), minute=30)
    policy = quality.policy()
    assert (policy.status, policy.issued_by, policy.issued_at) == (ISSUED, samples.secretary, samples.at(30))
    assert '"replaces_policy_id":null' in issued.body and '"in_force":true' in issued.body


def test_issuing_supersedes_the_units_previous_policy_first(quality, dossier):
    quality.add("p0", year=2025, status=ISSUED, issued_minute=-600, code="1-2025-1-SONGANH")
    quality.add()
    quality.follow(dossier.opened(v=1))
    quality.follow(dossier.approved(v=2, step="approval"))
    quality.follow(dossier.approved(v=3, step="issue"), minute=60)
    (issued,) = quality.follow(dossier.completed(v=3), minute=60)
    assert (quality.policy("p0").status, quality.policy("p1").status) == (SUPERSEDED, ISSUED)
    assert quality.audit()[-2:] == [("p0", "superseded"), ("p1", "issued")]
    assert '"replaces_policy_id":"p0"' in issued.body


def test_a_completion_applied_after_a_newer_one_is_announced_as_issued_and_replaced(quality, dossier):
    """Issue 5, finding 3: the late completion was once marked superseded without any announcement."""
    quality.add("p9", status=ISSUED, issued_minute=120, code="1-2026-2-SONGANH")
    quality.add()
    quality.follow(dossier.opened(v=1))
    quality.follow(dossier.approved(v=2, step="approval"))
    quality.follow(dossier.approved(v=3, step="issue"), minute=60)
    (issued,) = quality.follow(dossier.completed(v=3), minute=60)
    assert (quality.policy("p9").status, quality.policy("p1").status) == (ISSUED, SUPERSEDED)
    assert '"in_force":false' in issued.body and '"superseded_by_policy_id":"p9"' in issued.body


# -- order: the workflow's, whatever the arrival ------------------------------------------------

def test_an_edit_is_never_lost_when_the_next_version_arrives_first(quality, dossier, edited, samples):
    """Issue 5, finding 2: v3 applied before v2 once dropped v2, the only fact carrying the leader's edit."""
    quality.add()
    quality.follow(dossier.opened(v=1))
    assert quality.follow(dossier.approved(v=3, step="issue"), minute=20) == []   # early: waits
    assert quality.follow(dossier.completed(v=3), minute=20) == []
    assert quality.policy().status == SUBMITTED
    emitted = quality.follow(dossier.approved(v=2, step="approval", content=edited), minute=10)
    assert kinds(emitted) == ["quality.policy.revised.v1", "quality.policy.issued.v1"]
    policy = quality.policy()
    assert (policy.status, policy.content, policy.approved_by, policy.revision) == (
        ISSUED, edited, samples.leader, 2)


def test_every_arrival_order_gives_the_same_policy_and_events(tmp_path, make_settings, samples, dossier_of, edited):
    history = [lambda d: d.opened(v=1), lambda d: d.saved(v=2, content=edited),
               lambda d: d.returned(v=3), lambda d: d.approved(v=4, step="draft"),
               lambda d: d.approved(v=5, step="approval"), lambda d: d.approved(v=6, step="issue"),
               lambda d: d.completed(v=6)]
    outcomes = set()
    rng = random.Random(7)
    orders = [list(range(7)), list(reversed(range(7)))] + [rng.sample(range(7), 7) for _ in range(6)]
    for n, order in enumerate(orders):
        database = Database(models.metadata, migrations=models.MIGRATIONS)
        quality = Quality(standalone(database, f"sqlite:///{tmp_path}/q{n}.sqlite3", make_settings(), "quality"),
                          samples)
        quality.add()
        dossier = dossier_of("p1", code=CODE)
        for index in order:
            quality.follow(history[index](dossier), minute=index)
        policy = quality.policy()
        outcomes.add((policy.status, policy.revision, policy.content.motto, tuple(quality.emitted_types()),
                      tuple(quality.audit())))
        database.stop()
    (outcome,) = outcomes
    assert outcome[:2] == (ISSUED, 2)
    assert outcome[3] == ("quality.policy.revised.v1", "quality.policy.issued.v1")


def test_the_same_fact_delivered_twice_is_applied_once(quality, dossier, edited):
    quality.add()
    opened = dossier.opened(v=1)
    quality.follow(opened, event_id="same")
    quality.follow(dossier.saved(v=2, content=edited), event_id="save-1")
    assert quality.follow(dossier.saved(v=2, content=edited), event_id="save-1") == []   # inbox
    assert quality.follow(dossier.saved(v=2, content=edited), event_id="save-2") == []   # behind
    assert quality.policy().revision == 2


# -- facts that are not for us, or cannot be ---------------------------------------------------

def test_events_about_other_artefacts_or_not_about_progress_change_nothing(quality, dossier_of, samples):
    quality.add()
    assert quality.follow(dossier_of("d1", service="documents", kind="document").opened(v=1)) == []
    ref = dossier_of("p1").ref(2)
    step = dossier_of("p1").assignment("approval", samples.leader)
    quality.follow(DossierOverdue(dossier=ref, current=step))
    quality.follow(DossierStepEntered(dossier=ref, current=step))
    assert quality.policy().dossier_code is None and quality.audit() == []


def test_a_fact_of_another_unit_or_another_dossier_is_inconsistent(quality, dossier_of):
    quality.add()
    with pytest.raises(InconsistentFact):
        quality.follow(dossier_of("p1", unit_code="KHAC").opened(v=1))
    quality.follow(dossier_of("p1", code=CODE).opened(v=1))
    with pytest.raises(InconsistentFact):
        quality.follow(dossier_of("p1", code="1-2026-7-SONGANH").opened(v=1))


def test_content_the_policy_cannot_hold_is_inconsistent_and_changes_nothing(quality, dossier):
    quality.add()
    quality.follow(dossier.opened(v=1))
    bad = dossier.saved(v=2).model_copy(update={"content": {"year": 2026, "motto": "", "statements": []}})
    with pytest.raises(InconsistentFact):
        quality.follow(bad)
    assert quality.policy().dossier_version == 1


def test_a_fact_about_a_policy_it_does_not_have_is_kept_for_an_operator(quality, dossier_of):
    with pytest.raises(LookupError):
        quality.follow(dossier_of("nope", code=CODE).opened(v=1))
