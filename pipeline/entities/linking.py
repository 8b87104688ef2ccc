"""Document-level linking: canonical ids, short forms, repeated names, ambiguous names.

- Names found once by a rule are found again wherever they recur in the document (same surface).
- A short form links to the full form seen in the document: トランプ -> ドナルド・トランプ (and is found
  wherever it occurs, also without the KB).
- Ambiguous KB aliases (ブッシュ: father or son; クリントン: Bill or Hillary) are scored by the unambiguous
  mentions of each candidate nearby, the years written nearby (KB `active`), and title words next to the
  name (KB `roles`); a close call keeps the KB prior with low confidence.
- Names in no KB get a deterministic ASCII id from their Hepburn romanization (person:togo-heihachiro), so
  spelling variants (ジョージW.ブッシュ / ジョージ・W・ブッシュ) and scripts (東郷平八郎 / Togo Heihachiro)
  share one id across documents; a kanji surname or given name alone (東郷, 龍馬) links to the full name
  in the document that it shortens.
- name_en comes from the KB (name_en_source "kb"), else from a Latin-script mention of the same entity in
  the document ("text"), else from the romanization ("romanized").
"""
from __future__ import annotations

import re

from pipeline.records import id_prefixes, scored_labels

from .candidates import sentence_bounds
from .expansion import expand_mentions, given_forms, short_form
from .incidents import entity_incident_rules, quoted_other_names
from .kb import KnowledgeBase
from .loader import EntityResources
from .not_persons import drop_non_individuals
from .overlaps import resolve_overlaps
from .persons import listed_people
from .plausibility import DatedYears, out_of_time
from .readings import nested_ship_readings, reading_mentions
from .romanize import display, slug
from .variants import (
    link_aliases,
    link_english_aliases,
    link_formal_names,
    link_longer_names,
    link_renamed_ships,
    person_readings,
)

_PUBLIC = ("label", "start", "end", "text", "source", "canonical_id", "name_ja", "name_en", "name_en_source",
           "confidence")
_KANJI_NAME = re.compile(r"[一-龥々ヶ]+(?:[ \u3000][一-龥々ヶ]+)?")
_LATIN = re.compile(r"[\x00-\x7f\u00c0-\u024f]+")  # Latin script, with diacritics (Shōgen)
_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")


_NUMBER_FIRST = re.compile(r"No\.\s?(\d+)\s+(.+\sMaru)")


def unknown_id(label: str, name: str) -> str:
    if label == "SHIP" and (m := _NUMBER_FIRST.fullmatch(name)):
        name = f"{m.group(2)} No. {m.group(1)}"  # No. 10 Yuyo Maru is Yuyo Maru No. 10
    return f"{id_prefixes().get(label, label.lower())}:{slug(name)}"


def _score(kb: KnowledgeBase, cid: str, m: dict, text: str, sure_positions: dict[str, list[int]]) -> float:
    ent = kb.get(cid)
    score = -0.001 * ent.order
    pos = sure_positions.get(cid, [])
    if pos:
        d = min(abs(p - m["start"]) for p in pos)
        score += 2.0 * max(0.0, 1.0 - d / 4000.0) + 0.5
    if ent.active:
        lo, hi = ent.active
        win = text[max(0, m["start"] - 250): m["end"] + 250]
        years = [int(y) for y in _YEAR.findall(win)]
        for y in years[:6]:
            score += 0.6 if lo - 1 <= y <= hi + 1 else -0.2
    ctx = text[max(0, m["start"] - 15): m["start"]] + "|" + text[m["end"]: m["end"] + 8]
    if any(r in ctx for r in ent.roles):
        score += 0.8
    return score


