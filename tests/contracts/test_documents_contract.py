"""The documents service's section 7 as the gateway uses it: the same refusals from the gateway's fake and the
real service (nameko over the in-memory bus and SQLite, with the real workflow beside it), so the gateway's
tests of Kiểm soát tài liệu and the records menus rely on answers the service really gives."""
from __future__ import annotations

from datetime import timedelta

import pytest
from contract_backends import SEED, ContextStandIn, actor_of
from eiso_contracts.errors import Forbidden, NotFound
from fakes import TODAY
from nameko.rpc import rpc

from eiso_kit.testing.actors import signed


class ContextForDocuments(ContextStandIn):
    """The context service as the documents and workflow services use it, from the fakes' seed."""

    @rpc
    def list_departments(self, unit_code):
        return SEED.call("context", "list_departments", unit_code)

    @rpc
    def get_unit(self, code):
        return SEED.call("context", "get_unit", code)


@pytest.fixture
def real_documents(memory_bus, make_settings, run_services, tmp_path):
    from eiso_documents.service import DocumentsService
    from eiso_gateway.rpc import NamekoRpc
    from eiso_kit.config import nameko_config
    from eiso_kit.testing.plugin import free_port
    from eiso_workflow.service import WorkflowService

    settings = make_settings(storage_path=tmp_path / "files")
    config = nameko_config(settings)
    config["DB_URIS"].update({"workflow": f"sqlite:///{tmp_path}/workflow.sqlite3",
                              "documents": f"sqlite:///{tmp_path}/documents.sqlite3"})
    config["WEB_SERVER_ADDRESS"] = f"127.0.0.1:{free_port()}"
    run_services(config, DocumentsService, WorkflowService, ContextForDocuments)
    port = NamekoRpc(config, size=2, timeout=15)
    yield port
    port.close()


@pytest.fixture(params=["fake", "real"])
def documents(request):
    if request.param == "fake":
        from fakes import FakeServices

        return FakeServices()
    return request.getfixturevalue("real_documents")


def who(person_id: str, **changes) -> dict:
    return signed({**actor_of(person_id).model_dump(mode="json"), **changes})


def route() -> dict:
    return {"department_id": "d-bgd", "handler_id": "p-leader", "deadline": (TODAY + timedelta(days=3)).isoformat()}


def refusal(documents, method, payload):
    with pytest.raises((Forbidden, NotFound)) as raised:
        documents.call("documents", method, payload)
    return type(raised.value), raised.value.message


def test_only_the_iso_secretary_drafts_a_document(documents):
    content = {"internal_number": "30/TTNB-X", "title": "Quy trình thử", "doc_type": "quy_trinh",
               "department_id": "d-vp", "effective_date": TODAY.isoformat()}
    assert refusal(documents, "submit_document_version", {
        "actor": who("p-head"), "content": content, "route": route(), "attachments": ["f-seed"]}) == \
        (Forbidden, "Chỉ Thư ký ISO được soạn thảo tài liệu và phiên bản mới.")


def test_a_document_of_nowhere_is_not_found(documents):
    assert refusal(documents, "get_document", {"actor": who("p-staff"), "document_id": "khong-co"}) == \
        (NotFound, "Không tìm thấy tài liệu.")


def test_who_archives(documents):
    record = {"number": "HS-X", "title": "Hồ sơ thử", "record_type": "khac", "closed_on": TODAY.isoformat()}
    assert refusal(documents, "archive_record", {"actor": who("p-staff"), "department_id": "d-khoahoc", **record}) \
        == (Forbidden, "Chỉ Thư ký ISO, hoặc Trưởng phòng với hồ sơ của phòng mình, được lưu trữ hồ sơ.")
    assert refusal(documents, "archive_record", {"actor": who("p-head"), "department_id": "d-vp", **record}) \
        == (Forbidden, "Chỉ Thư ký ISO, hoặc Trưởng phòng với hồ sơ của phòng mình, được lưu trữ hồ sơ.")


def test_only_the_iso_secretary_proposes_a_destruction_list(documents):
    assert refusal(documents, "propose_destruction", {
        "actor": who("p-leader"), "content": {"record_ids": ["khong-co"], "reason": "Hết hạn"}, "route": route()}) \
        == (Forbidden, "Chỉ Thư ký ISO được đề xuất danh sách hủy hồ sơ.")


def test_an_unknown_loan_is_not_found(documents):
    assert refusal(documents, "decide_loan", {"actor": who("p-head"), "loan_id": "khong-co", "approve": True}) == \
        (NotFound, "Không tìm thấy yêu cầu mượn hồ sơ.")


def test_a_unit_without_documents_has_an_empty_register_and_finds_nothing(documents):
    stranger = who("p-staff", unit_code="TRONG")
    assert documents.call("documents", "list_documents", {"actor": stranger}) == []
    assert documents.call("documents", "list_records", {"actor": stranger}) == []
    page = documents.call("documents", "search", {"actor": stranger, "q": "quy trinh kiem soat tai lieu"})
    assert (page["items"], page["total"]) == ([], 0)
