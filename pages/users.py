import streamlit as st

from models.vocabulary import Role
from services.accounts.users import (
    FORUM_ROLES,
    ORGANISATION_WIDE,
    create_local_user,
    deactivate,
    grant_problem,
    grant_role,
    list_users,
    reactivate,
    revoke_role,
    set_password,
    update_user,
    user_detail,
)
from ui.accounts.admin_check import require_admin, run_account_change
from ui.db import reading, structure_names
from ui.i18n import label, moment, t
from ui.opened import forget_opened, opened_version
from ui.paging import pager
from ui.shell import require_app
from ui.text import md

require_app()

st.title(t("users.title"))
actor = require_admin()
st.caption(t("users.intro"))
structure = structure_names()
orgs, forums = structure.organisations, structure.forums
if message := st.session_state.pop("users_done", None):
    st.success(t(message, **st.session_state.pop("users_done_params", {})), icon=":material/check:")


def done(message: str) -> None:
    forget_opened("user")
    st.session_state.users_done = message
    st.rerun()


with st.expander(t("users.new"), icon=":material/person_add:"), st.form("new_user"):
    cols = st.columns(2)
    username = cols[0].text_input(t("users.username"), key="nu_username")
    name = cols[1].text_input(t("users.display_name"), key="nu_name")
    email = cols[0].text_input(t("users.email"), key="nu_email")
    org = cols[1].selectbox(
        t("users.organisation"),
        list(orgs),
        index=None,
        format_func=orgs.__getitem__,
        key="nu_org",
        placeholder=t("app.choose_one"),
    )
    password = st.text_input(
        t("users.password"), type="password", key="nu_password", help=t("users.password_help")
    )
    if st.form_submit_button(t("users.create"), type="primary") and run_account_change(
        lambda s: create_local_user(
            s,
            by=actor,
            username=username,
            display_name=name,
            email=email,
            organisation=org,
            password=password,
        )
    ):
        for key in ("nu_username", "nu_name", "nu_email", "nu_org", "nu_password"):
            st.session_state.pop(key, None)
        # the new user is the one shown, so the roles granted next are theirs
        st.session_state.us_text = st.session_state.us_chosen = username.strip().lower()
        done("users.created")

search = st.text_input(t("users.search"), key="us_text")
with reading() as s:
    result = list_users(s, by=actor, text=search, page=st.session_state.get("us_page", 1))
st.caption(t("issues.count", total=result.total, page=result.page, pages=result.pages))
st.dataframe(
    [
        {
            t("users.display_name"): r.display_name,
            t("users.username"): r.username,
            t("users.organisation"): r.organisation or "–",
            t("users.signs_in_with"): t(f"users.with_{r.signs_in_with}"),
            t("users.state"): t("users.active" if r.is_active else "users.inactive")
            + (f" · {t('users.locked')}" if r.locked else "")
            + (" · demo" if r.is_demo else ""),
            t("users.last_signin"): moment(r.last_signin_at) if r.last_signin_at else "–",
        }
        for r in result.rows
    ],
    hide_index=True,
    width="stretch",
)
pager(result.page, result.pages, "us_page")

names = {r.username: f"{r.display_name} ({r.username})" for r in result.rows}
chosen = st.selectbox(
    t("users.choose"),
    list(names),
    index=None,
    format_func=names.__getitem__,
    key="us_chosen",
    placeholder=t("app.choose_one"),
)
if not chosen:
    st.stop()
with reading() as s:
    user = user_detail(s, by=actor, username=chosen)

st.subheader(md(user.display_name))
version = opened_version("user", chosen, user.version, reload_label="users.reload")
profile, roles, account = st.tabs(
    [t("users.tab_profile"), t("users.tab_roles"), t("users.tab_account")]
)
with profile, st.form(f"profile-{chosen}"):
    name = st.text_input(t("users.display_name"), value=user.display_name)
    email = st.text_input(t("users.email"), value=user.email)
    org_keys = list(orgs)
    org = st.selectbox(
        t("users.organisation"),
        org_keys,
        format_func=orgs.__getitem__,
        index=org_keys.index(user.organisation) if user.organisation else None,
        placeholder=t("app.choose_one"),
    )
    if st.form_submit_button(t("users.save")) and run_account_change(
        lambda s: update_user(
            s,
            by=actor,
            username=chosen,
            display_name=name,
            email=email,
            organisation=org,
            expected_version=version,
        )
    ):
        done("users.saved")

with roles:
    if not user.grants:
        st.caption(t("users.no_roles"))
    for role, forum in user.grants:
        cols = st.columns([6, 1])
        where = (
            forums.get(forum, forum)
            if forum
            else (t("users.everywhere") if role not in FORUM_ROLES else t("users.own_forums"))
        )
        cols[0].markdown(f"**{label('user_role', role)}** · {md(where)}")
        if cols[1].button(
            t("users.revoke"), key=f"revoke-{role.value}-{forum}"
        ) and run_account_change(
            lambda s, r=role, f=forum: revoke_role(s, by=actor, username=chosen, role=r, forum=f)
        ):
            done("users.saved")
    with st.form(f"grant-{chosen}"):
        cols = st.columns(2)
        role = cols[0].selectbox(
            t("users.role"),
            list(Role),
            index=None,
            format_func=lambda r: label("user_role", r),
            placeholder=t("app.choose_one"),
        )
        places = [ORGANISATION_WIDE, *forums]
        forum = cols[1].selectbox(
            t("users.forum"),
            places,
            index=None,
            format_func=lambda f: (
                t("users.own_forums_choice") if f == ORGANISATION_WIDE else forums[f]
            ),
            help=t("users.forum_help"),
            placeholder=t("app.choose_one"),
        )
        if st.form_submit_button(t("users.grant")):
            problem = grant_problem(role, forum)
            if problem:
                st.error(t(f"users.{problem}"), icon=":material/error:")
            elif run_account_change(
                lambda s: grant_role(
                    s,
                    by=actor,
                    username=chosen,
                    role=role,
                    forum=None if forum == ORGANISATION_WIDE else forum,
                )
            ):
                where = (
                    t("users.everywhere")
                    if role not in FORUM_ROLES
                    else t("users.own_forums")
                    if forum in (None, ORGANISATION_WIDE)
                    else forums[forum]
                )
                st.session_state.users_done_params = {
                    "role": label("user_role", role),
                    "where": where,
                }
                done("users.granted")

with account:
    st.markdown(t("users.active" if user.is_active else "users.inactive"))
    if user.is_active:
        st.caption(t("users.deactivate_help"))
        if st.button(t("users.deactivate"), icon=":material/person_off:") and run_account_change(
            lambda s: deactivate(s, by=actor, username=chosen)
        ):
            done("users.saved")
    elif st.button(t("users.reactivate"), icon=":material/person:") and run_account_change(
        lambda s: reactivate(s, by=actor, username=chosen)
    ):
        done("users.saved")
    with st.form(f"password-{chosen}"):
        password = st.text_input(
            t("users.new_password"), type="password", help=t("users.password_help")
        )
        if st.form_submit_button(t("users.set_password")) and run_account_change(
            lambda s: set_password(s, by=actor, username=chosen, password=password)
        ):
            done("users.password_set")
