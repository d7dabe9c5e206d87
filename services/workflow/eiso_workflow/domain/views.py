"""What people see of a dossier: the summary of inbox rows, the timeline, the "Chuyển hồ sơ" form.

Pure mapping from the aggregate to the RPC models; timing needs ``today`` and
the unit's time zone, so they are arguments.
"""
from __future__ import annotations

from datetime import date, tzinfo

from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.workflow import (
    DOSSIER_STATUS_LABELS, ActionForm, DossierSummary, DossierView, DraftView, HistoryEntry, StepView,
)

from .calendar import add_working_days
from .definition import StepDefinition
from .dossier import Dossier, StepVisit, action_label
from .timing import current_timing, done_timing, half_day, label


def step_view(step: StepDefinition, visit: StepVisit | None, *, current: bool, today: date, tz: tzinfo) -> StepView:
    """One step of the timeline: done, current or not reached, with its deadline colour."""
    if visit is None or (not visit.done and not current):
        return StepView(number=step.number, key=step.key, name=step.name, state="not_reached",
                        timing="not_reached", timing_label=label("not_reached"))
    if visit.done:
        timing = done_timing(visit.done_at, visit.deadline, tz)
        return StepView(
            number=step.number, key=step.key, name=step.name, state="done",
            department_id=visit.department_id, handler_id=visit.handler_id, deadline=visit.deadline,
            done_at=visit.done_at, done_half_day=half_day(visit.done_at, tz), action=visit.action,
            action_label=action_label(step, visit.action), timing=timing, timing_label=label(timing),
            comment=visit.comment, attachments=list(visit.attachments),
        )
    timing = current_timing(today, visit.deadline)
    return StepView(
        number=step.number, key=step.key, name=step.name, state="current",
        department_id=visit.department_id, handler_id=visit.handler_id, deadline=visit.deadline,
        timing=timing, timing_label=label(timing),
    )


def summary(dossier: Dossier, *, today: date, tz: tzinfo) -> DossierSummary:
    return DossierSummary(**_summary_fields(dossier, today, tz))


def dossier_view(dossier: Dossier, actor: Actor, *, today: date, tz: tzinfo) -> DossierView:
    """The dossier page: every defined step once (its latest visit), the history, and the form only for
    the current handler of an open dossier. A "Chưa chuyển" save is a draft: only its author sees it."""
    current = dossier.current
    steps = [
        step_view(step, dossier.latest_visit(step.number),
                  current=current is not None and current.number == step.number, today=today, tz=tz)
        for step in dossier.type.steps
    ]
    history = [
        HistoryEntry(
            at=record.at, actor_id=record.actor_id, step_number=record.step_number, step_name=record.step_name,
            action=record.action, action_label=action_label(dossier.type.step(record.step_number), record.action),
            comment=record.comment, attachments=list(record.attachments), content=record.content,
            next=record.next,
        )
        for record in dossier.history
        if record.action != "save" or record.actor_id == actor.id
    ]
    form = action_form(dossier, today) if current is not None and current.handler_id == actor.id else None
    return DossierView(**_summary_fields(dossier, today, tz), steps=steps, history=history, form=form)


def action_form(dossier: Dossier, today: date) -> ActionForm:
    step = dossier.current_step
    after = dossier.type.after(step.number)
    back = dossier.type.step(step.return_to) if step.return_to else None
    draft = dossier.draft
    return ActionForm(
        actions=list(step.actions), approve_label=step.approve_label, edits_content=step.edits_content,
        next_step=after.view() if after else None, return_step=back.view() if back else None,
        default_deadline=add_working_days(today, after.deadline_days) if after else None,
        draft=DraftView(comment=draft.comment, attachments=list(draft.attachments),
                        next=draft.next, content=draft.content) if draft else DraftView(),
    )


def _summary_fields(dossier: Dossier, today: date, tz: tzinfo) -> dict:
    visit = dossier.current
    current = (step_view(dossier.type.step(visit.number), visit, current=True, today=today, tz=tz)
               if visit is not None else None)
    return dict(
        id=dossier.id, code=dossier.code, type_code=dossier.type.code, type_name=dossier.type.name,
        title=dossier.title, unit_code=dossier.unit_code, artefact=dossier.artefact, status=dossier.status,
        status_label=DOSSIER_STATUS_LABELS[dossier.status], opened_by=dossier.opened_by,
        opened_at=dossier.opened_at, closed_at=dossier.closed_at, current_step=current, version=dossier.version,
    )
