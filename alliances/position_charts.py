"""Plotly figures of the Positions view: the actors x issues heatmap, the position map, the agreement
matrix, one issue over time and two actors side by side.

Plotly renders hover text, cell text and tick labels as HTML: every piece of dataset text is passed
through `plotly_lines` (escaped, then wrapped with <br>) or `short` (escaped, one line) before it reaches a figure.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .positions import Agreement, PositionMap
from .presentation import (
    AGREEMENT_SCALE,
    POSITION_SCALE,
    UNKNOWN_ACTOR_COLOUR,
    UNKNOWN_POSITION_COLOUR,
    bloc_colours,
    day_text,
    mark_day,
    new_figure,
)
from .schema import POSITION_LABELS
from .text import for_plotly, plotly_lines

MAP_LABELS = 12  # names written on the position map; the hover names every dot
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star", "hexagon", "pentagon")


def short(text, width: int = 32) -> str:
    """Dataset text for a one-line label: cut to `width` characters with an ellipsis, then escaped."""
    return for_plotly(text, width)


def signed(position) -> str:
    return "0" if position == 0 else f"{int(position):+d}".replace("-", "−")


def _bloc_axis(actors, names: dict, blocs: dict) -> list[list[str]]:
    """Two-level category labels, bloc over actor, so that plotly draws the bloc groups."""
    return [[plotly_lines(blocs.get(a, "") or "—", 40) for a in actors], [plotly_lines(names.get(a, a), 40) for a in actors]]


def _unknown_layer(mask: np.ndarray, x, y, name: str, hover: np.ndarray, gap: int) -> list:
    """Grey cells marked '?' where `mask` is true, and a legend entry saying what they mean."""
    return [
        go.Heatmap(z=np.where(mask, 1.0, np.nan), x=x, y=y, colorscale=[[0, UNKNOWN_POSITION_COLOUR], [1, UNKNOWN_POSITION_COLOUR]],
                   showscale=False, xgap=gap, ygap=gap, text=np.where(mask, "?", ""), texttemplate="%{text}",
                   textfont=dict(color="#6E6E6E"), customdata=hover, hovertemplate="%{customdata}<extra></extra>"),
        go.Scatter(x=[None], y=[None], mode="markers", name=name, showlegend=True,
                   marker=dict(symbol="square", size=14, color=UNKNOWN_POSITION_COLOUR)),
    ]


def stance_hover(row, actor_name: str, issue_title: str) -> str:
    """What a reader needs to check one stance: position, date, note, the quote and the source."""
    lines = [f"<b>{plotly_lines(actor_name)}</b> on <b>{plotly_lines(issue_title)}</b>",
             f"{POSITION_LABELS[int(row['position'])]} ({signed(row['position'])}), stated {day_text(row['date'])}"]
    if row["note"]:
        lines.append(plotly_lines(row["note"]))
    if row["quote_text"]:
        words = plotly_lines(row["quote_text"], 60)
        lines.append((f"<i>“{words}”</i>" if row["quote_verbatim"] else f"<i>{words}</i> (paraphrase)")
                     + (f" — {plotly_lines(row['quote_speaker'])}" if row["quote_speaker"] else ""))
    lines.append(f"source: {plotly_lines(row['publisher'])}, “{plotly_lines(row['source_title'])}”"
                 + (f", {day_text(row['source_date'])}" if pd.notna(row["source_date"]) else ""))
    if row.get("also"):
        lines.append(f"also: {plotly_lines(row['also'])}")
    return "<br>".join(lines)


def positions_heatmap(matrix: pd.DataFrame, details: pd.DataFrame, names: dict, blocs: dict, issue_titles: dict) -> go.Figure:
    """Actors (grouped by bloc) x issues, diverging from strongly against (red) to strongly for (blue);
    unknown positions are grey cells marked '?', never neutral. Hover: the stance and its evidence."""
    by_cell = details.set_index(["actor", "issue"])
    hover = np.full(matrix.shape, "", dtype=object)
    for i, actor in enumerate(matrix.index):
        for j, issue in enumerate(matrix.columns):
            if (actor, issue) in by_cell.index:
                hover[i, j] = stance_hover(by_cell.loc[(actor, issue)], names.get(actor, actor), issue_titles.get(issue, issue))
    values = matrix.to_numpy(dtype=float)
    x = [short(issue_titles.get(i, i)) for i in matrix.columns]
    y = _bloc_axis(matrix.index, names, blocs)
    fig = new_figure(go.Heatmap(
        z=values, x=x, y=y, zmin=-2, zmax=2, colorscale=POSITION_SCALE, xgap=2, ygap=2,
        text=np.vectorize(lambda v: "" if np.isnan(v) else signed(v))(values), texttemplate="%{text}",
        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        colorbar=dict(title="position", tickvals=[-2, -1, 0, 1, 2], ticktext=[POSITION_LABELS[i] for i in range(-2, 3)],
                      len=min(1.0, 300 / (140 + 30 * len(matrix))), y=1, yanchor="top"),
    ))
    unknown = np.isnan(values)
    for i, j in zip(*np.nonzero(unknown)):
        actor, issue = matrix.index[i], matrix.columns[j]
        hover[i, j] = (f"<b>{plotly_lines(names.get(actor, actor))}</b> on <b>{plotly_lines(issue_titles.get(issue, issue))}</b><br>"
                       "unknown: no stance on record on or before this day")
    fig.add_traces(_unknown_layer(unknown, x, y, "unknown (no stance on record)", hover, gap=2))
    fig.update_layout(height=200 + 30 * len(matrix), plot_bgcolor="#ffffff", hoverlabel=dict(align="left"),
                      yaxis=dict(autorange="reversed", showgrid=False),
                      xaxis=dict(side="top", showgrid=False, tickangle=-35),
                      legend=dict(orientation="h", yanchor="top", y=-0.02, x=0), margin=dict(t=150))
    return fig


def _axis_title(pmap: PositionMap, axis: str, issue_titles: dict) -> str:
    share = pmap.explained[0 if axis == "x" else 1]
    toward = "right" if axis == "x" else "up"
    parts = [f"{'for' if sign > 0 else 'against'} {plotly_lines(issue_titles.get(issue, issue), 60)}"
             for issue, sign in pmap.axis_issues(axis)]
    return f"{share:.0%} of the spread" + (f" · {toward}: more {', more '.join(parts)}" if parts else "")


def _padded(values: pd.Series) -> list[float]:
    """An axis range around `values` with room for the labels above the dots."""
    low, high = float(values.min()), float(values.max())
    pad = max(0.5, 0.15 * (high - low))
    return [low - pad, high + pad]


def _map_labels(coords: pd.DataFrame, names: dict, highlight: str | None, labelled: int) -> dict[str, str]:
    """Actor -> the label written beside its dot: the best-known actors, coincident ones named together."""
    chosen = list(coords.sort_values("known", ascending=False, kind="stable").index[:labelled])
    if highlight in coords.index and highlight not in chosen:
        chosen.append(highlight)
    spots: dict[tuple, list[str]] = {}
    for actor in chosen:
        spots.setdefault((round(coords.loc[actor, "x"], 6), round(coords.loc[actor, "y"], 6)), []).append(actor)
    return {together[0]: ", ".join(short(names.get(a, a), 24) for a in together) for together in spots.values()}


def position_map_chart(pmap: PositionMap, matrix: pd.DataFrame, names: dict, blocs: dict, issue_titles: dict,
                       highlight: str | None = None, labelled: int = MAP_LABELS) -> go.Figure:
    """The mapped actors as dots coloured by bloc; near means alike. Hover lists each actor's known positions.

    Names are written beside the `labelled` best-known actors (and the highlighted one) only, once for
    actors that sit on the same spot: the others crowd the centre, where the hover names them."""
    fig = new_figure()
    coords = pmap.coords.assign(bloc=[blocs.get(a, "") for a in pmap.coords.index])
    colours = bloc_colours(blocs.values())
    labels = _map_labels(pmap.coords, names, highlight, labelled)
    for bloc, rows in coords.groupby("bloc", sort=True):
        hover = []
        for actor in rows.index:
            known = matrix.loc[actor].dropna()
            lines = [f"{plotly_lines(issue_titles.get(i, i), 60)}: {POSITION_LABELS[int(v)]} ({signed(v)})" for i, v in known.items()]
            hover.append(f"<b>{plotly_lines(names.get(actor, actor))}</b> · {plotly_lines(bloc)}<br>{len(known)} known positions:<br>"
                         + "<br>".join(lines))
        fig.add_trace(go.Scatter(
            x=rows["x"], y=rows["y"], mode="markers+text", name=plotly_lines(bloc or "—", 40),
            text=[labels.get(a, "") for a in rows.index], textposition="top center", textfont=dict(size=11),
            marker=dict(size=[20 if a == highlight else 13 for a in rows.index], color=colours.get(bloc, UNKNOWN_ACTOR_COLOUR),
                        line=dict(width=[3 if a == highlight else 1 for a in rows.index], color="#262730")),
            customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        ))
    fig.update_layout(height=600, hovermode="closest", hoverlabel=dict(align="left"),
                      xaxis=dict(title=_axis_title(pmap, "x", issue_titles), zeroline=True, zerolinecolor="#dddddd",
                                 range=_padded(pmap.coords["x"])),
                      yaxis=dict(title=_axis_title(pmap, "y", issue_titles), zeroline=True, zerolinecolor="#dddddd",
                                 range=_padded(pmap.coords["y"]), scaleanchor="x", scaleratio=1))
    return fig


def agreement_chart(agree: Agreement, names: dict, blocs: dict) -> go.Figure:
    """Actor x actor: share of shared issues on which the two agree, brown (never) to teal (always);
    grey '?' where they share too few issues to say."""
    share = agree.share.to_numpy(dtype=float)
    shared, agreed = agree.shared.to_numpy(), agree.agreed.to_numpy()
    actors = list(agree.share.index)
    hover = np.full(share.shape, "", dtype=object)
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            pair = f"<b>{plotly_lines(names.get(a, a))}</b> and <b>{plotly_lines(names.get(b, b))}</b>"
            hover[i, j] = (f"{pair}<br>agree on {agreed[i, j]} of {shared[i, j]} shared issues ({share[i, j]:.0%})"
                           if not np.isnan(share[i, j]) else
                           f"{pair}<br>{shared[i, j]} shared issue(s): fewer than {agree.min_shared}, too few to say" if i != j else "")
    rows, columns = _bloc_axis(actors, names, blocs), [short(names.get(a, a)) for a in actors]
    fig = new_figure(go.Heatmap(
        z=share, x=columns, y=rows, zmin=0, zmax=1, colorscale=AGREEMENT_SCALE, xgap=1, ygap=1,
        text=np.vectorize(lambda v: "" if np.isnan(v) else f"{v:.0%}")(share), texttemplate="%{text}" if len(actors) <= 20 else "",
        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        colorbar=dict(title="agree", tickformat=".0%", len=0.6, y=1, yanchor="top"),
    ))
    off_diagonal = np.isnan(share) & ~np.eye(len(actors), dtype=bool)
    fig.add_traces(_unknown_layer(off_diagonal, columns, rows, f"fewer than {agree.min_shared} shared issues", hover, gap=1))
    fig.update_layout(height=260 + 26 * len(actors), plot_bgcolor="#ffffff", hoverlabel=dict(align="left"),
                      yaxis=dict(autorange="reversed", showgrid=False), xaxis=dict(showgrid=False, side="top", tickangle=-35),
                      legend=dict(orientation="h", yanchor="top", y=-0.02, x=0), margin=dict(t=120))
    return fig


def issue_steps(history: pd.DataFrame, names: dict, colours: dict, day, end) -> go.Figure:
    """Each actor's position on one issue as steps: a stance holds until the next one, the last until `end`.
    Lines are nudged apart vertically so that equal positions stay visible; the hover gives the true one."""
    fig = new_figure()
    actors = list(dict.fromkeys(history["actor"]))
    spread = min(0.12, 0.6 / max(len(actors), 1))
    last = pd.Timestamp(end)
    for k, actor in enumerate(actors):
        rows = history[history["actor"] == actor]
        nudge = (k - (len(actors) - 1) / 2) * spread
        x = list(rows["date"]) + ([last] if rows["date"].iloc[-1] < last else [])
        y = list(rows["position"] + nudge) + ([rows["position"].iloc[-1] + nudge] if len(x) > len(rows) else [])
        hover = [f"<b>{plotly_lines(names.get(actor, actor))}</b>, {day_text(r.date)}<br>"
                 f"{POSITION_LABELS[int(r.position)]} ({signed(r.position)})"
                 f"<br>{plotly_lines(r.note)}<br>source: {plotly_lines(r.publisher)}"
                 + (f"<br>also: {plotly_lines(r.also)}" if getattr(r, "also", "") else "") for r in rows.itertuples()]
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", line_shape="hv", name=plotly_lines(names.get(actor, actor), 40),
            line=dict(color=colours.get(actor, UNKNOWN_ACTOR_COLOUR), width=3),
            marker=dict(size=[11] * len(rows) + [0] * (len(x) - len(rows)), symbol=SYMBOLS[k % len(SYMBOLS)]),
            customdata=hover + [""] * (len(x) - len(rows)), hovertemplate="%{customdata}<extra></extra>",
        ))
    first = min(history["date"].min(), pd.Timestamp(day))
    pad = max(pd.Timedelta(days=30), (last - first) * 0.04)
    fig.update_layout(height=440, hovermode="closest", hoverlabel=dict(align="left"),
                      legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top"),
                      xaxis=dict(title=None, range=[first - pad, last + pad]),
                      yaxis=dict(range=[-2.6, 2.6], tickvals=[-2, -1, 0, 1, 2], title=None,
                                 ticktext=[POSITION_LABELS[i] for i in range(-2, 3)]))
    mark_day(fig, day)
    return fig


def side_by_side(comparison: pd.DataFrame, a: str, b: str, names: dict, colours: dict) -> go.Figure:
    """Two actors' positions issue by issue on one scale (the first filled circles, the second open diamonds);
    a line joins them where they differ, thick and orange where they are opposed."""
    fig = new_figure()
    titles = [plotly_lines(t, 40) for t in comparison["title"]]
    for row, title in zip(comparison.itertuples(), titles):
        if row.relation in ("differ", "opposed"):
            fig.add_trace(go.Scatter(x=[row.position_a, row.position_b], y=[title, title], mode="lines", showlegend=False,
                                     hoverinfo="skip", line=dict(color="#D55E00" if row.relation == "opposed" else "#999999",
                                                                 width=6 if row.relation == "opposed" else 3)))
    for side, actor, symbol in (("a", a, "circle"), ("b", b, "diamond-open")):
        known = comparison[comparison[f"position_{side}"].notna()]
        colour = colours.get(actor, UNKNOWN_ACTOR_COLOUR)
        line = dict(width=2, color="#262730") if side == "a" else dict(width=4, color=colour)
        fig.add_trace(go.Scatter(
            x=known[f"position_{side}"], y=[plotly_lines(t, 40) for t in known["title"]], mode="markers",
            name=plotly_lines(names.get(actor, actor), 40),
            marker=dict(size=16, symbol=symbol, color=colour, line=line),
            customdata=[f"<b>{plotly_lines(names.get(actor, actor))}</b>: "
                        f"{POSITION_LABELS[int(r[f'position_{side}'])]}, {day_text(r[f'date_{side}'])}"
                        f"<br>{plotly_lines(r[f'note_{side}'])}<br>relation: {r['relation']}" for _, r in known.iterrows()],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    fig.update_layout(height=140 + 40 * len(comparison), hovermode="closest", hoverlabel=dict(align="left"),
                      xaxis=dict(range=[-2.5, 2.5], tickvals=[-2, -1, 0, 1, 2], ticktext=[POSITION_LABELS[i] for i in range(-2, 3)]),
                      yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=titles, title=None))
    return fig
