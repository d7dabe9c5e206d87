"""The colours of the step timeline and their legend, as on the manual's screenshot."""
from __future__ import annotations

from eiso_contracts.rpc.workflow import StepView

# (css class, label)
LEGEND = (
    ("done-late", "Đã xử lý - Trễ hạn"),
    ("done-on_time", "Đã xử lý - Đúng hạn"),
    ("done-early", "Đã xử lý - Trước hạn"),
    ("todo-late", "Chưa xử lý - Trễ hạn"),
    ("todo-on_time", "Chưa xử lý - Đúng hạn"),
    ("todo-early", "Chưa xử lý - Trước hạn"),
    ("none", "Chưa/Không đi qua"),
)
LEGEND_LABELS = dict(LEGEND)


def step_class(step: StepView | None) -> str:
    """``done-late`` ... ``none``: the colour of a step (or of a dossier's current step)."""
    if step is None or step.state == "not_reached" or step.timing == "not_reached":
        return "none"
    return f"{'done' if step.state == 'done' else 'todo'}-{step.timing}"


def legend_label(step: StepView | None) -> str:
    return LEGEND_LABELS[step_class(step)]
