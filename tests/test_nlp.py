"""The fast path must not change what the model says."""
import pytest
import spacy

from pipeline.nlp import ner_keep_labels, prune_ner, use_fast_ops

from .conftest import CORPUS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample():
    text = (CORPUS / "wikipedia-ja-us-dprk-relations.txt").read_text(encoding="utf-8")
    return [text[:6000], text[8000:14000]]


def _annotations(docs, labels=None):
    return [
        ([(t.text, t.head.i, t.dep_, t.pos_, t.lemma_) for t in d],
         [(e.start_char, e.end_char, e.label_) for e in d.ents if labels is None or e.label_ in labels])
        for d in docs
    ]


@pytest.fixture(scope="module")
def bare(sample):
    use_fast_ops(False)
    nlp = spacy.load("ja_ginza")
    return _annotations(nlp.pipe(sample))


def test_matmul_ops_give_identical_annotations(sample, bare):
    use_fast_ops(True)
    nlp = spacy.load("ja_ginza")
    assert _annotations(nlp.pipe(sample)) == bare


def test_pruned_ner_keeps_every_kept_label_entity(sample, bare):
    use_fast_ops(True)
    nlp = spacy.load("ja_ginza")
    before, after = prune_ner(nlp, ner_keep_labels())
    assert after < before / 4
    pruned = _annotations(nlp.pipe(sample))
    keep = ner_keep_labels()
    for (tokens_full, ents_full), (tokens_pruned, ents_pruned) in zip(bare, pruned):
        assert tokens_pruned == tokens_full  # parse untouched
        kept = {e for e in ents_full if e[2] in keep}
        core = {e for e in kept if e[2] in ("Person", "Ship", "Incident_Other", "Country")}
        assert core <= set(ents_pruned)
        assert len(kept & set(ents_pruned)) >= 0.97 * len(kept)
        assert {"Person", "Country"} <= {e[2] for e in ents_pruned}
