"""Dossier types are data: the packaged YAML loads, and a wrong definition is refused at start-up."""
from __future__ import annotations

import copy

import pytest
import yaml
from pydantic import ValidationError
from workflow_fakes import TEST_DEFINITIONS

from eiso_workflow.catalogue import DEFINITIONS, Catalogue, DefinitionError, load_catalogue, load_file
from eiso_workflow.domain.definition import DossierType

POLICY = yaml.safe_load((DEFINITIONS / "quality_policy.yml").read_text(encoding="utf-8"))


def test_quality_policy_type_is_the_manuals_three_steps():
    policy = load_catalogue().get("1")
    assert (policy.key, policy.name) == ("quality_policy", "Lập chính sách chất lượng")
    assert (policy.artefact_service, policy.artefact_kind, policy.content_schema) == ("quality", "policy",
                                                                                      "quality.policy")
    rows = [(s.number, s.key, s.name, s.role, s.actions, s.approve_label, s.edits_content, s.deadline_days,
             s.return_to, s.final) for s in policy.steps]
    assert rows == [
        (1, "draft", "Thư ký ISO lập chính sách chất lượng", "secretary", ["save", "approve"], "Trình duyệt",
         True, 2, None, False),
        (2, "approval", "Lãnh đạo phê duyệt", "leader", ["save", "approve", "reject", "return"], "Duyệt",
         True, 3, 1, False),
        (3, "issue", "Ban hành chính sách chất lượng", "secretary", ["save", "approve"], "Ban hành",
         False, 2, None, True),
    ]


def test_view_lists_steps_for_the_ui():
    view = load_catalogue().get("1").view()
    assert view.code == "1" and [s.number for s in view.steps] == [1, 2, 3]
    assert view.steps[1].return_to == 1 and view.steps[2].final


def test_the_last_step_is_final_even_when_the_file_does_not_say_so():
    data = copy.deepcopy(POLICY)
    del data["steps"][2]["final"]
    assert DossierType.model_validate(data).steps[-1].final


def test_synthetic_five_step_type_loads_with_the_packaged_ones():
    catalogue = load_catalogue(DEFINITIONS, TEST_DEFINITIONS)
    review = catalogue.get("9")
    assert [s.number for s in review.steps] == [1, 2, 3, 4, 5]
    assert review.step(4).return_to == 3 and review.after(5) is None and review.after(4).key == "record"
    packaged = [t.code for t in load_catalogue(DEFINITIONS)]
    assert {"1", "3", "6", "7", "10", "11", "12"} <= set(packaged)
    assert [t.code for t in catalogue] == sorted([*packaged, "8", "9"], key=lambda code: (len(code), code))


def _broken(mutate) -> dict:
    data = copy.deepcopy(POLICY)
    mutate(data)
    return data


@pytest.mark.parametrize("mutate, reason", [
    (lambda d: d["steps"][1].update(role="boss"), "unknown role"),
    (lambda d: d["steps"][1].update(return_to=None), "'return' and 'return_to' go together"),
    (lambda d: d["steps"][1].update(return_to=3), "earlier step"),
    (lambda d: d["steps"][0].update(return_to=1, actions=["approve", "return"]), "earlier step"),
    (lambda d: d["steps"][2].update(number=4), "numbered 1..3"),
    (lambda d: d["steps"][2].update(key="draft"), "unique"),
    (lambda d: d["steps"][1].update(final=True), "only the last step may be final"),
    (lambda d: d["steps"][2].update(actions=["save"]), "needs 'approve'"),
    (lambda d: d["steps"][2].update(actions=["approve", "approve"]), "listed twice"),
    (lambda d: d["steps"][2].update(actions=["approve", "delegate"]), "actions"),
    (lambda d: d.update(content_schema="quality.unknown"), "unknown content schema"),
    (lambda d: d.update(content_schema=None), "names no content_schema"),
    (lambda d: d.update(steps=d["steps"][:1]), "at least 2"),
    (lambda d: d.update(code="1a"), "code"),
    (lambda d: d["steps"][0].update(deadline_days=-1), "deadline_days"),
    (lambda d: d.update(colour="red"), "colour"),
])
def test_wrong_definitions_are_refused(mutate, reason):
    with pytest.raises(ValidationError, match=reason):
        DossierType.model_validate(_broken(mutate))


def test_a_bad_file_is_named_in_the_error(tmp_path):
    (tmp_path / "broken.yml").write_text(yaml.safe_dump(_broken(lambda d: d["steps"][1].update(role="boss"))),
                                         encoding="utf-8")
    with pytest.raises(DefinitionError, match="broken.yml: invalid definition"):
        load_catalogue(tmp_path)
    (tmp_path / "broken.yml").write_text("code: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match="broken.yml: cannot read"):
        load_file(tmp_path / "broken.yml")


def test_two_types_with_one_code_are_refused():
    policy = DossierType.model_validate(POLICY)
    with pytest.raises(DefinitionError, match="defined twice"):
        Catalogue([policy, policy.model_copy(update={"key": "other"})])
    with pytest.raises(DefinitionError, match="key 'quality_policy' is defined twice"):
        Catalogue([policy, policy.model_copy(update={"code": "2"})])
