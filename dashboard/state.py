"""The view's state in the URL (st.query_params) and the session, and cached queries.

A widget's key is its URL parameter. from_url() seeds a widget from the URL
once per session (so a shared link reproduces the view); to_url() mirrors the
widgets back with raw values (?measure=change), so a link works in either language.
"""
from __future__ import annotations

import functools
from typing import Callable, Iterable

import streamlit as st

URL_DEFAULTS = {"lang": "zh", "by": "article"}


def from_url(key: str, allowed: Iterable[str] | None = None, many: bool = True,
             aliases: dict[str, str] | None = None) -> None:
    """Seed st.session_state[key] from the URL the first time a session sees
    `key`; values that are not options are dropped, `aliases` maps other
    spellings (a place's name) to option values (its code)."""
    seen = st.session_state.setdefault("_from_url", set())
    if key in seen:
        return
    seen.add(key)
    if key not in st.query_params:
        return
    values = st.query_params.get_all(key)
    if aliases:
        values = [aliases.get(v, v) for v in values]
    if allowed is not None:
        allowed = set(allowed)
        values = [v for v in values if v in allowed]
    if many:
        st.session_state[key] = list(dict.fromkeys(values))
    elif values:
        st.session_state[key] = values[0]


def to_url(state: dict) -> None:
    """Mirror widget values into the URL; empty values and defaults leave it."""
    for key, value in state.items():
        if value and value != URL_DEFAULTS.get(key):
            wanted = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
            if st.query_params.get_all(key) != wanted:
                st.query_params[key] = wanted if isinstance(value, (list, tuple)) else wanted[0]
        elif key in st.query_params:
            del st.query_params[key]


def keep_valid(key: str, options: list, many: bool = True, default=None) -> None:
    """Drop from a widget's state the values that are no longer options (a
    filter narrowed, the corpus changed); fall back to `default`."""
    if key not in st.session_state:
        if default is not None:
            st.session_state[key] = default
        return
    value = st.session_state[key]
    if many:
        kept = [v for v in (value or []) if v in options]
        if kept != value:
            st.session_state[key] = kept
    elif value not in options:
        if default is not None:
            st.session_state[key] = default
        else:
            del st.session_state[key]


def cached(query: Callable) -> Callable:
    """query(db, *args) cached per corpus fingerprint (db.fingerprint); the
    database itself is not hashed. Results are small frames and lists."""
    @st.cache_data(show_spinner=False, max_entries=512)
    def run(_db, fingerprint: str, name: str, *args):
        return query(_db, *args)

    @functools.wraps(query)
    def wrapper(db, *args):
        args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        return run(db, db.fingerprint, f"{query.__module__}.{query.__qualname__}", *args)
    return wrapper


def track_pick(sources: dict[str, str | None]) -> str | None:
    """The claim picked last, by a chart point or a table row: a source whose
    selection changed since the previous run wins. Kept in the URL (?claim=)."""
    prev = st.session_state.setdefault("_prev_sel", {})
    from_url("claim", many=False)
    for name, claim_id in sources.items():
        if claim_id and claim_id != prev.get(name):
            st.session_state["claim"] = claim_id
            st.session_state["_new_pick"] = True
        prev[name] = claim_id
    picked = st.session_state.get("claim")
    to_url({"claim": picked})
    return picked
