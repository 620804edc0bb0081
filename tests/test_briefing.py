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
