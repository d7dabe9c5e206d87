"""The colours of the step timeline and their legend, as on the manual's screenshot."""
from __future__ import annotations

from eiso_contracts.rpc.workflow import StepView

from ...i18n import N_

# (css class, label)
LEGEND = (
    ("done-late", N_("Đã xử lý - Trễ hạn")),
    ("done-on_time", N_("Đã xử lý - Đúng hạn")),
    ("done-early", N_("Đã xử lý - Trước hạn")),
    ("todo-late", N_("Chưa xử lý - Trễ hạn")),
    ("todo-on_time", N_("Chưa xử lý - Đúng hạn")),
    ("todo-early", N_("Chưa xử lý - Trước hạn")),
    ("none", N_("Chưa/Không đi qua")),
)
LEGEND_LABELS = dict(LEGEND)


def step_class(step: StepView | None) -> str:
    """``done-late`` ... ``none``: the colour of a step (or of a dossier's current step)."""
    if step is None or step.state == "not_reached" or step.timing == "not_reached":
        return "none"
    return f"{'done' if step.state == 'done' else 'todo'}-{step.timing}"


def legend_label(step: StepView | None) -> str:
    return LEGEND_LABELS[step_class(step)]
