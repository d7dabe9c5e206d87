"""The workflow service: dossier types read from the real definitions, dossiers, "Chuyển hồ sơ", inboxes.

The dossier types are the workflow's own YAML (``services/workflow/eiso_workflow/definitions``, read as
data, never imported) plus test-only types in ``definitions/`` beside this file, so step keys, actions and
labels are the real ones. ``tests/contracts`` holds this fake to the real service.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import yaml
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput, NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.workflow import (
    DOSSIER_STATUS_LABELS, TIMING_LABELS, ActCommand, ActionForm, DossierTypeView, DossierView, DraftView,
    HistoryEntry, InboxCounts, InboxPage, InboxQuery, StepDefinitionView, StepView,
)
from eiso_kit.rpc import parse

from .rpc import rpc
from .seed import TODAY, UNIT, working_days

ROOT = Path(__file__).resolve().parents[3]
REAL_DEFINITIONS = ROOT / "services" / "workflow" / "eiso_workflow" / "definitions"
TEST_DEFINITIONS = Path(__file__).parent / "definitions"
# The defaults of a step as the workflow's definition model has them.
STEP_DEFAULTS = {"approve_label": "Duyệt", "edits_content": False, "final": False, "return_to": None}
SHORT_LABELS = {"save": "Chưa chuyển", "reject": "Không duyệt", "return": "Bổ sung"}
STALE = "Hồ sơ đã được xử lý bởi người khác."
NOT_HANDLER = "Bạn không phải người xử lý bước này của hồ sơ."


def load_definitions(*folders: Path) -> list[DossierTypeView]:
    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            steps = [StepDefinitionView(**{**STEP_DEFAULTS, **step}) for step in data.pop("steps")]
            found.append(DossierTypeView(**{"content_schema": None, **data, "steps": steps}))
    return sorted(found, key=lambda d: (len(d.code), d.code))   # the workflow's order: 1, 2, ... 9, 10


def action_label(step: StepDefinitionView, action: str) -> str:
    return step.approve_label if action == "approve" else SHORT_LABELS[action]


class FakeWorkflow:
    def __init__(self, today: date = TODAY):
        self.definitions = load_definitions(REAL_DEFINITIONS, TEST_DEFINITIONS)
        self.dossiers: dict[str, dict] = {}
        self.numbers: dict[tuple[str, int], int] = {}
        self.today = today

    # -- opening (what the owner's "submitted" event does) ----------------------------------------
    def open(self, request: DossierRequest, now: datetime | None = None) -> str:
        """Open a dossier as the real workflow does on a "submitted" event; returns its code."""
        definition = self.get_definition(request.type_code)
        first, second = definition.steps[0], definition.steps[1]
        now = now or datetime.now(timezone.utc)
        number = self.numbers[(request.type_code, now.year)] = self.numbers.get((request.type_code, now.year), 0) + 1
        code = f"{request.type_code}-{now.year}-{number}-{request.unit_code}"
        self.dossiers[code] = {
            "id": str(uuid.uuid4()), "code": code, "type": request.type_code, "title": request.artefact.title,
            "artefact": request.artefact.model_dump(mode="json"), "unit": request.unit_code,
            "status": "open", "opened_by": request.opened_by, "opened_at": now, "closed_at": None, "version": 1,
            "current": second.number,
            "steps": {
                first.number: dict(state="done", department_id=request.opened_by_department_id,
                                   handler_id=request.opened_by, done_at=now, action="approve",
                                   action_label=first.approve_label, timing="on_time", comment=request.comment,
                                   attachments=list(request.attachments)),
                second.number: dict(state="current", department_id=request.next.department_id,
                                    handler_id=request.next.handler_id, deadline=request.next.deadline,
                                    timing="early"),
            },
            "history": [dict(at=now, actor_id=request.opened_by, step_number=first.number, step_name=first.name,
                             action="approve", action_label=first.approve_label, comment=request.comment,
                             attachments=list(request.attachments))],
            "draft": {"comment": "", "attachments": [], "next": None},
            "following": {request.opened_by}, "done_by": {request.opened_by},
        }
        return code

    # -- views ------------------------------------------------------------------------------------
    def _view(self, d: dict, actor: Actor | None) -> DossierView:
        definition = self.get_definition(d["type"])
        steps = []
        for sd in definition.steps:
            data = d["steps"].get(sd.number, {"state": "not_reached", "timing": "not_reached"})
            timing = data.get("timing", "not_reached")
            steps.append(StepView(number=sd.number, key=sd.key, name=sd.name, state=data["state"],
                                  department_id=data.get("department_id"), handler_id=data.get("handler_id"),
                                  deadline=data.get("deadline"), done_at=data.get("done_at"),
                                  done_half_day=data.get("done_half_day"), action=data.get("action"),
                                  action_label=data.get("action_label"), timing=timing,
                                  timing_label=TIMING_LABELS[timing], comment=data.get("comment", ""),
                                  attachments=data.get("attachments", [])))
        current = next((s for s in steps if s.state == "current"), None)
        form = None
        if actor is not None and current is not None and current.handler_id == actor.id and d["status"] == "open":
            sd = next(s for s in definition.steps if s.number == current.number)
            nxt = next((s for s in definition.steps if s.number == current.number + 1), None)
            back = next((s for s in definition.steps if s.number == sd.return_to), None)
            form = ActionForm(actions=sd.actions, approve_label=sd.approve_label, edits_content=sd.edits_content,
                              next_step=nxt, return_step=back,
                              default_deadline=working_days(self.today, nxt.deadline_days) if nxt else None,
                              draft=DraftView(**d["draft"]))
        return DossierView(
            id=d["id"], code=d["code"], type_code=d["type"], type_name=definition.name, title=d["title"],
            unit_code=d.get("unit", UNIT), artefact=d["artefact"], status=d["status"],
            status_label=DOSSIER_STATUS_LABELS[d["status"]], opened_by=d["opened_by"], opened_at=d["opened_at"],
            closed_at=d["closed_at"], current_step=current, version=d["version"], steps=steps,
            history=[HistoryEntry(**h) for h in d["history"]], form=form)

    def _visible(self, code: str, actor: Actor) -> dict:
        """Another unit's dossier is as absent as an unknown one (NotFound), as in the real service."""
        d = self.dossiers.get(code)
        if d is None or d.get("unit", UNIT) != actor.unit_code:
            raise NotFound(f"Không tìm thấy hồ sơ {code}.")
        return d

    # -- RPC --------------------------------------------------------------------------------------
    @rpc
    def health(self):
        return {"service": "workflow", "status": "ok", "checks": {"database": "ok"}}

    @rpc
    def list_definitions(self):
        return self.definitions

    @rpc
    def get_definition(self, type_code):
        found = next((d for d in self.definitions if d.code == type_code), None)
        if found is None:
            raise NotFound("Không tìm thấy loại hồ sơ.")
        return found

    @rpc
    def get_dossier(self, code, actor):
        a = parse(Actor, actor)
        return self._view(self._visible(code, a), a)

    @rpc
    def get_dossier_for_artefact(self, service, kind, artefact_id, actor):
        a = parse(Actor, actor)
        for d in reversed(list(self.dossiers.values())):
            ref = d["artefact"]
            if (ref["service"], ref["kind"], ref["id"]) == (service, kind, artefact_id) and \
                    d.get("unit", UNIT) == a.unit_code:
                return self._view(d, a).model_dump(exclude={"steps", "history", "form"})
        return None

    @rpc
    def act(self, cmd):
        c = parse(ActCommand, cmd)
        d = self._visible(c.code, c.actor)
        if d["status"] != "open" or c.expected_version != d["version"]:
            raise AlreadyProcessed(STALE)
        view = self._view(d, c.actor)
        if view.form is None:
            raise Forbidden(NOT_HANDLER)
        definition = self.get_definition(d["type"])
        step = next(s for s in definition.steps if s.number == d["current"])
        if c.action not in view.form.actions:
            raise InvalidInput(f"Bước {step.number}: {step.name} không cho phép chọn \"{action_label(step, c.action)}\".")
        if c.content is not None and c.action == "return":
            raise InvalidInput("Không gửi kèm nội dung chỉnh sửa khi trả hồ sơ để bổ sung.")
        if c.content is not None and not view.form.edits_content:
            raise InvalidInput(f"Bước {step.number}: {step.name} không được chỉnh sửa nội dung.")
        if c.action == "approve" and view.form.next_step is not None and c.next is None:
            raise InvalidInput("Vui lòng chọn phòng ban, người xử lý và hạn cuối xử lý cho bước tiếp theo.")
        now = datetime.now(timezone.utc)
        number = d["current"]
        d["version"] += 1
        d["history"].append(dict(at=now, actor_id=c.actor.id, step_number=number, step_name=step.name,
                                 action=c.action, action_label=action_label(step, c.action), comment=c.comment,
                                 attachments=list(c.attachments), content=c.content,
                                 next=c.next.model_dump(mode="json") if c.next else None))
        if c.action == "save":
            d["draft"] = {"comment": c.comment, "attachments": list(c.attachments),
                          "next": c.next.model_dump(mode="json") if c.next else None, "content": c.content}
            return self._view(d, c.actor)
        d["steps"][number].update(state="done", done_at=now, done_half_day="Sáng", action=c.action,
                                  action_label=action_label(step, c.action), comment=c.comment,
                                  attachments=list(c.attachments), timing="on_time")
        d["done_by"].add(c.actor.id)
        d["draft"] = {"comment": "", "attachments": [], "next": None}
        if c.action == "approve" and c.next is not None:
            self._enter(d, number + 1, c.next.handler_id, c.next.department_id, c.next.deadline)
        elif c.action == "approve":
            d["status"], d["closed_at"] = "completed", now
        elif c.action == "reject":
            d["status"], d["closed_at"] = "rejected", now
        elif c.action == "return":
            back = next(s for s in definition.steps if s.number == step.return_to)
            if c.next is not None:
                self._enter(d, back.number, c.next.handler_id, c.next.department_id, c.next.deadline)
            else:
                last = d["steps"][back.number]
                self._enter(d, back.number, last.get("handler_id") or d["opened_by"], None,
                            working_days(self.today, back.deadline_days))
        return self._view(d, c.actor)

    def _enter(self, d: dict, number: int, handler_id: str, department_id: str | None, deadline) -> None:
        d["current"] = number
        d["steps"][number] = dict(state="current", department_id=department_id, handler_id=handler_id,
                                  deadline=deadline, timing="early")

    def _tab(self, d: dict, actor: Actor) -> set[str]:
        tabs = set()
        if d.get("unit", UNIT) != actor.unit_code:
            return tabs
        current = d["steps"].get(d["current"], {})
        if d["status"] != "open":
            if actor.id in d["done_by"] or actor.id in d["following"]:
                tabs.add("completed")
            return tabs
        if current.get("handler_id") == actor.id:
            tabs.add("todo")
        if actor.id in d["done_by"]:
            tabs.add("done")
        if actor.id in d["following"]:
            tabs.add("following")
        return tabs

    @rpc
    def inbox(self, query):
        q = parse(InboxQuery, query)
        found = [d for d in self.dossiers.values() if q.tab in self._tab(d, q.actor)]
        if q.search:
            found = [d for d in found if q.search.lower() in (d["code"] + d["title"]).lower()]
        start = (q.page - 1) * q.page_size
        items = [self._view(d, None) for d in found[start:start + q.page_size]]
        summaries = [v.model_dump(exclude={"steps", "history", "form"}) for v in items]
        return InboxPage(tab=q.tab, items=summaries, total=len(found), page=q.page, page_size=q.page_size,
                         counts=self._counts(q.actor))

    def _counts(self, actor: Actor) -> InboxCounts:
        counts = {"following": 0, "todo": 0, "done": 0, "completed": 0}
        for d in self.dossiers.values():
            for tab in self._tab(d, actor):
                counts[tab] += 1
        return InboxCounts(**counts)

    @rpc
    def inbox_counts(self, actor):
        return self._counts(parse(Actor, actor))
