"""Manual section 7 and the records menus through the real services, RabbitMQ and PostgreSQL, at the RPC level.

A controlled document is drafted with a Word file, approved by the leader through its dossier and comes into
force; a new version replaces it (the first one withdrawn, kept and marked); a department it was distributed
to confirms reading it. The search finds it without accents, by the text inside its file, only in its unit.
A completed dossier and a paper record are archived; a record is lent, overdue (listed), returned; one past its
retention is destroyed by an approved list: its file is gone from storage, its metadata stays, the minutes
are a Word document. Bad files are refused with a Vietnamese sentence and nothing is kept. Every event an
outsider receives is valid against the published catalogue.
"""
import io
import json
from datetime import timedelta
from urllib.parse import quote

import docx
import jsonschema
import pytest
import requests
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_contracts import catalogue
from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, NotFound
from eiso_kit.clock import local_today
from eiso_kit.testing.actors import signed
from eiso_kit.testing.files import tiny_pdf as pdf_file
from eiso_kit.testing.tap import EventTap
from eiso_kit.testing.waiting import wait_until

pytestmark = pytest.mark.integration
PASSWORD = "Demo@2026"


def actor(person, **changes):
    return signed({**{key: person[key] for key in ("id", "unit_code", "roles", "department_id", "full_name")},
                   **changes})


