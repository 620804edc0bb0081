"""Stories for briefings: an ordered list of saved views (page and link parameters), each with a caption and its
sources.

A story travels three ways, all checked the same way (`story_from_data`): as a small JSON file (the bundled ones
live in `<data folder>/stories/<id>.json`), inside a link (`to_link`: zlib-compressed JSON in URL-safe base64,
prefixed `v1.`), and into the briefing pack (`story_html`). A story is text from anyone: every problem is a
`StoryError` naming the step and what is wrong, never another exception; captions and titles are shown escaped.

The JSON form:

    {"title": "A story's title",
     "steps": [{"page": "Network", "params": {"date": "2015-09-30", "focus": "russia"},
                "caption": "What the step shows, with its facts ...", "sources": ["a-sources-csv-id"]}]}
"""
from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .dataset import Dataset
from .links import PARAMS
from .presentation import day_text
from .text import for_html, http_url

# the app's pages, by title (app/layout.py's PAGES; a test keeps the two equal)
PAGES = ("Overview", "Network", "Territory", "Quotes", "Positions", "Sources")
# parameters the player sets, never a step: which story, which step, and whether it is shown as slides
PLAYER_PARAMS = ("story", "step", "present")
# a viewer's preference rather than part of a view: left out when a view is recorded
PREFERENCES = ("image_format",)

MAX_FILE_BYTES = 64_000     # a story file (and a link's story once decompressed)
MAX_STEPS = 30
MAX_TITLE = 120
MAX_CAPTION = 600           # characters: a caption is read off a projector
MAX_SOURCES = 12            # per step
MAX_VALUE = 500             # characters of one link parameter's value
MAX_LINK = 6_000            # characters of the `story=` value: well inside what browsers and proxies pass
LINK_PREFIX = "v1."
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_TOP_FIELDS = {"title", "steps", "version"}
_STEP_FIELDS = {"page", "params", "caption", "sources"}


