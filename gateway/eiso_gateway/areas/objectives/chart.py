"""Target against measured over time for one department objective, drawn by matplotlib as SVG.

Readable without colour alone: the target is a dashed line with square markers, the result a solid line
with round markers, a missed period is marked with a cross and every point carries its value; the page
also shows the numbers as a table. Text stays text in the SVG (no font files needed).
"""
from __future__ import annotations

import io
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")  # no display: draw into memory
from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import FuncFormatter  # noqa: E402

DARK, TARGET = "#1f4e79", "#5d6b7a"


def _number(value: Decimal, comma: bool) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if comma else text


def draw(periods: list[str], targets: list[Decimal], measured: list[Decimal | None], *, title: str,
         target_label: str, measured_label: str, axis_label: str, comma: bool = True) -> bytes:
    """The chart as SVG bytes; ``measured`` has None for a period without a result."""
    figure = Figure(figsize=(8, 3.6), dpi=100)
    axes = figure.add_subplot()
    xs = list(range(len(periods)))
    axes.plot(xs, [float(t) for t in targets], linestyle="--", marker="s", color=TARGET, linewidth=1.5,
              label=target_label)
    points = [(x, float(m)) for x, m in zip(xs, measured) if m is not None]
    if points:
        axes.plot([x for x, _ in points], [y for _, y in points], linestyle="-", marker="o", color=DARK,
                  linewidth=2, label=measured_label)
        for (x, y), target in zip(points, [targets[x] for x, _ in points]):
            missed = Decimal(str(y)) < target
            if missed:
                axes.plot([x], [y], marker="x", markersize=12, color="#a4262c", linestyle="none")
            axes.annotate(_number(Decimal(str(y)), comma), (x, y), textcoords="offset points", xytext=(0, -16 if missed else 8),
                          ha="center", fontsize=9, color="#1b1b1b")
    axes.set_xticks(xs, periods, fontsize=9)
    low = min([float(t) for t in targets] + [y for _, y in points] + [100.0])
    axes.set_ylim(max(0.0, low - 10), 102)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}".replace(".", ",") if comma
                                                 else f"{value:g}"))
    axes.set_ylabel(axis_label)
    axes.set_title(title, fontsize=11, loc="left")
    axes.grid(axis="y", linestyle=":", linewidth=0.8)
    axes.legend(loc="lower left", fontsize=9, frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": ["DejaVu Sans", "sans-serif"]}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
