"""The story player and builder on the pages (AppTest): a link to a step opens its view with its caption and sources,
next and previous move between views, "Add this view" records the view on screen, and a hostile story link or
caption is shown as text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_pages import run
from sample_data import write_dataset

from alliances.dataset import load
from alliances.stories import Step, Story, from_link, parse_story, to_link
from alliances.text import for_markdown

ROOT = Path(__file__).resolve().parent.parent
OVERVIEW, NETWORK = "views/0_Overview.py", "views/1_Network.py"


@pytest.fixture(scope="module")
def story():
    return parse_story((ROOT / "data" / "syria" / "stories" / "astana-axis.json").read_bytes(), load(ROOT / "data" / "syria"))


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


def opened(at):
    """The sidebar's Story expander opened (its content runs only while it is open)."""
    at.session_state["_story_open"] = True
    return at.run()


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning])


def assert_at_step(at, story, number: int) -> None:
    step = story.steps[number - 1]
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["story"] == "astana-axis" and at.query_params["step"] == str(number)
    for name, value in step.params.items():
        assert at.query_params[name] == value, name
    assert at.title[0].value == step.page
    assert for_markdown(step.caption) in texts(at)
    assert f"step {number} of {len(story.steps)}" in texts(at)


def play(**params):
    """A link to the app's root that names a step: it opens the step's page and view. (Opened from the root: AppTest
    keeps running the page a test switched to, not the one a switch_page in the app went to.)"""
    return run(OVERVIEW, **params)


def test_a_link_to_step_2_shows_its_caption_sources_and_view(story):
    at = play(story="astana-axis", step="2")   # the link names no view: the step's is opened
    assert_at_step(at, story, 2)
    sources = next(c.value for c in at.caption if c.value.startswith("Sources:"))
    ds = load(ROOT / "data" / "syria")
    for source_id in story.steps[1].source_ids:
        assert for_markdown(ds.source_by_id[source_id]["publisher"]) in sources
    assert at.date_input(key="date").value.isoformat() == "2015-11-24"
    assert at.selectbox(key="focus").value == "astana"
    assert at.button(key="story_previous").disabled is False and at.button(key="story_next").disabled is False


def test_next_moves_to_step_3_with_its_page_and_parameters_and_previous_comes_back(story):
    at = play(story="astana-axis", step="2")
    at.button(key="story_next").click().run()
    assert_at_step(at, story, 3)
    assert at.date_input(key="date").value.isoformat() == "2016-08-09"
    assert at.date_input(key="since").value.isoformat() == "2015-11-24"
    at.button(key="story_previous").click().run()
    assert_at_step(at, story, 2)
    at.button(key="story_previous").click().run()
    assert_at_step(at, story, 1)
    assert "since" not in at.query_params and at.date_input(key="since").value is None   # step 1 compares with nothing
    assert at.button(key="story_previous").disabled


def test_the_last_step_opens_the_quotes_page_and_a_step_resets_what_it_leaves_out(story):
    at = play(story="astana-axis", step="7")
    at.multiselect(key="types").set_value(["hostility"]).run()   # the presenter strays from the view...
    assert at.query_params["types"] == "hostility"
    at.button(key="story_next").click().run()
    assert_at_step(at, story, 8)
    assert at.multiselect(key="issue").value == ["sochi-congress"]
    assert at.button(key="story_next").disabled
    at.button(key="story_previous").click().run()
    assert_at_step(at, story, 7)
    assert at.multiselect(key="types").value == at.multiselect(key="types").options   # ...and the step puts it back


def test_presentation_mode_stays_on_from_step_to_step(story):
    at = play(story="astana-axis", step="1", present="1")
    assert_at_step(at, story, 1)
    at.button(key="story_next").click().run()
    assert_at_step(at, story, 2)
    assert at.query_params["present"] == "1" and at.toggle(key="present").value is True


