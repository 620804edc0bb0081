"""Stories (alliances/stories.py): checked on the way in from a file or a link, every problem named by its step; the
bundled story cites sources the dataset holds; its HTML escapes every text."""
from __future__ import annotations

import base64
import json
import zlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.dataset import load
from alliances.links import PARAMS
from alliances.stories import (
    LINK_PREFIX,
    MAX_CAPTION,
    MAX_FILE_BYTES,
    MAX_LINK,
    MAX_STEPS,
    PAGES,
    Step,
    Story,
    StoryError,
    bundled_stories,
    from_link,
    parse_story,
    sources_near,
    story_from_data,
    story_html,
    to_json,
    to_link,
    view_params,
)

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "syria" / "stories" / "astana-axis.json"


@pytest.fixture(scope="module")
def curated():
    return load(ROOT / "data" / "syria")


def small(**step) -> dict:
    return {"title": "Two views", "steps": [
        {"page": "Network", "params": {"date": "2018-01-30", "focus": "astana"}, "caption": "Ties on the day",
         "sources": ["src-a"]},
        {"page": "Quotes", "params": {"q": "sochi"}, "caption": "", "sources": [], **step}]}


def problems_of(data, ds=None) -> list[str]:
    with pytest.raises(StoryError) as caught:
        story_from_data(data, ds)
    return caught.value.problems


# ---------------------------------------------------------------- round trips

def test_a_story_comes_back_from_its_json_file(mini):
    story = story_from_data(small(), mini)
    assert story.steps[0] == Step("Network", {"date": "2018-01-30", "focus": "astana"}, "Ties on the day", ("src-a",))
    assert story.steps[0].day == date(2018, 1, 30) and story.steps[1].day is None
    assert parse_story(to_json(story), mini) == story
    assert parse_story(to_json(story).encode("utf-8"), mini) == story


def test_a_story_comes_back_from_its_link_value(mini):
    story = story_from_data(small(), mini)
    value = to_link(story)
    assert value.startswith(LINK_PREFIX) and len(value) < 400
    assert all(c.isalnum() or c in "-_." for c in value)   # URL-safe as it is: nothing to percent-encode
    assert from_link(value, mini) == story


@settings(max_examples=150, deadline=None)
@given(caption=st.text(max_size=MAX_CAPTION), title=st.text(min_size=1, max_size=120).filter(str.strip),
       value=st.text(max_size=60))
def test_any_caption_round_trips_through_a_link(caption, title, value):
    story = Story(title=title.strip(), steps=(Step("Quotes", {"q": value}, caption, ()),))
    assert from_link(to_link(story)) == story
    assert parse_story(to_json(story)) == story


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.text(max_size=200).map(lambda t: LINK_PREFIX + t),
                 st.binary(max_size=300).map(lambda b: LINK_PREFIX + base64.urlsafe_b64encode(b).decode()),
                 st.binary(max_size=300).map(lambda b: LINK_PREFIX + base64.urlsafe_b64encode(zlib.compress(b)).decode()),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                              lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                              max_leaves=12).map(lambda d: LINK_PREFIX + base64.urlsafe_b64encode(
                                  zlib.compress(json.dumps(d).encode())).decode())))
def test_a_garbage_link_value_is_a_clear_error_never_another_exception(value):
    try:
        from_link(value)
    except StoryError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)


@pytest.mark.parametrize("value, says", [
    ("astana-axis", "should start with v1."),
    ("v1.@@@", "cut short"),
    ("v1." + base64.urlsafe_b64encode(b"not zlib at all").decode(), "does not decompress"),
    ("v1." + base64.urlsafe_b64encode(zlib.compress(b"{", 9)).decode(), "not valid JSON"),
    ("v1." + base64.urlsafe_b64encode(zlib.compress(b"[1, 2]", 9)).decode(), "not a JSON object"),
    ("v1." + base64.urlsafe_b64encode(zlib.compress(b"{" + b" " * 1_000_000 + b"}", 9)).decode(), "unpacks to more than"),
    ("v1." + "A" * (MAX_LINK + 1), f"longer than {MAX_LINK}"),
], ids=["an id", "not base64", "not zlib", "not JSON", "not an object", "a bomb", "too long"])
def test_a_damaged_link_says_what_is_wrong(value, says):
    with pytest.raises(StoryError, match=says):
        from_link(value)


