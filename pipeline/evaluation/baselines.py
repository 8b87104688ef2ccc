"""The baseline systems scored next to the pipeline, written in the pipeline's output contract.

- ginza_ene: the plain ja_ginza NER, its ENE labels mapped to ours (Person →
  PERSON, Ship → SHIP, Incident_* → INCIDENT), canonical_id = the surface.
- ja_timex: ja-timex alone for temporal expressions, its values rewritten in
  the TIMEX3 forms of the guidelines, nothing resolved beyond what it gives.

Each baseline goes to OUT/baselines/<name>/ with documents/mentions/timexes/events
.jsonl (events empty) and a system.json naming the tasks it answers and a
fingerprint of the corpus and code it was made from (to know when it is stale).
`python -m pipeline baselines CORPUS --out OUT` (`make baselines`) writes them;
`pipeline eval` only reads them.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from pipeline.chunking import chunk_text
from pipeline.ingest import Document, iter_corpus, list_corpus

BASELINES = ("ginza_ene", "ja_timex")
BASELINE_TASKS = {"ginza_ene": ["mentions"], "ja_timex": ["timexes"]}
ENE_LABELS = {"Person": "PERSON", "Ship": "SHIP"}  # plus every Incident_* → INCIDENT
TIMEX_MODS = {"START", "MID", "END", "APPROX", "BEFORE", "AFTER"}
JA_TIMEX_MODS = {"ON_OR_BEFORE": "BEFORE", "ON_OR_AFTER": "AFTER"}  # others (NOW, ...) have no TIMEX3 mod

_FULL_DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$")
_CENTURY = re.compile(r"^(\d{2})XX$")
_CLOCK = re.compile(r"^T(\d{2}|XX)-(\d{2}|XX)-(\d{2}|XX)$")

_NLP = None


# ---------------------------------------------------------------- ginza_ene


def ene_label(label: str) -> str | None:
    """Our label for a GiNZA ENE label, None when it is not scored."""
    if label in ENE_LABELS:
        return ENE_LABELS[label]
    if label.startswith("Incident"):
        return "INCIDENT"
    return None


def _ginza():
    global _NLP
    if _NLP is None:
        import spacy

        _NLP = spacy.load("ja_ginza")
    return _NLP


def ginza_ene_mentions(doc: Document, nlp=None) -> list[dict]:
    """Mentions from raw ja_ginza NER over Sudachi-sized chunks, offsets rebased to the document."""
    nlp = nlp or _ginza()
    text = doc.text
    chunks = chunk_text(text)
    out: list[dict] = []
    sent_base = 0
    for (offset, piece), sdoc in zip(chunks, nlp.pipe(piece for _, piece in chunks)):
        sent_of = {}
        n_sents = 0
        for i, sent in enumerate(sdoc.sents):
            n_sents += 1
            for tok in sent:
                sent_of[tok.i] = sent_base + i
        for ent in sdoc.ents:
            label = ene_label(ent.label_)
            if label is None:
                continue
            start, end = offset + ent.start_char, offset + ent.end_char
            if text[start:end] != ent.text:  # GiNZA keeps doc.text == input; never emit a shifted span
                continue
            out.append({
                "doc_id": doc.doc_id, "mention_id": "", "label": label, "text": ent.text,
                "start": start, "end": end, "sent_id": sent_of.get(ent.start, ""), "canonical_id": ent.text,
                "name_ja": ent.text if doc.lang == "ja" else "", "name_en": ent.text if doc.lang == "en" else "",
                "source": f"ginza_ene:{ent.label_}", "confidence": "",
            })
        sent_base += n_sents
    out.sort(key=lambda m: (m["start"], m["end"], m["label"]))
    for i, m in enumerate(out):
        m["mention_id"] = f"{doc.doc_id}#m{i}"
    return out


# ---------------------------------------------------------------- ja_timex


def ja_timex_value(ttype: str, value: str) -> str:
    """ja-timex's value in the guidelines' TIMEX3 form.

    2018-06-XX → 2018-06, 1990-XX-XX → 1990, XXXX-08-05 stays, 18XX (19世紀)
    → 18, T15-30-XX → T15:30; durations and sets (P13D) are already ISO.
    """
    value = value or ""
    if ttype == "DATE":
        m = _FULL_DATE.match(value)
        if m:
            year, month, day = m.groups()
            if day == "XX" and month == "XX":
                return year
            if day == "XX":
                return f"{year}-{month}"
            return value
        m = _CENTURY.match(value)
        if m:
            return m.group(1)
    if ttype == "TIME":
        m = _CLOCK.match(value)
        if m:
            hour, minute, second = m.groups()
            return f"T{hour}:{minute}" + ("" if second == "XX" else f":{second}")
    return value


def ja_timex_mod(mod: str | None) -> str:
    mod = mod or ""
    mod = JA_TIMEX_MODS.get(mod, mod)
    return mod if mod in TIMEX_MODS else ""


def ja_timex_timexes(doc: Document) -> list[dict]:
    """Timexes from ja-timex alone; spans it cannot map back to the original text exactly are dropped."""
    from ja_timex import TimexParser
    from ja_timex.number_normalizer import NumberNormalizer

    text = doc.text
    checker = NumberNormalizer()
    out: list[dict] = []
    seen = set()
    for tx in TimexParser().parse(text):
        if not tx.raw_span:
            continue
        start, end = tx.raw_span
        surface = text[start:end]
        # ja-timex works on a number-normalized copy: its span is right only if the
        # original surface normalizes back to the text it matched
        if not surface or (surface != tx.text and checker.normalize(surface) != tx.text):
            continue
        if (start, end) in seen:
            continue
        seen.add((start, end))
        out.append({
            "doc_id": doc.doc_id, "timex_id": "", "text": surface, "start": start, "end": end,
            "type": tx.type, "value": ja_timex_value(tx.type, tx.value), "mod": ja_timex_mod(tx.mod),
            "earliest": "", "latest": "", "anchor_timex_id": "", "calendar": "", "value_as_written": "",
        })
    out.sort(key=lambda t: (t["start"], t["end"]))
    for i, t in enumerate(out):
        t["timex_id"] = f"{doc.doc_id}#t{i}"
    return out


# ---------------------------------------------------------------- running


def _code_version() -> str:
    """What the baselines' output depends on besides the corpus: this file, the modules it reads the corpus
    with (ingest, chunking) and the packages."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in [Path(__file__), package / "chunking.py", *sorted((package / "ingest").glob("*.py"))]:
        h.update(path.read_bytes())
    for package in ("ginza", "ja_ginza", "ja-timex", "SudachiPy", "spacy"):
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}=?".encode())
    return h.hexdigest()


