"""Any script to lower-case ASCII Latin, before names are split into tokens.

anyascii romanises every script; what it cannot know is handled here first:
the Arabic article and the servant-of compounds (عبد الرحمن is one name, not
two), and Greek digraphs that German and English records write as one vowel.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
# "Servant of" and "father of" join the following word into one name.
_ARABIC_JOINERS = ("عبد", "ابو", "أبو", "ابي", "أبي")
_ARABIC_ARTICLE = "ال"
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_DIGRAPHS = (("ου", "u"), ("ού", "u"), ("Ου", "U"), ("ΟΥ", "U"), ("μπ", "b"), ("ντ", "d"))
# Marks that transliterate ayn and hamza: they join, never separate, name parts.
_GLOTTAL = re.compile(r"['`ʿʾʼʻ’‘´]")


def is_abjad(text: str) -> bool:
    """Written in Arabic script (Arabic, Persian, Dari, Pashto, Kurdish Sorani)?

    Short vowels are not written there, so only the consonants can be compared.
    """
    return bool(_ARABIC.search(text))


def _arabic_words(text: str) -> str:
    words = text.split()
    joined: list[str] = []
    pending = ""
    for word in words:
        if _ARABIC_WORD.fullmatch(word) and len(word) > 3 and word.startswith(_ARABIC_ARTICLE):
            word = word[len(_ARABIC_ARTICLE) :]
        for joiner in _ARABIC_JOINERS:
            if word.startswith(joiner + _ARABIC_ARTICLE) and len(word) > len(joiner) + 3:
                word = joiner + word[len(joiner) + len(_ARABIC_ARTICLE) :]
        if word in _ARABIC_JOINERS:
            pending += word
            continue
        joined.append(pending + word)
        pending = ""
    if pending:
        joined.append(pending)
    return " ".join(joined)


def to_latin(text: str) -> str:
    """Lower-case ASCII romanisation; punctuation other than glottal marks kept."""
    text = unicodedata.normalize("NFKC", text or "")
    if is_abjad(text):
        text = _arabic_words(text)
    if _GREEK.search(text):
        for greek, latin in _GREEK_DIGRAPHS:
            text = text.replace(greek, latin)
    text = _GLOTTAL.sub("", text)
    text = anyascii(text)
    return _GLOTTAL.sub("", text).lower()
