"""The tie timeline: how one actor's ties (or those of a named group of actors) rose and fell over time.

One row per counterpart (or per counterpart and member of the group), a bar per tie period coloured by its family
as on the network (blue positive, grey mediation, orange negative), as thick as its intensity, the type written on
it; key events of the actors on a strip above; the as-of day as a dotted line. An invisible line of points along
each bar carries its hover (type, intensity, period, note, source) and reports the day under the pointer when
clicked, so that a page can move its as-of day there. No Streamlit here.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .dataset import Dataset
from .presentation import (
    DAY_FORMAT,
    EDGE_COLOURS,
    PLOTLY_DAY,
    day_text,
    event_colour,
    iso_days,
    mark_day,
    new_figure,
    period_text,
    tie_family,
)
from .schema import DIRECTED_TYPES, NEGATIVE_TYPES, NEUTRAL_TYPES, POSITIVE_TYPES, split_ids, tie_sign
from .text import for_plotly, plotly_lines, shorten

MAX_ROWS = 40          # rows drawn; the counterparts left out are named under the chart
MAX_EVENTS = 150       # key events marked, those nearest the as-of day
LABEL_CHARS = 26       # a row's label is cut to this many characters (the hover names both sides in full)
ROW_PX = 32            # a row's height in pixels
CLICK_POINTS = 240     # the invisible points along the whole time axis that report the day under the pointer
THICKNESS = {1: 0.45, 2: 0.7, 3: 0.96}   # a bar's thickness, as a share of its lane, by intensity
INTENSITY_WORDS = {1: "weak", 2: "moderate", 3: "strong"}
FAMILIES = ("positive", "mediation", "negative")
FAMILY_TYPES = {"positive": POSITIVE_TYPES, "mediation": NEUTRAL_TYPES, "negative": NEGATIVE_TYPES}
AMONG = "among"        # the group of the ties among the chosen actors themselves
EVENTS_Y = -1.1        # the key events' strip, above the first row (the y axis runs downwards)
PERIOD_COLUMNS = ["actor", "counterpart", "actor_name", "counterpart_name", "counterpart_bloc", "type", "family", "sign",
                  "intensity", "start", "end", "start_basis", "end_basis", "open", "direction", "note", "source_id",
                  "more_sources", "row"]


def family_label(family: str) -> str:
    """As the network's legend names it: 'positive (alliance, support, cooperation)', 'mediation', ..."""
    types = FAMILY_TYPES[family]
    return family if types == (family,) else f"{family} ({', '.join(types)})"


