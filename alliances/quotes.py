"""The record of statements: filter and search quotes, and cite them.

`quotes_table` joins everything a view needs once (names, bloc, issue, source, the position a
quote expresses, a citation, a folded search text), so that the page, cached on it, filters
thousands of quotes with a few vectorised masks on every rerun.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .dataset import Dataset
from .presentation import DAY_FORMAT, bloc_colours

# the order of the camps down the timeline: the palette lists related camps side by side
EXPORT_COLUMNS = ("id", "date", "speaker", "speaker_name", "on_behalf", "on_behalf_name", "bloc", "text", "verbatim",
                  "issue", "issue_title", "position", "position_actor", "context", "source_id", "publisher", "citation")


def fold(text: str) -> str:
    """Lowercase without accents, so that 'erdogan' finds 'Erdoğan'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def quote_positions(ds: Dataset) -> pd.DataFrame:
    """Per quote cited by a stance: the position it shows (`position`, `position_actor`, `position_issue`).

    A stance counts when it bears on the quote's own issue (any issue, for a quote without one);
    among several, the stance of the actor the speaker speaks for wins, then the speaker's own,
    then the latest.
    """
    cited = ds.stances[ds.stances["quote_id"].fillna("") != ""]
    rows = cited.merge(ds.quotes[["id", "speaker", "on_behalf", "issue"]], left_on="quote_id", right_on="id",
                       suffixes=("", "_quote"))
    rows = rows[(rows["issue_quote"].fillna("") == "") | (rows["issue"] == rows["issue_quote"])]
    rows = rows.assign(_voice=(rows["actor"] == rows["on_behalf"]), _own=(rows["actor"] == rows["speaker"]))
    best = rows.sort_values(["_voice", "_own", "date"], ascending=False, kind="stable").drop_duplicates("quote_id")
    return best.rename(columns={"actor": "position_actor", "issue": "position_issue"})[
        ["quote_id", "position", "position_actor", "position_issue"]].set_index("quote_id")


