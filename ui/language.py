"""The page language: ``?lang=`` in the URL, the switch in the sidebar, the document's lang.

The language lives in the URL so that a shared link keeps it; the session
remembers it, so that Streamlit's navigation links (which drop the query
string) keep it too. ``atlas.texts`` asks ``current_code`` on every lookup.
"""

from __future__ import annotations

import json

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from atlas import i18n, texts

PARAM = "lang"
_SESSION_KEY = "atlas_lang"
_WIDGET_KEY = "atlas_lang_switch"
PHONE_SWITCH = "atlas_lang_top"


def current_code() -> str | None:
    """The language asked for in this run: the URL first, else the session's last choice."""
    if get_script_run_ctx() is None:
        return None
    return st.query_params.get(PARAM) or st.session_state.get(_SESSION_KEY)


def keep(params: dict[str, str]) -> dict[str, str]:
    """``params`` with the current ``lang`` added: for pages that rewrite the whole URL."""
    code = i18n.current().code
    out = {k: v for k, v in params.items() if k != PARAM}
    if code != i18n.DEFAULT:
        out[PARAM] = code
    return out


def without(params: dict[str, str]) -> dict[str, str]:
    """``params`` without ``lang`` (pages compare their own parameters only)."""
    return {k: v for k, v in params.items() if k != PARAM}


def apply() -> i18n.Language:
    """Start of every run: resolve the language, keep it in the URL, declare it in the page."""
    i18n.register_resolver(current_code)
    lang = i18n.language(current_code())
    st.session_state[_SESSION_KEY] = lang.code
    wanted = lang.code if lang.code != i18n.DEFAULT else None
    if st.query_params.get(PARAM) != wanted:
        if wanted:
            st.query_params[PARAM] = wanted
        else:
            st.query_params.pop(PARAM, None)
    return lang


def declare(lang: i18n.Language) -> None:
    """Set ``<html lang dir>``: Streamlit serves ``lang="en"`` and offers no setting for it."""
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang.code)};"
            f"document.documentElement.dir = {json.dumps(lang.direction)};</script>",
            unsafe_allow_javascript=True)


def _on_switch(key: str) -> None:
    code = st.session_state[key]
    st.session_state[_SESSION_KEY] = code
    if code == i18n.DEFAULT:
        st.query_params.pop(PARAM, None)
    else:
        st.query_params[PARAM] = code


def switch(lang: i18n.Language, *, key: str = _WIDGET_KEY) -> None:
    """Deutsch / English (and any other catalogue) as a radio group."""
    codes = [language.code for language in i18n.languages()]
    names = {language.code: language.name for language in i18n.languages()}
    st.session_state[key] = lang.code
    st.radio(texts.A11Y["language_label"], codes, key=key, horizontal=True,
             format_func=names.get, on_change=_on_switch, args=(key,))


def phone_switch(lang: i18n.Language) -> None:
    """The same switch on top of the page, shown only where the sidebar is folded away
    (ui/style.py shows it below 640 px; hidden, it is not in the accessibility tree)."""
    with st.container(key=PHONE_SWITCH):
        switch(lang, key=_WIDGET_KEY + "_top")
