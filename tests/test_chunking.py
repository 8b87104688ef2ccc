import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.chunking import SUDACHI_MAX_BYTES, chunk_text, split_sentences
from pipeline.entities.kb import norm_char, normalized_view
from pipeline.normalize import normalize

from .conftest import CORPUS


def _check(text, max_bytes=40000):
    chunks = chunk_text(text, max_bytes)
    assert "".join(c for _, c in chunks) == text
    pos = 0
    for off, piece in chunks:
        assert off == pos and text[off:off + len(piece)] == piece
        assert len(piece.encode("utf-8")) <= min(max_bytes, SUDACHI_MAX_BYTES)
        pos += len(piece)
    return chunks


def test_seed_splits_at_paragraphs():
    text = (CORPUS / "wikipedia-ja-us-dprk-relations.txt").read_text(encoding="utf-8")
    chunks = _check(text)
    assert len(chunks) >= 2
    for off, _ in chunks[1:]:
        assert text[off - 1] == "\n"


def test_one_megabyte_single_line():
    text = "北朝鮮は1950年6月25日に南へ侵攻した、" * 40000  # no newline, no 。
    assert len(text.encode("utf-8")) > 1_000_000
    chunks = _check(text)
    assert all(piece.endswith("、") for _, piece in chunks[:-1])


def test_no_break_point_at_all():
    _check("あ" * 100_000, max_bytes=3000)
    _check("😀" * 5000 + "x", max_bytes=3000)


def test_crlf_never_split():
    text = ("行\r\n" * 30000)
    for off, piece in _check(text, max_bytes=1000):
        assert not piece.startswith("\n")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("米朝関係\n\nアメリカ。次に韓国！", ["米朝関係", "アメリカ。", "次に韓国！"]),
        ("「行く。」と言った。", ["「行く。」", "と言った。"]),
        ("  前後に空白。  \r\n終わり", ["前後に空白。", "終わり"]),
    ],
)
def test_split_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_normalized_view_maps_back():
    text = "２０１８年６月１２日、ＵＳＳプエブロ号 ㍻30年"
    norm = normalize(text)
    assert norm.text.startswith("2018年6月12日、USSプエブロ号")
    s = norm.text.index("2018年6月12日")
    os_, oe = norm.orig_span(s, s + len("2018年6月12日"))
    assert text[os_:oe] == "２０１８年６月１２日"
    s = norm.text.index("平成")
    os_, oe = norm.orig_span(s, s + 2)
    assert text[os_:oe] == "㍻"


# Both normalizers copy runs of unchanged characters whole; they must equal the plain
# one-character-at-a-time definitions on any text.
_MIXED = st.text(alphabet=st.sampled_from(list("ａ１ＡＢab（）　・ｶﾞﾟ゛\u3099\u309aカハ漢あア-－.= 、。「」①㍻ﬁ\u0301e😀"))
                 | st.characters(), max_size=40)


def _nfkc_per_char(text):
    out, origin = [], []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch)
        out.append(n)
        origin.extend([i] * len(n))
    return "".join(out), tuple(origin) + (len(text),)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_normalize_equals_per_character_nfkc(text):
    norm = normalize(text)
    assert (norm.text, norm.origin) == _nfkc_per_char(text)


def _kb_view_per_char(text):
    chars, first, last = [], [], []
    for i, c in enumerate(text):
        n = norm_char(c)
        if n in ("\u3099", "\u309a") and chars:
            merged = unicodedata.normalize("NFC", chars[-1] + n)
            if len(merged) == 1:
                chars[-1], last[-1] = merged, i
                continue
        for ch in n:
            chars.append(ch)
            first.append(i)
            last.append(i)
    return "".join(chars), first, last


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_kb_view_equals_per_character_definition(text):
    assert normalized_view(text) == _kb_view_per_char(text)


def test_kb_view_joins_a_mark_to_the_end_of_a_run():
    view, first, last = normalized_view("カタカﾞ")
    assert view == "カタガ" and first == [0, 1, 2] and last == [0, 1, 3]
