"""The dates stage reads the project's NFKC view (pipeline.normalize), whose
offset map takes every span back to the original text. Angle brackets, which encyclopedias use for a
gloss as other texts use round ones (大正5年〈1916年〉12月9日), read as round brackets: one character for
one, so the offset map stays as it is."""
from __future__ import annotations

from dataclasses import replace

from pipeline.normalize import Normalized, normalize

_BRACKETS = str.maketrans({"〈": "(", "〉": ")"})

__all__ = ["view_of"]


def view_of(text: str) -> Normalized:
    view = normalize(text)
    if "〈" not in view.text:
        return view
    return replace(view, text=view.text.translate(_BRACKETS))
