"""Bytes -> text: the encoding of a document's bytes (BOMs, UTF-8, UTF-16/32 without a BOM, ISO-2022,
UTF-7, legacy Japanese encodings), decoded with exactly one BOM removed and nothing else changed; file
names as text; the language of a text. Offsets everywhere index the text returned here."""
from __future__ import annotations

import os
import re
import unicodedata

LEGACY_ENCODINGS = ("cp932", "euc_jp")
BOMS = (  # UTF-32 before UTF-16: FF FE 00 00 starts both
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# escape sequences that designate a 7-bit ISO-2022 character set
_ISO2022_JP = re.compile(rb"\x1b(?:\$[@B]|\$\(D|\(J|\(I|\$\(O|\$\(Q|\$\(P|&@\x1b\$B)")
_ISO2022_KR = re.compile(rb"\x1b\$\)C")
_HZ = re.compile(rb"~\{[\x21-\x7e]{2,}~\}")
_UTF7_RUN = re.compile(rb"\+[A-Za-z0-9+/]{3,}-?")


class DecodeError(ValueError):
    """The bytes are not a text document we can read."""


def readable(name: str) -> str:
    """A file name as text: names that are not valid UTF-8 (os gives their bytes as surrogates) are
    decoded as CP932 (Shift_JIS names from Windows zip files) when that works, else shown with \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(name)
    try:
        text = raw.decode("cp932")
        if plausible_text(text):
            return text
    except UnicodeDecodeError:
        pass
    return raw.decode("utf-8", "backslashreplace")


def _looks_binary(raw: bytes) -> str:
    """A reason if the bytes are not text (magic numbers, NUL density), else ''."""
    magic = {
        b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
        b"PK\x03\x04": "zip archive", b"%PDF": "PDF file", b"\x1f\x8b": "gzip archive",
        b"\x7fELF": "ELF binary",
    }
    for sig, what in magic.items():
        if raw.startswith(sig):
            return f"binary file ({what})"
    sample = raw[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\x0c\x1b")
    if sample and controls / len(sample) > 0.05:
        return "binary file (control bytes)"
    return ""


def _wide_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-32 / UTF-16 without a byte-order mark, recognized by where their NUL bytes sit
    (ASCII characters and newlines carry a zero high byte) and by decoding to plausible text."""
    nuls = raw.count(0)
    if nuls < 2:
        return None
    sample = raw[:262144]
    positions = [i for i, b in enumerate(sample) if b == 0]
    for width, enc_le, enc_be in ((4, "utf-32-le", "utf-32-be"), (2, "utf-16-le", "utf-16-be")):
        if len(raw) % width:
            continue
        by_pos = [0] * width
        for i in positions:
            by_pos[i % width] += 1
        if width == 2 and len(positions) < len(raw) / 10 and _is_utf8(raw):
            continue  # a few NULs in UTF-8 text (UTF-16 Japanese is almost never valid UTF-8)
        for enc, high in ((enc_le, width - 1), (enc_be, 0)):
            if width == 4 and by_pos[high] < 0.99 * (len(sample) // 4):
                continue  # UTF-32: the top byte of every unit is zero
            if width == 2 and by_pos[high] < 0.9 * len(positions):
                continue  # UTF-16: the NULs are the zero high bytes of ASCII characters
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and plausible_text(text, strict=True):
                return text, enc
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _seven_bit(raw: bytes) -> tuple[str, str] | None:
    """ISO-2022-JP (old mail archives), ISO-2022-KR, HZ and UTF-7: ASCII bytes that are not ASCII text."""
    if _ISO2022_JP.search(raw):
        for enc in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3"):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError:
                continue
        raise DecodeError("ISO-2022-JP escape sequences, but the bytes do not decode as ISO-2022-JP")
    if _ISO2022_KR.search(raw):
        try:
            return raw.decode("iso2022_kr"), "iso2022_kr"
        except UnicodeDecodeError:
            raise DecodeError("ISO-2022-KR escape sequence, but the bytes do not decode as ISO-2022-KR")
    if max(raw, default=0) >= 0x80:
        return None
    if len(_HZ.findall(raw[:262144])) >= 2:
        try:
            text = raw.decode("hz")
        except UnicodeDecodeError:
            text = ""
        if _cjk_count(text) >= 4:
            return text, "hz"
    runs = _UTF7_RUN.findall(raw[:262144])
    if len(runs) >= 2:
        try:
            text = raw.decode("utf-7")
        except UnicodeDecodeError:
            return None
        if _cjk_count(text) >= 4 and plausible_text(text, strict=True):
            return text, "utf-7"
    return None


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
               or "\uac00" <= ch <= "\ud7a3")


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode document bytes; returns (text, encoding name usable with bytes.decode).

    `raw.decode(encoding)` equals the returned text: a BOM is removed by the codec itself
    (utf-8-sig, utf-16, utf-32 strip exactly one), a second U+FEFF stays text.
    Korean and Chinese legacy encodings are told from Japanese ones by their kana
    (see _legacy); their text comes back decoded, and read_document marks it as not processed.
    """
    for bom, enc in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {enc} after its byte-order mark: {exc.reason} at byte {exc.start}")
            return text, enc
    wide = _wide_without_bom(raw)
    if wide is not None:
        return wide
    seven = _seven_bit(raw)
    if seven is not None:
        return seven
    reason = _looks_binary(raw)
    if reason:
        raise DecodeError(reason)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    found = _legacy(raw)
    if found is not None:
        return found
    raise DecodeError(
        f"not valid UTF-8 ({first_error.reason} at byte {first_error.start}), nor Shift_JIS/CP932, EUC-JP, "
        "EUC-KR or GB18030"
    )


def _legacy(raw: bytes) -> tuple[str, str] | None:
    """Shift_JIS/CP932 or EUC-JP; EUC-KR or GB18030 when the Japanese readings are kana-less mojibake.

    Japanese text has kana; Korean or Chinese bytes read as EUC-JP/CP932 come out as kanji soup
    (EUC-KR's hangul rows are JIS kanji rows) with next to none."""
    candidates = []
    for enc in LEGACY_ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if plausible_text(text):
            candidates.append((text, enc))
    if candidates and max(_kana_share(t) for t, _ in candidates) >= 0.05:
        candidates = [c for c in candidates if _kana_share(c[0]) >= 0.05]
    else:
        others = []
        for enc in ("euc_kr", "gb18030"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if plausible_text(text):
                others.append((text, enc))
        korean = [c for c in others if c[1] == "euc_kr" and _hangul_share(c[0]) >= 0.2]
        if korean:
            return korean[0]
        chinese = [c for c in others if c[1] == "gb18030" and _gb2312_share(raw) >= 0.9]
        if chinese and not candidates:
            return chinese[0]
        if chinese:
            candidates.append(chinese[0])
    if len(candidates) > 1:
        # Several decoders accept the bytes: let charset-normalizer arbitrate.
        from charset_normalizer import from_bytes

        encs = [enc for _, enc in candidates]
        best = from_bytes(raw, cp_isolation=encs).best()
        if best is not None:
            name = best.encoding.replace("-", "_")
            chosen = {"euc_jis_2004": "euc_jp", "shift_jis": "cp932", "gb2312": "gb18030", "gbk": "gb18030"}.get(
                name, name)
            candidates.sort(key=lambda c: c[1] != chosen)
        else:
            candidates.sort(key=lambda c: -_japanese_ratio(c[0]))
    return candidates[0] if candidates else None


def _kana_share(text: str) -> float:
    kana = kanji = 0
    for ch in text:
        if "\u3040" <= ch <= "\u30ff":
            kana += 1
        elif "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3":
            kanji += 1
    return kana / (kana + kanji) if kana + kanji >= 20 else 1.0  # too few to tell: not mojibake


# the commonest hangul syllables: over a third of real Korean text, a few per cent of mojibake
_COMMON_HANGUL = frozenset("이다는의에가을를한하고지로서기사자인대정수도시아리일해었했으나그들것국있과와게보여부전상문주제")


def _hangul_share(text: str) -> float:
    """Share of the commonest syllables among the hangul (0 when there is little hangul)."""
    hangul = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters or len(hangul) < 0.3 * letters:
        return 0.0
    return sum(1 for ch in hangul if ch in _COMMON_HANGUL) / len(hangul)


def _gb2312_share(raw: bytes) -> float:
    """Share of high bytes in GB2312's A1–FE range (CP932 kanji lead bytes 81–9F fall outside)."""
    high = [b for b in raw if b >= 0x80]
    return sum(1 for b in high if b >= 0xA1) / len(high) if high else 0.0


def plausible_text(text: str, strict: bool = False) -> bool:
    """Legacy decoders accept most byte soup; mis-decoded bytes show up as control
    characters, private-use or unassigned code points and half-width katakana
    (`strict`: surrogates and half-width katakana count too, for encodings guessed without a marker)."""
    if not text:
        return True
    bad = sum(1 for ch in text
              if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\x0c"
              or "\uff61" <= ch <= "\uff9f")
    return bad / len(text) <= (0.005 if strict else 0.02)


def _japanese_ratio(text: str) -> float:
    if not text:
        return 0.0
    jp = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
    return jp / len(text)


def detect_lang(text: str) -> str:
    """'ja' when kana/kanji make up a real share of the letters, 'ko' when hangul dominates,
    'en' when Latin does."""
    letters = kana_kanji = hangul = 0
    for ch in text[:200000]:
        if ch.isalpha():
            letters += 1
            if "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uff66" <= ch <= "\uff9f":
                kana_kanji += 1
            elif "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f":
                hangul += 1
    if letters == 0:
        return "und"
    if hangul / letters >= 0.5:
        return "ko"
    return "ja" if kana_kanji / letters >= 0.2 else "en"


NOT_PROCESSED = {"euc_kr": "Korean", "iso2022_kr": "Korean", "gb18030": "Chinese", "hz": "Chinese"}
LANG_NAMES = {"ko": "Korean", "zh": "Chinese"}
