"""The day the analyst stopped on in the network's own player, made the app's as-of day.

The player runs in the network's frame and draws every day in the browser; when the analyst stops, it posts the
day to the page. This component, a few lines of script in the page itself (custom components v2: no iframe of
its own), passes it to Python as a trigger; the callback sets the as-of day before the page reruns, so the date
box and the link follow. Only a well-formed day from one of the page's own frames is taken.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

KEY = "network_day_bridge"
_JS = """
export default function (component) {
  const { setTriggerValue } = component;
  const fromOurFrame = (source) => Array.from(document.querySelectorAll("iframe")).some((f) => f.contentWindow === source);
  const onMessage = (event) => {
    const message = event.data;
    if (!fromOurFrame(event.source) || !message || message.type !== "alliances:day") return;
    if (typeof message.day === "string" && /^\\d{4}-\\d{2}-\\d{2}$/.test(message.day)) setTriggerValue("day", message.day);
  };
  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}
"""
_bridge = st.components.v2.component("alliances_day_bridge", js=_JS)


def _adopt_day() -> None:
    state = st.session_state.get(KEY)
    raw = getattr(state, "day", None) if state is not None else None
    if raw is None and isinstance(state, dict):
        raw = state.get("day")
    try:
        st.session_state["date"] = date.fromisoformat(raw)
    except (TypeError, ValueError):
        pass


def day_bridge() -> None:
    """Mount the bridge (it draws nothing)."""
    _bridge(key=KEY, on_day_change=_adopt_day, height=0)
