"""Every dossier event that follows a submission of the form names the files it carried.

The documents service keeps a file while a dossier lists it (a saved draft too) and removes the
files nobody attached after a retention, so it must see every list, not only the approvals'.
"""
from __future__ import annotations

from datetime import date

from eiso_contracts.events.workflow import DossierOpened, DossierRejected, DossierReturned, DossierSaved
from workflow_fakes import at_local, command, people, policy_request

from eiso_workflow.catalogue import load_catalogue
from eiso_workflow.domain.dossier import Dossier

POLICY = load_catalogue().get("1")
OPENED, TODAY = at_local(2026, 9, 28, 9), date(2026, 9, 28)
LATER, TUESDAY = at_local(2026, 9, 29, 14), date(2026, 9, 29)
EVERYONE = people("sec", "lead")


def opened() -> tuple[Dossier, list]:
    return Dossier.open(POLICY, policy_request(), id="d-1", number=7, now=OPENED, today=TODAY)


def act(dossier: Dossier, *args, **kwargs):
    return dossier.act(command(*args, **kwargs), now=LATER, today=TUESDAY, people=EVERYONE)


def test_the_opening_names_the_files_of_step_1():
    _, events = opened()
    (opening,) = [e for e in events if isinstance(e, DossierOpened)]
    assert opening.attachments == ["file-1"]


def test_a_saved_draft_names_the_files_it_keeps():
    dossier, _ = opened()
    (saved,) = act(dossier, "lead", "save", 1, attachments=["f-draft"])
    assert isinstance(saved, DossierSaved) and saved.attachments == ["f-draft"]


def test_a_rejection_and_a_return_name_their_files():
    dossier, _ = opened()
    (rejected,) = act(dossier, "lead", "reject", 1, comment="Không phù hợp", attachments=["f-why"])
    assert isinstance(rejected, DossierRejected) and rejected.attachments == ["f-why"]

    dossier, _ = opened()
    returned, _ = act(dossier, "lead", "return", 1, comment="Bổ sung", attachments=["f-more"])
    assert isinstance(returned, DossierReturned) and returned.attachments == ["f-more"]
    assert returned.returned_to.handler_id == "sec"


def test_events_from_before_the_field_still_parse():
    """Older events (no ``attachments``) are read as listing none: the change is compatible."""
    dossier, events = opened()
    data = next(e for e in events if isinstance(e, DossierOpened)).model_dump(mode="json")
    data.pop("attachments")
    assert DossierOpened.model_validate(data).attachments == []
