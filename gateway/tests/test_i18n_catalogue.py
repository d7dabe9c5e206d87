"""The gettext catalogue is in step with the code: every text extracted, each with its English, .mo compiled."""
import shutil

import pytest
from babel.messages.catalog import Catalog
from eiso_contracts.rpc.common import ROLES
from eiso_contracts.content import DOCUMENT_TYPES
from eiso_contracts.rpc.documents import (DESTRUCTION_STATUSES, LOAN_STATUSES, RECORD_STATES, RECORD_TYPES,
                                          REGISTER_STATES, SEARCH_KINDS, VERSION_STATUSES)
from eiso_contracts.rpc.quality import POLICY_STATUSES
from eiso_contracts.rpc.workflow import ACTION_LABELS, DOSSIER_STATUS_LABELS, TAB_LABELS, TIMING_LABELS
from eiso_contracts.rpc import audit, quality_improvement, quality_nonconformity
from fakes.workflow import REAL_DEFINITIONS, load_definitions

from eiso_gateway import catalogue


def test_the_committed_catalogue_agrees_with_the_code():
    """Fails when a text has no English, the .pot/.po miss a text or keep a gone one, or the .mo is stale."""
    assert catalogue.check() == []
    assert catalogue.missing() == []


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """The catalogue files copied aside, so a test can break them."""
    target = tmp_path / "translations"
    shutil.copytree(catalogue.TRANSLATIONS, target)
    monkeypatch.setattr(catalogue, "TRANSLATIONS", target)
    monkeypatch.setattr(catalogue, "POT", target / "messages.pot")
    return target


def with_new_text(monkeypatch, text):
    real = catalogue.extract

    def extract() -> Catalog:
        found = real()
        found.add(text)
        return found

    monkeypatch.setattr(catalogue, "extract", extract)


def test_a_new_text_without_english_is_listed_and_fails_the_check(copy, monkeypatch):
    with_new_text(monkeypatch, "Một câu mới chưa dịch")
    assert catalogue.missing() == ["Một câu mới chưa dịch"]
    problems = catalogue.check()
    assert "en: no entry for 'Một câu mới chưa dịch'" in problems
    assert any("messages.pot is not what the code extracts" in p for p in problems)
    catalogue.update()  # the new msgid lands in the .pot and the .po, still without English
    assert catalogue.check() == ["en: no en text for 'Một câu mới chưa dịch'"]


def test_an_edited_po_without_a_compiled_mo_fails_the_check(copy):
    po = catalogue.po_path("en")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Home"', 'msgstr "Start"'), encoding="utf-8")
    assert catalogue.check() == ["messages.mo of en is stale: run python -m eiso_gateway.catalogue update"]


def test_every_label_the_services_send_has_its_english():
    """Contract labels and the workflow's type and step names are translated where they are shown."""
    english = {m.id: m.string for m in catalogue.read("en") if m.id}
    labels = set(ROLES.values()) | set(ACTION_LABELS.values()) | set(TAB_LABELS.values()) | \
        set(TIMING_LABELS.values()) | set(DOSSIER_STATUS_LABELS.values()) | set(POLICY_STATUSES.values())
    for named in (audit.PROGRAMME_STATUSES, audit.PLAN_STATUSES, audit.FINDING_KINDS, audit.ANSWER_RESULTS,
                  audit.PROGRESS_STATES, quality_nonconformity.NONCONFORMITY_SOURCES,
                  quality_nonconformity.NONCONFORMITY_STATUSES, quality_improvement.IMPROVEMENT_STATUSES):
        labels |= set(named.values())
    for labels_of_section_7 in (DOCUMENT_TYPES, VERSION_STATUSES, REGISTER_STATES, RECORD_TYPES, RECORD_STATES,
                                LOAN_STATUSES, DESTRUCTION_STATUSES, SEARCH_KINDS):
        labels |= set(labels_of_section_7.values())
    for definition in load_definitions(REAL_DEFINITIONS):
        labels |= {definition.name} | {s.name for s in definition.steps} | {s.approve_label for s in definition.steps}
    assert sorted(label for label in labels if not english.get(label)) == []


def test_english_pages_come_from_the_catalogue(client, auth):
    auth.login()
    client.post("/language", data={"lang": "en", "csrf_token": auth.csrf("/"), "next": "/"})
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    assert "Dossier information" in html or "Dossier details" in html
    assert "Step 2: Leader approval" in html  # a step name from the workflow's definition, translated
