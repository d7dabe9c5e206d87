"""The Dossier aggregate: one run of a dossier type about one artefact.

Every visit of a step is kept as a ``StepVisit`` (a dossier returned for more
information visits a step again), every submission of the "Chuyển hồ sơ" form
as a ``HistoryRecord``. Methods check the rules and return the events to
publish; a refused command raises a typed error and changes nothing.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from eiso_contracts.content import content_model
from eiso_contracts.dossier import ArtefactRef, Assignment, DossierRef, DossierRequest, StepAssignment
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput
from eiso_contracts.events.base import EventData
from eiso_contracts.events.workflow import (
    DossierApproved, DossierCompleted, DossierOpened, DossierOverdue, DossierRejected, DossierReturned,
    DossierSaved, DossierStepEntered,
)
from eiso_contracts.rpc.context import PersonView
from eiso_contracts.rpc.workflow import ActCommand
from pydantic import ValidationError

from .assignment import check_handler
from .calendar import add_working_days
from .code import dossier_code
from .definition import Action, DossierType, StepDefinition

Status = Literal["open", "completed", "rejected"]

STALE = "Hồ sơ đã được xử lý bởi người khác hoặc ở cửa sổ khác. Vui lòng tải lại trang."
CLOSED = "Hồ sơ đã kết thúc (hoàn thành hoặc không duyệt), không thể xử lý thêm. Vui lòng tải lại trang."
NOT_HANDLER = "Bạn không phải người xử lý bước này của hồ sơ."
UNIT_WIDE_ROLES = ("leader", "secretary", "auditor")  # see every dossier of their unit
REASON_NEEDED = "Vui lòng nhập lý do không duyệt (Ý kiến)."
SHORT_LABELS: dict[str, str] = {"save": "Chưa chuyển", "reject": "Không duyệt", "return": "Bổ sung"}


@dataclass
class StepVisit:
    """One visit of a step: who had it, until when, and what they did."""

    seq: int
    number: int
    key: str
    name: str
    handler_id: str
    department_id: str | None
    deadline: date | None
    entered_at: datetime
    done_at: datetime | None = None
    action: Action | None = None
    comment: str = ""
    attachments: list[str] = field(default_factory=list)
    actor_id: str | None = None
    overdue_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def assignment(self, step: StepDefinition) -> StepAssignment:
        return StepAssignment(step=step.ref(), department_id=self.department_id or "",
                              handler_id=self.handler_id, deadline=self.deadline)


@dataclass(frozen=True)
class HistoryRecord:
    """One submission of the form, including "Chưa chuyển" saves; append-only."""

    seq: int
    at: datetime
    actor_id: str
    step_number: int
    step_name: str
    action: Action
    comment: str = ""
    attachments: tuple[str, ...] = ()
    content: dict | None = None
    next: Assignment | None = None


@dataclass(frozen=True)
class Draft:
    """What the handler saved with "Chưa chuyển", to prefill the form next time."""

    comment: str = ""
    attachments: tuple[str, ...] = ()
    next: Assignment | None = None
    content: dict | None = None


@dataclass(frozen=True)
class Route:
    """Where a transfer sends the dossier: the step and, once checked, its handler."""

    step: StepDefinition
    handler_id: str
    department_id: str | None  # None: take the handler's own department (return to the last doer)
    deadline: date


def action_label(step: StepDefinition, action: str) -> str:
    """The status a timeline prints for an action: the step's own approve label ("Trình duyệt", "Ban hành")."""
    return step.approve_label if action == "approve" else SHORT_LABELS[action]


MAX_DEADLINE_DAYS = 366  # a deadline further away is a typing mistake (2062 for 2026), not a plan


