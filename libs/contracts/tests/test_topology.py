"""The topology is derived from the event registry: nobody lists subscriptions by hand."""
from eiso_contracts import topology
from eiso_contracts.events import REGISTRY
from eiso_contracts.events.workflow import DOSSIER_PROGRESS


def test_every_submitted_event_opens_a_dossier_and_its_owner_follows_the_progress():
    submitted = sorted(t for t, model in REGISTRY.items() if "dossier_request" in model.model_fields)
    assert submitted, "at least the quality policy asks for dossiers"
    assert topology.WORKFLOW_OPEN_DOSSIERS.event_types == tuple(submitted)
    for event_type in submitted:
        owner = topology.subscription(event_type.split(".")[0], "dossier_progress")
        assert owner.event_types == DOSSIER_PROGRESS


def test_queue_names_stay_what_deployments_have():
    assert topology.WORKFLOW_OPEN_DOSSIERS.queue == "eiso.workflow.open_dossiers"
    assert topology.QUALITY_DOSSIER_PROGRESS.dead_letter_queue == "eiso.quality.dossier_progress.dlq"


def test_a_consumer_declared_on_an_event_class_gets_its_queue(monkeypatch):
    model = REGISTRY["quality.policy.issued.v1"]
    monkeypatch.setattr(model, "consumers", ("review.policies_in_force",), raising=False)
    derived = {(s.service, s.name): s.event_types for s in topology._derive()}
    assert derived[("review", "policies_in_force")] == ("quality.policy.issued.v1",)
