"""The follow-up report (uppföljningsrapport) per effect or for all, as Word and PDF: each
effect's status and why, each indicator's chart, status, rule in words, definition and source,
and the latest review — the kind of annex an återrapport carries.

Pure: values in, bytes out. The charts are drawn by matplotlib (Agg, no browser, nothing
downloaded at run time), so the report works on a fresh machine after the README's set-up.
"""

import io
from dataclasses import dataclass, field
from datetime import date

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no browser

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from exports import word_pdf
from exports.word_pdf import Line, clean

Dated = tuple[date, float]


@dataclass(frozen=True)
class ReportIndicator:
    name: str
    unit: str
    status: str
    reason: str
    facts: tuple[tuple[str, str], ...] = ()
    """(label, text): definition, direction, source, responsible organisation…"""
    values: tuple[Dated, ...] = ()
    baseline: Dated | None = None
    target: Dated | None = None
    projection: tuple[Dated, Dated] | None = None
    """From the latest value to the trend's value at the target date."""
    value_lines: tuple[str, ...] = ()
    """The values as text, the same numbers as the chart."""


@dataclass(frozen=True)
class ReportEffect:
    statement: str
    status: str
    reason: str
    facts: tuple[tuple[str, str], ...] = ()
    description: str = ""
    review: str = ""
    indicators: tuple[ReportIndicator, ...] = ()
    rests_on: tuple[str, ...] = ()
    """The issues, actions and decisions it rests on, in words."""


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    rule: str
    effects: tuple[ReportEffect, ...]
    labels: dict[str, str] = field(default_factory=dict)
    """The words around the figures, in the reader's language: rule, status, review, values,
    legend names (measured, baseline, target, projection)."""
    lang: str = "sv"
    """The reader's language, which the documents declare."""


def chart_png(ind: ReportIndicator, labels: dict[str, str]) -> bytes:
    """The indicator over time with baseline, target and projection, as a PNG."""
    fig = Figure(figsize=(7.5, 3.0), dpi=130)
    ax = fig.add_subplot()
    if ind.values:
        ax.plot(
            [d for d, _ in ind.values],
            [v for _, v in ind.values],
            marker="o",
            color="#1f5fa8",
            label=labels.get("measured", "Measured"),
        )
    if ind.baseline:
        ax.plot(
            [ind.baseline[0]],
            [ind.baseline[1]],
            marker="D",
            linestyle="none",
            color="#6b6b6b",
            label=labels.get("baseline", "Baseline"),
        )
    if ind.target:
        ax.plot(
            [ind.target[0]],
            [ind.target[1]],
            marker="*",
            markersize=13,
            linestyle="none",
            color="#c62828",
            label=labels.get("target", "Target"),
        )
        ax.axhline(ind.target[1], color="#c62828", linewidth=0.8, linestyle=":")
    if ind.projection:
        (d0, v0), (d1, v1) = ind.projection
        ax.plot(
            [d0, d1],
            [v0, v1],
            linestyle="--",
            color="#1f5fa8",
            label=labels.get("projection", "Projection"),
        )
    ax.set_title(clean(ind.name), fontsize=10, loc="left")
    ax.set_ylabel(clean(ind.unit), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close("all")
    return out.getvalue()


def _lines(report: Report) -> list[Line]:
    w = report.labels
    out: list[Line] = [
        ("title", report.title),
        ("para", report.subtitle),
        ("heading", w.get("summary", "Summary")),
    ]
    for effect in report.effects:  # the summary page: every effect's and indicator's status
        out.append(("label", f"{effect.statement}: {effect.status}"))
        out += [("fact", f"• {ind.name}: {ind.status}") for ind in effect.indicators]
    out += [("label", w.get("rule", "")), ("para", report.rule), ("page", "")]
    for effect in report.effects:
        out += [
            ("heading", effect.statement),
            ("fact", f"{w.get('status', 'Status')}: {effect.status}"),
            ("para", effect.reason),
        ]
        out += [("fact", f"{label}: {text}") for label, text in effect.facts if text]
        if effect.description:
            out.append(("para", effect.description))
        out += [("label", w.get("review", "")), ("para", effect.review or "–")]
        if effect.rests_on:
            out += [
                ("label", w.get("rests_on", "")),
                *[("fact", f"• {line}") for line in effect.rests_on],
            ]
        for ind in effect.indicators:
            out.append(("item", ind.name))  # the chart right under its name, on its page
            if ind.values or ind.baseline or ind.target:
                out.append(("image", chart_png(ind, w)))
            out += [("fact", f"{w.get('status', 'Status')}: {ind.status}"), ("para", ind.reason)]
            out += [("fact", f"{label}: {text}") for label, text in ind.facts if text]
            if ind.value_lines:
                out += [
                    ("label", w.get("values", "")),
                    *[("fact", line) for line in ind.value_lines],
                ]
    return [(style, content if style == "image" else clean(content)) for style, content in out]


def to_docx(report: Report) -> bytes:
    return word_pdf.to_docx(_lines(report), report.title, report.lang)


def to_pdf(report: Report) -> bytes:
    return word_pdf.to_pdf(_lines(report), report.title, report.lang)