def tie_periods(ds: Dataset, actors: tuple[str, ...]) -> pd.DataFrame:
    """Every tie period (a relations.csv row) of `actors` with any counterpart, earliest first.

    `actor` is the chosen actor of the tie and `counterpart` the other side; a tie between two chosen actors is
    listed once, under the one named first in `actors`. `end` is NaT and `open` True while the tie holds;
    `direction` reads from the actor: → it acts on the counterpart, ← the counterpart on it, — both (symmetric
    types). `row` is the row number in relations.csv (header = row 1)."""
    rel = ds.relations
    rank = {a: i for i, a in enumerate(actors)}
    source_rank, target_rank = rel["source"].map(rank), rel["target"].map(rank)
    mine = source_rank.notna() | target_rank.notna()
    rel, source_rank, target_rank = rel[mine], source_rank[mine], target_rank[mine]
    # the chosen side: the source unless only the target is chosen, or both are and the target comes first
    from_source = source_rank.notna() & ~(target_rank < source_rank)
    names = dict(zip(ds.actors["id"], ds.actors["name"]))
    blocs = dict(zip(ds.actors["id"], ds.actors["bloc"]))
    actor = rel["source"].where(from_source, rel["target"])
    other = rel["target"].where(from_source, rel["source"])
    directed = rel["type"].isin(DIRECTED_TYPES)
    direction = pd.Series("—", index=rel.index).mask(directed & from_source, "→").mask(directed & ~from_source, "←")
    periods = pd.DataFrame({
        "actor": actor, "counterpart": other, "actor_name": actor.map(names).fillna(actor),
        "counterpart_name": other.map(names).fillna(other), "counterpart_bloc": other.map(blocs).fillna(""),
        "type": rel["type"], "family": rel["type"].map(tie_family), "sign": rel["type"].map(tie_sign),
        "intensity": rel["intensity"].astype(int), "start": rel["start"], "end": rel["end"], "open": rel["end"].isna(),
        "start_basis": rel["start_basis"].fillna(""), "end_basis": rel["end_basis"].fillna(""),
        "direction": direction, "note": rel["note"].fillna(""), "source_id": rel["source_id"],
        "more_sources": rel["more_sources"].fillna(""), "row": rel.index + 2,
    }, columns=PERIOD_COLUMNS)
    return periods.sort_values(["start", "row"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class TieTimeline:
    actors: tuple[str, ...]
    periods: pd.DataFrame     # tie_periods of the rows drawn, with `group`, `row_key`, `row_index` and `lane`
    rows: pd.DataFrame        # one per row drawn, top to bottom: key, group, label (escaped), first, lanes
    left_out: tuple[str, ...]  # names of the counterparts not drawn, the most tied first
    events: pd.DataFrame      # key events involving the actors: id, date, title, kind, source_id, description
    last_day: pd.Timestamp    # open ties are drawn to this day (or to the as-of day when later)
    story_start: pd.Timestamp | None = None  # the dataset's first key event: older ties run in from the axis's left edge


def _lanes(periods: pd.DataFrame) -> pd.Series:
    """A lane (0, 1, ...) within its row for each period: the first whose last period ended before it starts, so
    that overlapping periods of one row are drawn side by side instead of over each other."""
    lane = pd.Series(0, index=periods.index)
    for _, rows in periods.groupby("row_key", sort=False):
        ends: list[pd.Timestamp] = []
        for i, start, end in zip(rows.index, rows["start"], rows["end"].fillna(pd.Timestamp.max)):
            free = next((n for n, last in enumerate(ends) if last < start), None)
            if free is None:
                ends.append(end)
                free = len(ends) - 1
            else:
                ends[free] = end
            lane[i] = free
    return lane


def tie_timeline(ds: Dataset, actors: tuple[str, ...], max_rows: int = MAX_ROWS) -> TieTimeline:
    """The rows of the timeline of `actors`' ties.

    One actor: a row per counterpart. Several: a row per counterpart and chosen actor, the ties among the chosen
    actors first (a group of their own), then a group per counterpart (its rows in the order of `actors`). Rows
    and groups run from the earliest first tie. Above `max_rows`, the counterparts with the least weight of ties
    (intensity times days in force) are left out, whole groups at a time."""
    known = set(ds.actors["id"])
    actors = tuple(a for a in actors if a in known)
    periods = tie_periods(ds, actors)
    last_day = pd.Timestamp(ds.last_day())
    several = len(actors) > 1
    among = periods["counterpart"].isin(actors)
    group = periods["counterpart"].where(~among, AMONG) if several else periods["counterpart"]
    key = (group + "|" + periods["actor"] + "|" + periods["counterpart"]) if several else group
    periods = periods.assign(group=group, row_key=key)

    drawn_end = periods["end"].fillna(last_day).clip(lower=periods["start"])
    weight = (periods["intensity"] * ((drawn_end - periods["start"]).dt.days + 1)).groupby(periods["group"]).sum()
    rows_per_group = periods.groupby("group")["row_key"].nunique()
    ranked = sorted(weight.index, key=lambda g: (g != AMONG, -weight[g], g))
    kept, count = [], 0
    for g in ranked:
        if count + rows_per_group[g] > max_rows:
            continue
        kept.append(g)
        count += rows_per_group[g]
    names = dict(zip(periods["counterpart"], periods["counterpart_name"]))
    left_out = tuple(names.get(g, g) for g in ranked if g not in kept)
    periods = periods[periods["group"].isin(kept)]

    first = periods.groupby("group")["start"].min()
    order = {actor: i for i, actor in enumerate(actors)}
    keys = periods.drop_duplicates("row_key")[["row_key", "group", "actor", "counterpart", "actor_name", "counterpart_name"]]
    keys = keys.assign(group_first=keys["group"].map(first), among=keys["group"] == AMONG,
                       actor_rank=keys["actor"].map(order), cp_rank=keys["counterpart"].map(order).fillna(len(order)))
    keys = keys.sort_values(["among", "group_first", "group", "actor_rank", "cp_rank"], ascending=[False, True, True, True, True])
    keys = keys.reset_index(drop=True)
    if several:
        first_of_group = ~keys["group"].duplicated()
        label = [f"{a} — {c}" if g == AMONG else (f"<b>{c}</b> · {a}" if head else a)
                 for g, a, c, head in zip(keys["group"], keys["actor_name"].map(_short), keys["counterpart_name"].map(_short),
                                          first_of_group)]
    else:
        label = list(keys["counterpart_name"].map(_short))
    index = {k: i for i, k in enumerate(keys["row_key"])}
    periods = periods.assign(row_index=periods["row_key"].map(index))
    periods = periods.sort_values(["row_index", "start", "row"], kind="stable")
    periods = periods.assign(lane=_lanes(periods))
    lanes = periods.groupby("row_index")["lane"].max() + 1
    rows = pd.DataFrame({"key": keys["row_key"], "group": keys["group"], "label": label,
                         "first": keys["group_first"], "lanes": [int(lanes.get(i, 1)) for i in range(len(keys))]})
    return TieTimeline(actors=actors, periods=periods.reset_index(drop=True), rows=rows, left_out=left_out,
                       events=actor_events(ds, actors), last_day=last_day,
                       story_start=ds.events["date"].min() if len(ds.events) else None)


def _short(name: str) -> str:
    return for_plotly(name, LABEL_CHARS)


def actor_events(ds: Dataset, actors: tuple[str, ...]) -> pd.DataFrame:
    """Key events naming any of `actors`, earliest first."""
    events = ds.events
    involved = events["actors"].fillna("").map(lambda refs: bool(set(r.strip() for r in refs.split(";")) & set(actors)))
    return events[involved].sort_values("date", kind="stable").reset_index(drop=True)


def _source_text(sources: dict[str, dict], source_id: str) -> str:
    src = sources.get(source_id)
    if src is None:
        return for_plotly(source_id)
    when = f", {day_text(src.get('date'))}" if day_text(src.get("date")) else ""
    return f"{for_plotly(src.get('publisher'), 60)}, “{for_plotly(src.get('title'), 80)}”{when}"


def period_hover(period: dict, sources: dict[str, dict]) -> str:
    """Hover text of one tie period, every piece of dataset text escaped: who, type and intensity, period, note,
    source."""
    note = f"<br><i>{plotly_lines(period['note'])}</i>" if period["note"] else ""
    more = "".join(f"<br>also: {_source_text(sources, s)}" for s in split_ids(period.get("more_sources")))
    return (f"<b>{for_plotly(period['actor_name'])} {period['direction']} {for_plotly(period['counterpart_name'])}</b><br>"
            f"{period['type']} ({tie_family(period['type'])}), intensity {period['intensity']} "
            f"{INTENSITY_WORDS.get(period['intensity'], '')}<br>"
            + period_text(period["start"], period["end"], period.get("start_basis", ""), period.get("end_basis", ""))
            .replace(" to now", " to now (still in force)")
            + f"{note}<br>source: {_source_text(sources, period['source_id'])}{more}")


def _template_text(text: str) -> str:
    """Escaped text made safe inside a hovertemplate: a '%' written as an entity, so that no '%{...}' in the data is
    read as a template variable (plotly shows the entity as '%')."""
    return text.replace("%", "&#37;")


def _row_y(periods: pd.DataFrame, rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The y of each period's bar (its lane within its row) and the lane's height."""
    count = periods["row_index"].map(rows["lanes"])
    height = 0.9 / count
    return periods["row_index"] - 0.45 + (periods["lane"] + 0.5) * height, height


def timeline_figure(timeline: TieTimeline, day, sources: dict[str, dict], clickable: bool = True) -> go.Figure:
    """The timeline as a plotly figure (see the module's docstring). Each bar's hover and click live on an invisible
    line of points along it (bars report no pointer position): a point's x is its day. Key events on the strip
    report their own day. `clickable=False` (a file of its own, with no page to move): no selection on click, and
    the hover does not offer it."""
    click_bar = "<br><i>click: the network on " + PLOTLY_DAY + "</i>" if clickable else ""
    click_event = "<br><i>click: the network on that day</i>" if clickable else ""
    rows, periods = timeline.rows, timeline.periods
    day = pd.Timestamp(day)
    last = max(timeline.last_day, day)
    first = periods["start"].min() if len(periods) else day - pd.Timedelta(days=365)
    if timeline.story_start is not None and not pd.isna(timeline.story_start):
        first = max(first, timeline.story_start)   # a tie of 1982 would leave the war a sliver at the right
    first = min(first, day)
    span = max(last - first, pd.Timedelta(days=30))
    x_range = [(first - span * 0.02).normalize(), (last + span * 0.03).normalize()]
    fig = new_figure()
    if len(periods):
        ys, lane_height = _row_y(periods, rows)
        drawn_end = periods["end"].fillna(last).clip(lower=periods["start"]) + pd.Timedelta(days=1)  # the last day counts
        periods = periods.assign(y=ys, width=lane_height * periods["intensity"].map(THICKNESS), drawn_end=drawn_end)
        # the type written once per run of periods of one type (sources often split one tie in periods): on the
        # longest of the run, where it fits best
        before = periods.groupby(["row_index", "lane"])["type"].shift()
        run = (periods["type"] != before).cumsum()
        longest = (periods["drawn_end"] - periods["start"]).groupby(run).idxmax()
        periods = periods.assign(label=periods["type"].where(periods.index.isin(longest), ""))
        for family in FAMILIES:
            bars = periods[periods["family"] == family]
            if bars.empty:
                continue
            fig.add_trace(go.Bar(
                base=iso_days(bars["start"]), x=((bars["drawn_end"] - bars["start"]).dt.total_seconds() * 1000).tolist(),
                y=bars["y"].tolist(), width=bars["width"].tolist(), orientation="h", name=family_label(family),
                marker=dict(color=EDGE_COLOURS[family], line=dict(width=0)), text=bars["label"].tolist(),
                textposition="inside", insidetextanchor="start", textfont=dict(color="#ffffff", size=13),
                hoverinfo="skip", legendrank=FAMILIES.index(family)))
        still = periods[periods["open"]]
        if len(still):
            fig.add_trace(go.Scatter(
                x=iso_days(still["drawn_end"]), y=still["y"].tolist(), mode="markers", name="▶ still in force",
                marker=dict(symbol="triangle-right", size=9, color=[EDGE_COLOURS[f] for f in still["family"]]),
                hoverinfo="skip", showlegend=False, cliponaxis=False))
        older = periods[periods["start"] < x_range[0]]
        if len(older):
            fig.add_trace(go.Scatter(
                x=iso_days([x_range[0] + span * 0.006] * len(older)), y=older["y"].tolist(), mode="markers",
                name="◀ began earlier",
                marker=dict(symbol="triangle-left", size=10, color="#ffffff",
                            line=dict(width=1.5, color=[EDGE_COLOURS[f] for f in older["family"]])),
                hoverinfo="skip", showlegend=False, cliponaxis=False))
        step = max(span / CLICK_POINTS, pd.Timedelta(days=1))
        for period in periods[periods["drawn_end"] > x_range[0]].to_dict("records"):
            days = pd.date_range(max(period["start"], x_range[0]), period["drawn_end"] - pd.Timedelta(days=1), freq=step)
            days = days.append(pd.DatetimeIndex([period["drawn_end"] - pd.Timedelta(days=1)])).unique()
            fig.add_trace(go.Scatter(
                x=iso_days(days), y=[round(period["y"], 3)] * len(days), mode="markers", showlegend=False,
                marker=dict(size=4, opacity=0, color=EDGE_COLOURS[period["family"]]),
                hovertemplate=_template_text(period_hover(period, sources)) + click_bar + "<extra></extra>",
                hoverlabel=dict(bgcolor="#ffffff", bordercolor=EDGE_COLOURS[period["family"]])))
    events = _events_shown(timeline.events, day, x_range)
    for kind, rows_of_kind in events.groupby("kind", sort=True):
        fig.add_trace(go.Scatter(
            x=iso_days(rows_of_kind["date"]), y=[EVENTS_Y] * len(rows_of_kind), mode="markers", name=kind,
            marker=dict(symbol="diamond", size=12, color=event_colour(kind), line=dict(width=1, color="#ffffff")),
            hovertext=[f"<b>{for_plotly(t, 90)}</b><br>{day_text(d)} · {for_plotly(kind)}"
                       + (f"<br>{plotly_lines(shorten(desc, 200))}" if desc else "") + f"<br>source: {_source_text(sources, s)}"
                       + "".join(f"<br>also: {_source_text(sources, m)}" for m in split_ids(more))
                       for t, d, desc, s, more in zip(rows_of_kind["title"], rows_of_kind["date"],
                                                      rows_of_kind["description"].fillna(""), rows_of_kind["source_id"],
                                                      rows_of_kind["more_sources"])],
            hovertemplate="%{hovertext}" + click_event + "<extra></extra>",
            legend="legend2"))
    _draw_groups(fig, rows)
    tickvals = [EVENTS_Y, *range(len(rows))]
    ticktext = ["<i>key events</i>", *rows["label"]]
    plot_px = ROW_PX * (len(rows) + 1.6)
    top_px = 70
    fig.update_layout(
        height=round(top_px + 44 + plot_px), hovermode="closest", clickmode="event+select" if clickable else "none", dragmode="pan",
        barmode="overlay", bargap=0, uniformtext=dict(minsize=10, mode="hide"),
        yaxis=dict(tickmode="array", tickvals=tickvals, ticktext=ticktext, range=[len(rows) - 0.5, EVENTS_Y - 0.6],
                   fixedrange=True, showgrid=False, zeroline=False, automargin=True, tickfont=dict(size=14), ticks=""),
        xaxis=dict(type="date", range=x_range, showgrid=True, automargin=True, showline=True, linecolor="#c8c8c8",
                   side="bottom"),
        legend=dict(title=dict(text="<b>Ties</b> (thickness: intensity 1–3; ▶ still in force)", side="left"), orientation="h",
                    yref="container", y=1, yanchor="top", xref="container", x=0, itemsizing="constant"),
        legend2=dict(title=dict(text="<b>Key events</b>", side="left"), orientation="h", yref="container",
                     y=1 - 28 / (top_px + 44 + plot_px), yanchor="top", xref="container", x=0, itemsizing="constant"),
        margin=dict(l=10, r=16, t=top_px, b=44),
    )
    mark_day(fig, day, f"as of {day.strftime(DAY_FORMAT)}")
    return fig


def _events_shown(events: pd.DataFrame, day: pd.Timestamp, x_range) -> pd.DataFrame:
    inside = events[(events["date"] >= x_range[0]) & (events["date"] <= x_range[1])]
    if len(inside) <= MAX_EVENTS:
        return inside
    nearest = (inside["date"] - day).abs().sort_values(kind="stable").index[:MAX_EVENTS]
    return inside.loc[sorted(nearest)]


def _draw_groups(fig: go.Figure, rows: pd.DataFrame) -> None:
    """A light band behind every other group of rows (a counterpart's rows, with several actors), and a line under
    the key events' strip."""
    fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=-0.55, y1=-0.55, layer="below", line=dict(color="#c8c8c8", width=1))
    starts = [i for i, new in enumerate(~rows["group"].duplicated()) if new] + [len(rows)]
    for n, (top, bottom) in enumerate(zip(starts, starts[1:])):
        if n % 2:
            fig.add_shape(type="rect", xref="paper", x0=0, x1=1, y0=top - 0.5, y1=bottom - 0.5, layer="below",
                          fillcolor="#f4f4f4", line_width=0)


def figure(ds: Dataset, actors: tuple[str, ...], day, clickable: bool = True) -> go.Figure:
    """The tie timeline of `actors` on `day`, from the dataset."""
    return timeline_figure(tie_timeline(ds, actors), day, ds.source_by_id, clickable)


def clicked_day(point: dict):
    """The day a click on the timeline chose: the point's x (a day on the time axis), else the first customdata item;
    None when neither reads as a day."""
    for value in (point.get("x"), (point.get("customdata") or [None])[0]):
        if isinstance(value, str) and value:
            try:
                return pd.Timestamp(value[:10]).date()
            except ValueError:
                continue
    return None
