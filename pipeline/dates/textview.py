"""The dates stage reads the project's NFKC view (pipeline.normalize), whose
offset map takes every span back to the original text."""
from __future__ import annotations

from pipeline.normalize import normalize as view_of

__all__ = ["view_of"]
