"""What the workflow asks its neighbours before it acts: files of the documents service, people of context."""
from __future__ import annotations

from datetime import date

import pytest
from eiso_contracts.errors import InvalidInput, ServiceUnavailable
from nameko.standalone.rpc import ClusterRpcProxy
from workflow_fakes import Publisher, actor, policy_request, service_config

from eiso_workflow.service import WorkflowService


@pytest.mark.parametrize("files", [["no-such-file"], ["other-unit-file"], ["f2", "no-such-file"]])
def test_an_attachment_must_be_a_stored_file_of_the_dossiers_unit(workflow, files):
    code = workflow.open()["code"]
    version = workflow.view(code, "lead")["version"]
    with pytest.raises(InvalidInput, match="Chỉ đính kèm được tập tin"):
        workflow.act("lead", "save", code, version=version, attachments=files)
    assert workflow.view(code, "lead")["version"] == version  # refused: nothing changed
    saved = workflow.act("lead", "save", code, version=version, attachments=["f2"])
    assert saved["form"]["draft"]["attachments"] == ["f2"]


def test_one_rule_for_form_and_api_own_uploads_or_files_the_dossier_holds(workflow):
    """Issue 6, finding 6: the API once attached any file id of the unit (staff's file attached by the leader)."""
    code = workflow.open()["code"]  # the secretary's file-1 is attached at step 1
    version = workflow.view(code, "lead")["version"]
    with pytest.raises(InvalidInput, match="Chỉ đính kèm được tập tin"):
        workflow.act("lead", "save", code, version=version, attachments=["f-sec"])  # someone else's upload
    saved = workflow.act("lead", "save", code, version=version, attachments=["file-1", "f2"])  # held / own
    assert saved["form"]["draft"]["attachments"] == ["file-1", "f2"]


def test_a_deadline_beyond_a_year_is_a_typing_mistake(workflow):
    from datetime import timedelta

    from workflow_fakes import BGD, VP, assign

    code = workflow.open()["code"]
    with pytest.raises(InvalidInput, match="quá xa"):
        workflow.act("lead", "approve", code, next=assign("sec", VP, workflow.today + timedelta(days=400)))
    request = policy_request(deadline=workflow.today + timedelta(days=3650), department=BGD)
    with pytest.raises(InvalidInput, match="quá xa"):
        workflow.workflow.validate_request(request.model_dump(mode="json"))


def test_staff_see_the_dossiers_they_take_part_in_only(workflow_test_types):
    """Issue 6: every member of a unit once opened any dossier by its code; now only its participants,
    and the leader, the ISO secretary and auditors of the unit."""
    from eiso_contracts.errors import NotFound

    from workflow_fakes import KH

    wf = workflow_test_types
    policy = wf.open()["code"]
    with pytest.raises(NotFound):
        wf.view(policy, "head")                      # a department head with no part in it
    task = wf.open(artefact_id="t1", type_code="8", kind="task", handler="head", department=KH)["code"]
    assert wf.view(task, "head")["code"] == task     # handles its step
    with pytest.raises(NotFound):
        wf.view(task, "staff")
    assert wf.workflow.get_dossier_for_artefact("quality", "policy", "policy-1",
                                                actor("staff").model_dump(mode="json")) is None
    assert wf.view(task, "lead2")["code"] == task    # another leader of the unit sees the unit's


def test_a_request_with_a_foreign_attachment_is_refused_before_the_owner_commits(workflow):
    request = policy_request(deadline=workflow.today).model_copy(update={"attachments": ["other-unit-file"]})
    with pytest.raises(InvalidInput, match="Chỉ đính kèm được tập tin"):
        workflow.workflow.validate_request(request.model_dump(mode="json"))


def test_a_silent_neighbour_is_reported_unavailable_not_waited_for_for_ever(memory_bus, make_settings,
                                                                             runner_factory, tmp_path):
    """No context service consumes its queue: the workflow answers ServiceUnavailable after its timeout."""
    settings = make_settings(service_rpc_timeout="0.5")
    config = service_config(settings, {"workflow": f"sqlite:///{tmp_path}/wf.sqlite3",
                                       "publisher": f"sqlite:///{tmp_path}/pub.sqlite3"})
    from kombu import Connection, Exchange, Queue
    with Connection("memory://") as conn:  # the context service's queue exists, nobody answers
        Queue("rpc-context", Exchange("nameko-rpc", type="topic"), routing_key="context.*")(conn.channel()).declare()
    runner = runner_factory(config, WorkflowService, Publisher)
    runner.start()
    request = policy_request(deadline=date.today())
    with ClusterRpcProxy(config, timeout=20) as proxy:
        # ServiceUnavailable (not the caller's own RpcTimeout): the workflow gave up by itself.
        with pytest.raises(ServiceUnavailable, match="context"):
            proxy.workflow.validate_request(request.model_dump(mode="json"))
    runner.stop()  # and a graceful stop does not hang on a stuck worker
