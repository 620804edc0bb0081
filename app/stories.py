"""Stories in the app: the sidebar's "Story" expander on every page (play a bundled story; build your own from
"Add this view", caption, reorder, share as a link or a file) and the player (`?story=...&step=N`: the step's caption
and sources above the view, previous and next; in presentation mode a slide, arrow keys included).

A step is applied by switching to its page with its parameters as the link (`st.switch_page(..., query_params=)`):
the page's controls adopt the link's values (app/state.py), and the controls the step leaves out are reset first,
so a step shows exactly its view, whatever was on screen before.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

import streamlit as st

from alliances.dataset import Dataset
from alliances.links import PARAMS, param
from alliances.presentation import day_text
from alliances.stories import (
    MAX_CAPTION,
    MAX_FILE_BYTES,
    MAX_TITLE,
    Story,
    StoryError,
    bundled_stories,
    from_link,
    is_link_value,
    parse_story,
    sources_near,
    story_from_data,
    to_json,
    to_link,
    view_params,
)
from alliances.text import for_markdown

from .citations import source_markdown
from .loading import data_dir
from .page_list import PAGES

STORY, STEP = param("story").name, param("step").name
KEEP = ("present", "image_format")   # the viewer's settings, kept from step to step
_AT = "_story_at"                    # the (story, step) this session last applied
_DRAFT = "story_draft"               # the story being built: {"title": str, "steps": [{uid, page, params, caption, sources}]}
_BOX, _OPEN = "story_box", "_story_open"   # the sidebar's Story expander, and whether the reader left it open
_BY_KEY = {Dataset: lambda ds: ds.key}

SLIDE_CSS = """<style>
  .st-key-story_caption p { font-size: 1.2rem; line-height: 1.4; }
</style>"""
# presentation mode: the caption is the slide's text, read from the back of the room
PRESENT_CSS = """<style>
  .st-key-story_caption p { font-size: 2.1rem !important; line-height: 1.3; font-weight: 500; }
  .st-key-story_sources p, .st-key-story_sources a { font-size: 1rem !important; }
  [data-testid="stMain"] h1 { font-size: 1.8rem !important; }  /* the page's title: the caption is the slide's heading */
