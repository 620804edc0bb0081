"""From reviewed candidates to dataset rows: the tables an analyst edits (one per kind, each row with an
`accept` box), and the rows they become, with the article's sources row, ids made unique, `verbatim` checked
against the article's words, quote links kept and a territory remainder added. Validation is the loader's."""
from __future__ import annotations

import re

import pandas as pd

from ..dataset import Dataset
from ..rules import TERRITORY_SUM_TOLERANCE
from ..text import slug
from . import Candidates

REMAINDER_ACTOR = {"id": "contested", "name": "Contested or other", "kind": "other", "affiliation": "",
                   "bloc": "Contested", "description": "The part of a territory estimate its source did not attribute."}
# what each review table shows, in order; `accept` first, the evidence and reason last (read-only on the page)
COLUMNS = {
    "quotes": ["accept", "text", "speaker", "speaker_name", "on_behalf", "date", "issue", "context", "on_record", "evidence",
               "reason", "date_reason", "key", "start", "end"],
    "ties": ["accept", "source", "target", "type", "intensity", "start", "end", "note", "on_record", "evidence", "reason",
             "confidence"],
    "stances": ["accept", "actor", "issue", "date", "position", "quote", "note", "on_record", "evidence", "reason",
                "confidence"],
    "territory": ["accept", "date", "actor", "share_pct", "note", "on_record", "evidence", "reason", "confidence"],
    "events": ["accept", "date", "end", "title", "kind", "actors", "description", "on_record", "evidence", "reason",
               "confidence"],
}
NEW_ACTOR_COLUMNS = ["add", "id", "name", "kind", "affiliation", "bloc", "aliases"]


def review_tables(candidates: Candidates, ds: Dataset) -> dict[str, pd.DataFrame]:
    """One table per kind of candidate, nothing accepted yet; `on_record` says what the dataset already holds."""
    record = _Record(ds)
    quotes = [{"accept": False, "issue": "", **{k: getattr(q, k) for k in COLUMNS["quotes"] if hasattr(q, k)},
               "on_record": record.quote(q.text)} for q in candidates.quotes]
    out = {"quotes": pd.DataFrame(quotes, columns=COLUMNS["quotes"])}
    for table in ("ties", "stances", "territory", "events"):
        rows = [{"accept": False, **c.row, "on_record": record.of(table, c.row), "evidence": c.evidence,
                 "reason": c.reason, "confidence": c.confidence} for c in candidates.of(table)]
        out[table] = pd.DataFrame(rows, columns=COLUMNS[table])
    return out


def _plain_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", str(text).lower().replace("’", "'")))


class _Record:
    """What the dataset already holds of a candidate, in a few words ('' when nothing): accepting it again would
    repeat it, or contradict it."""

    def __init__(self, ds: Dataset):
        self.quotes = {_plain_words(t): i for i, t in zip(ds.quotes["id"], ds.quotes["text"])}
        self.stances = {(a, i, d.date().isoformat()): p for a, i, d, p in
                        zip(ds.stances["actor"], ds.stances["issue"], ds.stances["date"], ds.stances["position"])
                        if pd.notna(d)}
        self.relations = ds.relations
        self.territory = {(d.date().isoformat(), a): (v, s) for d, a, v, s in
                          zip(ds.territory["date"], ds.territory["actor"], ds.territory["share_pct"],
                              ds.territory["source_id"]) if pd.notna(d)}
        self.events = {(d.date().isoformat(), t.lower()): i for i, d, t in
                       zip(ds.events["id"], ds.events["date"], ds.events["title"]) if pd.notna(d)}

    def quote(self, text: str) -> str:
        words = _plain_words(text)
        found = self.quotes.get(words) or next((i for w, i in self.quotes.items() if words and words in w), "")
        return f"quote {found}" if found else ""

    def of(self, table: str, row: dict) -> str:
        if table == "stances":
            known = self.stances.get((row["actor"], row["issue"], row["date"]))
            return "" if known is None else f"position {known} that day"
        if table == "territory":
            known = self.territory.get((row["date"], row["actor"]))
            return "" if known is None else f"{known[0]:g}% that day ({known[1]})"
        if table == "events":
            return self.events.get((row["date"], str(row["title"]).lower()), "")
        r, day = self.relations, pd.Timestamp(row["start"])
        pair = ((r["source"] == row["source"]) & (r["target"] == row["target"])) | (
            (r["source"] == row["target"]) & (r["target"] == row["source"]))
        held = r[pair & (r["start"] <= day) & (r["end"].isna() | (r["end"] >= day))]
        return "; ".join(f"{t} in force" for t in sorted(set(held["type"])))