def corpus_fingerprint(corpus_dir: Path) -> str:
    """sha256 over the corpus files' relative paths and contents (content, not mtimes: checkouts touch mtimes)."""
    corpus_dir = Path(corpus_dir)
    h = hashlib.sha256()
    for path in list_corpus(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix() if path.is_relative_to(corpus_dir) else path.name
        h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    meta = corpus_dir / "metadata.csv"
    if meta.is_file():
        h.update(b"metadata.csv\0" + hashlib.sha256(meta.read_bytes()).digest())
    return h.hexdigest()


def _fingerprint(corpus_dir: Path) -> str:
    return hashlib.sha256(f"{corpus_fingerprint(corpus_dir)}:{_code_version()}".encode()).hexdigest()


def baseline_dir(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / "baselines" / name


def stale_baselines(corpus_dir: Path, out_dir: Path, names: Iterable[str] = BASELINES) -> list[str]:
    """The named baselines that are missing, or made from another corpus content or another version of the code."""
    want = _fingerprint(corpus_dir)
    stale = []
    wanted = set(names)
    for name in [n for n in BASELINES if n in wanted]:
        info = baseline_dir(out_dir, name) / "system.json"
        try:
            have = json.loads(info.read_text(encoding="utf-8")).get("fingerprint")
        except (OSError, ValueError):
            have = None
        if have != want:
            stale.append(name)
    return stale


def _write_jsonl(path: Path, records: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")


def _extractors() -> dict[str, tuple[str, Callable[[Document], list[dict]]]]:
    return {"ginza_ene": ("mentions", ginza_ene_mentions), "ja_timex": ("timexes", ja_timex_timexes)}


def run_baselines(corpus_dir: Path, out_dir: Path, names: Iterable[str] = BASELINES) -> dict[str, Path]:
    """Run the named baselines over the corpus into OUT/baselines/<name>/; returns {name: dir}."""
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    wanted = set(names)
    names = [n for n in BASELINES if n in wanted]
    fingerprint = _fingerprint(corpus_dir)
    docs = list(iter_corpus(corpus_dir))
    written = {}
    for name in names:
        task, extract = _extractors()[name]
        records = {"mentions": [], "timexes": [], "events": []}
        for doc in docs:
            if doc.status == "ok" and doc.text:
                records[task].extend(extract(doc))
        target = baseline_dir(out_dir, name)
        target.mkdir(parents=True, exist_ok=True)
        (target / "system.json").unlink(missing_ok=True)
        _write_jsonl(target / "documents.jsonl", (d.record() for d in docs))
        for kind, recs in records.items():
            _write_jsonl(target / f"{kind}.jsonl", recs)
        # written last: a crash midway leaves the baseline stale, never falsely fresh
        (target / "system.json").write_text(
            json.dumps({"name": name, "tasks": BASELINE_TASKS[name], "fingerprint": fingerprint},
                       sort_keys=True, indent=2) + "\n", encoding="utf-8")
        written[name] = target
    return written

