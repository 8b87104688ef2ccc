"""The fast path must not change what the model says."""
import pytest
import spacy

from pipeline.nlp import model_ops, ner_keep_labels, prune_ner

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
    with model_ops(False):
        nlp = spacy.load("ja_ginza")
    return _annotations(nlp.pipe(sample))


def test_matmul_ops_give_identical_annotations(sample, bare):
    with model_ops(True):
        nlp = spacy.load("ja_ginza")
    assert _annotations(nlp.pipe(sample)) == bare


def test_pruned_ner_keeps_every_kept_label_entity(sample, bare):
    with model_ops(True):
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


def test_tensor_released_and_model_clock_passes_docs_through(sample, nlp):
    """The pipeline's docs carry no tok2vec tensor; the bench's clock changes nothing it times."""
    plain = list(nlp.pipe(sample))
    assert all(d.tensor.size == 0 for d in plain)
    clock = nlp.add_pipe("model_clock", before="release_tensor")
    try:
        clocked = list(nlp.pipe(sample))
    finally:
        nlp.remove_pipe("model_clock")
    assert _annotations(clocked) == _annotations(plain)
    assert [d._.entity_mentions for d in clocked] == [d._.entity_mentions for d in plain]
    assert clock.seconds > 0
