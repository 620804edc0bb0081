"""The 'Add from an article' page's parts: read an article, confirm its source, review the candidates in
editable tables, and apply the accepted ones to this session's dataset (validated as an upload is; nothing is
written to the data folder)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from alliances.dataset import Dataset, DatasetError
from alliances.dataset_files import with_rows
from alliances.intake import Candidates, IntakeError, from_text, from_upload, headline, propose
from alliances.intake.article import MAX_ARTICLE_BYTES, PAGE_SUFFIXES, TEXT_SUFFIXES
from alliances.intake.rows import COLUMNS, additions, new_actor_table, review_tables, ticked
from alliances.schema import ACTOR_KINDS, EVENT_KINDS, RELATION_TYPES
from alliances.text import for_markdown, is_http_url

from .layout import row_count, show_dataset_error

KINDS = (("quotes", "Quotes"), ("ties", "Ties"), ("stances", "Stances"), ("territory", "Territory"), ("events", "Events"))
HIDDEN = {"key", "start", "end"}
READ_ONLY = ["speaker_name", "on_record", "evidence", "reason", "date_reason", "confidence"]
UPLOAD_TYPES = [s.lstrip(".") for s in PAGE_SUFFIXES + TEXT_SUFFIXES]


def read_article() -> None:
    """Paste or upload, then 'Read the article': the article (or the reason it cannot be read) goes to the state."""
    pasted = st.text_area("Paste the article's text", key="intake_text", height=220,
                          placeholder="Headline, then the article's paragraphs")
    upload = st.file_uploader(f"… or upload a saved page or text file (up to {MAX_ARTICLE_BYTES // 2**20} MB)",
                              type=UPLOAD_TYPES, key=f"intake_upload_{st.session_state.get('intake_gen', 0)}")
    if not st.button("Read the article", type="primary", key="intake_read"):
        return
    try:
        article = from_upload(upload.name, upload.getvalue()) if upload is not None else from_text(pasted, "The pasted text")
    except IntakeError as error:
        st.error(for_markdown(str(error)), icon="⚠️")
        return
    for key in ("intake_candidates", "intake_base", "intake_edited", "intake_applied"):
        st.session_state.pop(key, None)
    st.session_state["intake_article"] = article
    st.session_state["intake_source_gen"] = st.session_state.get("intake_source_gen", 0) + 1


def confirm_source(ds: Dataset) -> None:
    """The source's details, prefilled from the page; 'Find candidates' reads the article against them."""
    article = st.session_state.get("intake_article")
    if article is None:
        return
    gen = st.session_state.get("intake_source_gen", 0)
    with st.form(f"intake_source_{gen}"):
        st.markdown("**The source** (prefilled from the page where it says; every accepted row will cite it)")
        left, right = st.columns(2)
        publisher = left.text_input("Publisher", value=article.publisher)
        title = right.text_input("Title", value=article.title or headline(article.text))
        url = left.text_input("Address (http or https)", value=article.url)
        day = right.date_input("Date of the article", value=article.date, min_value=date(1900, 1, 1),
                               max_value=date.today(), format="YYYY-MM-DD",
                               help="Relative dates in the text ('on Tuesday', 'earlier this month') are read against it.")
        found = st.form_submit_button("Find candidates", type="primary")
    with st.expander("The article as read (check that the page's menus and appeals are gone)"):
        st.text(article.text)
    if not found:
        return
    if url and not is_http_url(url.strip()):
        st.error("The address must start with http:// or https:// (or be left empty).", icon="⚠️")
        return
    details = article.with_details(publisher=publisher.strip(), title=title.strip(), url=url.strip(), date=day)
    candidates = propose(details, ds)
    st.session_state["intake_candidates"] = candidates
    st.session_state["intake_base"] = {**_editable(review_tables(candidates, ds)), "actors": new_actor_table(candidates)}
    st.session_state["intake_edited"] = {}
    st.session_state["intake_gen"] = st.session_state.get("intake_gen", 0) + 1
    st.session_state.pop("intake_applied", None)


