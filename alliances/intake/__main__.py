"""python -m alliances.intake ARTICLE [--data DIR] [--date YYYY-MM-DD] [--url URL] [--publisher NAME] [--title TITLE]
[--format json|csv]: print the candidates an article offers (the JSON is documented in the README)."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

from ..datapackage import bundled
from ..dataset import DatasetError, load
from . import IntakeError, from_upload, propose

DATA_ROOT = Path(__file__).resolve().parents[2] / "data"
CSV_COLUMNS = ["candidate", "text", "speaker", "speaker_name", "on_behalf", "actor", "source", "target", "type", "issue",
               "position", "share_pct", "date", "title", "kind", "actors", "verbatim", "confidence", "reason", "evidence",
               "start", "end"]


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m alliances.intake", description=__doc__.split(":", 1)[1].strip())
    parser.add_argument("article", help="a saved page (.html, .htm) or a text file (.txt); - reads text from standard input")
    parser.add_argument("--data", help="the dataset whose actors and issues to match (default: the default bundled one)")
    parser.add_argument("--date", type=_day, help="the article's date (else the page's own, if it has one)")
    parser.add_argument("--url")
    parser.add_argument("--publisher")
    parser.add_argument("--title")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    args = parser.parse_args(argv)
    try:
        if args.article == "-":
            data, name = sys.stdin.buffer.read(), "standard input.txt"
        else:
            path = Path(args.article)
            if not path.is_file():
                print(f"error: {path} is not a file", file=sys.stderr)
                return 2
            data, name = path.read_bytes(), path.name
        article = from_upload(name, data).with_details(date=args.date, url=args.url, publisher=args.publisher,
                                                       title=args.title)
        ds = load(args.data or DATA_ROOT / next(iter(bundled(DATA_ROOT))))
    except IntakeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except DatasetError as error:
        print(f"error: the dataset at {error.origin} cannot be used:", *error.lines(), sep="\n  ", file=sys.stderr)
        return 2
    candidates = propose(article, ds)
    for warning in candidates.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    found = candidates.as_json()
    if args.format == "json":
        json.dump(found, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for quote in found["quotes"]:
        writer.writerow({"candidate": "quote", **quote})
    for actor in found["actors"]:
        writer.writerow({"candidate": "actor", "actor": actor["id"], "text": actor["name"], "reason": f"{actor['mentions']} mention(s)"})
    for unknown in found["unknown_names"]:
        writer.writerow({"candidate": "unknown_name", "speaker_name": unknown["name"], "reason": unknown["role"]})
    for table, label in (("ties", "tie"), ("stances", "stance"), ("territory", "territory"), ("events", "event")):
        for row in found[table]:
            writer.writerow({"candidate": label, **{k: v for k, v in row.items() if k not in ("start", "end")},
                             "date": row.get("date") or row.get("start", ""), "start": row["evidence_start"],
                             "end": row["evidence_end"]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