def link_mentions(mentions: list[dict], text: str, resources: EntityResources,
                  timexes: list[dict] | None = None) -> list[dict]:
    """Document-level pass: expand, resolve overlaps, fill canonical_id/name_ja/name_en/confidence
    (with the knowledge base of `resources`, none when its configuration has use_kb false). `timexes`, the
    dates stage's records of the text, keep a bare alias from a KB person of another age."""
    kb = resources.kb
    linked = scored_labels()  # the labels that get canonical ids
    mentions = mentions + listed_people(text, mentions)  # 光太夫、小市、磯吉の3人: before the repeats are found
    ms = drop_non_individuals(text, expand_mentions(mentions, text, resources.lexicon), resources.lexicon)
    named = entity_incident_rules(text, ms)  # needs the repeated mentions expand_mentions adds
    readings = reading_mentions(text, named, resources.lexicon)
    ms += named + readings + nested_ship_readings(text, ms + named + readings)
    # weak KB aliases (天安, ロナルド・レーガン as a ship) count only if the referent is confirmed elsewhere
    confirmed = {c for m in ms if not m.get("_weak") for c in (m.get("_candidates") or [])[:1]}
    confirmed |= {(m["label"], m["text"]) for m in ms if not m.get("_weak")}
    ms = [m for m in ms if not m.get("_weak") or (m["label"], m["text"]) in confirmed
          or any(c in confirmed for c in m.get("_candidates") or [])]
    ms = _keep_marked_weak_names(ms, text)
    ms = resolve_overlaps(ms)

    # rule mentions whose surface is a KB name get the KB candidates
    if kb is not None:
        for m in ms:
            if not m.get("_candidates") and m["label"] in linked:
                ents = [e for e in kb.lookup(m["text"]) if e.type == m["label"]]
                if not ents and m["label"] == "PERSON":
                    ents = [e for v in _latin_variants(m["text"]) for e in kb.lookup(v) if e.type == "PERSON"]
                if ents:
                    m["_candidates"] = [e.id for e in ents]
        dated = DatedYears(timexes or [])
        for m in ms:
            c = m.get("_candidates") or []
            if m["label"] == "PERSON" and len(c) == 1:
                ent = kb.get(c[0])
                if ent is not None and m["text"] not in (ent.name_ja, ent.name_en) \
                        and out_of_time(ent.active, dated.near(*sentence_bounds(text, m["start"], m["end"]))):
                    m["_candidates"] = []
    sure_positions: dict[str, list[int]] = {}  # where each entity is named without ambiguity
    for m in ms:
        c = m.get("_candidates") or []
        if len(c) == 1:
            sure_positions.setdefault(c[0], []).append(m["start"])

    # full forms first, so short forms can link to them
    ids: dict[int, tuple[str, float]] = {}
    full_by_short: dict[str, list[tuple[int, str]]] = {}
    for n, m in enumerate(ms):
        c = m.get("_candidates") or []
        if m["label"] not in linked:
            continue
        if len(c) == 1:
            ids[n] = (c[0], max(m.get("confidence", 0.9), 0.9) if m["source"] == "kb" else 0.85)
        elif len(c) > 1:
            scored = sorted(((_score(kb, x, m, text, sure_positions), x) for x in c), reverse=True)
            gap = scored[0][0] - scored[1][0]
            ids[n] = (scored[0][1], 0.9 if gap >= 1.0 else 0.75 if gap >= 0.3 else 0.5)
        if m["label"] == "PERSON" and n in ids:
            sf = short_form(m["text"], resources.lexicon)
            if sf:
                full_by_short.setdefault(sf, []).append((m["start"], ids[n][0]))
    # unknown full forms get their own ids
    for n, m in enumerate(ms):
        if n in ids or m["label"] not in linked:
            continue
        sf = short_form(m["text"], resources.lexicon)
        if m["label"] == "PERSON" and sf:
            cid = unknown_id("PERSON", m["text"])
            ids[n] = (cid, m.get("confidence", 0.7))
            full_by_short.setdefault(sf, []).append((m["start"], cid))
    # a given name alone (マリ) links to the one full name of the document it starts (マリ・キュリー)
    for first, name in given_forms([m["text"] for m in ms if m["label"] == "PERSON"], resources.lexicon).items():
        full_by_short.setdefault(first, []).extend(
            (m["start"], ids[n][0]) for n, m in enumerate(ms) if m["text"] == name and n in ids)
    for n, m in enumerate(ms):
        if m["label"] not in linked:
            continue
        single_kb = len(m.get("_candidates") or []) == 1
        options = full_by_short.get(m["text"]) if m["label"] == "PERSON" else None
        if options and single_kb and any(cid == m["_candidates"][0] for _, cid in options):
            options = None  # the KB's referent is the one the document names in full
        if options:
            ids[n] = _bearer(options, m["start"], text, latin=bool(_LATIN.fullmatch(m["text"])))
        elif n not in ids:
            ids[n] = (unknown_id(m["label"], m["text"]), m.get("confidence", 0.6))
    # '天安の事件' is a short form of a named incident in the document that contains 天安 (天安沈没事件)
    for n, m in enumerate(ms):
        if m.get("source") == "rule:incident-of-entity":
            core = m["text"][:-3]
            fuller = [(abs(o["start"] - m["start"]), k) for k, o in enumerate(ms)
                      if k != n and o["label"] == "INCIDENT" and core in o["text"] and k in ids
                      and o.get("source") != "rule:incident-of-entity"]
            if fuller:
                ids[n] = (ids[min(fuller)[1]][0], 0.75)
    _link_kanji_short_forms(ms, ids, text)
    _link_reversed_latin(ms, ids, kb)
    link_aliases(ms, ids, text, resources.lexicon)
    link_longer_names(ms, ids, kb)
    link_renamed_ships(ms, ids, text)
    link_english_aliases(ms, ids, text)
    link_formal_names(ms, ids)
    _link_incident_variants(ms, ids, kb)
    # readings share the id of the name they follow
    by_span = {(m["start"], m["end"]): n for n, m in enumerate(ms)}
    for n, m in enumerate(ms):
        ro = m.get("_reading_of")
        if ro and tuple(ro) in by_span and by_span[tuple(ro)] in ids:
            ids[n] = ids[by_span[tuple(ro)]]
    for other, topic in quoted_other_names(text, ms):  # 「…事故」とも呼ばれる: one incident, one id
        a, b = by_span.get(other), by_span.get(topic)
        if a in ids and b in ids and ids[a][0] != ids[b][0]:
            old_id = ids[a][0]
            for k, (cid, conf) in list(ids.items()):
                if cid == old_id:
                    ids[k] = (ids[b][0], conf)
    readings = person_readings(ms, ids, kb, unknown_id)

    out = []
    for n, m in enumerate(ms):
        d = {k: m.get(k) for k in _PUBLIC}
        d["name_en_source"] = ""
        if n in ids:
            cid, conf = ids[n]
            d["canonical_id"] = cid
            d["confidence"] = round(float(conf), 3)
            ent = kb.get(cid) if kb is not None else None
            if ent is not None and ent.name_en:
                d["name_ja"], d["name_en"], d["name_en_source"] = ent.name_ja, ent.name_en, "kb"
            else:
                d["name_ja"] = _display(ms, ids, cid, latin=False)
                d["name_en"] = _display(ms, ids, cid, latin=True)
                d["name_en_source"] = "text"
                if not d["name_en"]:
                    d["name_en"], d["name_en_source"] = display(readings.get(cid) or d["name_ja"] or m["text"]), "romanized"
        else:
            d["canonical_id"] = None
            d["confidence"] = round(float(m.get("confidence", 0.5)), 3)
        out.append(d)
    return out


