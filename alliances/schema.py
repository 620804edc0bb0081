"""The tables of the data contract: their columns, the kind of each value, and what it may hold.

The loader validates against these definitions and the Sources page renders them as the
data dictionary, so the documentation cannot drift from the checks.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import rules

ACTOR_KINDS = ("state", "government", "armed_group", "political_group", "international_org", "person", "other")
RELATION_TYPES = ("alliance", "support", "cooperation", "mediation", "rivalry", "hostility")
POSITIVE_TYPES = ("alliance", "support", "cooperation")
NEUTRAL_TYPES = ("mediation",)
NEGATIVE_TYPES = ("rivalry", "hostility")
DIRECTED_TYPES = ("support", "mediation")
EVENT_KINDS = ("diplomacy", "military", "political", "humanitarian")
SOURCE_KINDS = ("news", "official", "research", "dataset", "reference")
CONTROL_SHARES = ("most", "part", "none")
# what a tie period's first or last day rests on (relations.csv's start_basis and end_basis)
BASES = ("event", "page", "first evidence", "chained", "our reading")
BASIS_WORDS = {"event": "a dated event", "page": "dated by its page", "first evidence": "first dated evidence: it may "
               "have begun earlier", "chained": "where the next sourced period begins", "our reading": "our reading"}
# how a source's date is known (sources.csv's date_basis)
DATE_BASES = ("page", "address", "none shown", "not found again")
POSITION_LABELS = {-2: "strongly against", -1: "against", 0: "neutral or ambiguous", 1: "for", 2: "strongly for"}
# how a cell is read and checked (the loader handles each; a column of any other kind is refused here)
KINDS = ("id", "text", "date", "enum", "int", "float", "bool", "url", "ref", "refs", "colour")


def split_ids(value) -> list[str]:
    """The ids of a refs cell ('russia; un;snc'), in order; none for an empty or missing cell."""
    return [part.strip() for part in value.split(";") if part.strip()] if isinstance(value, str) else []


def row_sources(source_id, more_sources="") -> list[str]:
    """Every page a row rests on: its `source_id`, then each of its `more_sources`, once each, empty ones left out."""
    first = [source_id] if isinstance(source_id, str) and source_id else []
    return list(dict.fromkeys([*first, *split_ids(more_sources)]))


def table_sources(rows) -> list[str]:
    """Every page the rows of a table rest on (each row's `source_id` and `more_sources`), once each, in order."""
    return row_sources("", "; ".join(rows["source_id"] + ";" + rows["more_sources"]))


def tie_sign(rel_type: str) -> int:
    """+1 for a positive tie, -1 for a negative one, 0 for mediation."""
    return 1 if rel_type in POSITIVE_TYPES else -1 if rel_type in NEGATIVE_TYPES else 0


@dataclass(frozen=True)
class Column:
    """One column: `kind` says how a cell is read and checked.

    kinds (`KINDS`): id (unique slug), text, date, enum, int, float, bool, url (http or https),
    ref (an id of table `ref`), refs (several ids of `ref`, separated by ';'), colour (#RRGGBB).
    `optional`: the column may be left out of the file altogether (read as empty), for columns added to the
    contract after datasets were made with it.
    """

    name: str
    kind: str
    doc: str
    required: bool = False
    ref: str | None = None
    allowed: tuple = ()
    low: float | None = None
    high: float | None = None
    optional: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column '{self.name}': unknown kind '{self.kind}' (known: {', '.join(KINDS)})")
        if (self.kind in ("ref", "refs")) != (self.ref is not None):
            raise ValueError(f"column '{self.name}': a ref or refs column, and only one, names the table it refers to")


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    optional: bool = False
    key: str | None = None
    checks: tuple[rules.RowRule, ...] = field(default=())

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _source() -> Column:
    return Column("source_id", "ref", "the sources.csv id this row comes from", required=True, ref="sources")


def _more_sources() -> Column:
    return Column("more_sources", "refs", "further sources.csv ids the row rests on (for a date, an end, a participant), "
                  "separated by ;", ref="sources", optional=True)


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("actors", "who: states, governments, armed and political groups, international bodies, people", (
        Column("id", "id", "unique slug", required=True),
        Column("name", "text", "display name", required=True),
        Column("kind", "enum", "what sort of actor", required=True, allowed=ACTOR_KINDS),
        Column("affiliation", "ref", "for a person or sub-group: the actor it speaks or fights for", ref="actors"),
        Column("bloc", "text", "the camp analysts put it in", required=True),
        Column("iso3", "text", "ISO 3166-1 alpha-3 code, for states"),
        Column("wikidata", "text", "Wikidata QID, where one exists"),
        Column("description", "text", "one or two sentences"),
        Column("aliases", "text", "other names it goes by in articles, separated by ; (Moscow; Kremlin; Russian)",
               optional=True),
        Column("colour", "colour", "a colour of its own on every page (#RRGGBB), e.g. for the main holders of ground; "
               "else its bloc's", optional=True),
    ), key="id", checks=(rules.NO_AFFILIATION_CYCLE,)),
    Table("relations", "who stands with or against whom, and when", (
        Column("source", "ref", "actor id", required=True, ref="actors"),
        Column("target", "ref", "actor id", required=True, ref="actors"),
        Column("type", "enum", "alliance, support, cooperation (positive); mediation (neutral); rivalry, hostility (negative); "
               "support and mediation are directed", required=True, allowed=RELATION_TYPES),
        Column("intensity", "int", "1 weak, 2 moderate, 3 strong", required=True, low=1, high=3),
        Column("start", "date", "first day it held", required=True),
        Column("end", "date", "last day it held; empty while it holds"),
        Column("start_basis", "enum", "what the start rests on: event (a dated event marks it), page (the cited page "
               "dates it), first evidence (the first dated page found: it may have begun earlier), chained (the day "
               "after the previous sourced period of the tie), our reading", allowed=BASES, optional=True),
        Column("end_basis", "enum", "what the end rests on (as start_basis; chained: the day before the next sourced "
               "period); empty while it holds", allowed=BASES, optional=True),
        _source(),
        _more_sources(),
        Column("note", "text", "what the tie was, in a sentence"),
    ), checks=(rules.ends_after_start("relations", "start"), rules.NOT_SELF_TIED)),
    Table("issues", "the questions actors take positions on", optional=True, columns=(
        Column("id", "id", "unique slug", required=True),
        Column("title", "text", "short title", required=True),
        Column("question", "text", "the yes/no question a position answers", required=True),
        Column("aliases", "text", "other words that name it in articles, separated by ; (Sochi conference; Sochi meeting)",
               optional=True),
    ), key="id"),
    Table("stances", "who took which position, when; the latest row on or before a day is the position that day",
          optional=True, columns=(
        Column("actor", "ref", "actor id", required=True, ref="actors"),
        Column("issue", "ref", "issue id", required=True, ref="issues"),
        Column("date", "date", "when the position was stated or observed", required=True),
        Column("position", "int", "-2 strongly against … 2 strongly for", required=True, low=-2, high=2),
        _source(),
        _more_sources(),
        Column("quote_id", "ref", "the quote that shows it, if any", ref="quotes"),
        Column("note", "text", "one sentence"),
    ), checks=(rules.STANCES_AGREE,)),
    Table("quotes", "who said what, when", optional=True, columns=(
        Column("id", "id", "unique slug", required=True),
        Column("date", "date", "when it was said", required=True),
        Column("speaker", "ref", "actor id of who spoke", required=True, ref="actors"),
        Column("on_behalf", "ref", "actor id the speaker speaks for", ref="actors"),
        Column("text", "text", "the words", required=True),
        Column("verbatim", "bool", "true only when text is the exact wording of the source", required=True),
        Column("issue", "ref", "issue id it bears on", ref="issues"),
        _source(),
        _more_sources(),
        Column("context", "text", "where and how it was said"),
    ), key="id"),
    Table("territory", "who held how much of the region (the descriptor's `region`), by estimate", optional=True, columns=(
        Column("date", "date", "the date the estimate describes", required=True),
        Column("actor", "ref", "controlling faction", required=True, ref="actors"),
        Column("share_pct", "float", "percent of the region's territory", required=True, low=0, high=100),
        _source(),
        _more_sources(),
        Column("note", "text", "method or caveat"),
    ), checks=(rules.SHARES_ADD_UP,)),
    Table("regions", "the tiles of the region map: one per region (a province, a district, a city), laid out roughly "
          "where it lies", optional=True, key="name", checks=(rules.REGIONS_DISTINCT,), columns=(
        Column("name", "text", "the region's name, as control.csv writes it", required=True),
        Column("row", "float", "its tile's row, 0 at the top (north)", required=True, low=-5, high=40),
        Column("col", "float", "its tile's column, 0 at the left (west)", required=True, low=-5, high=40),
        Column("neighbour", "bool", "true: a neighbour's name written beside the map at (row, col), not a tile",
               optional=True),
    )),
    Table("control", "who held each region, from which day", (
        Column("region", "text", "a region of regions.csv (the column's name since regions.csv came in)", required=True),
        Column("date", "date", "from this day on", required=True),
        Column("actor", "ref", "controlling faction", required=True, ref="actors"),
        Column("share", "enum", "most, part or none", required=True, allowed=CONTROL_SHARES),
        _source(),
        _more_sources(),
        Column("note", "text", "one sentence"),
    ), optional=True, checks=(rules.REGIONS_KNOWN,)),
    Table("groups", "named groups of actors the network offers as a focus (e.g. the parties to a format of talks)",
          optional=True, checks=(rules.GROUPS_WELL_FORMED,), columns=(
        Column("group", "text", "the group's id, as links write it (?focus=): lowercase letters, digits and hyphens",
               required=True),
        Column("title", "text", "the group's name as shown", required=True),
        Column("actor", "ref", "one member (a row per member)", required=True, ref="actors"),
    )),
    Table("events", "what happened", optional=True, columns=(
        Column("id", "id", "unique slug", required=True),
        Column("date", "date", "the day (first day, for a span)", required=True),
        Column("end", "date", "last day of a span"),
        Column("title", "text", "short title", required=True),
        Column("kind", "enum", "diplomacy, military, political, humanitarian", required=True, allowed=EVENT_KINDS),
        Column("actors", "refs", "actor ids, separated by ;", ref="actors"),
        _source(),
        _more_sources(),
        Column("description", "text", "one or two sentences"),
    ), key="id", checks=(rules.ends_after_start("events", "date"),)),
    Table("sources", "where every row comes from", (
        Column("id", "id", "unique slug", required=True),
        Column("publisher", "text", "outlet or body", required=True),
        Column("title", "text", "headline or document title", required=True),
        Column("date", "date", "publication date"),
        Column("date_basis", "enum", "page (the page shows the date), address (its address carries it), none shown "
               "(the page shows no date), not found again (no stored copy of the page could be found again)",
               allowed=DATE_BASES, optional=True),
        Column("url", "url", "where it can be read (http or https), when known"),
        Column("kind", "enum", "news, official, research, dataset, reference", required=True, allowed=SOURCE_KINDS),
    ), key="id"),
)}
