"""The sign-in part of the sidebar: form or SSO button, sign-out, expiry, audit.

Runs before the page on every rerun (``app.py`` calls ``ui.sidebar.render``
first), so a sign-out, an expired session or a broken users file takes
effect before any page asks for records. Callbacks do the work, so the view
label drawn afterwards is already right.
"""

from __future__ import annotations

import logging

import streamlit as st

from atlas import texts
from atlas.access import auth
from atlas.access.audit import AuditResult, audit_key, logged_user, write_audit
from atlas.access.roles import Role, can_see_internal
from atlas.access.users import MAX_INPUT_CHARS, User
from atlas.errors import AuthError
from ui import data, session

logger = logging.getLogger("atlas.signin")
NAME_KEY = "atlas_signin_name"
PASSWORD_KEY = "atlas_signin_password"
_SSO_SECTION = "atlas_roles"
IDLE_CHECK_SECONDS = 60
SESSION_ROUTE = "/api/sitzung"  # served by ui/server.py


def auth_mode() -> tuple[auth.AuthMode, str | None]:
    """The configured mode and, for an unknown value, the German problem (then OFF)."""
    settings = data.auth_settings()
    return settings.mode, settings.problem


def accounts() -> tuple[dict[str, User], str | None]:
    """Accounts of the users file and the German problem text (without the folder)."""
    path = data.config().path("USERS_FILE")
    try:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (0, -1)
    users, problem = data.users_file(str(path), *key)
    if problem:
        problem = problem.replace(str(path), path.name)
    elif not users:
        problem = texts.AUTH["users_empty"].format(path=path.name)
    return users, problem


def _audit(user: str | None, result: AuditResult | str, *, known: bool = True) -> None:
    """Log ``result`` for ``user``; a name that matches no account is logged as a hash."""
    cfg = data.config()
    path = cfg.path("AUDIT_LOG")
    key = audit_key(str(cfg.audit_secret), path.with_name("audit.key")) if not known else b""
    shown, hashed = logged_user(user, known, key)
    write_audit(path, shown, result, hashed=hashed)


def _client_id() -> str:
    """Who is signing in, for the attempt limit: the client's IP address, else the session."""
    try:
        address = st.context.ip_address
    except (AttributeError, RuntimeError):
        address = None
    return address or f"session:{session.session_id()}"


def sign_out(result: AuditResult = AuditResult.SIGNOUT, message: str | None = None) -> None:
    """End the sign-in of this session, log it and leave a message for the sidebar."""
    user_id = session.current_user_id()
    if user_id is not None:
        _audit(user_id, result)
    session.end_web_session()
    session.set_user(None, Role.PUBLIC)
    session.drop_downloads()
    session.flash(message or texts.AUTH["signed_out"])


def _on_submit() -> None:
    """Form callback: check the typed credentials (runs before the rerun draws anything)."""
    name = st.session_state.get(NAME_KEY, "") or ""
    password = st.session_state.get(PASSWORD_KEY, "") or ""
    st.session_state[PASSWORD_KEY] = ""
    users, problem = accounts()
    if problem and not users:
        _unavailable(problem, flash=True)
        return
    try:
        attempt = auth.authenticate(users, name, password, data.lockout_store(),
                                    client=_client_id())
    except AuthError as e:
        session.flash(str(e), "warning")
        return
    _audit(attempt.name, attempt.outcome.value, known=attempt.name in users)
    if attempt.user is None:
        session.flash(attempt.message, "error")
        return
    st.session_state[NAME_KEY] = ""
    session.set_user(attempt.user.label, attempt.user.role, user_id=attempt.user.name)
    session.start_web_session(attempt.user.label, attempt.user.role, attempt.user.name)
    session.flash(texts.AUTH["signin_ok"], "success")