def _keep_marked_weak_names(ms: list[dict], text: str) -> list[dict]:
    """An incident named by common words (下山事件) stands when the document marks it as a name: in
    brackets or quotes, in a list of incidents, or twice."""
    weak = [m for m in ms if m.get("_weak_name")]
    if not weak:
        return ms
    places: dict[str, set] = {}
    for m in ms:
        if m["label"] == "INCIDENT":
            places.setdefault(m["text"], set()).add(m["start"])
    counts = {t: len(p) for t, p in places.items()}
    keep = set()
    for m in weak:
        before, after = text[m["start"] - 1:m["start"]], text[m["end"]:m["end"] + 1]
        marked = before in "(（「『・" and after in ")）」』・" or before == "・" or after == "・"
        if marked or counts[m["text"]] >= 2:
            keep.add(id(m))
    return [m for m in ms if not m.get("_weak_name") or id(m) in keep]


def _bearer(options: list[tuple[int, str]], pos: int, text: str, latin: bool = False) -> tuple[str, float]:
    """The referent of a family name alone (キュリー) among the full names of the document that end in it
    ((position, id) pairs): with one bearer, that one; with several (マリ・キュリー, ピエール・キュリー,
    エーヴ・キュリー), the one named in full earlier in the same sentence, else the first one the document
    introduced, its subject: an article calls its subject by the family name and the others by their
    full or given names."""
    before = [o for o in options if o[0] <= pos]
    if not before:
        return min(options)[1], 0.75
    if len({cid for _, cid in options}) == 1:
        return max(before)[1], 0.85
    start, _ = sentence_bounds(text, pos, pos)
    if latin:  # an English sentence ends at . ! ? too
        start = max([start] + [start + x.end() for x in re.finditer(r"[.!?](?=\s)", text[start:pos])])
    here = [o for o in before if o[0] >= start]
    return (max(here)[1], 0.85) if here else (min(before)[1], 0.7)


