"""Charts drawn once with matplotlib as SVG, used on screen (inline) and in DOCX/PDF reports."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

PALETTE = ["#0b6e4f", "#2e86de", "#c0392b", "#f39c12", "#7f8c8d", "#8e44ad"]
# The document font (Times New Roman, metric-compatible Liberation Serif where it is not installed), so a
# chart reads like the document it sits in; "none" keeps SVG text as text.
FONTS = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]


@cache
def _plt() -> Any:
    """matplotlib, imported and set up on the first chart (about a second of start-up otherwise)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    _drop_fonts_without_vietnamese()
    plt.rcParams["font.family"] = "serif"
    plt.rcParams["font.serif"] = FONTS
    plt.rcParams["font.size"] = 10
    plt.rcParams["svg.fonttype"] = "none"
    return plt


# ư and ữ: a font without them (Liberation 1.x, installed beside 2.x on many systems) draws boxes.
VIETNAMESE_PROBES = (0x01B0, 0x1EEF)


def _drop_fonts_without_vietnamese() -> None:
    """Forget the installed files of the document fonts that lack Vietnamese letters, so that matplotlib
    picks the file of the same family that has them."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    def lacks_vietnamese(entry: Any) -> bool:
        try:
            charmap = FT2Font(entry.fname).get_charmap()
        except (OSError, RuntimeError):
            return True
        return not all(code in charmap for code in VIETNAMESE_PROBES)

    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if f.name not in FONTS or not lacks_vietnamese(f)]


NO_DATA = "Chưa có dữ liệu"
ROMAN = ("I", "II", "III", "IV")


def quarter_label(quarter: int) -> str:
    """'Quý I' … 'Quý IV', as quarters are written in Vietnamese reports."""
    return f"Quý {ROMAN[quarter - 1]}"


def _empty(values: Sequence[Sequence[float | None]]) -> bool:
    return not any(value not in (None, 0) for series in values for value in series)


def _no_data(fmt: str, width: float = 4.8, height: float = 1.2) -> bytes:
    """An empty chart says so, instead of drawing an axis around nothing."""
    figure = _figure(width, height)
    figure.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=11, style="italic", color="#555555")
    return _export(figure, fmt)


def _wrapped(label: str, width: int = 16) -> str:
    """A category label broken into short lines, so that neighbouring labels never run into each other."""
    import textwrap

    return "\n".join(textwrap.wrap(label, width)) or label


def _legend_below(axes: Axes, count: int) -> None:
    """The legend sits under the plot and its category labels, never over the data or the labels."""
    label_lines = max((label.get_text().count("\n") + 1 for label in axes.get_xticklabels()), default=1)
    below = -0.12 - 0.08 * (label_lines - 1)
    axes.legend(
        frameon=False, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, below), ncol=min(count, 3)
    )


def _figure(width: float = 4.8, height: float = 2.6) -> Figure:
    figure = _plt().figure(figsize=(width, height), dpi=100)
    figure.patch.set_alpha(0)
    return figure


def _export(figure: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, bbox_inches="tight", dpi=150 if fmt == "png" else None)
    _plt().close(figure)
    return buffer.getvalue()


def bar_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    title: str = "",
    stacked: bool = False,
    fmt: str = "svg",
) -> bytes:
    """Grouped (or stacked) bars: one group per label (a name, never a bare number), one bar per series."""
    if not labels or _empty(list(series.values())):
        return _no_data(fmt)
    figure = _figure()
    axes = figure.add_subplot()
    count = max(len(series), 1)
    width = 0.8 if stacked else 0.8 / count
    bottoms: list[float] = [0.0] * len(labels)
    for index, (name, values) in enumerate(series.items()):
        if stacked:
            positions: list[float] = [float(i) for i in range(len(labels))]
            axes.bar(
                positions, values, width, bottom=bottoms, label=name, color=PALETTE[index % len(PALETTE)]
            )
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        else:
            positions = [i + (index - (count - 1) / 2) * width for i in range(len(labels))]
            axes.bar(positions, values, width, label=name, color=PALETTE[index % len(PALETTE)])
    axes.set_xticks(range(len(labels)), [_wrapped(label) for label in labels])
    axes.spines[["top", "right"]].set_visible(False)
    if title:
        axes.set_title(title)
    if len(series) > 1:
        _legend_below(axes, len(series))
    return _export(figure, fmt)


def line_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    title: str = "",
    target: float | None = None,
    fmt: str = "svg",
) -> bytes:
    """Trend lines over periods, with an optional dashed target line."""
    if not labels or _empty(list(series.values())):
        return _no_data(fmt)
    figure = _figure()
    axes = figure.add_subplot()
    for index, (name, values) in enumerate(series.items()):
        points = [float("nan") if value is None else value for value in values]
        axes.plot(list(labels), points, marker="o", label=name, color=PALETTE[index % len(PALETTE)])
    if target is not None:
        axes.axhline(target, linestyle="--", color="#555555", linewidth=1)
    axes.spines[["top", "right"]].set_visible(False)
    if title:
        axes.set_title(title)
    if len(series) > 1:
        _legend_below(axes, len(series))
    return _export(figure, fmt)


def donut_chart(parts: dict[str, float], *, title: str = "", fmt: str = "svg") -> bytes:
    """Shares of a whole (e.g. early / on time / late); empty parts are left out."""
    shown = {name: value for name, value in parts.items() if value > 0}
    if not shown:
        return _no_data(fmt, 3.2, 1.2)
    figure = _figure(3.2, 2.6)
    axes = figure.add_subplot()
    if shown:
        axes.pie(
            list(shown.values()),
            labels=list(shown.keys()),
            colors=PALETTE[: len(shown)],
            wedgeprops={"width": 0.4},
            autopct="%1.0f%%",
            pctdistance=0.8,
        )
    axes.set_aspect("equal")
    if title:
        axes.set_title(title)
    return _export(figure, fmt)


def inline_svg(svg: bytes) -> str:
    """The SVG markup without its XML prologue, for embedding in a page with |safe."""
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]