def enforce_session() -> None:
    """Expire idle sign-ins, drop accounts that vanished, else record activity.

    Call before anything is drawn; in OIDC mode it also takes over a fresh
    ``st.user`` identity.
    """
    mode, _ = auth_mode()
    idle = data.auth_settings().idle_minutes
    signed_in = session.stored_role() is not Role.PUBLIC
    if signed_in and auth.is_expired(session.last_seen(), auth.utc_now(), idle):
        sign_out(AuditResult.EXPIRED, texts.AUTH["expired"].format(minutes=idle))
        if mode is auth.AuthMode.OIDC:
            _sso_logout()
        return
    if mode is auth.AuthMode.EMBEDDED:
        if signed_in and not session.is_bound(idle):
            session.set_user(None, Role.PUBLIC)  # another browser's sign-in: not ours to end
        if session.stored_role() is Role.PUBLIC:
            session.restore_from_cookie(idle)  # a reload: the cookie names the sign-in
    if session.stored_role() is Role.PUBLIC:
        if mode is auth.AuthMode.OIDC:
            sync_sso()
        return
    if mode is auth.AuthMode.EMBEDDED:
        user = accounts()[0].get(session.current_user_id() or "")
        if user is None:
            sign_out()
        else:  # a changed role or display name applies at once; also records activity
            session.set_user(user.label, user.role, user_id=user.name)
            session.refresh_web_session(user.label, user.role)
    elif mode is auth.AuthMode.OIDC:
        sync_sso()
        if session.stored_role() is not Role.PUBLIC:
            session.touch()
    else:
        sign_out()


def _cookie_request() -> None:
    """Ask the cookie route once to set (after a sign-in) or clear (after a sign-out)
    the HttpOnly cookie; the answer is an empty image the page never shows."""
    action = session.pop_cookie_action()
    if action is None:
        return
    kind, ticket = action
    src = f"{SESSION_ROUTE}?t={ticket}" if kind == "set" else f"{SESSION_ROUTE}/ende"
    st.html(f'<img src="{src}" alt="" width="1" height="1" style="position:absolute">')


def render() -> None:
    """Draw the sign-in block for the configured mode (call inside ``st.sidebar``)."""
    _cookie_request()
    mode, problem = auth_mode()
    if problem:
        _unavailable(problem)
        return
    if mode is auth.AuthMode.OFF:
        st.caption(texts.AUTH["mode_off"])
        return
    if mode is auth.AuthMode.OIDC:
        _render_sso()
        return
    if can_see_internal(data.session_role()):
        _render_signed_in()
        return
    users, users_problem = accounts()
    if users_problem and not users:
        _unavailable(users_problem)
        return
    _render_form()


def _unavailable(cause: str, *, flash: bool = False) -> None:
    """Tell the public "Anmeldung derzeit nicht verfügbar"; the cause goes to the log."""
    logger.warning("Anmeldung nicht verfügbar: %s", cause)
    if flash:
        session.flash(texts.AUTH["unavailable"], "warning")
    else:
        st.warning(texts.AUTH["unavailable"])


def _render_form() -> None:
    with st.expander(texts.AUTH["heading"], expanded=False, key="atlas_signin_box"):
        st.caption(texts.AUTH["signin_caption"])
        with st.form("atlas_signin", clear_on_submit=True, border=False):
            st.text_input(texts.AUTH["name_label"], key=NAME_KEY, max_chars=MAX_INPUT_CHARS,
                          autocomplete="username")
            st.text_input(texts.AUTH["password_label"], key=PASSWORD_KEY, type="password",
                          max_chars=MAX_INPUT_CHARS, autocomplete="current-password")
            st.form_submit_button(texts.AUTH["submit"], on_click=_on_submit)


def _role_label(role: Role) -> str:
    return texts.AUTH["role_admin"] if role is Role.ADMIN else texts.AUTH["role_koordination"]