def _check_deadline(deadline: date, today: date) -> None:
    if deadline < today:
        raise InvalidInput(f"Hạn cuối xử lý ({deadline:%d/%m/%Y}) không được trước ngày hôm nay ({today:%d/%m/%Y}).")
    if (deadline - today).days > MAX_DEADLINE_DAYS:
        raise InvalidInput(f"Hạn cuối xử lý ({deadline:%d/%m/%Y}) quá xa: tối đa {MAX_DEADLINE_DAYS} ngày kể từ "
                           f"hôm nay.")


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors(include_url=False)[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "nội dung"
        parts.append(f"{where}: {item['msg']}")
    return "Nội dung không hợp lệ — " + "; ".join(parts)


@dataclass
class Dossier:
    id: str
    code: str
    year: int
    number: int
    type: DossierType
    unit_code: str
    artefact: ArtefactRef
    status: Status
    version: int
    opened_by: str
    opened_at: datetime
    last_activity_at: datetime
    closed_at: datetime | None = None
    visits: list[StepVisit] = field(default_factory=list)
    history: list[HistoryRecord] = field(default_factory=list)
    draft: Draft | None = None

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, dossier_type: DossierType, request: DossierRequest, *, id: str, number: int,
             now: datetime, today: date) -> tuple["Dossier", list[EventData]]:
        """Open a dossier: step 1 is done by the requester ("Trình duyệt"), step 2 is entered.

        The deadline is not checked against ``today`` here: the owner checked
        it (``validate_request``) before it committed the submission, and an
        event delivered late must still open its dossier (it will show late).
        """
        check_request(dossier_type, request)
        first, second = dossier_type.steps[0], dossier_type.steps[1]
        dossier = cls(
            id=id, code=dossier_code(dossier_type.code, today.year, number, request.unit_code),
            year=today.year, number=number, type=dossier_type, unit_code=request.unit_code,
            artefact=request.artefact, status="open",
            version=1, opened_by=request.opened_by, opened_at=now, last_activity_at=now,
        )
        dossier.visits.append(StepVisit(
            seq=1, number=first.number, key=first.key, name=first.name, handler_id=request.opened_by,
            department_id=request.opened_by_department_id, deadline=None, entered_at=now, done_at=now, action="approve",
            comment=request.comment, attachments=list(request.attachments), actor_id=request.opened_by,
        ))
        entered = dossier._enter(second, request.next.handler_id, request.next.department_id,
                                 request.next.deadline, now)
        dossier.history.append(HistoryRecord(
            seq=1, at=now, actor_id=request.opened_by, step_number=first.number, step_name=first.name,
            action="approve", comment=request.comment, attachments=tuple(request.attachments), next=request.next,
        ))
        current = entered.assignment(second)
        return dossier, [
            DossierOpened(dossier=dossier.ref(), title=request.artefact.title, opened_by=request.opened_by,
                          current=current, attachments=list(request.attachments)),
            DossierStepEntered(dossier=dossier.ref(), current=current, previous_step=first.ref()),
        ]

    # -- reading -------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def current(self) -> StepVisit | None:
        """The visit waiting for its handler; None once the dossier is closed."""
        if not self.is_open:
            return None
        return self.visits[-1]

    @property
    def current_step(self) -> StepDefinition | None:
        visit = self.current
        return self.type.step(visit.number) if visit else None

    @property
    def title(self) -> str:
        return self.artefact.title

    def ref(self) -> DossierRef:
        """The dossier as events name it, with its current version (taken after an action's change)."""
        return DossierRef(id=self.id, code=self.code, type_code=self.type.code, unit_code=self.unit_code,
                          artefact=self.artefact, version=self.version)

    def latest_visit(self, number: int) -> StepVisit | None:
        for visit in reversed(self.visits):
            if visit.number == number:
                return visit
        return None

    def files(self) -> set[str]:
        """Every file the dossier holds: attached at a step, in the history, or kept in the draft."""
        held = {f for visit in self.visits for f in visit.attachments}
        held |= {f for record in self.history for f in record.attachments}
        if self.draft is not None:
            held |= set(self.draft.attachments)
        return held

    def visible_to(self, actor) -> bool:
        """Who reads a dossier: the leader, the ISO secretary and auditors see their unit's; anyone else
        only the dossiers they take part in (opened, handled, acted on)."""
        if actor.unit_code != self.unit_code:
            return False
        if actor.has_role(*UNIT_WIDE_ROLES):
            return True
        return any(person == actor.id for person, _ in self.participants())

    def participants(self) -> set[tuple[str, str]]:
        """(person, how): "opened", "handler" (was assigned a step), "acted" (transferred, not just saved)."""
        people = {(self.opened_by, "opened")}
        for visit in self.visits:
            people.add((visit.handler_id, "handler"))
            if visit.action in ("approve", "reject", "return") and visit.actor_id:
                people.add((visit.actor_id, "acted"))
        return people

    def snapshot(self) -> dict:
        """The state the audit trail records before and after a change."""
        visit = self.current
        return {
            "code": self.code, "status": self.status, "version": self.version,
            "step": visit.number if visit else None,
            "handler_id": visit.handler_id if visit else None,
            "department_id": visit.department_id if visit else None,
            "deadline": visit.deadline.isoformat() if visit and visit.deadline else None,
        }

    # -- acting --------------------------------------------------------------
    def plan(self, command: ActCommand, today: date) -> list[str]:
        """Check everything that needs nothing outside; return whom to look up in the context service.

        Run before the transaction, so a refused command costs no RPC call
        and the lookups happen outside it; ``act`` checks it all again.
        """
        _, _, _, route = self._check(command, today)
        return [route.handler_id] if route else []

    def act(self, command: ActCommand, *, now: datetime, today: date,
            people: Mapping[str, PersonView | None]) -> list[EventData]:
        """Apply one "Chuyển hồ sơ" submission; return the events to publish.

        ``people``: the context service's answers for the ids ``plan`` named
        (None for someone unknown). Raises AlreadyProcessed (closed or stale
        version), Forbidden (not the handler) or InvalidInput, changing nothing.
        """
        visit, step, content, route = self._check(command, today)
        department_id = None
        if route is not None:
            person = check_handler(people.get(route.handler_id), step=route.step, unit_code=self.unit_code,
                                   department_id=route.department_id)
            department_id = route.department_id or person.department_id
        # Nothing below can refuse: the dossier changes only from here on.
        action, actor = command.action, command.actor.id
        attachments = list(command.attachments)
        routed = (Assignment(department_id=department_id, handler_id=route.handler_id, deadline=route.deadline)
                  if route else None)
        self.history.append(HistoryRecord(
            seq=len(self.history) + 1, at=now, actor_id=actor, step_number=step.number, step_name=step.name,
            action=action, comment=command.comment, attachments=tuple(attachments), content=content,
            next=routed if action != "save" else command.next,
        ))
        self.version += 1
        self.last_activity_at = now
        ref, here = self.ref(), step.ref()
        if action == "save":
            self.draft = Draft(comment=command.comment, attachments=tuple(attachments), next=command.next,
                               content=content)
            return [DossierSaved(dossier=ref, step=here, actor_id=actor, comment=command.comment,
                                 attachments=attachments, content=content)]
        visit.done_at, visit.action, visit.actor_id = now, action, actor
        visit.comment, visit.attachments = command.comment, attachments
        self.draft = None
        if action == "reject":
            self._close("rejected", now)
            return [DossierRejected(dossier=ref, step=here, actor_id=actor, comment=command.comment,
                                    attachments=attachments, content=content)]
        if action == "approve" and route is None:  # the final step
            self._close("completed", now)
            return [
                DossierApproved(dossier=ref, step=here, actor_id=actor, comment=command.comment,
                                attachments=attachments, content=content, next=None),
                DossierCompleted(dossier=ref, step=here, actor_id=actor, comment=command.comment, content=content),
            ]
        entered = self._enter(route.step, route.handler_id, department_id, route.deadline, now)
        current = entered.assignment(route.step)
        if action == "approve":
            moved: EventData = DossierApproved(dossier=ref, step=here, actor_id=actor, comment=command.comment,
                                               attachments=attachments, content=content, next=current)
        else:
            moved = DossierReturned(dossier=ref, step=here, actor_id=actor, comment=command.comment,
                                    attachments=attachments, returned_to=current)
        return [moved, DossierStepEntered(dossier=ref, current=current, previous_step=here)]

    # -- deadlines -----------------------------------------------------------
    def overdue_event(self, today: date) -> DossierOverdue | None:
        """The "Trễ hạn" fact for the current visit, if its deadline has passed and it was not told yet."""
        visit = self.current
        if visit is None or visit.deadline is None or visit.deadline >= today or visit.overdue_at is not None:
            return None
        return DossierOverdue(dossier=self.ref(), current=visit.assignment(self.type.step(visit.number)))

    # -- internals -----------------------------------------------------------
    def _check(self, command: ActCommand, today: date):
        if not self.is_open:
            raise AlreadyProcessed(CLOSED)
        if command.expected_version != self.version:
            raise AlreadyProcessed(STALE)
        visit = self.visits[-1]
        if command.actor.id != visit.handler_id:
            raise Forbidden(NOT_HANDLER)
        step = self.type.step(visit.number)
        if command.action not in step.actions:
            label = action_label(step, command.action)
            raise InvalidInput(f"Bước {step.number}: {step.name} không cho phép chọn \"{label}\".")
        if command.action == "reject" and step.reject_needs_reason and not command.comment.strip():
            raise InvalidInput(REASON_NEEDED)
        content = self._content(command, step)
        return visit, step, content, self._route(command, step, today)

    def _content(self, command: ActCommand, step: StepDefinition) -> dict | None:
        if command.content is None:
            return None
        if command.action == "return":
            raise InvalidInput("Không gửi kèm nội dung chỉnh sửa khi trả hồ sơ để bổ sung; "
                               "hãy chọn \"Chưa chuyển\" để lưu nội dung, hoặc duyệt.")
        if not step.edits_content or self.type.content_schema is None:
            raise InvalidInput(f"Bước {step.number}: {step.name} không được chỉnh sửa nội dung.")
        model = content_model(self.type.content_schema)
        try:
            return model.model_validate(command.content).model_dump(mode="json")
        except ValidationError as exc:
            raise InvalidInput(_describe(exc), exc.errors(include_url=False, include_context=False)) from None

    def _route(self, command: ActCommand, step: StepDefinition, today: date) -> Route | None:
        chosen = command.next
        if command.action == "approve" and not step.final:
            target = self.type.after(step.number)
            if chosen is None:
                raise InvalidInput(f"Vui lòng chọn phòng ban, người xử lý và hạn cuối xử lý cho "
                                   f"bước tiếp theo (Bước {target.number}: {target.name}).")
            _check_deadline(chosen.deadline, today)
            return Route(target, chosen.handler_id, chosen.department_id, chosen.deadline)
        if command.action == "return":
            target = self.type.step(step.return_to)
            if chosen is not None:
                _check_deadline(chosen.deadline, today)
                return Route(target, chosen.handler_id, chosen.department_id, chosen.deadline)
            last = self.latest_visit(target.number)
            doer = (last.actor_id or last.handler_id) if last else self.opened_by
            return Route(target, doer, None, add_working_days(today, target.deadline_days))
        return None

    def _enter(self, step: StepDefinition, handler_id: str, department_id: str | None, deadline: date,
               now: datetime) -> StepVisit:
        visit = StepVisit(seq=len(self.visits) + 1, number=step.number, key=step.key, name=step.name,
                          handler_id=handler_id, department_id=department_id, deadline=deadline, entered_at=now)
        self.visits.append(visit)
        return visit

    def _close(self, status: Status, now: datetime) -> None:
        self.status = status
        self.closed_at = now