def citations(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """'Speaker, role, date, context — publisher' per row of a quotes table (role: a person's description)."""
    by_id = actors.set_index("id")
    role = quotes["speaker"].map(by_id["description"].where(by_id["kind"] == "person", "")).fillna("").str.rstrip(".")
    who = quotes["speaker"].map(by_id["name"]) + role.map(lambda r: f", {r}" if r else "")
    context = quotes["context"].fillna("").map(lambda c: f", {c}" if c else "")
    return who + ", " + quotes["date"].dt.strftime(DAY_FORMAT) + context + " — " + quotes["publisher"].fillna(quotes["source_id"])


def quotes_table(ds: Dataset) -> pd.DataFrame:
    """Quotes joined with names, bloc, issue, source, position and citation, newest first.

    `voice` is the actor the speaker speaks for, or the speaker when they speak for no one; its
    bloc is the quote's bloc.
    """
    actors = ds.actors.set_index("id")
    q = ds.quotes.copy()
    q["on_behalf"] = q["on_behalf"].fillna("")
    q["issue"] = q["issue"].fillna("")
    q["context"] = q["context"].fillna("")
    q["speaker_name"] = q["speaker"].map(actors["name"])
    q["on_behalf_name"] = q["on_behalf"].map(actors["name"]).fillna("")
    q["voice"] = q["on_behalf"].where(q["on_behalf"] != "", q["speaker"])
    q["voice_name"] = q["voice"].map(actors["name"])
    q["bloc"] = q["voice"].map(actors["bloc"])
    colours = bloc_colours(ds.actors["bloc"])   # the dataset's blocs, in its order: lanes and colours follow it
    q["bloc_rank"] = q["bloc"].map({bloc: i for i, bloc in enumerate(colours)}).fillna(len(colours)).astype(int)
    q["bloc_colour"] = q["bloc"].map(colours)
    q["issue_title"] = q["issue"].map(ds.issues.set_index("id")["title"]).fillna("")
    sources = ds.sources.set_index("id")
    q["publisher"] = q["source_id"].map(sources["publisher"])
    q["source_title"] = q["source_id"].map(sources["title"])
    q = q.join(quote_positions(ds), on="id")
    q["position"] = q["position"].astype("Int64")
    q["position_actor"] = q["position_actor"].fillna("")
    q["position_actor_name"] = q["position_actor"].map(actors["name"]).fillna("")
    q["position_issue"] = q["position_issue"].fillna("")
    q["citation"] = citations(q, ds.actors)
    q["_search"] = (q["text"] + " " + q["speaker_name"] + " " + q["voice_name"] + " " + q["context"] + " "
                    + q["issue_title"]).map(fold)
    return q.sort_values(["date", "id"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class QuoteFilters:
    """What the reader asked to see; an empty criterion keeps everything.

    `search` ignores case and accents and wants every word somewhere in the text, the names,
    the context or the issue title; `actors` match whom the speaker speaks for (`voice`);
    `blocs` the voice's bloc; `start` and `end` are inclusive days.
    """

    search: str = ""
    speakers: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    verbatim_only: bool = False

    def apply(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows of a `quotes_table` that match, by a few vectorised masks."""
        keep = pd.Series(True, index=table.index)
        for word in fold(self.search).split():
            keep &= table["_search"].str.contains(word, regex=False)
        for column, wanted in (("speaker", self.speakers), ("voice", self.actors), ("bloc", self.blocs),
                               ("issue", self.issues)):
            if wanted:
                keep &= table[column].isin(list(wanted))
        if self.start is not None:
            keep &= table["date"] >= pd.Timestamp(self.start)
        if self.end is not None:
            keep &= table["date"] <= pd.Timestamp(self.end)
        if self.verbatim_only:
            keep &= table["verbatim"]
        return table[keep]


LANE_MODES = ("blocs", "speakers", "all")  # one lane per bloc; the most quoted speakers; every speaker
TOP_SPEAKERS = 12
OTHER_LANE = "\x1fother"  # the key of the lane the speakers beyond the most quoted are folded into
_KEY_SEP = "\x1f"


def bloc_order(table: pd.DataFrame) -> list[str]:
    """The distinct blocs of a `quotes_table` in the dataset's order (actors.csv's), quotes with no bloc last."""
    ranked = table[["bloc", "bloc_rank"]].assign(bloc=table["bloc"].fillna("")).drop_duplicates("bloc")
    return ranked.sort_values(["bloc_rank", "bloc"], kind="stable")["bloc"].tolist()


def lane_keys(table: pd.DataFrame, by: str = "all", top: int = TOP_SPEAKERS) -> pd.Series:
    """The lane of each quote of a `quotes_table`: its bloc (`by="blocs"`), its bloc and speaker (`"all"`), or
    with `"speakers"` its bloc and speaker for the `top` most quoted (bloc, speaker) pairs and `OTHER_LANE` for
    the rest (ties broken by the latest quote, then by name, so the choice is always the same)."""
    bloc = table["bloc"].fillna("")
    if by == "blocs":
        return bloc.rename("lane")
    key = (bloc + _KEY_SEP + table["speaker"]).rename("lane")
    if by == "speakers":
        ranked = (pd.DataFrame({"lane": key, "date": table["date"], "name": table["speaker_name"]})
                  .groupby("lane").agg(quotes=("date", "size"), last=("date", "max"), name=("name", "first"))
                  .sort_values(["quotes", "last", "name"], ascending=[False, False, True], kind="stable"))
        key = key.where(key.isin(ranked.index[:top]), OTHER_LANE)
    return key


def lanes(table: pd.DataFrame, by: str = "all", top: int = TOP_SPEAKERS) -> pd.DataFrame:
    """The timeline's lanes, top to bottom, for `lane_keys(table, by, top)`: `lane` (the key), `label` (the full
    text: the bloc, the speaker, or 'N other speakers'), `bloc` (the group the lane is drawn under, '' for the other
    speakers), `quotes` and `speakers` (how many in the lane). Blocs in the dataset's order; within a bloc, speakers
    by the actor they speak for, then by name; the other speakers last."""
    order = {bloc: i for i, bloc in enumerate(bloc_order(table))}
    rows = pd.DataFrame({"lane": lane_keys(table, by, top), "bloc": table["bloc"].fillna(""),
                         "speaker": table["speaker"], "voice_name": table["voice_name"].fillna(""),
                         "speaker_name": table["speaker_name"].fillna("")})
    grouped = rows.groupby("lane", sort=False)
    frame = grouped.agg(bloc=("bloc", "first"), voice_name=("voice_name", "min"), speaker_name=("speaker_name", "first"),
                        quotes=("speaker", "size"), speakers=("speaker", "nunique")).reset_index()
    other = frame["lane"] == OTHER_LANE
    frame["label"] = frame["bloc"] if by == "blocs" else frame["speaker_name"]
    frame.loc[other, "label"] = frame.loc[other, "speakers"].map(
        lambda n: f"{n} other speaker{'s' if n != 1 else ''}")
    frame.loc[other, ["bloc", "voice_name", "speaker_name"]] = ""
    frame["_rank"] = frame["bloc"].map(order).where(~other, len(order))
    frame = frame.sort_values(["_rank", "voice_name", "speaker_name", "lane"], kind="stable")
    return frame[["lane", "label", "bloc", "quotes", "speakers"]].reset_index(drop=True)


def by_date(table: pd.DataFrame, newest_first: bool = True) -> pd.DataFrame:
    """Newest first, or in the order things were said; same-day quotes by id."""
    return table.sort_values(["date", "id"], ascending=[not newest_first, True], kind="stable")


def export_table(table: pd.DataFrame) -> pd.DataFrame:
    """The quotes as downloaded: names, position and citation beside the ids (no search helper column)."""
    return table[list(EXPORT_COLUMNS)]


def citation(quote: pd.Series, ds: Dataset) -> str:
    """A ready-to-paste citation: speaker, role, date, context — publisher."""
    row = quote.to_frame().T
    row["date"] = pd.to_datetime(row["date"])
    if "publisher" not in row:
        row["publisher"] = row["source_id"].map(ds.sources.set_index("id")["publisher"])
    return citations(row, ds.actors).iloc[0]