def test_a_story_too_long_for_a_link_is_refused_by_name():
    import random
    noise = random.Random(1)
    story = Story("Long", tuple(Step("Quotes", {}, "".join(chr(noise.randrange(0x4E00, 0x9FFF)) for _ in range(MAX_CAPTION)), ())
                                for _ in range(10)))
    with pytest.raises(StoryError, match="too long for a link"):
        to_link(story)


# ---------------------------------------------------------------- what is refused, by name

def test_an_unknown_page_is_named_with_its_step():
    assert problems_of(small(page="Netwerk")) == [
        "step 2: page 'Netwerk' is not one of the app's pages (Overview, Network, Territory, Quotes, Positions, Sources)"]


def test_an_undeclared_parameter_is_named_with_its_step():
    assert problems_of(small(params={"colour_scheme": "dark"})) == [
        "step 2: parameter 'colour_scheme' is not a link parameter of the app (alliances/links.py declares them)"]


def test_a_parameter_of_another_page_or_of_the_player_is_refused():
    assert problems_of(small(params={"focus": "astana", "step": "2", "date": "30/01/2018"})) == [
        "step 2: parameter 'focus' does not apply to the Quotes page",
        "step 2: parameter 'step' is set by the player, not by a step",
        "step 2: date '30/01/2018' is not a day written YYYY-MM-DD"]


def test_unknown_sources_are_named(mini):
    assert problems_of(small(sources=["src-b", "made-up", "<script>"]), mini) == [
        "step 2: unknown source(s) 'made-up', '<script>' (not in this dataset's sources.csv)"]
    assert story_from_data(small(sources=["made-up"])).steps[1].source_ids == ("made-up",)   # no dataset, no check


def test_every_problem_is_listed_not_only_the_first():
    data = {"title": "", "steps": [{"page": "Nowhere", "caption": 3, "extra": 1}, "not a step"], "colour": "red"}
    assert problems_of(data) == [
        "unknown field 'colour' (a story has a title and steps)", "the story has no title",
        "step 1: unknown field 'extra' (a step has page, params, caption and sources)",
        "step 1: page 'Nowhere' is not one of the app's pages (Overview, Network, Territory, Quotes, Positions, Sources)",
        "step 1: caption is not text",
        "step 2: is not an object with page, params, caption and sources"]


def test_sizes_are_bounded():
    assert problems_of(small(caption="x" * (MAX_CAPTION + 1))) == [
        f"step 2: caption is {MAX_CAPTION + 1} characters long, more than {MAX_CAPTION}"]
    too_many = {"title": "Many", "steps": [{"page": "Sources"}] * (MAX_STEPS + 1)}
    assert problems_of(too_many) == [f"the story has {MAX_STEPS + 1} steps, more than {MAX_STEPS}"]
    assert problems_of({"title": "None", "steps": []}) == ["the story has no steps (steps must be a list of at least one step)"]
    with pytest.raises(StoryError, match="larger than 64 KB"):
        parse_story("{" + " " * MAX_FILE_BYTES + "}")


@pytest.mark.parametrize("text, says", [
    ("", "not valid JSON \\(line 1, column 1"), ('{"title": "x",', "not valid JSON"), ("[" * 50_000, "not valid JSON"),
    (b"\xff\xfe{}", "not UTF-8"), ("null", "not a JSON object"), ('"story"', "not a JSON object")],
    ids=["empty", "cut", "deep", "latin", "null", "string"])
def test_a_file_that_is_not_a_story_says_so(text, says):
    with pytest.raises(StoryError, match=says):
        parse_story(text)


# ---------------------------------------------------------------- the bundled story

def test_the_bundled_story_loads_and_cites_only_sources_the_dataset_holds(curated):
    stories, problems = bundled_stories(ROOT / "data" / "syria" / "stories", curated)
    assert problems == [] and "astana-axis" in stories
    story = stories["astana-axis"]
    assert 6 <= len(story.steps) <= 8
    days = [s.day for s in story.steps]
    assert days == sorted(days) and days[0] >= date(2015, 9, 1) and days[-1] <= date(2018, 12, 31)
    for step in story.steps:
        assert step.caption and len(step.caption) <= 260, step   # short enough to read off a projector
        assert step.source_ids and all(s in curated.source_by_id for s in step.source_ids), step
    assert [s.params.get("focus") for s in story.steps if s.page == "Network"] == ["astana"] * 7