def new_actor_table(candidates: Candidates) -> pd.DataFrame:
    """The speakers the dataset does not know, as actor rows to complete (or leave empty)."""
    rows = [{"add": False, "id": slug(u["name"], 4), "name": u["name"], "kind": "person", "affiliation": "", "bloc": "",
             "aliases": ""} for u in candidates.unknown_names]
    return pd.DataFrame(rows, columns=NEW_ACTOR_COLUMNS)


def _unique(wanted: str, taken: set[str]) -> str:
    wanted = re.sub(r"-+", "-", wanted).strip("-") or "row"
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate


def ticked(frame: pd.DataFrame, box: str = "accept") -> pd.Series:
    """Which rows of a review table have `box` ticked (an empty box is not)."""
    return frame[box].fillna(False).astype(bool)


def _accepted(frame: pd.DataFrame | None, box: str = "accept") -> list[dict]:
    """The rows whose `box` is ticked, empty cells as ''."""
    if frame is None or frame.empty:
        return []
    rows = frame[ticked(frame, box)]
    return [{k: ("" if (not isinstance(v, str) and pd.isna(v)) else v) for k, v in row.items()}
            for row in rows.to_dict("records")]


def additions(ds: Dataset, text: str, source: dict, reviewed: dict[str, pd.DataFrame],
              new_actors: pd.DataFrame | None = None) -> dict[str, list[dict]]:
    """The rows to add to `ds` for what was accepted: {table: [row, ...]}."""
    actor_ids = set(ds.actors["id"])
    actors = [{k: v for k, v in row.items() if k != "add"} for row in _accepted(new_actors, "add")
              if row["id"] not in actor_ids]
    source = dict(source)
    existing = ds.source_by_id.get(source["id"])
    sources = []
    if existing is None or (existing["url"] or "") != (source.get("url") or ""):
        source["id"] = _unique(source["id"], set(ds.sources["id"]))
        sources = [source]
    source_id = source["id"]

    quote_ids = set(ds.quotes["id"])
    quotes, quote_of_key = [], {}
    for q in _accepted(reviewed.get("quotes")):
        words = str(q["text"]).strip()
        who = q["speaker"] or slug(q["speaker_name"] or "unknown", 2)
        quote_id = _unique(f"{who}-{q['date']}-{slug(words, 3)}", quote_ids)
        quote_of_key[q.get("key", "")] = quote_id
        quotes.append({"id": quote_id, "date": q["date"], "speaker": q["speaker"], "on_behalf": q["on_behalf"],
                       "text": words, "verbatim": bool(words) and words in text,  # checked, never assumed
                       "issue": q["issue"], "source_id": source_id, "context": q["context"]})

    relations = [{**{k: t[k] for k in ("source", "target", "type", "intensity", "start", "end", "note")},
                  "source_id": source_id} for t in _accepted(reviewed.get("ties"))]
    stances = [{**{k: s[k] for k in ("actor", "issue", "date", "position", "note")}, "source_id": source_id,
                "quote_id": quote_of_key.get(s.get("quote", ""), "")} for s in _accepted(reviewed.get("stances"))]
    territory = [{**{k: t[k] for k in ("date", "actor", "share_pct", "note")}, "source_id": source_id}
                 for t in _accepted(reviewed.get("territory"))]
    territory += _remainders(territory, source_id)
    if any(t["actor"] == REMAINDER_ACTOR["id"] for t in territory) and REMAINDER_ACTOR["id"] not in actor_ids | {
            a["id"] for a in actors}:
        actors.append(dict(REMAINDER_ACTOR))
    event_ids = set(ds.events["id"])
    events = [{**{k: e[k] for k in ("date", "end", "title", "kind", "actors", "description")},
               "id": _unique(f"{slug(str(e['title']), 4)}-{e['date']}", event_ids), "source_id": source_id}
              for e in _accepted(reviewed.get("events"))]
    out = {"actors": actors, "sources": sources, "quotes": quotes, "relations": relations, "stances": stances,
           "territory": territory, "events": events}
    return {table: rows for table, rows in out.items() if rows}


def _remainders(territory: list[dict], source_id: str) -> list[dict]:
    """A `contested` row for the share of each date the article leaves unattributed."""
    totals: dict[str, float] = {}
    for row in territory:
        try:
            totals[row["date"]] = totals.get(row["date"], 0.0) + float(row["share_pct"])
        except (TypeError, ValueError):
            continue  # the loader names the bad cell
    return [{"date": day, "actor": REMAINDER_ACTOR["id"], "share_pct": round(100 - total, 2), "source_id": source_id,
             "note": "Unattributed remainder: the article gives only the shares above (computed, not an estimate)."}
            for day, total in totals.items() if 0 <= 100 - total and 100 - total > TERRITORY_SUM_TOLERANCE]
