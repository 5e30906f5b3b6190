import streamlit as st

from escalation import forum
from models.vocabulary import ForumLevel, LinkKind
from services.issues.queries import IssueFilter
from services.structure.view import (
    ForumFilter,
    forum_card,
    visible_forums,
)
from ui.accounts.current_actor import current_rules_actor
from ui.db import forum_graph, reading, structure_names, top_down
from ui.figures import digest, shared_figure
from ui.i18n import current_language, label, t
from ui.issues.list_table import show_issue_rows
from ui.issues.shared_reads import shared_issue_page
from ui.shell import require_app
from ui.structure.figure import figure
from ui.structure.forum_card import show_forum_card, show_right_level
from ui.text import escape_html, md

require_app()
st.title(t("structure.title"))
st.caption(t("structure.caption"))

G = forum_graph()
structure = structure_names()
options, names = structure.options, structure.organisations

ALL = ""
ALL_LABEL = t("structure.all")
LABEL_LIMIT = 40
region_names = {c.key: c.name for c in options.regions}
group_names = {c.key: c.name for c in options.healthcare_regions}
org_names = {c.key: c.name for c in options.organisations}

cols = st.columns([2, 2, 2, 3])
region = cols[0].selectbox(
    t("structure.filter_region"),
    [ALL, *region_names],
    format_func=lambda k: region_names.get(k, ALL_LABEL),
)
group = cols[1].selectbox(
    t("structure.filter_healthcare_region"),
    [ALL, *group_names],
    format_func=lambda k: group_names.get(k, ALL_LABEL),
)
organisation = cols[2].selectbox(
    t("structure.filter_organisation"),
    [ALL, *org_names],
    format_func=lambda k: org_names.get(k, ALL_LABEL),
)
levels = cols[3].multiselect(
    t("structure.filter_level"),
    list(ForumLevel),
    format_func=lambda lv: label("level", lv),
    placeholder=t("structure.all"),
)
cols = st.columns([3, 3, 4])
with_path_up = cols[0].toggle(t("structure.show_path_up"), value=True)
colour_by = cols[1].radio(
    t("structure.colour_by"),
    ["level", "organisation"],
    horizontal=True,
    format_func=lambda m: t(f"structure.colour_{m}"),
)

flt = ForumFilter(
    region or None, group or None, organisation or None, frozenset(levels), with_path_up
)
with reading() as s:
    keys = visible_forums(s, G, flt)
    highlighted = None
    if colour_by == "organisation":
        if organisation:
            highlighted = visible_forums(
                s, G, ForumFilter(organisation=organisation, with_path_up=False)
            )
        else:
            cols[2].caption(t("structure.highlight_hint"))

if "forum" not in st.session_state and st.query_params.get("forum") in G:
    st.session_state.forum = st.query_params["forum"]

st.caption(t("structure.shown", shown=len(keys), total=G.number_of_nodes()))
if not keys:
    st.warning(t("structure.no_match"))
    st.stop()

legend = {k.value: t(f"structure.legend_{k.value}") for k in LinkKind}
legend |= {lv.value: label("level", lv) for lv in ForumLevel}
legend |= {"represented": t("structure.legend_represented"), "other": t("structure.legend_other")}


def hover(key: str) -> str:
    node = forum(G, key)
    return f"{escape_html(node.name)}<br>{label('level', node.level)} · {label('kind', node.kind)}"


labelled = len(keys) <= LABEL_LIMIT
selected = st.session_state.get("forum")
event = st.plotly_chart(
    shared_figure(
        (
            G.graph["revision"],
            digest(keys),
            current_language(),
            digest(highlighted) if highlighted is not None else None,
            selected,
            labelled,
        ),
        _build=lambda: figure(
            G,
            keys,
            text=hover,
            legend=legend,
            highlighted=highlighted,
            selected=selected,
            names=(lambda k: escape_html(forum(G, k).name)) if labelled else None,
        ),
    ),
    on_select="rerun",
    selection_mode="points",
    key="structure_graph",
    config={"displaylogo": False, "scrollZoom": True},
    width="content" if labelled else "stretch",  # labels have the room laid out for them
)

points = event.selection.points if event and event.selection else []
clicked = points[0].get("customdata") if points else None
if clicked in G and clicked != st.session_state.get("_clicked"):
    st.session_state._clicked = clicked
    st.session_state.forum = clicked
    st.query_params["forum"] = clicked
    st.rerun()

ordered = top_down(G, keys)
choice = st.selectbox(
    t("structure.choose_forum"),
    ordered,
    key="forum",
    index=None,
    placeholder=t("structure.choose_forum_placeholder"),
    format_func=lambda k: forum(G, k).name,
)


def pick(key: str) -> None:
    """A forum chosen in the list: opened as if chosen in the picture (before the rerun)."""
    st.session_state.forum = key
    st.query_params["forum"] = key


# the picture as text: every forum a button a keyboard and a screen reader reach (drawn only
# when asked for: at national scale they are hundreds)
if st.toggle(t("structure.as_list"), key="as_list", help=t("structure.as_list_help")):
    for level in sorted(ForumLevel, key=lambda lv: -lv.rank):  # top first, as in the picture
        at_level = [k for k in ordered if forum(G, k).level is level]
        if at_level:
            st.markdown(f"**{label('level', level)}**")
            for k in at_level:
                st.button(
                    md(forum(G, k).name), key=f"pick-{k}", type="tertiary", on_click=pick, args=(k,)
                )
if not choice:
    st.stop()
if st.query_params.get("forum") != choice:
    st.query_params["forum"] = choice

actor = current_rules_actor()
with reading() as s:
    card = forum_card(s, G, choice)
queued = shared_issue_page(IssueFilter(forum=choice, open_only=True), page_size=10, by=actor)
if card is None:
    st.stop()
show_forum_card(card)
if actor is None:
    st.caption(t("forum.signin_for_queued"))
else:
    st.markdown(f"**{t('forum.queued', count=queued.total)}**")
if queued.rows:
    show_issue_rows(queued)
    if queued.total > len(queued.rows):
        st.caption(t("forum.queued_more", count=queued.total - len(queued.rows)))

with st.expander(t("right_level.title")):
    st.caption(t("right_level.help"))
    involved = st.multiselect(
        t("right_level.organisations"),
        list(names),
        format_func=names.__getitem__,
        key="right_level_orgs",
        placeholder=t("app.choose_many"),
    )
    if involved:
        show_right_level(G, choice, involved, names)
