"""Shows an issue: its facts, the way it has gone, reasons to lift it, and its history."""

import networkx as nx
import streamlit as st

from escalation import Suggestion, forum
from services.issues.queries import EventRow, IssueDetail
from ui.i18n import day, label, moment, t
from ui.issues.when_discussed import meeting_link, meeting_of
from ui.refusals import readable
from ui.text import escape_html, md, show_labelled, show_text, text_block


def _name(G: nx.MultiDiGraph, key: str | None) -> str:
    """A forum's name as Markdown-safe text."""
    return md(forum(G, key).name if key and key in G else (key or "–"))


def show_issue(detail: IssueDetail, G: nx.MultiDiGraph) -> None:
    st.subheader(md(f"{detail.reference} · {detail.title}"))
    st.caption(
        t(
            "issue.raised",
            who=md(detail.raised_by),
            when=day(detail.created_at),
            forum=md(detail.origin),
        )
    )
    facts = [
        (t("issue.status"), label("issue_status", detail.status)),
        (
            t("issue.now_at"),
            f"{md(detail.forum)} ({label('level', forum(G, detail.forum_key).level)})",
        ),
        (t("issue.kind"), label("issue_kind", detail.kind)),
        (t("issue.priority"), label("priority", detail.priority)),
        (t("issue.sharing"), label("sharing", detail.sharing)),
    ]
    st.markdown("  \n".join(f"**{name}:** {value}" for name, value in facts))
    show_text(detail.description)
    if detail.change_effective_on:
        st.info(t("issue.effective_on", date=day(detail.change_effective_on)))
    if detail.organisations:
        st.markdown(
            f"**{t('issue.organisations')}:** "
            + ", ".join(
                f"{md(name)} ({t('issue.affected')})" if affected else md(name)
                for _k, name, affected in detail.organisations
            )
        )
    if detail.themes:
        st.markdown(
            f"**{t('issue.themes')}:** " + ", ".join(label("theme", th) for th in detail.themes)
        )
    if detail.evidence:
        st.markdown(f"**{t('issue.evidence')}**")
        for what, source, count in detail.evidence:
            show_text(
                "• "
                + what
                + (f" ({count})" if count is not None else "")
                + (f" — {source}" if source else "")
            )
    if detail.desired_outcome:
        show_labelled(t("issue.desired_outcome"), detail.desired_outcome)
    if detail.outcome:
        with st.container(border=True):
            show_labelled(t("issue.outcome"), detail.outcome)
    st.markdown(f"**{t('issue.path')}:** " + " → ".join(_name(G, k) for k in detail.path))


def show_suggestions(suggestions: list[Suggestion], G: nx.MultiDiGraph) -> None:
    if not suggestions:
        return
    lines = []
    for s in suggestions:
        params = {k: md(v) for k, v in s.params.items()}
        if "level" in s.params:
            params["level"] = label("level", s.params["level"]).lower()
        if "theme" in s.params:
            params["theme"] = label("theme", s.params["theme"])
        if "organisations" in s.params:  # keys, as the rules know them: said by name
            params["organisations"] = readable({"organisation": s.params["organisations"]})[
                "organisation"
            ]
        text = t(f"suggestion.{s.code}", **params)
        if s.target:
            text += " " + t("suggestion.target", forum=_name(G, s.target))
        lines.append(f"- {text}")
    st.warning(
        f"**{t('issue.suggestions')}**\n\n" + "\n".join(lines), icon=":material/trending_up:"
    )


def show_timeline(detail: IssueDetail, G: nx.MultiDiGraph) -> None:
    """Newest first, as one list: an element per event (its line, reason and changes, each
    its own) was most of the elements on an issue's page, every one sent and drawn on every
    rerun. Only a link to a meeting is an element of its own (it navigates in the app)."""
    st.markdown(f"#### {t('issue.timeline')}")
    items: list[str] = []
    for e in reversed(detail.events):
        items.append(_event_item(e, G))
        if e.kind == "agenda" and meeting_of(e.changes):
            st.html(_timeline(items))
            items.clear()
            meeting_link(e.changes)
    if items:
        st.html(_timeline(items))


def _timeline(items: list[str]) -> str:
    return f'<ol style="list-style:none;padding:0;margin:0">{"".join(items)}</ol>'


def _event_item(e: EventRow, G: nx.MultiDiGraph) -> str:
    """One event as escaped HTML: when, what, who, from where to where, the reason, the changes."""
    names = [forum(G, k).name if k in G else k for k in (e.from_forum, e.to_forum) if k]
    move = " · " + " → ".join(escape_html(n) for n in names) if names else ""
    skipped = f" ({escape_html(t('event.skipped'))})" if e.skipped_level else ""
    line = (
        f"<strong>{escape_html(moment(e.at))}</strong> · {escape_html(t(f'event.{e.kind}'))}"
        f"{skipped} · {escape_html(e.actor)}{move}"
    )
    said = "".join(
        text_block(text, muted=True) for text in (e.reason, changes_text(e.changes)) if text
    )
    return f'<li style="margin:0 0 0.75rem 0;padding:0"><div>{line}</div>{said}</li>'


LABELLED = {"status": "issue_status", "priority": "priority", "sharing": "sharing"}
SHOWN = (
    "status",
    "title",
    "description",
    "priority",
    "sharing",
    "desired_outcome",
    "change_effective_on",
    "acknowledged",
    "raised_by",
)


def changes_text(changes: dict) -> str:
    """What an event changed, field by field, from → to, in words (a status as its label); a
    field an event records but did not change (the status of a lift past the first) is not a
    change to show."""
    lines = []
    for name in SHOWN:
        if name not in changes or changes[name][0] == changes[name][1]:
            continue
        old, new = changes[name]
        if name in LABELLED:
            old, new = (label(LABELLED[name], v) if v else None for v in (old, new))
        lines.append(f"{t(f'field.{name}')}: {old or '–'} → {new or '–'}")
    return "\n".join(lines)
