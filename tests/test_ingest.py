import pytest

from pipeline.ingest import DecodeError, decode_bytes, detect_lang, iter_corpus, read_document

JA = "米朝首脳会談は2018年6月12日にシンガポールで開かれた。金正恩委員長とトランプ大統領が署名した。"


@pytest.mark.parametrize(
    "raw, encoding",
    [
        (JA.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + JA.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + JA.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + JA.encode("utf-16-be"), "utf-16"),
        (JA.encode("shift_jis"), "cp932"),
        ((JA + "①髙").encode("cp932"), "cp932"),
        (JA.encode("euc_jp"), "euc_jp"),
    ],
)
def test_decode_each_encoding(raw, encoding):
    text, enc = decode_bytes(raw)
    assert enc == encoding
    assert text.startswith(JA)
    assert not text.startswith("\ufeff")
    # the recorded encoding reproduces the text the offsets index
    again = raw.decode(enc)
    assert (again.removeprefix("\ufeff")) == text


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
        (b"PK\x03\x04" + bytes(100), "zip"),
        (bytes(range(256)) * 4, "binary"),
        (b"\xff\xfe\x00\xd8", "utf-16"),  # BOM then a lone surrogate
        (b"abc \x80\x81\xfe\xfe\xff invalid", "not valid UTF-8"),
    ],
)
def test_undecodable_input_has_a_reason(raw, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(raw)


def test_newlines_untouched():
    text, _ = decode_bytes("一行目\r\n二行目\r三行目\n".encode())
    assert text == "一行目\r\n二行目\r三行目\n"


def test_detect_lang():
    assert detect_lang(JA) == "ja"
    assert detect_lang("The United States and North Korea signed the Agreed Framework on October 21, 1994.") == "en"
    assert detect_lang("金正恩はKim Jong-unとも書かれ、2018年にSingaporeで会談した。") == "ja"


def test_document_records(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "記事 1.txt").write_bytes(JA.encode("cp932"))
    (tmp_path / "empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "sub" / "記事 1.txt.meta.json").write_text('{"date": "2018-06-13"}', encoding="utf-8")
    docs = {d.doc_id: d for d in iter_corpus(tmp_path)}
    assert set(docs) == {"sub/記事 1", "empty"}
    d = docs["sub/記事 1"]
    assert (d.status, d.encoding, d.lang, d.creation_date) == ("ok", "cp932", "ja", "2018-06-13")
    assert len(d.sha256) == 64
    assert docs["empty"].status == "error" and "empty" in docs["empty"].error


def test_metadata_csv_gives_creation_date(tmp_path):
    (tmp_path / "a.txt").write_text(JA, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,date\na,2019-02-28\n", encoding="utf-8")
    (doc,) = list(iter_corpus(tmp_path))
    assert doc.creation_date == "2019-02-28"


def test_unreadable_file(tmp_path):
    missing = tmp_path / "gone.txt"
    doc = read_document(missing, tmp_path)
    assert doc.status == "error" and "cannot read" in doc.error
