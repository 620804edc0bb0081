"""How fast the Quotes page's work stays with a record 100 times larger.

    python bench/bench_quotes.py [--factor 100] [--data data] [--write DIR]

Builds a synthetic dataset from the given one: every quote kept and copied `factor` times, spread over the
years, given to speakers of the dataset who speak for their affiliation, a third of the copies
cited by a stance. Prints the median time of each step the page takes on a rerun. `--write DIR`
also saves the synthetic dataset (to look at the page with it: screenshot.py --data DIR).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alliances import figures  # noqa: E402
from alliances.csv_export import csv_bytes  # noqa: E402
from alliances.dataset import Dataset, from_raw, load  # noqa: E402
from alliances.schema import TABLES  # noqa: E402
from alliances.quotes import by_date, export_table, filter_quotes, quotes_table  # noqa: E402


def _csv(frame: pd.DataFrame, table: str) -> str:
    out = frame[TABLES[table].column_names].copy()
    for col in TABLES[table].columns:
        if col.kind == "date":
            out[col.name] = out[col.name].dt.strftime("%Y-%m-%d")
        elif col.kind == "bool":
            out[col.name] = out[col.name].map({True: "true", False: "false"})
        elif col.kind == "int":
            out[col.name] = out[col.name].astype("Int64").astype(str)
    return out.fillna("").to_csv(index=False)


def synthetic(ds: Dataset, factor: int, seed: int = 7) -> dict[str, str]:
    """The dataset's tables as CSV text, its quotes kept and `factor` copies of them added, a third of the
    copies cited by a stance."""
    rng = random.Random(seed)
    people = ds.actors[(ds.actors["kind"] == "person") & (ds.actors["affiliation"].fillna("") != "")]
    speakers = list(zip(people["id"], people["affiliation"]))
    issues = list(ds.issues["id"]) or [""]
    quotes, stances = [], []
    for copy in range(factor):
        for quote in ds.quotes.itertuples():
            speaker, behalf = rng.choice(speakers)
            day = quote.date + pd.Timedelta(days=rng.randint(-2500, 2500))
            issue = rng.choice(issues)
            qid = f"{quote.id}-x{copy}"
            quotes.append({"id": qid, "date": day, "speaker": speaker, "on_behalf": behalf,
                           "text": f"{quote.text} (variant {copy})", "verbatim": rng.random() < 0.6, "issue": issue,
                           "source_id": quote.source_id, "context": quote.context})
            if rng.random() < 0.33:
                stances.append({"actor": behalf, "issue": issue, "date": day, "position": rng.randint(-2, 2),
                                "source_id": quote.source_id, "quote_id": qid, "note": "synthetic"})
    raw = {name: _csv(ds.table(name), name) for name in TABLES}
    raw["quotes"] = _csv(pd.concat([ds.quotes, pd.DataFrame(quotes)], ignore_index=True), "quotes")
    raw["stances"] = _csv(pd.concat([ds.stances, pd.DataFrame(stances)], ignore_index=True), "stances")
    return raw


def median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data")
    ap.add_argument("--factor", type=int, default=100)
    ap.add_argument("--write")
    a = ap.parse_args()
    raw = synthetic(load(a.data), a.factor)
    if a.write:
        folder = Path(a.write)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in raw.items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    ds = from_raw(raw, "synthetic")
    table = quotes_table(ds)
    day = table["date"].median()
    around = (day - pd.Timedelta(days=30), day + pd.Timedelta(days=30))
    shown_all = filter_quotes(table)
    shown_around = filter_quotes(table, start=around[0], end=around[1])
    steps = {
        "quotes_table (cached by the page)": lambda: quotes_table(ds),
        "filter: search 'erdogan breakthrough'": lambda: filter_quotes(table, search="erdogan breakthrough"),
        "filter: actor + bloc + issue + dates + verbatim": lambda: filter_quotes(
            table, actors=["russia", "turkey"], blocs=["Astana guarantors"], issues=list(ds.issues["id"][:3]),
            start=around[0], end=around[1], verbatim_only=True),
        f"timeline figure, whole record ({len(shown_all)} quotes)": lambda: figures.quotes_timeline(shown_all, day),
        f"timeline figure, ±30 days ({len(shown_around)} quotes)": lambda: figures.quotes_timeline(
            shown_around, day, window=around),
        "timeline to JSON, whole record (what st.plotly_chart sends)": lambda: figures.quotes_timeline(
            shown_all, day).to_json(),
        "order the cards, newest first": lambda: by_date(shown_all).head(50),
        "CSV of every quote (on a click only)": lambda: csv_bytes(export_table(shown_all)),
    }
    print(f"{len(table)} quotes, {len(ds.stances)} stances, {table['speaker'].nunique()} speakers\n")
    print(f"{'step':<62} {'median ms':>10}")
    for name, fn in steps.items():
        print(f"{name:<62} {median_ms(fn):>10.1f}")


if __name__ == "__main__":
    main()
