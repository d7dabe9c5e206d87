"""One audit over RPC: planned within the approved programme, checklist answered, findings, the Word report."""
import base64
import io
from datetime import date

import pytest
from docx import Document
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput, NotFound

from audit_samples import KH, TTS, VP, YEAR, actor

DAY = date(YEAR, 3, 12).isoformat()


@pytest.fixture
def audit(system):
    system.audit.draft_programme({"actor": actor("sec"), "year": YEAR, "entries": [
        {"month": 3, "department_id": KH}, {"month": 3, "department_id": VP}, {"month": 6, "department_id": TTS}]})
    system.audit.approve_programme({"actor": actor("lead"), "year": YEAR, "revision": 1})
    return system.audit


def plan(audit, **changes):
    payload = {"actor": actor("sec"), "audit_date": DAY, "department_ids": [KH], "scope": "Quy trình cấp phép",
               "criteria": "TCVN ISO 9001:2015; quy trình QT-KH-01", "lead_auditor_id": "aud", "team_ids": [],
               "checklist": [{"clause": "7.5.3", "question": "Hồ sơ có được lưu trữ đúng quy định?"},
                             {"clause": "8.5.1", "question": "Thủ tục có được giải quyết đúng hạn?"}]}
    payload.update(changes)
    return audit.plan_audit(payload)


def test_an_auditor_never_audits_their_own_department(audit, system):
    with pytest.raises(InvalidInput, match="không được đánh giá phòng ban của chính mình"):
        plan(audit, department_ids=[TTS])                     # aud belongs to Thanh tra Sở
    with pytest.raises(InvalidInput, match="không được đánh giá phòng ban của chính mình"):
        plan(audit, department_ids=[KH, VP], team_ids=["aud2"])   # aud2 belongs to Văn phòng sở
    assert audit.list_audits(actor("sec"), YEAR) == []


@pytest.mark.parametrize("changes, message", [
    ({"lead_auditor_id": "head"}, "không có vai trò Đánh giá viên nội bộ"),
    ({"team_ids": ["gone"]}, "không còn hoạt động"),
    ({"team_ids": ["other"]}, "không tìm thấy"),
    ({"department_ids": ["d-other"]}, "không thuộc đơn vị"),
    ({"audit_date": date(YEAR + 1, 1, 5).isoformat()}, "chưa được phê duyệt"),
])
def test_a_plan_outside_the_rules_is_refused_with_the_reason(audit, changes, message):
    with pytest.raises(InvalidInput, match=message):
        plan(audit, **changes)
    assert audit.list_audits(actor("sec"), None) == []


def test_only_the_secretary_or_an_auditor_plans(audit):
    with pytest.raises(Forbidden):
        plan(audit, actor=actor("staff"))


def test_plan_checklist_findings_and_report_then_progress_shows_it_done(audit, system):
    planned = plan(audit, request_id="plan-1")
    again = plan(audit, request_id="plan-1")
    assert again["id"] == planned["id"]                       # the same keyed request plans once
    assert planned["status_label"] == "Đã lập kế hoạch" and planned["month"] == 3
    programme = audit.get_programme(actor("lead"), YEAR)
    assert {(c["month"], c["department_id"]): c["state"] for c in programme["progress"]}[(3, KH)] == "planned"

    with pytest.raises(Forbidden):                            # not a member of the team
        audit.answer_checklist({"actor": actor("aud2"), "plan_id": planned["id"], "number": 1, "result": "conform"})
    answered = audit.answer_checklist({"actor": actor("aud"), "plan_id": planned["id"], "number": 1,
                                       "result": "nonconform", "answer": "Thiếu sổ theo dõi hồ sơ năm nay."})
    assert answered["checklist"][0]["result_label"] == "Không phù hợp"

    finding = audit.record_finding({"actor": actor("aud"), "plan_id": planned["id"], "kind": "nonconformity",
                                    "clause": "7.5.3", "department_id": KH, "attachments": ["file-1"],
                                    "description": "Hồ sơ cấp phép năm nay chưa được lập danh mục.",
                                    "evidence": "Kiểm tra 5 hồ sơ: không có danh mục lưu trữ."})
    assert finding["number"] == 1 and finding["kind_label"] == "Điểm không phù hợp"
    with pytest.raises(InvalidInput):                         # a department this audit does not cover
        audit.record_finding({"actor": actor("aud"), "plan_id": planned["id"], "kind": "observation",
                              "clause": "7.1", "department_id": VP, "description": "x", "evidence": "y"})
    with pytest.raises(Forbidden):                            # only the lead auditor issues the report
        audit.issue_report({"actor": actor("sec"), "plan_id": planned["id"], "conclusion": "Đạt"})

    reported = audit.issue_report({"actor": actor("aud"), "plan_id": planned["id"],
                                   "conclusion": "Hệ thống được duy trì; 1 điểm không phù hợp cần khắc phục."})
    assert reported["status_label"] == "Đã có báo cáo" and reported["report"]["file_name"].endswith(".docx")
    document = audit.get_report(actor("lead"), planned["id"])
    content = base64.b64decode(document["content_base64"])
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    cells = " ".join(c.text for t in Document(io.BytesIO(content)).tables for r in t.rows for c in r.cells)
    assert "BÁO CÁO ĐÁNH GIÁ NỘI BỘ" in text and "1 điểm không phù hợp cần khắc phục" in text
    assert "Hồ sơ cấp phép năm nay chưa được lập danh mục." in cells and "Hoàng Văn Em" in cells
    assert document["size"] == len(content)

    with pytest.raises(AlreadyProcessed):                     # the audit is closed by its report
        audit.record_finding({"actor": actor("aud"), "plan_id": planned["id"], "kind": "observation",
                              "clause": "7.1", "department_id": KH, "description": "x", "evidence": "y"})
    programme = audit.get_programme(actor("lead"), YEAR)
    assert programme["done"] == 1 and programme["planned"] == 3
    assert system.outbox_types()[2:] == ["audit.plan.planned.v1", "audit.checklist.answered.v1",
                                         "audit.finding.recorded.v1", "audit.plan.reported.v1"]


def test_another_units_audit_is_not_found(audit):
    planned = plan(audit)
    for call in (lambda: audit.get_audit(actor("other"), planned["id"]),
                 lambda: audit.get_report(actor("other"), planned["id"]),
                 lambda: audit.record_finding({"actor": actor("other"), "plan_id": planned["id"], "kind": "observation",
                                               "clause": "7.1", "department_id": KH, "description": "x",
                                               "evidence": "y"})):
        with pytest.raises(NotFound):
            call()
    assert audit.list_audits(actor("other"), None) == []
