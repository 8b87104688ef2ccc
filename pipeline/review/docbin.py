"""A spaCy DocBin of gold-shaped documents (`export-annotations --format spacy`), for training."""
from __future__ import annotations


def docbin_bytes(documents: list[dict]) -> bytes:
    """A spaCy DocBin for training: doc.ents = the mentions (kb_id = canonical id), doc.spans["sc"] =
    mentions and timexes, on Docs tokenized by spaCy's Japanese tokenizer (SudachiPy)."""
    import spacy
    from spacy.tokens import Doc, DocBin
    from spacy.util import filter_spans

    from pipeline.chunking import chunk_text

    nlp = spacy.blank("ja")
    bin_ = DocBin(store_user_data=False)
    for d in documents:
        pieces = sorted(chunk_text(d["text"]))  # SudachiPy takes at most 49,149 bytes at a time
        doc = Doc.from_docs([nlp.make_doc(p) for _, p in pieces], ensure_whitespace=False)
        if doc.text != d["text"]:
            raise ValueError(f"{d['doc_id']}: the tokenized pieces do not give the text back")
        ments = [doc.char_span(m["start"], m["end"], label=m["label"], kb_id=m.get("canonical_id") or "",
                               alignment_mode="expand") for m in d.get("mentions", [])]
        tims = [doc.char_span(t["start"], t["end"], label=t["type"], alignment_mode="expand")
                for t in d.get("timexes", [])]
        ments = [s for s in ments if s is not None]
        doc.ents = filter_spans(ments)
        doc.spans["sc"] = ments + [s for s in tims if s is not None]
        bin_.add(doc)
    return bin_.to_bytes()