def word_file(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class System:
    def __init__(self, rpc, settings):
        self.rpc, self.settings = rpc, settings
        self.people = {name: rpc.context.authenticate({"username": name, "password": PASSWORD})
                       for name in ("thuky", "lanhdao", "truongphong", "nhanvien")}
        self.today = local_today(settings.timezone)

    def actor(self, name, **changes):
        return actor(self.people[name], **changes)

    def upload(self, name, body, who="thuky", content_type="application/octet-stream", checked=True):
        grant_of = self.rpc.documents.grant_checked_upload if checked else self.rpc.documents.grant_upload
        grant = grant_of({"actor": self.actor(who)})["grant"]
        return requests.post(f"{self.settings.documents_url}/files", data=body, timeout=30, headers={
            "X-Eiso-Grant": grant, "X-Eiso-Filename": quote(name, safe=""), "Content-Type": content_type})

    def route_to(self, name):
        person = self.people[name]
        return {"department_id": person["department_id"], "handler_id": person["id"],
                "deadline": str(self.today + timedelta(days=3))}

    def dossier_of(self, kind, artefact_id):
        return wait_until(lambda: self.rpc.workflow.get_dossier_for_artefact("documents", kind, artefact_id,
                                                                              self.actor("lanhdao")))

    def approve(self, kind, artefact_id):
        """The leader's "Duyệt" on the dossier's approval step (the last one: it completes the dossier)."""
        code = self.dossier_of(kind, artefact_id)["code"]
        dossier = self.rpc.workflow.get_dossier(code, self.actor("lanhdao"))
        assert dossier["form"]["approve_label"] == "Duyệt"
        done = self.rpc.workflow.act({"code": code, "actor": self.actor("lanhdao"),
                                      "expected_version": dossier["version"], "action": "approve",
                                      "comment": "Đồng ý"})
        assert done["status"] == "completed"
        return code

    def stored_files(self):
        root = self.settings.storage_path
        return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def version_content(system, **changes):
    return {"internal_number": "08/TTNB-To", "title": "Quy trình kiểm soát tài liệu", "doc_type": "quy_trinh",
            "department_id": system.people["thuky"]["department_id"], "change_summary": "Ban hành lần đầu",
            "effective_date": str(system.today), "review_date": str(system.today + timedelta(days=20)),
            "distribution": [system.people["truongphong"]["department_id"]], **changes}


def test_documents_records_lending_destruction_and_search(whole_system):
    settings, config = whole_system
    with EventTap(config["AMQP_URI"], routing_key="#") as tap, ClusterRpcProxy(config, timeout=30) as rpc:
        system = System(rpc, settings)
        documents = rpc.documents

        # -- bad files: a clear Vietnamese sentence, nothing kept ---------------------------------------
        kept_before = system.stored_files()
        html = system.upload("quy-trinh.pdf", b"<html><script>alert(1)</script></html>")
        assert html.status_code == 422 and "không phải định dạng được phép" in html.json()["message"]
        renamed = system.upload("quy-trinh.pdf", word_file("Một tệp Word"))
        assert renamed.status_code == 422 and "phần mở rộng" in renamed.json()["message"]
        svg = system.upload("hinh.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>")
        assert svg.status_code == 422
        empty = system.upload("trong.pdf", b"")
        assert empty.status_code == 422
        with_path = system.upload("../../etc/quy-trinh.docx", word_file("x"))
        assert with_path.status_code == 400 and "đường dẫn" in with_path.json()["message"]
        assert system.stored_files() == kept_before

        # -- Kiểm soát tài liệu: version 1 drafted, approved ("Duyệt"), in force --------------------------
        first_file = system.upload("Quy trình kiểm soát tài liệu.docx",
                                   word_file("Quy trình kiểm soát tài liệu", "Lưu đồ phê duyệt và ban hành"))
        assert first_file.status_code == 201, first_file.text
        assert first_file.json()["verified_type"] == "docx"
        v1 = documents.submit_document_version({
            "actor": system.actor("thuky"), "content": version_content(system), "route": system.route_to("lanhdao"),
            "attachments": [first_file.json()["id"]], "request_id": "doc-form-1"})
        assert (v1["number"], v1["status"], v1["status_label"]) == (1, "submitted", "Trình duyệt")
        document_id = v1["document_id"]
        with pytest.raises(Forbidden):  # only the ISO secretary drafts
            documents.submit_document_version({
                "actor": system.actor("truongphong"), "content": version_content(system, internal_number="09/X"),
                "route": system.route_to("lanhdao"), "attachments": [first_file.json()["id"]]})
        with pytest.raises(Conflict):  # one STTNB per document in the unit
            documents.submit_document_version({
                "actor": system.actor("thuky"), "content": version_content(system),
                "route": system.route_to("lanhdao"), "attachments": [first_file.json()["id"]]})
        unchecked = system.upload("cong-van.pdf", pdf_file("cong van"), checked=False).json()
        with pytest.raises(InvalidInput):  # a file that did not go through the checked upload
            documents.submit_document_version({
                "actor": system.actor("thuky"), "content": version_content(system, internal_number="10/X"),
                "route": system.route_to("lanhdao"), "attachments": [unchecked["id"]]})

        (row,) = wait_until(lambda: (rows := documents.list_documents({"actor": system.actor("lanhdao")}))
                            and rows[0]["dossier_code"] and rows)
        assert (row["internal_number"], row["state"], row["state_label"]) == ("08/TTNB-To", "pending", "Chờ duyệt")
        first_code = system.approve("document_version", v1["id"])
        document = wait_until(lambda: (d := documents.get_document({"actor": system.actor("nhanvien"),
                                                                    "document_id": document_id}))
                              ["in_force_version"] == 1 and d)
        assert (document["state"], document["state_label"]) == ("approved", "Đã duyệt")
        assert document["versions"][0]["status"] == "effective" and document["review_due"] is True
        assert documents.list_documents({"actor": system.actor("nhanvien"), "state": "pending"}) == []
        assert [r["id"] for r in documents.list_documents({"actor": system.actor("nhanvien"),
                                                           "doc_type": "quy_trinh"})] == [document_id]

        # Distributed to the department head's department: its people confirm reading it; others cannot.
        read = documents.acknowledge_document({"actor": system.actor("truongphong"), "document_id": document_id,
                                               "version": 1})
        assert [a["person_id"] for a in read["versions"][0]["acknowledgements"]] == [system.people["truongphong"]["id"]]
        with pytest.raises(Forbidden):
            documents.acknowledge_document({"actor": system.actor("thuky"), "document_id": document_id, "version": 1})

        # -- version 2 replaces version 1: withdrawn as obsolete, kept and marked ------------------------------
        second_file = system.upload("Quy trình kiểm soát tài liệu v2.pdf", pdf_file("Quy trinh sua doi lan hai"))
        assert second_file.status_code == 201, second_file.text
        v2 = documents.submit_document_version({
            "actor": system.actor("thuky"), "route": system.route_to("lanhdao"),
            "content": version_content(system, document_id=document_id, change_summary="Sửa đổi lưu đồ"),
            "attachments": [second_file.json()["id"]]})
        assert v2["number"] == 2
        with pytest.raises(Conflict):  # one version on its way at a time
            documents.submit_document_version({
                "actor": system.actor("thuky"), "route": system.route_to("lanhdao"),
                "content": version_content(system, document_id=document_id),
                "attachments": [second_file.json()["id"]]})
        system.approve("document_version", v2["id"])
        document = wait_until(lambda: (d := documents.get_document({"actor": system.actor("lanhdao"),
                                                                    "document_id": document_id}))
                              ["in_force_version"] == 2 and d)
        newest, oldest = document["versions"]
        assert (newest["number"], newest["status"], newest["effective_from"]) == (2, "effective", str(system.today))
        assert (oldest["number"], oldest["status"], oldest["status_label"]) == (1, "obsolete", "Hết hiệu lực")
        assert oldest["withdrawn_on"] == str(system.today) and oldest["files"] == [first_file.json()["id"]]

        # -- Lưu trữ hồ sơ: the completed dossier of version 1, and a paper record past its retention ----------
        head = system.people["truongphong"]
        from_dossier = documents.archive_record({
            "actor": system.actor("thuky"), "dossier_code": first_code, "record_type": "chat_luong",
            "department_id": system.people["thuky"]["department_id"], "retention_years": 5})
        assert from_dossier["number"] == first_code and from_dossier["files"] == [first_file.json()["id"]]
        assert from_dossier["closed_on"] == str(system.today)
        with pytest.raises(Conflict):
            documents.archive_record({"actor": system.actor("thuky"), "dossier_code": first_code,
                                      "record_type": "chat_luong", "retention_years": 5,
                                      "department_id": system.people["thuky"]["department_id"]})
        old_file = system.upload("Hồ sơ đề tài đường giao thông.pdf", pdf_file("De tai duong giao thong nong thon"))
        assert old_file.status_code == 201, old_file.text
        old = documents.archive_record({
            "actor": system.actor("truongphong"), "number": "HS-2019-07", "title": "Hồ sơ đề tài đường giao thông",
            "record_type": "nhiem_vu", "department_id": head["department_id"],
            "closed_on": str(system.today - timedelta(days=3 * 365)), "retention_years": 2,
            "location": {"store": "Kho 1", "shelf": "Giá 3", "box": "Hộp 12"}, "files": [old_file.json()["id"]]})
        assert old["past_retention"] is True and old["location"]["box"] == "Hộp 12"
        with pytest.raises(Forbidden):  # a department head archives only their own department's records
            documents.archive_record({
                "actor": system.actor("truongphong"), "number": "HS-X", "title": "X", "record_type": "khac",
                "department_id": system.people["thuky"]["department_id"], "closed_on": str(system.today)})

        # -- Mượn trả hồ sơ: asked, approved by the department head, overdue, returned -------------------------
        loan = documents.request_loan({
            "actor": system.actor("nhanvien"), "record_id": old["id"], "purpose": "Đối chiếu số liệu đề tài",
            "borrowed_on": str(system.today - timedelta(days=10)), "due_on": str(system.today - timedelta(days=1))})
        assert (loan["status"], loan["status_label"]) == ("requested", "Chờ duyệt")
        with pytest.raises(Forbidden):  # the leader is not the head of the record's department
            documents.decide_loan({"actor": system.actor("lanhdao"), "loan_id": loan["id"], "approve": True})
        approved = documents.decide_loan({"actor": system.actor("truongphong"), "loan_id": loan["id"],
                                          "approve": True})
        assert approved["status"] == "approved" and approved["overdue"] is True
        assert [l["id"] for l in documents.list_loans({"actor": system.actor("truongphong"), "overdue": True})] \
            == [loan["id"]]
        assert documents.get_record({"actor": system.actor("nhanvien"), "record_id": old["id"]})["state"] == "on_loan"
        with pytest.raises(InvalidInput):  # lent: not on a destruction list
            documents.propose_destruction({"actor": system.actor("thuky"), "route": system.route_to("lanhdao"),
                                           "content": {"record_ids": [old["id"]], "reason": "Hết hạn"}})
        returned = documents.return_loan({"actor": system.actor("truongphong"), "loan_id": loan["id"]})
        assert (returned["status"], returned["returned_on"]) == ("returned", str(system.today))

        # -- the search: no accents, đ as d, the text inside the files, only the unit's ------------------------
        def found(q, who="nhanvien", **changes):
            page = documents.search({"actor": system.actor(who, **changes), "q": q})
            return [(hit["kind"], hit["id"]) for hit in page["items"]]

        # The archived dossier of version 1 is titled after it ("08/TTNB-To Quy trình ... (phiên bản 1)").
        both = {("document", document_id), ("record", from_dossier["id"])}
        assert set(found("quy trinh kiem soat tai lieu")) == both
        assert set(found("QUY TRÌNH kiểm soát")) == both
        assert set(found("TTNB-To")) == both
        assert found("phien ban 1 ttnb") == [("record", from_dossier["id"])]
        assert found("sua doi lan hai") == [("document", document_id)]      # inside version 2's PDF
        assert found("luu do phe duyet") == [("record", from_dossier["id"])]  # version 1's Word file, archived
        assert found("duong giao thong") == [("record", old["id"])]
        assert found("đường giao thông nông thôn") == [("record", old["id"])]
        assert found("quy trinh", unit_code="KHAC") == []

        # -- Hủy hồ sơ: proposed, approved by the leader, then the file is gone and the metadata stays ----------
        due = documents.list_records({"actor": system.actor("thuky"), "due_for_destruction": True})
        assert [r["id"] for r in due] == [old["id"]]
        with pytest.raises(InvalidInput):  # not past its retention
            documents.propose_destruction({"actor": system.actor("thuky"), "route": system.route_to("lanhdao"),
                                           "content": {"record_ids": [from_dossier["id"]], "reason": "x"}})
        files_before = system.stored_files()
        proposal = documents.propose_destruction({
            "actor": system.actor("thuky"), "route": system.route_to("lanhdao"),
            "content": {"record_ids": [old["id"]], "reason": "Hết thời hạn lưu trữ theo quy định"}})
        assert (proposal["status"], proposal["status_label"]) == ("proposed", "Trình duyệt")
        wait_until(lambda: documents.get_record({"actor": system.actor("thuky"),
                                                 "record_id": old["id"]})["state"] == "proposed")
        assert system.stored_files() == files_before  # nothing deleted before the approval
        destruction_code = system.approve("destruction", proposal["id"])
        done = wait_until(lambda: (d := documents.get_destruction({"actor": system.actor("thuky"),
                                                                   "destruction_id": proposal["id"]}))
                          ["minutes_file_id"] and d)
        assert (done["status"], done["files_deleted"], done["dossier_code"]) == ("executed", 1, destruction_code)
        tombstone = documents.get_record({"actor": system.actor("thuky"), "record_id": old["id"]})
        assert (tombstone["state"], tombstone["number"], tombstone["title"]) == \
            ("destroyed", "HS-2019-07", "Hồ sơ đề tài đường giao thông")
        wait_until(lambda: len(system.stored_files()) == len(files_before))  # - the record's file + the minutes
        with pytest.raises(NotFound):
            documents.grant_download({"actor": system.actor("thuky"), "file_id": old_file.json()["id"]})
        assert found("nong thon") == []          # its text went with its file
        assert found("HS-2019-07") == [("record", old["id"])]   # its metadata stays findable

        grant = documents.grant_download({"actor": system.actor("thuky"), "file_id": done["minutes_file_id"]})
        minutes = requests.get(f"{settings.documents_url}/files/{done['minutes_file_id']}",
                               headers={"X-Eiso-Grant": grant["grant"]}, timeout=10)
        assert minutes.status_code == 200
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(minutes.content)).paragraphs)
        assert "BIÊN BẢN HỦY HỒ SƠ HẾT THỜI HẠN LƯU TRỮ" in text and destruction_code in text
        cells = [c.text for t in docx.Document(io.BytesIO(minutes.content)).tables for r in t.rows for c in r.cells]
        assert "HS-2019-07" in cells and "Kho 1, Giá 3, Hộp 12" in cells
        assert "Nguyễn Văn An" in cells[-1]

        # Another unit sees none of it.
        with pytest.raises(NotFound):
            documents.get_document({"actor": system.actor("lanhdao", unit_code="KHAC"), "document_id": document_id})
        with pytest.raises(NotFound):
            documents.get_record({"actor": system.actor("lanhdao", unit_code="KHAC"), "record_id": old["id"]})
        assert documents.list_documents({"actor": system.actor("lanhdao", unit_code="KHAC")}) == []

        tap.wait_for(lambda e: e["type"].endswith("documents.destruction.executed.v1"))
        tap.drain(0.5)

    events = tap.events()
    types = {e["type"].removeprefix("vn.eiso.") for e in events}
    for expected in ("documents.document.submitted.v1", "documents.document.approved.v1",
                     "documents.document.effective.v1", "documents.document.withdrawn.v1",
                     "documents.document.distributed.v1", "documents.document.acknowledged.v1",
                     "documents.document.review_due.v1", "documents.record.archived.v1",
                     "documents.loan.requested.v1", "documents.loan.approved.v1",
                     "documents.loan.returned.v1", "documents.destruction.proposed.v1",
                     "documents.destruction.executed.v1", "documents.record.destroyed.v1"):
        assert expected in types, f"{expected} missing from {sorted(types)}"
    for event in events:
        event_type = event["type"].removeprefix("vn.eiso.")
        schema = json.loads((catalogue.CATALOGUE / "events" / f"{event_type}.schema.json").read_text())
        jsonschema.validate(event, schema)
