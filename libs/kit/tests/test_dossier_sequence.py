"""The order in which an owner applies a dossier's facts: the workflow's, whatever the arrival order."""
import itertools
import random
from datetime import datetime, timezone

from eiso_kit.dossiers.facts import DossierFact
from eiso_kit.dossiers.sequence import Progress, in_order

T0 = datetime(2026, 1, 5, tzinfo=timezone.utc)


def fact(version, kind, final=False, step="approval"):
    return DossierFact(event_id=f"e{version}-{kind}", kind=kind, service="quality", artefact_kind="policy",
                       artefact_id="p1", dossier_id="d1", dossier_code="1-2026-1-X", type_code="1", unit_code="X",
                       version=version, actor_id="a", at=T0, step_key=step, final=final)


# opened, a save, Bổ sung, resubmission, Duyệt, then the last step: approved + completed at one version.
HISTORY = [fact(1, "opened", step=None), fact(2, "saved"), fact(3, "returned"), fact(4, "approved", step="draft"),
           fact(5, "approved"), fact(6, "approved", final=True, step="issue"), fact(6, "completed", step="issue")]


def deliver(order):
    """Deliver facts one by one as handlers would (buffering what is early); return the applied order."""
    progress, buffer, applied = Progress(), [], []
    for each in order:
        if progress.is_behind(each):
            continue
        buffer.append(each)
        ready = in_order(progress, buffer)
        applied += ready
        buffer = [f for f in buffer if f not in ready]
    return applied, buffer, progress


def test_in_the_workflows_order_everything_applies_at_once():
    applied, left, progress = deliver(HISTORY)
    assert applied == HISTORY and left == []
    assert (progress.applied_version, progress.awaiting_completion, progress.completed) == (6, False, True)


def test_any_arrival_order_applies_in_the_workflows_order():
    rng = random.Random(5)
    orders = [list(reversed(HISTORY))] + [rng.sample(HISTORY, len(HISTORY)) for _ in range(300)]
    for order in orders:
        applied, left, _ = deliver(order)
        assert applied == HISTORY, [f.event_id for f in order]
        assert left == []


def test_the_two_facts_of_the_last_approval_apply_approved_first_in_both_orders():
    base = HISTORY[:5]
    for tail in itertools.permutations(HISTORY[5:]):
        applied, _, _ = deliver(base + list(tail))
        assert [f.kind for f in applied[-2:]] == ["approved", "completed"]


def test_an_early_fact_waits_and_says_for_what():
    applied, left, progress = deliver([HISTORY[0], HISTORY[2]])
    assert applied == [HISTORY[0]] and left == [HISTORY[2]]
    assert progress.waiting_for == "v2"


def test_a_fact_seen_again_under_another_id_is_behind():
    progress = Progress()
    in_order(progress, HISTORY[:6])
    assert progress.is_behind(HISTORY[1]) and progress.is_behind(HISTORY[5])
    assert not progress.is_behind(HISTORY[6]) and progress.is_next(HISTORY[6])
    in_order(progress, [HISTORY[6]])
    assert progress.is_behind(HISTORY[6])


def test_progress_recorded_before_the_kit_still_takes_its_completion():
    """A final approval applied by the old code stored its version; its completion carries the same one."""
    progress = Progress(applied_version=6)
    assert progress.is_next(HISTORY[6]) and not progress.is_behind(HISTORY[6])
    assert in_order(progress, [HISTORY[6]]) == [HISTORY[6]] and progress.completed


def test_the_kinds_an_owner_follows_are_the_topologys_progress_events_in_rank_order():
    from eiso_contracts.events.workflow import DOSSIER_PROGRESS

    from eiso_kit.dossiers.facts import KINDS, RANK

    assert tuple(cls.event_type for cls in KINDS) == DOSSIER_PROGRESS
    assert sorted(RANK, key=RANK.get) == ["opened", "saved", "approved", "rejected", "returned", "completed"]


class _Answer:
    def __init__(self, value):
        self.value = value

    def result(self):
        if isinstance(self.value, Exception):
            raise self.value
        return self.value


class _Workflow:
    """Stands in for the workflow service's RPC proxy (outside the kit): answers get_definition."""

    def __init__(self, steps):
        self.answer = {"artefact_service": "quality", "artefact_kind": "policy",
                       "steps": [{"key": key} for key in steps]}
        outer = self

        class _Method:
            identifier = "workflow.get_definition"

            def call_async(self, code):
                return _Answer(outer.answer)

        self.get_definition = _Method()


def test_a_step_key_the_definition_lacks_is_reported_by_health_never_ignored():
    from dataclasses import replace

    from eiso_kit.dossiers import ArtefactType, DossierFollower

    noop = lambda change: None  # noqa: E731
    policy = ArtefactType(service="quality", kind="policy", dossier_type="1", repository=None,
                          on={("approved", "approval"): noop, ("approved", "sign"): noop})
    follower = DossierFollower(None, policy)
    assert follower.check_definitions(_Workflow(["draft", "approval", "issue"]), timeout=1) == [
        "quality/policy: step key 'sign' is not a step of dossier type 1 (approval, draft, issue)"]
    assert follower.health(db=None).startswith("dossier definitions do not match: quality/policy: step key 'sign'")
    fine = DossierFollower(None, replace(policy, on={("approved", "approval"): noop}))
    assert fine.check_definitions(_Workflow(["draft", "approval", "issue"]), timeout=1) == []
