"""The notebook's helper computations: provenance joins and the small aggregations it plots.

They take the DataFrames of `pipeline.load_outputs(OUT)` ({kind: DataFrame}, typed by
pipeline.storage) and return DataFrames; notebooks/01-timeline.ipynb only calls them and draws.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.storage.tables import iso_date

# --- provenance joins ----------------------------------------------------------

def event_mentions(data: dict):
    """One row per (event, mention) link: event_id, doc_id, then the mention's columns."""
    ev = data["events"][["event_id", "doc_id", "mention_ids"]].explode("mention_ids")
    ev = ev.dropna(subset=["mention_ids"]).rename(columns={"mention_ids": "mention_id"})
    return ev.merge(data["mentions"], on=["doc_id", "mention_id"], how="left", validate="many_to_one")


def event_timexes(data: dict):
    """One row per (event, timex) link: event_id, doc_id, then the timex's columns."""
    ev = data["events"][["event_id", "doc_id", "timex_ids"]].explode("timex_ids")
    ev = ev.dropna(subset=["timex_ids"]).rename(columns={"timex_ids": "timex_id"})
    return ev.merge(data["timexes"], on=["doc_id", "timex_id"], how="left", validate="many_to_one")


def document_texts(corpus_dir: Path, data: dict | None = None) -> dict[str, str]:
    """{doc_id: text} decoded exactly as the pipeline did; with `data`, only
    documents whose content hash still matches the outputs."""
    from pipeline.ingest import iter_corpus

    want = None
    if data is not None:
        docs = data["documents"]
        want = dict(zip(docs["doc_id"], docs["sha256"]))
    texts = {}
    for doc in iter_corpus(Path(corpus_dir)):
        if doc.status == "ok" and (want is None or want.get(doc.doc_id) == doc.sha256):
            texts[doc.doc_id] = doc.text
    return texts


def event_sources(data: dict, texts: dict[str, str]):
    """Events with `source_sentence` = the document text at [sent_start, sent_end)
    (None when the document text is unavailable) and `trigger_surface`."""
    ev = data["events"].copy()

    def cut(row, s, e):
        text = texts.get(row["doc_id"])
        return None if text is None else text[int(row[s]):int(row[e])]

    ev["source_sentence"] = [cut(r, "sent_start", "sent_end") for _, r in ev.iterrows()]
    ev["trigger_surface"] = [cut(r, "trigger_start", "trigger_end") for _, r in ev.iterrows()]
    return ev


# --- aggregations for the notebook ---------------------------------------------

def display_names(mentions, lang: str = "en") -> dict[str, str]:
    """canonical_id → a readable name: the most frequent name_en (lang "en") or name_ja (lang "ja"),
    else the other language's name, else the id's slug."""
    cols = ("name_en", "name_ja") if lang == "en" else ("name_ja", "name_en")
    names: dict[str, str] = {}
    linked = mentions[mentions["canonical_id"].notna() & (mentions["canonical_id"] != "")]
    for cid, group in linked.groupby("canonical_id", sort=True, observed=True):
        names[cid] = cid.split(":", 1)[-1]
        for col in cols:
            vals = group[col].dropna()
            vals = vals[vals != ""]
            if len(vals):
                names[cid] = vals.value_counts().index[0]
                break
    return names


