"""A nonconformity comes in (raised by anyone, or an audit's finding) and asks for its corrective-action dossier.

Step 2 of the dossier goes to the head of the nonconforming department, found in the
directory; a department without a head sends it to the ISO secretary, who passes it on.
"""
from __future__ import annotations

from datetime import date, datetime

from eiso_contracts.dossier import ArtefactRef, Assignment, DossierRequest
from eiso_contracts.errors import InvalidInput
from eiso_contracts.events.audit import FindingRecorded
from eiso_contracts.events.quality_nonconformity import NonconformityOpened
from eiso_contracts.rpc.quality_nonconformity import RaiseNonconformity

from eiso_kit.clock import add_working_days

from ..lookups import Lookups
from .aggregate import AUDIT, Nonconformity

DOSSIER_TYPE = "11"            # "Hành động khắc phục"
ARTEFACT_SERVICE = "quality"
ARTEFACT_KIND = "nonconformity"
ANALYSIS_DAYS = 5              # working days the department head has for the analysis (the YAML's step 2)


def responsible(lookups: Lookups, unit_code: str, department_id: str, today: date) -> Assignment:
    """Who analyses and corrects: the department's head, else the unit's ISO secretary."""
    people = (lookups.people_with(unit_code, "dept_head", department_id)
              or lookups.people_with(unit_code, "secretary"))
    if not people or people[0].department_id is None:
        raise InvalidInput("Phòng ban này chưa có Trưởng phòng và đơn vị chưa có Thư ký ISO để giao khắc phục.")
    return Assignment(department_id=people[0].department_id, handler_id=people[0].id,
                      deadline=add_working_days(today, ANALYSIS_DAYS))


def raised(nc_id: str, cmd: RaiseNonconformity, now: datetime) -> Nonconformity:
    """Anyone of the unit reports a nonconformity (a complaint, a missed objective, anything else)."""
    return Nonconformity(id=nc_id, unit_code=cmd.actor.unit_code, source=cmd.source, department_id=cmd.department_id,
                         clause=cmd.clause, description=cmd.description, evidence=cmd.evidence,
                         attachments=tuple(dict.fromkeys(cmd.attachments)), raised_by=cmd.actor.id, raised_at=now)


def from_finding(nc_id: str, finding: FindingRecorded, now: datetime) -> Nonconformity:
    return Nonconformity(id=nc_id, unit_code=finding.unit_code, source=AUDIT, department_id=finding.department_id,
                         clause=finding.clause, description=finding.description, evidence=finding.evidence,
                         attachments=tuple(finding.attachments), audit_plan_id=finding.plan_id,
                         finding_id=finding.finding_id, raised_by=finding.recorded_by, raised_at=now)


def title_of(nc: Nonconformity) -> str:
    text = " ".join(nc.description.split())
    return "Hành động khắc phục: " + (text if len(text) <= 200 else text[:199] + "…")


def opened(nc: Nonconformity, route: Assignment, raiser_department_id: str | None) -> NonconformityOpened:
    """The event that asks the workflow to open dossier type "11" about ``nc``, step 2 routed to ``route``."""
    request = DossierRequest(
        type_code=DOSSIER_TYPE, unit_code=nc.unit_code,
        artefact=ArtefactRef(service=ARTEFACT_SERVICE, kind=ARTEFACT_KIND, id=nc.id, title=title_of(nc)),
        opened_by=nc.raised_by, opened_by_department_id=raiser_department_id,
        comment=nc.evidence[:4000], attachments=list(nc.attachments), next=route)
    return NonconformityOpened(nonconformity_id=nc.id, unit_code=nc.unit_code, source=nc.source,
                               department_id=nc.department_id, clause=nc.clause, description=nc.description,
                               finding_id=nc.finding_id, audit_plan_id=nc.audit_plan_id, raised_by=nc.raised_by,
                               dossier_request=request)