</style>"""


# ---------------------------------------------------------------- stories on file and in the link

def _signature(folder: Path) -> tuple:
    return tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in sorted(folder.glob("*.json")))


@st.cache_resource(hash_funcs=_BY_KEY, show_spinner=False, max_entries=16)
def _bundled(folder: str, signature: tuple, ds: Dataset) -> tuple[dict[str, Story], list[str]]:
    """Shared by every session, read only (go_to and the builder copy a step's parameters before changing them)."""
    return bundled_stories(folder, ds)


def bundled(ds: Dataset) -> tuple[dict[str, Story], list[str]]:
    """The stories in the data folder's stories/ (none for an uploaded file or a folder without any), and the files
    that cannot be played, each with its problems."""
    folder = data_dir() / "stories"
    if not folder.is_dir():
        return {}, []
    return _bundled(str(folder), _signature(folder), ds)


@st.cache_data(hash_funcs=_BY_KEY, show_spinner=False, max_entries=64)
def _unpacked(value: str, ds: Dataset) -> Story | str:
    try:
        return from_link(value, ds)
    except StoryError as error:
        return str(error)


def story_in_link(ds: Dataset, stories: dict[str, Story]) -> tuple[str, Story | None, str | None]:
    """The link's `story` value, the story it names or carries, and why it cannot be played (or None)."""
    raw = st.query_params.get(STORY) or ""
    if not raw:
        return raw, None, None
    if raw in stories:
        return raw, stories[raw], None
    if is_link_value(raw):
        story = _unpacked(raw, ds)
        return (raw, story, None) if isinstance(story, Story) else (raw, None, f"The story in this link cannot be "
                                                                             f"played: {for_markdown(story)}")
    return raw, None, f"There is no story “{for_markdown(raw[:80])}” in this dataset's stories."


def step_in_link(story: Story) -> int:
    """`step` from the link: a whole number from 1, moved into the story's range (anything else is step 1)."""
    raw = st.query_params.get(STEP) or "1"
    number = int(raw) if re.fullmatch(r"\d{1,6}", raw) else 1
    return min(max(number, 1), len(story.steps))


# ---------------------------------------------------------------- moving between steps

def _scripts() -> dict[str, str]:
    return {title: script for script, title, _path in PAGES}


def go_to(value: str, story: Story, number: int, present: bool | None = None) -> None:
    """Show step `number` of `story` (linked as `value`): its page, with its parameters as the whole link. The
    controls the step leaves out are reset, so the view is the step's own; presentation mode and the chart format
    stay as they are (or presentation mode is set, when `present` is given)."""
    step = story.steps[number - 1]
    query = dict(step.params)
    query.update({STORY: value, STEP: str(number)})
    for name in KEEP:
        if st.query_params.get(name) and name not in query:
            query[name] = st.query_params[name]
    if present is not None:
        query["present"] = "1" if present else "0"   # the toggle adopts it from the link (app/state.py)
    for name in PARAMS:
        if name not in query:
            st.session_state.pop(name, None)
            st.session_state.pop(f"_url_{name}", None)
    st.session_state[_AT] = (value, number)
    st.switch_page(_scripts()[step.page], query_params=query)


def _end() -> None:
    for name in (STORY, STEP):
        st.query_params.pop(name, None)
    st.session_state[_AT] = None


def _on_view(title: str, step) -> bool:
    return title == step.page and all(st.query_params.get(k) == v for k, v in step.params.items())


# ---------------------------------------------------------------- the player

def _sources_line(ds: Dataset, source_ids) -> str:
    return "Sources: " + "; ".join(source_markdown(ds, s) for s in source_ids) if source_ids else "No source cited."


def player(ds: Dataset, value: str, story: Story, number: int, present: bool) -> None:
    """The step's caption and sources above the view, with previous and next (Left and Right keys when presenting)."""
    step = story.steps[number - 1]
    last = len(story.steps)
    st.html(PRESENT_CSS if present else SLIDE_CSS)
    with st.container(border=True, key="story_slide"):
        top = st.container(horizontal=True, vertical_alignment="center")
        top.caption(f"Story: **{for_markdown(story.title)}** · step {number} of {last} · {step.page}, "
                    f"as of {day_text(step.day) if step.day else 'the latest day'}")
        # presenting, the buttons show their keys (← →) themselves
        previous = top.button("Previous" if present else "← Previous", key="story_previous", disabled=number == 1,
                              shortcut="Left" if present else None)
        following = top.button("Next" if present else "Next →", key="story_next", type="primary",
                               disabled=number == last, shortcut="Right" if present else None)
        top.button("End story", key="story_end", on_click=_end, type="tertiary")
        with st.container(key="story_caption"):
            st.markdown(for_markdown(step.caption) if step.caption else "*(no caption)*")
        with st.container(key="story_sources"):
            st.caption(_sources_line(ds, step.source_ids))
    if previous:
        go_to(value, story, number - 1)
    if following:
        go_to(value, story, number + 1)


# ---------------------------------------------------------------- building a story

def _draft() -> dict:
    return st.session_state.setdefault(_DRAFT, {"title": "", "steps": []})


def _new_uid() -> int:
    st.session_state["_story_uid"] = st.session_state.get("_story_uid", 0) + 1
    return st.session_state["_story_uid"]


def _load_draft(story: Story) -> None:
    st.session_state[_DRAFT] = {"title": story.title, "steps": [
        {"uid": _new_uid(), "page": s.page, "params": dict(s.params), "caption": s.caption, "sources": list(s.source_ids)}
        for s in story.steps]}
    st.session_state.pop("story_title", None)


def _copy(uid: int, field: str, key: str) -> None:
    for step in _draft()["steps"]:
        if step["uid"] == uid:
            step[field] = st.session_state.get(key)


def _move(uid: int, by: int) -> None:
    steps = _draft()["steps"]
    i = next(n for n, s in enumerate(steps) if s["uid"] == uid)
    j = min(max(i + by, 0), len(steps) - 1)
    steps[i], steps[j] = steps[j], steps[i]


def _remove(uid: int) -> None:
    _draft()["steps"] = [s for s in _draft()["steps"] if s["uid"] != uid]


def _set_title() -> None:
    _draft()["title"] = st.session_state.get("story_title", "")


def draft_story(ds: Dataset) -> Story:
    """The story being built, checked like any other (a StoryError names its problems)."""
    draft = _draft()
    return story_from_data({"title": draft["title"].strip() or "Untitled story", "steps": [
        {"page": s["page"], "params": s["params"], "caption": s["caption"] or "", "sources": s["sources"] or []}
        for s in draft["steps"]]}, ds)


def _day_label(day: str | None) -> str:
    try:
        return day_text(date.fromisoformat(day)) if day else "the latest day"
    except ValueError:
        return day


def _step_editor(ds: Dataset, number: int, step: dict, count: int) -> None:
    uid = step["uid"]
    day = step["params"].get("date")
    others = [f"{k}={v}" for k, v in step["params"].items() if k != "date"]
    settings = ", ".join(others)
    with st.container(border=True, key=f"story_draft_{uid}"):
        st.markdown(f"**{number}. {step['page']}**, {for_markdown(_day_label(day))}"
                    + (f", {len(others)} more setting{'s' if len(others) > 1 else ''}" if others else ""),
                    help=for_markdown(settings[:1000]) if settings else None)
        caption_key, sources_key = f"story_caption_{uid}", f"story_sources_{uid}"
        st.session_state[caption_key] = step["caption"]
        st.text_area("Caption", key=caption_key, max_chars=MAX_CAPTION, height=90, on_change=_copy,
                     args=(uid, "caption", caption_key), placeholder="What this view shows, in a sentence or two")
        try:
            near = sources_near(ds, date.fromisoformat(day) if day else ds.last_day())
        except ValueError:
            near = []
        options = list(dict.fromkeys([*step["sources"], *near]))
        st.session_state[sources_key] = list(step["sources"])
        by_id = ds.source_by_id
        st.multiselect("Sources", options, key=sources_key, on_change=_copy, args=(uid, "sources", sources_key),
                       accept_new_options=True, placeholder="Sources of this day, or type an id",
                       format_func=lambda s: f"{by_id[s]['publisher']}, {day_text(by_id[s]['date']) or 'undated'}: "
                                             f"{str(by_id[s]['title'])[:70]}" if s in by_id else f"{s} (not a source)",
                       help="Offered: the sources of the ties, events and quotes within a month of the step's day. "
                            "Any source id of the dataset can be typed.")
        row = st.container(horizontal=True, gap="medium")
        row.button("Up", key=f"story_up_{uid}", on_click=_move, args=(uid, -1), disabled=number == 1, type="tertiary")
        row.button("Down", key=f"story_down_{uid}", on_click=_move, args=(uid, 1), disabled=number == count,
                   type="tertiary")
        row.button("Remove", key=f"story_remove_{uid}", on_click=_remove, args=(uid,), type="tertiary")


def _link_to(story_value: str) -> str:
    """The address that plays a story from step 1 (the app opens the step's page and view)."""
    base = (st.context.url or "").split("?")[0].rstrip("/")
    for _script, _title, path in PAGES:
        if path and base.endswith("/" + path):
            base = base[: -len(path) - 1]
    return f"{base}/?{urlencode({STORY: story_value, STEP: '1'}, quote_via=quote)}"


def _open_upload(ds: Dataset) -> None:
    generation = st.session_state.get("story_upload_generation", 0)
    file = st.file_uploader("Open a story (.json)", type=["json"], key=f"story_upload_{generation}",
                            max_upload_size=1)
    if file is None:
        return
    data = file.getvalue()
    try:
        if len(data) > MAX_FILE_BYTES:
            raise StoryError([f"the story file is larger than {MAX_FILE_BYTES // 1000} KB"])
        story = parse_story(data, ds)
    except StoryError as error:
        st.error(f"{for_markdown(file.name)} cannot be opened: " + "; ".join(for_markdown(p) for p in error.problems))
        return
    _load_draft(story)
    st.session_state["story_upload_generation"] = generation + 1
    st.rerun()


def builder(ds: Dataset, title: str) -> None:
    """Your own story: add the view on screen, caption and order the steps, play it, share it."""
    draft = _draft()
    st.markdown("**Your story**")
    if st.button("Add this view", key="story_add", help="Records this page and its link's settings as a new step"):
        draft["steps"].append({"uid": _new_uid(), "page": title, "params": view_params(title, st.query_params.to_dict()),
                               "caption": "", "sources": []})
    if not draft["steps"]:
        st.caption("Set up a view, then **Add this view**; repeat, caption each step, and play or share it.")
        _open_upload(ds)
        return
    st.session_state["story_title"] = draft["title"]
    st.text_input("Title", key="story_title", max_chars=MAX_TITLE, on_change=_set_title, placeholder="Untitled story")
    for number, step in enumerate(draft["steps"], 1):
        _step_editor(ds, number, step, len(draft["steps"]))
    try:
        story = draft_story(ds)
        value = to_link(story)
    except StoryError as error:
        st.warning("This story cannot be played or shared yet: " + "; ".join(for_markdown(p) for p in error.problems))
        _open_upload(ds)
        return
    row = st.container(horizontal=True)
    if row.button("Play", key="story_play_draft"):
        go_to(value, story, 1)
    if row.button("Present", key="story_present_draft", help="Play it as slides (presentation mode)"):
        go_to(value, story, 1, present=True)
    st.caption("Copy link (plays the story from step 1)")
    st.code(_link_to(value), language=None, wrap_lines=True)
    slug = re.sub(r"[^a-z0-9]+", "-", story.title.casefold()).strip("-")[:60] or "story"
    st.download_button("Download story (.json)", data=to_json(story).encode("utf-8"), file_name=f"{slug}.json",
                       mime="application/json", key="story_download", on_click="ignore")
    _open_upload(ds)
    st.button("Clear this story", key="story_clear", type="tertiary", on_click=st.session_state.pop, args=(_DRAFT, None))


# ---------------------------------------------------------------- every page

def story_panel(ds: Dataset, title: str, present: bool) -> None:
    """On every page (called by app.layout.page, above the title): the sidebar's Story expander and, when the link
    plays a story, the step's slide. Opening a link to a step applies the step's view once."""
    opened = bool(st.session_state.get(_OPEN))
    # the bundled stories are read only when the link plays one or the expander lists them
    stories, broken = bundled(ds) if opened or st.query_params.get(STORY) else ({}, [])
    value, story, problem = story_in_link(ds, stories)
    number = step_in_link(story) if story else 0
    if story is not None and st.session_state.get(_AT) != (value, number):
        if _on_view(title, story.steps[number - 1]):
            st.session_state[_AT] = (value, number)
        else:
            go_to(value, story, number)

    # the expander's content runs only while it is open (it costs a few ms on every run of every page otherwise);
    # it stays open or closed from page to page
    st.session_state[_BOX] = opened
    box = st.sidebar.expander("Story", key=_BOX, on_change=_remember_open)
    if box.open:
        with box:
            _story_box(ds, title, story, stories, broken)

    if problem:
        st.warning(problem, icon="⚠️")
    elif story is not None:
        player(ds, value, story, number, present)


def _remember_open() -> None:
    st.session_state[_OPEN] = bool(st.session_state.get(_BOX))


def _story_box(ds: Dataset, title: str, story: Story | None, stories: dict[str, Story], broken: list[str]) -> None:
    """The Story expander's content: play a bundled story, edit a copy of the one playing, build your own."""
    if stories:
        choice = st.selectbox("Play a story", list(stories), key="story_choice",
                              format_func=lambda k: f"{stories[k].title} ({len(stories[k].steps)} steps)")
        row = st.container(horizontal=True)
        if row.button("Play", key="story_play"):
            go_to(choice, stories[choice], 1)
        if row.button("Present", key="story_present", help="Play it as slides (presentation mode)"):
            go_to(choice, stories[choice], 1, present=True)
    for line in broken:
        st.caption(f"Cannot be played: {for_markdown(line)}")
    if story is not None:
        st.button("Edit a copy of this story", key="story_edit_copy", on_click=_load_draft, args=(story,))
    builder(ds, title)