def event_periods(events):
    """Events with `year` and `decade` (nullable ints) when the event date falls
    within one year / one decade (1950-06 → 1950; 1960年代 → decade 1960 but no year)."""
    import pandas as pd

    ev = events.copy()
    lo, hi = ev["date_earliest"], ev["date_latest"]
    same_year = lo.dt.year == hi.dt.year
    same_decade = (lo.dt.year // 10) == (hi.dt.year // 10)
    ev["year"] = lo.dt.year.where(same_year).astype(pd.Int64Dtype())
    ev["decade"] = ((lo.dt.year // 10) * 10).where(same_decade).astype(pd.Int64Dtype())
    return ev


def events_per_year(events, by: str = "event_class"):
    """Year × `by` counts (rows: years with events, sorted; columns: the values of `by`, e.g.
    event_class or quad_class)."""
    import pandas as pd

    ev = event_periods(events).dropna(subset=["year"])
    classes = ev[by].astype("string").fillna("") if by in ev else pd.Series("", index=ev.index)
    table = pd.crosstab(ev["year"].astype(int), classes)
    table.index.name, table.columns.name = "year", by
    return table


def people_by_decade(data: dict, top: int = 5):
    """The `top` persons per decade by number of events: decade, rank, person, name, name_ja, events."""
    import pandas as pd

    ev = event_periods(data["events"]).dropna(subset=["decade"])
    rows = ev[["event_id", "decade", "persons"]].explode("persons").dropna(subset=["persons"])
    rows = rows[rows["persons"] != ""].drop_duplicates(["event_id", "persons"])
    names, names_ja = display_names(data["mentions"]), display_names(data["mentions"], lang="ja")
    counts = rows.groupby(["decade", "persons"]).size().reset_index(name="events")
    counts = counts.sort_values(["decade", "events", "persons"], ascending=[True, False, True])
    counts["rank"] = counts.groupby("decade").cumcount() + 1
    counts = counts[counts["rank"] <= top].rename(columns={"persons": "person"})
    counts["name"] = counts["person"].map(names).fillna(counts["person"])
    counts["name_ja"] = counts["person"].map(names_ja).fillna(counts["person"])
    cols = ["decade", "rank", "person", "name", "name_ja", "events"]
    out = counts[cols].reset_index(drop=True)
    out["decade"] = out["decade"].astype(int)
    return out.astype({"events": int, "rank": int}) if len(out) else pd.DataFrame(columns=cols)


def person_incident_table(data: dict, names: bool = True):
    """Persons × incidents: number of events whose sentence involves both."""
    import pandas as pd

    ev = data["events"][["event_id", "persons", "incidents"]]
    pairs = ev.explode("persons").explode("incidents").dropna(subset=["persons", "incidents"])
    pairs = pairs[(pairs["persons"] != "") & (pairs["incidents"] != "")].drop_duplicates()
    if names:
        lookup = display_names(data["mentions"])
        pairs = pairs.assign(persons=pairs["persons"].map(lambda c: lookup.get(c, c)),
                             incidents=pairs["incidents"].map(lambda c: lookup.get(c, c)))
    table = pd.crosstab(pairs["persons"], pairs["incidents"])
    table.index.name, table.columns.name = "person", "incident"
    return table


SUMMIT_PATTERN = r"首脳会談|首脳会議|サミット|[Ss]ummit"


def incident_summit_timeline(data: dict):
    """Dated occurrences of incidents (INCIDENT mentions) and summits (mentions
    whose surface names a summit): kind, key, name_ja, name_en, doc_id, date,
    event_id. A mention is dated by the event whose sentence contains it."""
    import pandas as pd

    m = data["mentions"]
    label = m["label"].astype(str)
    is_incident = label == "INCIDENT"
    is_summit = (~is_incident) & m["text"].str.contains(SUMMIT_PATTERN, regex=True, na=False)
    picked = m[is_incident | is_summit].assign(kind=["incident" if i else "summit" for i in
                                                    is_incident[is_incident | is_summit]])
    ev = event_periods(data["events"])[["event_id", "doc_id", "sent_start", "sent_end", "date_earliest",
                                        "date_latest"]]
    joined = picked.merge(ev, on="doc_id", how="inner")
    joined = joined[(joined["sent_start"] <= joined["start"]) & (joined["start"] < joined["sent_end"])]
    joined = joined.dropna(subset=["date_earliest"])
    cid = joined["canonical_id"].fillna("").astype(str)
    joined = joined.assign(key=cid.where(cid != "", joined["text"]),
                           date=joined["date_earliest"],
                           name_ja=joined["name_ja"].fillna("").where(joined["name_ja"].fillna("") != "",
                                                                      joined["text"]),
                           name_en=joined["name_en"].fillna(""))
    cols = ["kind", "key", "name_ja", "name_en", "doc_id", "date", "event_id", "mention_id"]
    out = joined[cols].drop_duplicates(["key", "event_id"]).sort_values(["date", "key"])
    return out.reset_index(drop=True) if len(out) else pd.DataFrame(columns=cols)


def timeline_points(data: dict, min_sources: int = 1):
    """The corpus timeline as points to plot: one `agreed` point per timeline row (at its earliest
    day, with how many documents report it and agree), and one `conflict` point per conflicting
    source date (doc_id and span of that source). Columns: timeline_id, label, kind, date,
    n_sources, n_agree, doc_span. Rows reported by fewer than `min_sources` documents are left out,
    unless they carry a conflict."""
    import pandas as pd

    cols = ["timeline_id", "label", "kind", "date", "n_sources", "n_agree", "doc_span"]
    t = data.get("timeline")
    if t is None or not len(t):
        return pd.DataFrame(columns=cols)
    keep = t[(t["n_sources"] >= min_sources) | (t["n_conflicts"] > 0)].dropna(subset=["date_earliest"])
    rows = []
    for r in keep.itertuples(index=False):
        rows.append((r.timeline_id, str(r.label), "agreed", r.date_earliest, int(r.n_sources), int(r.n_agree), ""))
        for c in r.conflicts or []:
            span, _, value = str(c).rpartition("=")
            day = iso_date(value) or iso_date(f"{value[:4]}-01-01" if value[:4].isdigit() else "")
            if day is not None:
                rows.append((r.timeline_id, str(r.label), "conflict", pd.Timestamp(day), int(r.n_sources),
                             int(r.n_agree), span))
    out = pd.DataFrame(rows, columns=cols)
    if not len(out):
        return pd.DataFrame(columns=cols)
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values(["date", "timeline_id", "kind"]).reset_index(drop=True)
