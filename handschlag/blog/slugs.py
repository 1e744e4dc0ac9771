"""Addresses of posts: German titles transliterated the German way ("Fünf" → "fuenf",
"Straße" → "strasse"), not stripped of their umlauts ("funf").

A small table of our own: the libraries (python-slugify, Unidecode) would need the same
replacement table for German and add a dependency for nothing else."""

from __future__ import annotations

import unicodedata

from django.utils.text import slugify

GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def german_slugify(text: str) -> str:
    """A slug of `text`: umlauts and ß spelt out, other accents dropped (é → e)."""
    return slugify(unicodedata.normalize("NFC", text).translate(GERMAN))