def _editable(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Empty choices as None, which a select column shows as empty."""
    return {kind: frame.replace({"": None}) for kind, frame in tables.items()}


def review(ds: Dataset) -> None:
    candidates: Candidates | None = st.session_state.get("intake_candidates")
    if candidates is None:
        return
    for warning in candidates.warnings:
        st.warning(for_markdown(warning))
    base, edited = st.session_state["intake_base"], st.session_state["intake_edited"]
    gen = st.session_state.get("intake_gen", 0)
    new_ids = [i for i in base["actors"]["id"].dropna() if i]
    actors = sorted(set(ds.actors["id"]) | set(new_ids))
    labels = [f"{label} ({len(base[kind])})" for kind, label in KINDS] + [
        f"Actors ({len(candidates.actors)} named, {len(base['actors'])} unknown)"]
    tabs = st.tabs(labels)
    options = {"speaker": actors, "on_behalf": actors, "source": actors, "target": actors, "actor": actors,
               "issue": sorted(ds.issues["id"]), "type": list(RELATION_TYPES), "kind": list(EVENT_KINDS)}
    for (kind, label), tab in zip(KINDS, tabs):
        with tab:
            if base[kind].empty:
                st.caption(f"No {label.lower()} found in this article.")
                continue
            edited[kind] = _editor(kind, base[kind], options, gen)
            accepted = int(ticked(edited[kind]).sum())
            st.caption(f"{accepted} of {len(edited[kind])} accepted")  # what Apply will add, as the app has it
            _accept_buttons(kind)
            _evidence(kind, candidates)
    with tabs[-1]:
        _actors_tab(candidates, base, edited, gen, ds)


def _editor(kind: str, frame: pd.DataFrame, options: dict, gen: int) -> pd.DataFrame:
    config = {"accept": st.column_config.CheckboxColumn("accept", width="small"),
              "text": st.column_config.TextColumn("text", width="large"),
              "evidence": st.column_config.TextColumn("sentence", width="large"),
              "on_record": st.column_config.TextColumn("already on record", help="What the dataset holds already: "
                                                       "accepting the row again would repeat or contradict it."),
              "position": st.column_config.NumberColumn("position", min_value=-2, max_value=2, step=1),
              "intensity": st.column_config.NumberColumn("intensity", min_value=1, max_value=3, step=1),
              "share_pct": st.column_config.NumberColumn("share %", min_value=0, max_value=100)}
    for column, choices in options.items():
        if column in frame.columns and not (kind == "events" and column == "actors"):
            config[column] = st.column_config.SelectboxColumn(column, options=choices)
    order = [c for c in COLUMNS[kind] if c not in HIDDEN]
    return st.data_editor(frame, key=f"intake_{kind}_{gen}", hide_index=True, column_order=order, column_config=config,
                          disabled=[c for c in READ_ONLY if c in frame.columns], num_rows="fixed")


def _accept_buttons(kind: str) -> None:
    row = st.container(horizontal=True)
    row.button("Accept all", key=f"intake_all_{kind}", on_click=_set_accept, args=(kind, True))
    row.button("Accept none", key=f"intake_none_{kind}", on_click=_set_accept, args=(kind, False))


def _set_accept(kind: str, value: bool) -> None:
    """Every row of one table accepted (or none), keeping the other edits made so far."""
    base, edited = st.session_state["intake_base"], st.session_state["intake_edited"]
    for name in base:
        if name in edited:
            base[name] = edited[name].copy()
    base[kind] = base[kind].assign(accept=value)
    st.session_state["intake_gen"] = st.session_state.get("intake_gen", 0) + 1


def _evidence(kind: str, candidates: Candidates) -> None:
    """Each candidate's sentence, its words highlighted for a quote, and why it was proposed."""
    with st.expander("Where each comes from"):
        if kind == "quotes":
            for number, q in enumerate(candidates.quotes, start=1):
                before = candidates.text[q.evidence_start:q.start]
                after = candidates.text[q.end:q.evidence_end]
                st.markdown(f"**{number}.** {for_markdown(before)}:orange-background[{for_markdown(q.text)}]"
                            f"{for_markdown(after)}  \n*{for_markdown(q.reason)}; date: {for_markdown(q.date_reason)}*")
            return
        for number, claim in enumerate(candidates.of(kind), start=1):
            st.markdown(f"**{number}.** {for_markdown(claim.evidence)}  \n*{for_markdown(claim.reason)} "
                        f"({claim.confidence} confidence)*")


def _actors_tab(candidates: Candidates, base: dict, edited: dict, gen: int, ds: Dataset) -> None:
    if candidates.actors:
        named = pd.DataFrame([{"actor": a["name"], "id": a["id"], "mentions": a["mentions"],
                               "as written": "; ".join(a["as_written"])} for a in candidates.actors])
        st.caption("The dataset's actors this article names (by name, alias or surname).")
        st.dataframe(named, hide_index=True, key="intake_named")
    if base["actors"].empty:
        st.caption("Every speaker found is already an actor of the dataset.")
        return
    st.caption("Speakers the dataset does not know. To add one as an actor, tick 'add' and give it a bloc (and an "
               "affiliation for a person who speaks for someone); then choose its id as the speaker of their quotes.")
    config = {"add": st.column_config.CheckboxColumn("add", width="small"),
              "kind": st.column_config.SelectboxColumn("kind", options=list(ACTOR_KINDS)),
              "affiliation": st.column_config.SelectboxColumn("affiliation", options=sorted(ds.actors["id"]))}
    edited["actors"] = st.data_editor(base["actors"], key=f"intake_actors_{gen}", hide_index=True, column_config=config,
                                      num_rows="dynamic")


def apply(ds: Dataset) -> None:
    """Join the accepted rows to this session's dataset, or name what is wrong (and keep every choice)."""
    candidates: Candidates | None = st.session_state.get("intake_candidates")
    applied = st.session_state.get("intake_applied")
    if applied:
        st.success(for_markdown(applied))
    if candidates is None:
        return
    if not st.button("Apply the accepted rows to this session's dataset", type="primary", key="intake_apply"):
        return
    base, edited = st.session_state["intake_base"], st.session_state["intake_edited"]
    reviewed = {kind: edited.get(kind, base[kind]) for kind, _label in KINDS}
    new_actors = edited.get("actors", base["actors"])
    rows = additions(ds, candidates.text, candidates.source, reviewed, new_actors)
    if not any(table not in ("sources",) for table in rows):
        st.warning("Nothing is accepted yet: tick the rows to add in the tables above.")
        return
    try:
        grown = with_rows(ds, rows, f"{ds.origin} + {candidates.source['title']}",
                          title=f"{ds.meta.title} + {candidates.source['title']}")
    except DatasetError as error:
        st.error("Nothing was applied: the accepted rows do not pass the dataset's checks. The rows added from the "
                 "article are the last ones of each file named below. Your choices are kept: correct them and apply "
                 "again.", icon="⚠️")
        show_dataset_error(error, headline=False)
        return
    st.session_state["uploaded_dataset"] = grown
    counts = ", ".join(row_count(table, len(added)) for table, added in rows.items())
    st.session_state["intake_applied"] = (f"Added to this session's dataset: {counts}. Every page shows them now; "
                                          "download the dataset from 'Your own data' in the sidebar.")
    for key in ("intake_candidates", "intake_base", "intake_edited", "intake_article"):
        st.session_state.pop(key, None)
    st.rerun()