def check_opening(dossier_type: DossierType, request: DossierRequest, *, today: date,
                  people: Mapping[str, PersonView | None]) -> None:
    """What an owning service asks before it commits a submission (``validate_request``).

    The type and artefact match, the requester can do step 1, the chosen
    handler can do step 2 in the chosen department, and the deadline is not past.
    """
    check_request(dossier_type, request)
    _check_deadline(request.next.deadline, today)
    first, second = dossier_type.steps[0], dossier_type.steps[1]
    check_handler(people.get(request.opened_by), step=first, unit_code=request.unit_code, department_id=None,
                  require_department=False)
    check_handler(people.get(request.next.handler_id), step=second, unit_code=request.unit_code,
                  department_id=request.next.department_id)


def check_request(dossier_type: DossierType, request: DossierRequest) -> None:
    """The request is for this type and this kind of artefact (a policy cannot open an audit dossier)."""
    if request.type_code != dossier_type.code:
        raise InvalidInput(f"Yêu cầu mở hồ sơ loại {request.type_code!r} không khớp loại {dossier_type.code!r}.")
    if (request.artefact.service, request.artefact.kind) != (dossier_type.artefact_service,
                                                             dossier_type.artefact_kind):
        raise InvalidInput(
            f"Hồ sơ \"{dossier_type.name}\" dành cho {dossier_type.artefact_service}/{dossier_type.artefact_kind}, "
            f"không dành cho {request.artefact.service}/{request.artefact.kind}.")