def test_add_this_view_adds_a_step_that_plays_from_its_link(story):
    at = opened(run(NETWORK, date="2016-01-01", focus="turkey", depth="2"))
    at.button(key="story_add").click().run()
    assert not at.exception
    area = at.text_area(key="story_caption_1")
    area.input("Turkey's ties <b>on</b> New Year's day").run()
    at.button(key="story_add").click().run()   # the same view again, as a second step
    assert [t.key for t in at.text_area] == ["story_caption_1", "story_caption_2"]
    at.button(key="story_down_1").click().run()   # reorder: the captioned step goes second
    assert [t.key for t in at.text_area] == ["story_caption_2", "story_caption_1"]
    assert at.text_area(key="story_caption_1").value == "Turkey's ties <b>on</b> New Year's day"
    link = next(c.value for c in at.get("code") if "story=" in c.value)
    value = link.split("story=")[1].split("&")[0]
    built = from_link(value)
    assert [s.caption for s in built.steps] == ["", "Turkey's ties <b>on</b> New Year's day"]
    assert built.steps[0] == Step("Network", {"date": "2016-01-01", "focus": "turkey", "depth": "2", "types": built.steps[0].params["types"],
                                              "kinds": built.steps[0].params["kinds"], "blocs": "", "min_intensity": "1",
                                              "hide_people": "1", "tab": "Changes"}, "", ())
    at.button(key="story_remove_2").click().run()
    assert [t.key for t in at.text_area] == ["story_caption_1"]
    at.button(key="story_play_draft").click().run()
    assert not at.exception
    assert at.query_params["step"] == "1" and at.query_params["focus"] == "turkey"
    assert for_markdown("Turkey's ties <b>on</b> New Year's day") in texts(at)


def test_a_bundled_story_can_be_edited_as_a_copy(story):
    at = opened(run(NETWORK, story="astana-axis", step="3"))
    at.button(key="story_edit_copy").click().run()
    assert len(at.text_area) == len(story.steps)
    assert at.text_area(key=f"story_caption_{1}").value == story.steps[0].caption


def test_a_story_link_with_hostile_text_is_shown_as_text():
    hostile = Story("<script>alert(1)</script>", (Step("Sources", {"source_q": "x"}, "**bold** <img src=x onerror=alert(1)> [a](javascript:alert(1))", ()),))
    at = run("views/5_Sources.py", story=to_link(hostile), step="1")
    assert not at.exception
    assert for_markdown(hostile.steps[0].caption) in texts(at)
    assert for_markdown(hostile.title) in texts(at)


@pytest.mark.parametrize("value, says", [("no-such-story", "There is no story"), ("v1.garbage", "cannot be played"),
                                         ("v1." + "A" * 7000, "longer than")])
def test_a_story_that_cannot_be_played_says_why(value, says):
    at = run(NETWORK, story=value, step="2")
    assert not at.exception
    assert any(says in w.value for w in at.warning)


def test_a_dataset_without_stories_folder_has_no_bundled_story(tmp_path, monkeypatch, mini_tables):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "d", mini_tables)))
    at = opened(run(NETWORK, story="astana-axis", step="1"))
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "story_choice"]
    assert any("There is no story" in w.value for w in at.warning)


def test_a_bundled_story_citing_unknown_sources_is_named_not_played(tmp_path, monkeypatch, mini_tables):
    folder = write_dataset(tmp_path / "d", mini_tables)
    (folder / "stories").mkdir()
    good = {"title": "Mini", "steps": [{"page": "Network", "params": {"date": "2018-01-30"}, "caption": "A", "sources": ["src-a"]}]}
    (folder / "stories" / "mini.json").write_text(json.dumps(good), encoding="utf-8")
    (folder / "stories" / "astana-axis.json").write_bytes((ROOT / "data" / "syria" / "stories" / "astana-axis.json").read_bytes())
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = run(NETWORK)
    assert not [s for s in at.selectbox if s.key == "story_choice"]   # closed: the expander's content does not run
    at = opened(at)
    assert at.selectbox(key="story_choice").options == ["Mini (1 steps)"]
    assert any(for_markdown("astana-axis.json") in c.value and "unknown source" in c.value for c in at.caption)
    at.button(key="story_play").click().run()
    assert not at.exception and at.query_params["story"] == "mini" and "A" in texts(at)


@pytest.mark.parametrize("raw, number", [("abc", 1), ("0", 1), ("-3", 1), ("99", 8), ("8", 8), ("", 1)])
def test_a_step_number_out_of_range_or_mistyped_opens_the_nearest_step(story, raw, number):
    at = play(story="astana-axis", step=raw)
    assert_at_step(at, story, number)


def test_end_story_leaves_the_view_as_it_is(story):
    at = play(story="astana-axis", step="4")
    at.button(key="story_end").click().run()
    assert not at.exception
    assert "story" not in at.query_params and "step" not in at.query_params
    assert at.query_params["date"] == "2016-12-22" and at.query_params["focus"] == "astana"
    assert "step 4 of" not in texts(at)


def test_present_plays_the_bundled_story_as_slides(story):
    at = opened(run(NETWORK))
    at.button(key="story_present").click().run()
    assert_at_step(at, story, 1)
    assert at.query_params["present"] == "1" and at.toggle(key="present").value is True
