"""The RPC view of a policy: Vietnamese status labels, revisions on request."""
from eiso_quality.policy.aggregate import new_policy
from eiso_quality.policy.views import policy_view


def test_view_labels_the_status_and_lists_revisions(samples):
    policy = new_policy("p1", samples.unit, samples.content(), samples.secretary, samples.t0)
    policy.revise(samples.content(motto="Tận tâm"), samples.leader, samples.at(5), 2)
    view = policy_view(policy)
    assert (view.status, view.status_label, view.revision) == ("submitted", "Trình duyệt", 2)
    assert [(r.revision, r.revised_by, r.dossier_step) for r in view.revisions] == [
        (1, samples.secretary, 1), (2, samples.leader, 2)]
    assert view.content.motto == "Tận tâm"
    policy.status = "issued"
    assert policy_view(policy, revisions=False).model_dump()["revisions"] == []
    assert policy_view(policy).status_label == "Đang áp dụng"