def test_every_source_of_the_bundled_story_is_cited_by_a_row_of_the_dataset(curated):
    """A caption's claims come from the rows that cite its sources (relations, events, quotes), not from elsewhere."""
    cited = set(curated.relations["source_id"]) | set(curated.events["source_id"]) | set(curated.quotes["source_id"])
    story = parse_story(BUNDLED.read_bytes(), curated)
    assert {s for step in story.steps for s in step.source_ids} <= cited


def test_a_folder_without_stories_has_none_and_a_broken_story_is_named(tmp_path, mini):
    assert bundled_stories(tmp_path / "nowhere", mini) == ({}, [])
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(small()), encoding="utf-8")
    (folder / "bad.json").write_text(json.dumps(small(sources=["gone"])), encoding="utf-8")
    (folder / "Not An Id.json").write_text("{}", encoding="utf-8")
    stories, problems = bundled_stories(folder, mini)
    assert list(stories) == ["good"]
    assert problems == ["Not An Id.json: a story's file name must be lower-case letters, digits and dashes",
                        "bad.json: step 2: unknown source(s) 'gone' (not in this dataset's sources.csv)"]


def test_the_story_pages_are_the_apps_pages():
    from app.page_list import PAGES as APP_PAGES
    # every page that shows the dataset; 'Add from an article' is an input form, not a view to present
    assert PAGES == tuple(title for _script, title, _path in APP_PAGES if title != "Add from an article")


def test_a_recorded_view_keeps_only_the_pages_own_declared_parameters():
    link = {"date": "2018-01-30", "focus": "astana", "q": "sochi", "story": "x", "step": "2", "present": "1",
            "image_format": "svg", "made_up": "1", "types": "support,hostility"}
    assert view_params("Network", link) == {"date": "2018-01-30", "focus": "astana", "types": "support,hostility"}
    assert view_params("Quotes", link) == {"date": "2018-01-30", "q": "sochi"}
    assert {"story", "step"} <= set(PARAMS)


def test_the_sources_near_a_day_come_first(curated):
    near = sources_near(curated, date(2015, 11, 24))
    assert near[0] == "russiainsider-2015-11-24-stab" and "hurriyet-undated-stab-in-back" in near[:3]
    assert len(near) <= 40 and all(s in curated.source_by_id for s in near)


# ---------------------------------------------------------------- the briefing's section

def test_story_html_escapes_every_text_and_links_only_http(tmp_path, mini_tables):
    from sample_data import write_dataset
    mini_tables["sources"][0].update(publisher="<b>Agency</b>", title='"Report" <script>alert(1)</script>')
    mini_tables["sources"][1].update(url="")
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    story = Story('<img src=x onerror=alert(1)> & "title"', (
        Step("Network", {"date": "2018-01-30", "focus": "<i>x</i>"}, "<script>alert('caption')</script> & more", ("src-a", "src-b")),
        Step("Quotes", {}, "plain", ())))
    html = story_html(ds, story)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(&#x27;caption&#x27;)&lt;/script&gt; &amp; more" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;title&quot;" in html
    assert '<a href="https://example.org/a">&lt;b&gt;Agency&lt;/b&gt;, “&quot;Report&quot; &lt;script&gt;' in html
    assert "Institute B, “Map B”, 1 Feb 2018" in html and html.count("<a ") == 1
    assert "Network page, as of 30 Jan 2018 (focus=&lt;i&gt;x&lt;/i&gt;)" in html
    assert f"Quotes page, as of {ds.last_day():%-d %b %Y} (the dataset's last day)" in html


def test_story_html_can_cite_through_the_briefings_numbering(mini):
    story = story_from_data(small(), mini)
    html = story_html(mini, story, cite=lambda s: f" [{s}]")
    assert "Ties on the day [src-a]" in html and "Agency A" not in html