@st.fragment(run_every=IDLE_CHECK_SECONDS)
def _watch_idle() -> None:
    """Rerun the whole app once the idle limit has passed, so that an unattended
    screen falls back to the public view without anyone touching it.

    Fragment reruns do not count as activity (only full reruns touch the session).
    """
    idle = data.auth_settings().idle_minutes
    signed_in = session.stored_role() is not Role.PUBLIC
    if signed_in and auth.is_expired(session.last_seen(), auth.utc_now(), idle):
        st.rerun(scope="app")


def _render_signed_in() -> None:
    role = data.session_role()
    st.caption(texts.AUTH["signed_in_as"].format(name=data.session_user_name() or "",
                                                 role=_role_label(role)))
    st.caption(texts.AUTH["internal_hint"])
    st.button(texts.AUTH["signout"], key="atlas_signout", on_click=sign_out,
              icon=":material/logout:")
    _watch_idle()


# --- single sign-on through st.login / st.user -----------------------------------
def _sso_settings() -> tuple[auth.ClaimRoles, str | None]:
    """Claim mapping and optional provider name from ``[atlas_roles]`` in secrets.toml."""
    try:
        section = dict(st.secrets.get(_SSO_SECTION, {}))
    except (FileNotFoundError, KeyError, ValueError):
        section = {}
    provider = section.get("provider")
    return auth.ClaimRoles.from_mapping(section), str(provider) if provider else None


def _sso_problem() -> str | None:
    """Why st.login cannot work here (Authlib missing or no [auth] section), else None."""
    from streamlit.auth_util import is_authlib_installed

    if not is_authlib_installed():
        return texts.AUTH["sso_unavailable"].format(detail="Authlib fehlt")
    try:
        has_auth = "auth" in st.secrets
    except (FileNotFoundError, KeyError, ValueError):
        has_auth = False
    if not has_auth:
        return texts.AUTH["sso_unavailable"].format(detail="[auth] fehlt in secrets.toml")
    return None


def _sso_logout() -> None:
    if st.user.is_logged_in:
        st.logout()


def _on_sso_signout() -> None:
    sign_out()
    _sso_logout()


def sync_sso() -> None:
    """Take role and name from the OIDC identity (``st.user``) into the session."""
    if _sso_problem():
        return
    if not st.user.is_logged_in:
        if session.stored_role() is not Role.PUBLIC:
            sign_out()
        return
    mapping, _ = _sso_settings()
    claims = dict(st.user.to_dict())
    role = auth.role_from_claims(claims, mapping)
    name = auth.name_from_claims(claims, mapping)
    user_id = str(claims.get("email") or claims.get("sub") or name)[:MAX_INPUT_CHARS]
    was_public = session.stored_role() is Role.PUBLIC
    if role is Role.PUBLIC:
        if not was_public:
            session.set_user(None, Role.PUBLIC)
        return
    if was_public:
        _audit(user_id, AuditResult.SIGNIN_OK)
        session.set_user(name, role, user_id=user_id)
    elif session.current_user_id() != user_id or session.stored_role() is not role:
        session.set_user(name, role, user_id=user_id)


def _render_sso() -> None:
    problem = _sso_problem()
    if problem:
        _unavailable(problem)
        return
    if not st.user.is_logged_in:
        _, provider = _sso_settings()
        st.button(texts.AUTH["sso_signin"], key="atlas_sso_signin", on_click=_sso_login,
                  args=(provider,))
        return
    role = data.session_role()
    if role is Role.PUBLIC:
        st.info(texts.AUTH["sso_no_role"])
    else:
        st.caption(texts.AUTH["signed_in_as"].format(name=data.session_user_name() or "",
                                                     role=_role_label(role)))
        st.caption(texts.AUTH["internal_hint"])
        _watch_idle()
    st.button(texts.AUTH["signout"], key="atlas_signout", on_click=_on_sso_signout,
              icon=":material/logout:")


def _sso_login(provider: str | None) -> None:
    if provider:
        st.login(provider)
    else:
        st.login()

