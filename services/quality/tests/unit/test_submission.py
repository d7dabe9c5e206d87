"""Submitting a policy draft: permission, the first revision, what the workflow is asked to open."""
from datetime import datetime, timezone

import pytest
from eiso_contracts.content import PolicyContent
from eiso_contracts.errors import Forbidden
from eiso_contracts.rpc.quality import SubmitPolicy
from pydantic import ValidationError

from eiso_quality.policy import submission
from eiso_quality.policy.aggregate import SUBMITTED

NOW = datetime(2026, 1, 5, 2, 0, tzinfo=timezone.utc)


def command(samples, **options) -> SubmitPolicy:
    return SubmitPolicy.model_validate(samples.submit_payload(**options))


def test_only_the_iso_secretary_may_submit(samples):
    with pytest.raises(Forbidden) as raised:
        submission.draft("p1", command(samples, actor_roles=("leader", "staff")), NOW)
    assert raised.value.message == "Chỉ Thư ký ISO được lập chính sách chất lượng."


def test_a_draft_is_submitted_at_revision_one_written_at_step_one(samples):
    policy = submission.draft("p1", command(samples, request_id="form-1"), NOW)
    assert (policy.status, policy.revision, policy.unit_code) == (SUBMITTED, 1, samples.unit)
    assert policy.content == samples.content()
    (first,) = policy.revisions
    assert (first.revised_by, first.revised_at, first.dossier_step) == (samples.secretary, NOW, 1)
    assert policy.dossier_code is None and policy.dossier_version == 0


def test_the_dossier_request_opens_type_1_about_the_policy_and_routes_step_2(samples):
    cmd = command(samples)
    policy = submission.draft("p1", cmd, NOW)
    request = submission.submitted(policy, cmd).dossier_request
    assert request.type_code == "1"
    assert request.unit_code == samples.unit
    assert request.artefact.model_dump() == {"service": "quality", "kind": "policy", "id": "p1",
                                             "title": "Chính sách chất lượng năm 2026"}
    assert request.opened_by == samples.secretary
    assert request.next == cmd.route
    assert (request.comment, request.attachments) == ("Kính trình Lãnh đạo duyệt.", ["f-1"])


def test_the_submitted_event_carries_the_content_and_the_request(samples):
    cmd = command(samples)
    policy = submission.draft("p1", cmd, NOW)
    event = submission.submitted(policy, cmd)
    request = event.dossier_request
    assert event.event_type == "quality.policy.submitted.v1"
    assert (event.policy_id, event.unit_code, event.submitted_by) == ("p1", samples.unit, samples.secretary)
    assert event.content == policy.content and event.dossier_request == request


def test_policy_content_drops_blank_statements_and_refuses_an_empty_motto():
    content = PolicyContent(year=2026, motto="  Tận tâm  ", statements=["  Một ", "", "   ", "Hai"])
    assert (content.motto, content.statements) == ("Tận tâm", ["Một", "Hai"])
    with pytest.raises(ValidationError):
        PolicyContent(year=2026, motto="   ", statements=["Một"])
    with pytest.raises(ValidationError):
        PolicyContent(year=2026, motto="Tận tâm", statements=["  "])


def test_submit_policy_takes_an_optional_idempotency_key(samples):
    assert command(samples).request_id is None
    with pytest.raises(ValidationError):
        command(samples, request_id="x" * 101)
