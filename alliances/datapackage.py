"""A dataset describes itself: its `datapackage.json` (a Frictionless Data Package) holds the title, description,
region, licence, version, last curation day and contributors, written by the curators, and one resource per
table whose Table Schema is generated from `schema.py` (`resources()`), so the two never drift.

The loader reads the descriptor when there is one and works without it (`Meta` defaults): nothing in it blocks
loading (hashes and byte counts are never checked: analysts edit the CSVs in a spreadsheet). A descriptor that
cannot be read is reported in `Meta.problem` and the defaults are used.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .schema import TABLES, Column, Table
from .text import slug

DESCRIPTOR = "datapackage.json"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"
REFS_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\s*;\s*[a-z0-9]+(?:-[a-z0-9]+)*)*\s*;?$"
PROFILE = "tabular-data-package"


@dataclass(frozen=True)
class Meta:
    """What a dataset says of itself; every field has a default for a dataset without a descriptor."""

    name: str = ""
    title: str = "Untitled dataset"
    description: str = ""
    region: str = ""                    # the ground it covers (a country's name): pages say "% of {region}"
    licence: str = ""
    version: str = ""
    curated: str = ""                   # the last day it was curated (YYYY-MM-DD)
    contributors: tuple[str, ...] = ()
    problem: str = ""                   # why the descriptor could not be read, if it could not
    extra: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def ground(self) -> str:
        """The region as a phrase for sentences: its name, or 'the territory' when the dataset does not say."""
        return self.region or "the territory"


def meta_from(text: str | bytes | None, fallback_name: str) -> Meta:
    """The Meta of a descriptor's text (None: no descriptor), never raising."""
    base = Meta(name=slug(fallback_name, empty=""), title=fallback_name or Meta.title)
    if text is None:
        return base
    try:
        descriptor = json.loads(text)
        if not isinstance(descriptor, dict):
            raise ValueError("it is not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        return Meta(name=base.name, title=base.title, problem=f"{DESCRIPTOR} could not be read ({exc}); defaults used")

    def text_of(key: str, default: str = "") -> str:
        value = descriptor.get(key, default)
        return value.strip() if isinstance(value, str) else default

    licences = descriptor.get("licenses") if isinstance(descriptor.get("licenses"), list) else []
    licence = next((str(x.get("title") or x.get("name")) for x in licences if isinstance(x, dict)), "")
    people = descriptor.get("contributors") if isinstance(descriptor.get("contributors"), list) else []
    return Meta(name=slug(text_of("name"), empty="") or base.name, title=text_of("title") or base.title,
                description=text_of("description"), region=text_of("region"), licence=licence,
                version=text_of("version"), curated=text_of("curated"),
                contributors=tuple(str(p.get("title")) for p in people if isinstance(p, dict) and p.get("title")),
                extra={k: v for k, v in descriptor.items() if k != "resources"})


# ---------------------------------------------------------------- the resources, from schema.py

def _field(column: Column) -> dict:
    out: dict = {"name": column.name, "description": column.doc}
    constraints: dict = {}
    kind = column.kind
    if kind == "id":
        out["type"] = "string"
        constraints["pattern"] = SLUG_PATTERN
    elif kind == "date":
        out["type"] = "date"
    elif kind == "int":
        out["type"] = "integer"
    elif kind == "float":
        out["type"] = "number"
    elif kind == "bool":
        out.update(type="boolean", trueValues=["true", "True", "TRUE"], falseValues=["false", "False", "FALSE"])
    elif kind == "url":
        out["type"] = "string"
        constraints["pattern"] = URL_PATTERN
    elif kind == "refs":
        out["type"] = "string"
        constraints["pattern"] = REFS_PATTERN
    else:  # text, enum, ref
        out["type"] = "string"
    if kind == "enum":
        constraints["enum"] = list(column.allowed)
    if column.low is not None:
        constraints["minimum"] = column.low if kind == "float" else int(column.low)
        constraints["maximum"] = column.high if kind == "float" else int(column.high)
    if column.required:
        constraints["required"] = True
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(table: Table) -> dict:
    schema: dict = {"fields": [_field(c) for c in table.columns], "missingValues": [""]}
    if table.key:
        schema["primaryKey"] = [table.key]
    foreign = [{"fields": [c.name], "reference": {"resource": c.ref, "fields": [TABLES[c.ref].key]}}
               for c in table.columns if c.kind == "ref"]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def resources(present: set[str] | None = None) -> list[dict]:
    """One resource per table (those in `present`, when given), in the contract's order."""
    return [{"name": t.name, "path": t.file, "profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8",
             "description": t.doc + (" (optional table)" if t.optional else ""), "schema": table_schema(t)}
            for t in TABLES.values() if present is None or t.name in present]


def descriptor(meta: dict, present: set[str]) -> dict:
    """The whole descriptor: the curators' metadata (`meta`, as written) and the generated resources."""
    return {**{k: v for k, v in meta.items() if k != "resources"}, "profile": PROFILE, "resources": resources(present)}


def bundled(root) -> dict[str, str]:
    """The datasets in the folders of `root` (each with an actors.csv), folder name -> title; first the one whose
    descriptor says `"default": true`, then the others by name."""
    found, default = {}, set()
    for folder in sorted(p for p in Path(root).iterdir() if (p / "actors.csv").is_file()):
        descriptor = folder / DESCRIPTOR
        meta = meta_from(descriptor.read_bytes() if descriptor.is_file() else None, folder.name)
        found[folder.name] = meta.title
        if meta.extra.get("default") is True:
            default.add(folder.name)
    return dict(sorted(found.items(), key=lambda item: item[0] not in default))


def refreshed(folder) -> dict:
    """The descriptor of `folder` with its resources generated again for the tables it holds (metadata kept)."""
    folder = Path(folder)
    path = folder / DESCRIPTOR
    meta = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"name": slug(folder.name, empty="")}
    present = {t.name for t in TABLES.values() if (folder / t.file).is_file()}
    return descriptor(meta, present)


def main(argv: list[str] | None = None) -> int:
    """python -m alliances.datapackage FOLDER...: write each folder's datapackage.json with its resources
    generated from the schema (the curators' metadata is kept)."""
    folders = sys.argv[1:] if argv is None else argv
    for folder in folders:
        (Path(folder) / DESCRIPTOR).write_text(json.dumps(refreshed(folder), ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
        print(f"wrote {Path(folder) / DESCRIPTOR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
