import re

from sample_data import write_dataset

from alliances.briefing import briefing_html
from alliances.dataset import load

HOSTILE = "<img src=x onerror=alert(1)>"


def test_pack_has_every_section_and_its_sources(mini):
    page = briefing_html(mini, "2018-01-30", "2015-12-15")
    for heading in ("Overview", "Network", "Territory", "Positions", "Quotes (90 days to the day)", "Sources"):
        assert f"<h2>{heading}</h2>" in page, heading
    assert 'href="https://example.org/a"' in page
    assert "flipped: Russia — cooperation — Turkey" in page


def test_pack_loads_nothing_from_elsewhere(mini):
    page = briefing_html(mini, "2018-01-30", "2015-12-15")
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)=["\']?https?:', page)


def test_pack_escapes_dataset_text(tmp_path, mini_tables):
    mini_tables["actors"][0]["name"] = HOSTILE
    mini_tables["events"][1]["title"] = HOSTILE
    mini_tables["quotes"][0]["text"] = HOSTILE
    ds = load(write_dataset(tmp_path / "h", mini_tables))
    page = briefing_html(ds, "2018-01-30", "2015-12-15")
    body = page.split("</head>", 1)[1]
    srcdoc = re.search(r'srcdoc="([^"]*)"', body).group(1)
    assert "<img" not in body.replace(srcdoc, "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_pack_holds_the_astana_axis_timeline_with_its_sources(mini):
    page = briefing_html(mini, "2018-01-30", "2015-12-15")
    section = page.split("<h2>Astana axis (Russia, Iran, Turkey) over time</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Plotly.newPlot" in section and "Russia \\u2014 Turkey" in section  # the chart; its first row, the pair among the axis
    # the positive bars, row by row: Russia–Turkey cooperation, the US–Turkey alliance, Russia's support of Damascus
    assert '"base":["2016-06-29","2011-01-01","2015-09-30"]' in section
    assert "as of 30 Jan 2018" in section and "click:" not in section  # no page to move: no click offered
    number = re.search(r'Ties cite: +<cite>\[<a href="#src-(\d+)">', section).group(1)
    assert f'<li id="src-{number}">Agency A, “Report A”' in page


def test_pack_timeline_escapes_dataset_text(tmp_path, mini_tables):
    mini_tables["actors"][1]["name"] = HOSTILE   # Turkey, a row of the timeline
    mini_tables["relations"][1]["note"] = HOSTILE
    ds = load(write_dataset(tmp_path / "h", mini_tables))
    section = briefing_html(ds, "2018-01-30", "2015-12-15").split(" over time</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<img" not in section and "&lt;img src=x onerror=alert(1)&gt;" in section


def test_pack_tells_the_story_playing_with_its_sources_in_the_list():
    from pathlib import Path

    from alliances.stories import bundled_stories
    root = Path(__file__).resolve().parent.parent / "data" / "syria"
    ds = load(root)
    stories, broken = bundled_stories(root / "stories", ds)
    story = stories["astana-axis"]
    page = briefing_html(ds, "2018-01-30", "2015-12-15", story)
    assert not broken and f"Story: {story.title}" in page.replace("&#x27;", "'")
    cited = re.findall(r'<li id="src-\d+">', page)
    first_source = ds.source_by_id[story.steps[0].source_ids[0]]
    assert cited and first_source["publisher"].split()[0] in page
    assert "Story:" not in briefing_html(ds, "2018-01-30", "2015-12-15")
