"""Every parameter a link to the app can carry, declared once: its name, where it applies, how it is written,
what it means when absent, and one line of help.

The app reads and writes no other parameter (`app.state` refuses an undeclared name), the README's link
reference is this table (`python -m alliances.links` prints it; a test compares), and the link tests draw
their values from here.

A list is written one way on every page: values comma-separated, a comma or % inside a value
percent-encoded (`blocs=Jihadist,Rebels%2C%20armed` holds "Rebels, armed"). A single value is
written as it is. Streamlit encodes the whole value once more in the address bar; both come back intact.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote


@dataclass(frozen=True)
class Param:
    name: str
    pages: str          # where it applies
    form: str           # how a value is written
    default: str        # what the view shows when the link leaves it out
    help: str
    examples: tuple[str, ...] = ()  # values valid on the bundled data, for tests


def join_list(values) -> str:
    """Values for a link: comma-separated, each with its % and commas percent-encoded."""
    return ",".join(str(v).replace("%", "%25").replace(",", "%2C") for v in values)


def split_list(raw: str | None) -> list[str]:
    """The values of a list written by `join_list` (empty parts dropped)."""
    return [unquote(part) for part in raw.split(",") if part] if raw else []


_DAY = "a day, YYYY-MM-DD"
PARAMS: dict[str, Param] = {p.name: p for p in (
    # every page
    Param("dataset", "every page", "a bundled dataset's folder name under data/", "the dataset whose datapackage.json "
          "says `\"default\": true`", "the dataset every page shows"),
    Param("date", "every page", _DAY, "the dataset's last day", "the as-of day every view shows",
          ("2018-01-30", "2015-12-15", "2011-03-15")),
    Param("present", "every page", "1 or 0", "0", "presentation mode: no sidebar, larger type", ("1", "0")),
    Param("image_format", "every page", "png or svg", "png", "the format of the charts' camera button", ("svg", "png")),
    Param("story", "every page", "a bundled story's id, or a story packed by the app (`v1.` and letters)", "none",
          "play a story: the step's caption and sources above its view, with previous and next (arrow keys when "
          "presenting); the view moves to the step's page and parameters"),
    Param("step", "every page", "a whole number from 1", "1", "with `story`: the step shown", ("1", "3", "8")),
    Param("since", "Overview, Network, Territory", _DAY, "90 days before the as-of day (Overview); none elsewhere",
          "the comparison day: what changed between it and the as-of day", ("2015-12-15", "2017-11-01")),
    # Network
    Param("vs", "Network", _DAY, "none", "the comparison day of older links; read as `since`", ("2016-01-01",)),
    Param("focus", "Network", "a group id of groups.csv, an actor id, or empty", "the whole network",
          "centre the graph on a named group of actors or on one actor", ("russia", "turkey")),
    Param("depth", "Network", "1 or 2", "1", "with a focus: direct ties (1) or ties of ties (2)", ("1", "2")),
    Param("types", "Network", "list of relation types", "every type", "the relation types drawn",
          ("support,hostility", "alliance", "mediation,rivalry")),
    Param("kinds", "Network", "list of actor kinds", "every kind", "the kinds of actor drawn",
          ("state,armed_group", "person")),
    Param("blocs", "Network", "list of blocs", "every bloc", "the blocs drawn", ("Jihadist,UN",)),
    Param("min_intensity", "Network", "1, 2 or 3", "1", "the weakest tie drawn", ("2", "3")),
    Param("hide_people", "Network", "1 or 0", "1", "leave leaders and spokespeople out", ("0", "1")),
    Param("tab", "Network", "Changes, Tensions and centrality, Actor or Export", "Changes", "the open tab",
          ("Actor", "Export", "Tensions and centrality")),
    Param("actor", "Network, Quotes, Positions", "an actor id (Quotes: a list of actor ids)",
          "none (Positions: the actor with most positions)",
          "Network: the actor of the Actor tab; Quotes: who the speaker speaks for; Positions: the actor in focus",
          ("turkey", "russia", "sdf")),
    # Territory
    Param("mode", "Territory", "stacked, lines or sources", "stacked",
          "stacked shares, lines, or one faction across publishers", ("lines", "sources")),
    Param("source", "Territory", "`best`, or a publisher's name", "best",
          "the series of estimates the chart and the panel show: the best available on each date, or one publisher's",
          ("best",)),
    Param("faction", "Territory", "an actor id", "the faction estimated most", "with mode=sources: the faction compared",
          ("isis",)),
    Param("between", "Territory", "hold or interpolate", "hold", "between estimates: hold the last one, or a dotted line",
          ("interpolate",)),
    Param("events", "Territory", "list of event kinds", "military", "the kinds of key event marked under the chart",
          ("diplomacy,military", "political")),
    Param("view", "Territory", "Chart, On the day or Table", "Chart", "the open tab", ("On the day", "Table")),
    # Quotes
    Param("speaker", "Quotes", "list of actor ids", "every speaker", "who spoke", ("peskov,erdogan",)),
    Param("bloc", "Quotes", "list of blocs", "every bloc", "the speakers' blocs", ("Jihadist",)),
    Param("issue", "Quotes, Positions", "an issue id (Quotes: a list of issue ids)",
          "every issue (Positions: the most answered)", "the issue(s) shown", ("sochi-congress",)),
    Param("verbatim", "Quotes", "1 or 0", "0", "verbatim quotes only", ("1",)),
    Param("q", "Quotes", "text", "none", "search the quotes, ignoring case and accents", ("erdogan", "sochi")),
    Param("period", "Quotes", "all, around or range", "all (around, for a record of over 2,000 quotes)",
          "the whole record, ±30 days around the as-of day, or the `range`", ("around", "range")),
    Param("range", "Quotes", "first..last, two days", "the whole record", "with period=range: the dates shown",
          ("2017-01-01..2018-12-31",)),
    Param("colour", "Quotes", "position or bloc", "position", "what a marker's colour says", ("bloc",)),
    Param("lanes", "Quotes", "blocs, speakers or all", "blocs",
          "the timeline's lanes: one per bloc, the most quoted speakers, or every speaker", ("speakers", "all")),
    Param("show", "Quotes", "Timeline or Cards", "Timeline", "the open tab", ("Cards",)),
    Param("order", "Quotes", "newest or oldest", "newest", "the order of the cards", ("oldest",)),
    Param("quote", "Quotes", "a quote id", "none", "the quote whose card is open", ()),
    # Positions
    Param("other", "Positions", "an actor id", "the second most active actor", "the actor compared in Side by side",
          ("turkey", "iran")),
    Param("section", "Positions",
          "Who stands where, Camps, Agreement, Issue over time, Side by side or Every stance", "Who stands where",
          "the open tab", ("Camps", "Agreement", "Every stance")),
    Param("min_known", "Positions", "a whole number, 1 to 10", "3", "the position map places actors with this many "
          "known positions", ("1", "5")),
    Param("min_shared", "Positions", "a whole number, 1 to 10", "2", "agreement compares pairs sharing this many issues",
          ("1", "4")),
    # Sources
    Param("part", "Sources", "Sources or Data dictionary", "Sources", "the open tab", ("Data dictionary",)),
    Param("source_q", "Sources", "text", "none", "search the sources", ("reuters",)),
)}

# the parameters that follow the user from page to page (the menu's links carry them)
SHARED = ("dataset", "date", "since", "present")


def param(name: str) -> Param:
    """The declaration of `name`; an undeclared name is a programming error, caught by the page tests."""
    if name not in PARAMS:
        raise KeyError(f"link parameter '{name}' is not declared in alliances/links.py")
    return PARAMS[name]


def reference_table() -> str:
    """The README's link reference, as a markdown table."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|")
    rows = ["| parameter | page | written as | when absent | what it sets |", "|---|---|---|---|---|"]
    rows += [f"| `{p.name}` | {cell(p.pages)} | {cell(p.form)} | {cell(p.default)} | {cell(p.help)} |"
             for p in PARAMS.values()]
    return "\n".join(rows)


if __name__ == "__main__":
    print(reference_table())