def _compact(name: str) -> str:
    return name.replace(" ", "").replace("\u3000", "")


def _link_kanji_short_forms(ms: list[dict], ids: dict[int, tuple[str, float]], text: str) -> None:
    """A kanji surname or given name alone (東郷, 龍馬; also before a title, which stays outside the span)
    takes the id of the full name it begins or ends in the document: the one person so named, else as a
    family name shared by several (坂本龍馬, 坂本八平) is read (_bearer: the same sentence's, else the subject)."""
    fulls = [(m["start"], k, _compact(m["text"])) for k, m in enumerate(ms)
             if m["label"] == "PERSON" and k in ids and _KANJI_NAME.fullmatch(m["text"])
             and len(_compact(m["text"])) >= 2]
    if not fulls:
        return
    for n, m in enumerate(ms):
        t = m["text"]
        if m["label"] != "PERSON" or n not in ids or not _KANJI_NAME.fullmatch(t) or len(t) > 3 or " " in t:
            continue
        options = [(s, k) for s, k, full in fulls
                   if k != n and len(full) > len(t) and (full.startswith(t) or full.endswith(t))]
        if not options:
            continue
        before = [o for o in options if o[0] <= m["start"]]
        if len({ids[k][0] for _, k in options}) > 1 and before:
            ids[n] = (_bearer([(s, ids[k][0]) for s, k in options], m["start"], text)[0], 0.75)
            continue
        _, k = max(before) if before else min(options)
        ids[n] = (ids[k][0], 0.8 if before else 0.7)


_INCIDENT_HEAD = re.compile(r"(?:の政変|の変|の乱|事件|事故|事変|騒動|一揆|政変)$")


_INCIDENT_HEAD_EN = re.compile(r"\s+(?:incident|affair|scandal|crisis)$", re.IGNORECASE)


def _incident_core(name: str) -> str:
    """The name without its head: 池田屋事件 → 池田屋, the Lockheed affair / scandal → Lockheed."""
    core = _INCIDENT_HEAD.sub("", _INCIDENT_HEAD_EN.sub("", name))
    return re.sub(r"[艦号]$", "", core) if len(core) > 2 else core


