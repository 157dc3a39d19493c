"""Names as comparable keys: pure functions, no Django.

Used by the interactive person search (lotse.people.search), the stored name
keys (lotse.namekeys) and batch linkage. See tokens.py for the normalisation
rules, phonetic.py for the keys, variants.txt for the curated dictionary.
"""

from lotse.names.cologne import cologne
from lotse.names.dates import BirthDate, birth_date_score, parse_birth_date, stored_birth_date
from lotse.names.keys import KeyRow, QueryToken, name_key_rows, query_tokens
from lotse.names.phonetic import double_metaphone, fold, skeleton
from lotse.names.script import is_abjad, to_latin
from lotse.names.similarity import NamePart, best_name_similarity, name_parts, name_similarity
from lotse.names.tokens import Token, tokens
from lotse.names.variants import VariantDictionary, curated, normalised, with_extra

__all__ = [
    "BirthDate",
    "KeyRow",
    "NamePart",
    "QueryToken",
    "Token",
    "VariantDictionary",
    "best_name_similarity",
    "birth_date_score",
    "cologne",
    "curated",
    "double_metaphone",
    "fold",
    "is_abjad",
    "name_key_rows",
    "name_parts",
    "name_similarity",
    "normalised",
    "parse_birth_date",
    "query_tokens",
    "skeleton",
    "stored_birth_date",
    "to_latin",
    "tokens",
    "with_extra",
]