class StoryError(ValueError):
    """A story that cannot be used, with every problem found (each naming its step)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Step:
    page: str
    params: Mapping[str, str] = field(default_factory=dict)
    caption: str = ""
    source_ids: tuple[str, ...] = ()

    @property
    def day(self) -> date | None:
        """The view's as-of day, or None when the link leaves it to the dataset's last day."""
        raw = self.params.get("date")
        return date.fromisoformat(raw) if raw else None


@dataclass(frozen=True)
class Story:
    title: str
    steps: tuple[Step, ...]


def applies(name: str, page: str) -> bool:
    """Whether link parameter `name` means something on `page` (as alliances.links declares)."""
    where = PARAMS[name].pages
    return where == "every page" or page in [p.strip() for p in where.split(",")]


def view_params(page: str, query: Mapping[str, str]) -> dict[str, str]:
    """The parameters of a link that make up the view on `page`: declared, applying to the page, not the player's
    nor a preference. What "Add this view" records."""
    return {k: str(v) for k, v in query.items()
            if k in PARAMS and k not in PLAYER_PARAMS + PREFERENCES and applies(k, page) and len(str(v)) <= MAX_VALUE}


def _quoted(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _check_step(n: int, raw, ds: Dataset | None, problems: list[str]) -> Step | None:
    where = f"step {n}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: is not an object with page, params, caption and sources")
        return None
    for extra in sorted(set(raw) - _STEP_FIELDS, key=str):
        problems.append(f"{where}: unknown field {_quoted(extra)} (a step has page, params, caption and sources)")
    page = raw.get("page")
    if page not in PAGES:
        problems.append(f"{where}: page {_quoted(page)} is not one of the app's pages ({', '.join(PAGES)})"
                        if page is not None else f"{where}: has no page")
    params = raw.get("params", {})
    clean: dict[str, str] = {}
    if not isinstance(params, dict):
        problems.append(f"{where}: params is not an object of parameter names and values")
    else:
        for name, value in params.items():
            if name not in PARAMS:
                problems.append(f"{where}: parameter {_quoted(name)} is not a link parameter of the app "
                                "(alliances/links.py declares them)")
            elif name in PLAYER_PARAMS:
                problems.append(f"{where}: parameter {_quoted(name)} is set by the player, not by a step")
            elif page in PAGES and not applies(name, page):
                problems.append(f"{where}: parameter {_quoted(name)} does not apply to the {page} page")
            elif not isinstance(value, str):
                problems.append(f"{where}: the value of {_quoted(name)} is not text")
            elif len(value) > MAX_VALUE:
                problems.append(f"{where}: the value of {_quoted(name)} is longer than {MAX_VALUE} characters")
            else:
                clean[name] = value
        if isinstance(clean.get("date"), str):
            try:
                date.fromisoformat(clean["date"])
            except ValueError:
                problems.append(f"{where}: date {_quoted(clean['date'])} is not a day written YYYY-MM-DD")
    caption = raw.get("caption", "")
    if not isinstance(caption, str):
        problems.append(f"{where}: caption is not text")
    elif len(caption) > MAX_CAPTION:
        problems.append(f"{where}: caption is {len(caption)} characters long, more than {MAX_CAPTION}")
    sources = raw.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        problems.append(f"{where}: sources is not a list of source ids")
        sources = []
    elif len(sources) > MAX_SOURCES:
        problems.append(f"{where}: cites {len(sources)} sources, more than {MAX_SOURCES}")
    elif ds is not None:
        unknown = [s for s in sources if s not in ds.source_by_id]
        if unknown:
            problems.append(f"{where}: unknown source(s) {', '.join(_quoted(s) for s in unknown)} "
                            "(not in this dataset's sources.csv)")
    if not isinstance(caption, str) or page not in PAGES:
        return None
    return Step(page=page, params=clean, caption=caption, source_ids=tuple(dict.fromkeys(sources)))


def story_from_data(data, ds: Dataset | None = None) -> Story:
    """A story from parsed JSON, checked: page, parameters, caption, sources (against `ds` when given)."""
    if not isinstance(data, dict):
        raise StoryError(["the story is not a JSON object with a title and steps"])
    problems: list[str] = []
    for extra in sorted(set(data) - _TOP_FIELDS, key=str):
        problems.append(f"unknown field {_quoted(extra)} (a story has a title and steps)")
    if data.get("version", 1) != 1:
        problems.append(f"version {_quoted(data.get('version'))} is not one this app reads (1)")
    title = data.get("title", "")
    if not isinstance(title, str) or not title.strip():
        problems.append("the story has no title")
        title = ""
    elif len(title) > MAX_TITLE:
        problems.append(f"the title is longer than {MAX_TITLE} characters")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append("the story has no steps (steps must be a list of at least one step)")
        raw_steps = []
    elif len(raw_steps) > MAX_STEPS:
        problems.append(f"the story has {len(raw_steps)} steps, more than {MAX_STEPS}")
        raw_steps = []
    steps = [_check_step(n, raw, ds, problems) for n, raw in enumerate(raw_steps, 1)]
    if problems:
        raise StoryError(problems)
    return Story(title=title.strip(), steps=tuple(s for s in steps if s is not None))


def parse_story(text: str | bytes, ds: Dataset | None = None) -> Story:
    """A story from its JSON file's content (bounded in size), or a StoryError."""
    if len(text) > MAX_FILE_BYTES:
        raise StoryError([f"the story file is larger than {MAX_FILE_BYTES // 1000} KB"])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StoryError(["the story file is not UTF-8 text"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise StoryError([f"the story is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"]) from None
    except RecursionError:
        raise StoryError(["the story is not valid JSON (nested too deeply)"]) from None
    return story_from_data(data, ds)


def to_data(story: Story) -> dict:
    return {"title": story.title, "steps": [
        {"page": s.page, "params": dict(s.params), "caption": s.caption, "sources": list(s.source_ids)}
        for s in story.steps]}


def to_json(story: Story) -> str:
    """The story as a small, readable JSON file (what "Download story" gives)."""
    return json.dumps(to_data(story), ensure_ascii=False, indent=2) + "\n"


def to_link(story: Story) -> str:
    """The story as one link parameter value (`v1.` + URL-safe base64 of zlib-compressed JSON), or a StoryError
    when it would be longer than MAX_LINK characters."""
    packed = json.dumps(to_data(story), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    value = LINK_PREFIX + base64.urlsafe_b64encode(zlib.compress(packed, 9)).decode("ascii").rstrip("=")
    if len(value) > MAX_LINK:
        raise StoryError([f"the story is too long for a link ({len(value)} characters, at most {MAX_LINK}): "
                          "shorten the captions or share it as a file"])
    return value


def is_link_value(value: str) -> bool:
    return value.startswith(LINK_PREFIX)


def from_link(value: str, ds: Dataset | None = None) -> Story:
    """The story a link carries (`to_link`), checked like a file; a damaged value is a StoryError."""
    if not isinstance(value, str) or not is_link_value(value):
        raise StoryError(["the link's story is not a story written by this app (it should start with v1.)"])
    if len(value) > MAX_LINK:
        raise StoryError([f"the link's story is longer than {MAX_LINK} characters"])
    body = value[len(LINK_PREFIX):]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise StoryError(["the link's story is damaged (not URL-safe base64): copy the whole link again"]) from None
    inflate = zlib.decompressobj()
    try:
        text = inflate.decompress(packed, MAX_FILE_BYTES + 1)
    except zlib.error:
        raise StoryError(["the link's story is damaged (it does not decompress): copy the whole link again"]) from None
    if len(text) > MAX_FILE_BYTES or inflate.unconsumed_tail:
        raise StoryError([f"the link's story unpacks to more than {MAX_FILE_BYTES // 1000} KB"])
    if not inflate.eof:
        raise StoryError(["the link's story is cut short: copy the whole link again"])
    return parse_story(text, ds)


def bundled_stories(folder: Path | str, ds: Dataset | None = None) -> tuple[dict[str, Story], list[str]]:
    """The stories in `folder` (`<data folder>/stories/*.json`), by id (the file's name), checked against `ds`;
    and one line per file that cannot be used. A missing folder is no stories, not a problem."""
    folder = Path(folder)
    stories: dict[str, Story] = {}
    problems: list[str] = []
    if not folder.is_dir():
        return stories, problems
    for path in sorted(folder.glob("*.json"))[:100]:
        if not _ID.match(path.stem):
            problems.append(f"{path.name}: a story's file name must be lower-case letters, digits and dashes")
            continue
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise StoryError([f"the story file is larger than {MAX_FILE_BYTES // 1000} KB"])
            stories[path.stem] = parse_story(path.read_bytes(), ds)
        except StoryError as error:
            problems.append(f"{path.name}: {error}")
        except OSError as error:
            problems.append(f"{path.name}: cannot be read ({error.strerror})")
    return stories, problems


def sources_near(ds: Dataset, day: date, days: int = 31, limit: int = 40) -> list[str]:
    """The sources cited by the ties that began, the events and the quotes within `days` of `day`, nearest first:
    what a caption on that day most likely cites (the story builder offers them)."""
    centre = pd.Timestamp(day)
    dated = pd.concat([ds.relations[["start", "source_id"]].rename(columns={"start": "date"}),
                       ds.events[["date", "source_id"]], ds.quotes[["date", "source_id"]]], ignore_index=True)
    dated = dated[dated["date"].notna() & dated["source_id"].notna() & (dated["source_id"] != "")]
    distance = (dated["date"] - centre).abs()
    near = dated.assign(distance=distance)[distance <= pd.Timedelta(days=days)].sort_values(["distance", "date"])
    return [s for s in dict.fromkeys(near["source_id"]) if s in ds.source_by_id][:limit]


STORY_STYLE = """<style>
  .story ol { padding-left: 1.4rem; } .story li { margin: 0 0 1rem; }
  .story .caption { font-size: 1.1rem; margin: 0; } .story .view { color: #666; font-size: .9rem; margin: .2rem 0; }
  .story .sources { font-size: .9rem; margin: .2rem 0; }
</style>"""


def _source_html(ds: Dataset, source_id: str) -> str:
    src = ds.source_by_id.get(source_id)
    if src is None:
        return for_html(source_id)
    day = day_text(src["date"])
    label = f"{for_html(src['publisher'])}, “{for_html(src['title'])}”" + (f", {day}" if day else "")
    url = http_url(src["url"])
    return f'<a href="{for_html(url)}">{label}</a>' if url else label


def story_html(ds: Dataset, story: Story, cite: Callable[[str], str] | None = None) -> str:
    """The story as a self-contained HTML section: each step's caption, its page and day, and its sources (in
    full, or through `cite`, e.g. the briefing pack's numbered citations, when given). Every text escaped."""
    items = []
    for step in story.steps:
        day = day_text(step.day) if step.day else f"{day_text(ds.last_day())} (the dataset's last day)"
        settings = "; ".join(f"{for_html(k)}={for_html(v)}" for k, v in step.params.items() if k != "date")
        view = f"{for_html(step.page)} page, as of {day}" + (f" ({settings})" if settings else "")
        if cite is not None:
            sources = "".join(cite(s) for s in step.source_ids)
        else:
            sources = "; ".join(_source_html(ds, s) for s in step.source_ids)
            sources = f'<p class="sources">Sources: {sources}</p>' if sources else ""
        items.append(f'<li><p class="caption">{for_html(step.caption)}{sources if cite else ""}</p>'
                     f'<p class="view">{view}</p>{"" if cite else sources}</li>')
    return (f'<section class="story">{STORY_STYLE}<h2>Story: {for_html(story.title)}</h2>'
            f'<p class="view">{len(story.steps)} steps; each names the view it was told on.</p><ol>'
            + "".join(items) + "</ol></section>")