def _link_incident_variants(ms: list[dict], ids: dict[int, tuple[str, float]], kb) -> None:
    """Names of one incident in a document: the same place with another head (池田屋事件 / 池田屋事変, Lockheed
    affair / Lockheed scandal,
    島原の乱 / 島原・天草一揆) or with a second party joined by ・ (千島艦事件 / 千島・ラヴェンナ号事件)."""
    incs = [(m["start"], n, _incident_core(m["text"])) for n, m in enumerate(ms)
            if m["label"] == "INCIDENT" and n in ids and m.get("source") != "rule:reading"]
    if len(incs) < 2:
        return
    incs.sort()
    known = {c for c, _ in ids.values() if kb is not None and kb.get(c) is not None}
    groups: list[list[tuple[int, str]]] = []
    for _, n, core in incs:
        if len(core) < 2:
            continue
        for g in groups:
            gcore = g[0][1]
            if core == gcore or core.startswith(gcore + "・") or gcore.startswith(core + "・"):
                g.append((n, core))
                break
        else:
            groups.append([(n, core)])
    for g in groups:
        cids = list(dict.fromkeys(ids[n][0] for n, _ in g))
        if len(cids) < 2 or len([c for c in cids if c in known]) > 1:
            continue  # two incidents the KB tells apart stay apart
        rep = next((c for c in cids if c in known), cids[0])
        for n, _ in g:
            ids[n] = (rep, min(ids[n][1], 0.8))


def _link_reversed_latin(ms: list[dict], ids: dict[int, tuple[str, float]], kb=None) -> None:
    """Heihachiro Togo (given name first, as English text writes it) shares the id of 東郷平八郎 (or of Tōgō
    Heihachirō): of an id and its reversed form (or one written with other hyphens: Abdul Hamid II /
    Abdülhamid II) in one document, the knowledge base's, else the one named first."""
    first: dict[str, int] = {}
    for n in sorted(ids, key=lambda k: ms[k]["start"]):
        first.setdefault(ids[n][0], ms[n]["start"])
    known = {c for c in first if kb is not None and kb.get(c) is not None}

    def rank(c: str) -> tuple:
        return (c not in known, first[c])

    def key(c: str) -> str:
        return c.replace("-", "")

    compact: dict[tuple[str, str], list[str]] = {}
    for c in first:
        compact.setdefault((c.partition(":")[0], key(c)), []).append(c)
    for n, m in enumerate(ms):
        if m["label"] != "PERSON" or n not in ids or not _LATIN.fullmatch(m["text"]):
            continue
        cid = ids[n][0]
        prefix, _, body = cid.partition(":")
        parts = body.split("-")
        options = [cid] + [c for c in compact.get((prefix, key(cid)), []) if c != cid and c not in known]
        if len(parts) == 2:
            alt = f"{prefix}:{parts[1]}-{parts[0]}"
            if alt in first:
                options.append(alt)
        best = min(options, key=rank)
        if best != cid and cid not in known:
            ids[n] = (best, ids[n][1])


def _latin_variants(name: str) -> list[str]:
    """Matthew Calbraith Perry → Matthew C. Perry, Matthew Perry; A. Carl Kotchian → Carl Kotchian: the forms a
    knowledge base may list for a Latin-script name with a middle name or a leading initial."""
    ws = name.split()
    if len(ws) < 3 or not _LATIN.fullmatch(name):
        return []
    out = []
    if re.fullmatch(r"[A-Z]\.", ws[0]):
        out.append(" ".join(ws[1:]))
    if len(ws) == 3 and len(ws[1]) > 2 and ws[1][0].isupper():
        out += [f"{ws[0]} {ws[1][0]}. {ws[2]}", f"{ws[0]} {ws[2]}"]
    return out


def _display(ms, ids, cid, latin: bool) -> str | None:
    names = [ms[n]["text"] for n, (c, _) in ids.items() if c == cid and (latin or not ms[n].get("_reading_of"))]
    names = [x for x in names if bool(_LATIN.fullmatch(x)) == latin]
    return max(names, key=len) if names else None
