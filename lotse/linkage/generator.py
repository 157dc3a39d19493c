"""Seeded linkage test files with ground truth: several offices' records of one person.

Every person ("entity") gets one true identity and 1 to 5 records from
different offices, each with the variation migrants' records really show:
another romanisation of a name, given and family names swapped, the
1 January placeholder for an unknown birthday, day and month swapped, a
typo, a missing field, the name in the original script. Common names are
drawn far more often than rare ones (Zipf), so blocking is tested against
thousands of "Mohammed Ahmad"s. Same seed, same file.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from lotse.linkage import COLUMNS
from lotse.names.variants import curated_groups

# Sections of variants.txt by their first canonical name: region, nationalities, birth places.
_REGIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Mohammed", ("SYR", "IRQ", "LBN", "PSE"), ("Aleppo", "Damaskus", "Homs", "Bagdad", "Mossul")),
    ("Ahmadi", ("AFG", "IRN"), ("Kabul", "Herat", "Kandahar", "Teheran", "Mashhad")),
    ("Mehmet", ("TUR",), ("Istanbul", "Ankara", "Diyarbakir", "Van", "Gaziantep")),
    ("Oleksandr", ("UKR", "RUS", "BLR"), ("Kyiv", "Charkiw", "Odesa", "Lwiw", "Dnipro")),
    ("Jovanovic", ("SRB", "BIH", "ALB", "XKX"), ("Belgrad", "Sarajevo", "Tirana", "Pristina")),
    ("Tesfaye", ("ERI", "SOM", "NGA", "GIN"), ("Asmara", "Mogadischu", "Lagos", "Conakry")),
)
_SOURCES = ("Jobcenter", "Ausländerbehörde", "Caritas", "DRK", "Sozialamt", "Schule")
_CYRILLIC_DIGRAPHS = (
    ("shch", "щ"), ("sch", "ш"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"),
    ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("ie", "е"), ("w", "в"),
)  # fmt: skip
_CYRILLIC = str.maketrans("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцы")


def _to_cyrillic(name: str) -> str:
    """The name as a passport in Cyrillic might spell it: a romanisation read backwards."""
    name = name.lower()
    for latin, cyrillic in _CYRILLIC_DIGRAPHS:
        name = name.replace(latin, cyrillic)
    return name.translate(_CYRILLIC).capitalize()


# Family names have a long tail: built from syllables per region, so that a
# district holds thousands of them, not the few dozen of the variant dictionary.
_SYLLABLES = (
    ("ha", "sa", "ka", "ra", "ma", "na", "di", "bi", "ja", "za", "lo", "mu", "ti", "fa", "qa"),
    ("ra", "ha", "za", "mo", "sa", "ni", "ka", "ja", "da", "ba", "gho", "khi", "pa", "sha"),
    ("ka", "ya", "de", "mir", "ta", "so", "ol", "gu", "ko", "ay", "bu", "ce", "er", "do"),
    ("ko", "va", "le", "pe", "tro", "shev", "bon", "da", "ren", "mel", "hor", "li", "sy"),
    ("jo", "vi", "pe", "dra", "mi", "lo", "sta", "ni", "bo", "ra", "ko", "zo", "ve"),
    ("te", "ma", "ha", "gi", "ber", "se", "wol", "ab", "ke", "da", "ne", "yo", "mu"),
)
_SUFFIXES = (
    ("", "", "i", "an", "eh"),
    ("i", "zai", "yar", "", "ani"),
    ("", "oglu", "er", "li", "ci"),
    ("enko", "uk", "ov", "ova", "ich", "ko"),
    ("ic", "ovic", "evic", "aj", "i"),
    ("", "e", "u", "ay", "ie"),
)
# Romanisation conventions offices mix up (German, English, French ears).
_RESPELL = (
    ("sh", "sch"), ("ch", "tsch"), ("kh", "ch"), ("kh", "h"), ("ou", "u"), ("u", "ou"),
    ("j", "y"), ("y", "j"), ("v", "w"), ("ee", "i"), ("ie", "i"), ("ov", "ow"), ("ic", "ich"),
    ("q", "k"), ("dj", "j"), ("zh", "sch"), ("ss", "s"), ("i", "y"), ("e", "a"),
)  # fmt: skip


def _family_pool(rng: random.Random, region: int, size: int = 3000) -> list[tuple[str, ...]]:
    syllables, suffixes = _SYLLABLES[region], _SUFFIXES[region]
    names: dict[str, None] = {}
    while len(names) < size:
        parts = [rng.choice(syllables) for _ in range(rng.choice((2, 2, 3)))]
        names[("".join(parts) + rng.choice(suffixes)).capitalize()] = None
    pool = []
    for name in names:
        spellings = {name}
        for old, new in _RESPELL:
            if old in name.lower():
                spellings.add(name.lower().replace(old, new, 1).capitalize())
        pool.append((name, *sorted(spellings - {name})))
    return pool


@dataclass(frozen=True)
class Entity:
    given: tuple[str, ...]  # spellings of the given name, the true one first
    family: tuple[str, ...]
    birth: datetime.date
    sex: str
    nationality: str
    birth_place: str
    cyrillic: bool


def _name_pool() -> list[tuple[int, list[tuple[str, ...]]]]:
    """Per region: the variant groups of its section of variants.txt."""
    groups = curated_groups()
    starts = []
    for head, _, _ in _REGIONS:
        starts.append(next((i for i, g in enumerate(groups) if g[0] == head), None))
    pool: list[tuple[int, list[tuple[str, ...]]]] = []
    found = [s for s in starts if s is not None]
    for region, start in enumerate(starts):
        if start is None:
            continue
        end = min([s for s in found if s > start], default=len(groups))
        pool.append((region, [(g[0], *g[1]) for g in groups[start:end]]))
    return pool


def _zipf(rng: random.Random, n: int, s: float = 1.1) -> int:
    # Cumulative weights once per (n, s): `choices` would otherwise sum all n weights per
    # draw. Same random numbers consumed, same draws as with `weights=`.
    cumulative = _ZIPF_CACHE.get((n, s))
    if cumulative is None:
        cumulative = list(accumulate(1 / (i + 1) ** s for i in range(n)))
        _ZIPF_CACHE[(n, s)] = cumulative
    return rng.choices(range(n), cum_weights=cumulative)[0]


_ZIPF_CACHE: dict[tuple[int, float], list[float]] = {}


def _entity(
    rng: random.Random,
    pool: list[tuple[int, list[tuple[str, ...]]]],
    families: dict[int, list[tuple[str, ...]]],
) -> Entity:
    region, groups = pool[_zipf(rng, len(pool), 0.6)]
    _, nationalities, places = _REGIONS[region]
    given = groups[_zipf(rng, len(groups))]
    if rng.random() < 0.15:  # a father's given name as family name (Ahmad Hassan)
        family = groups[_zipf(rng, len(groups))]
    else:
        family = families[region][_zipf(rng, len(families[region]), 0.8)]
    birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 60))
    return Entity(
        given=given,
        family=family,
        birth=birth,
        sex=rng.choice("fm"),
        nationality=rng.choice(nationalities),
        birth_place=rng.choice(places),
        cyrillic=_REGIONS[region][0] == "Oleksandr",
    )


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    letter = rng.choice("aeinorstlmh")
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + letter + word[i:]
    if kind == 2:
        return word[:i] + letter + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _spelling(rng: random.Random, names: tuple[str, ...], cyrillic: bool) -> str:
    name = names[0] if rng.random() < 0.5 else rng.choice(names)
    if rng.random() < 0.08:
        name = _typo(rng, name)
    if cyrillic and rng.random() < 0.05:
        name = _to_cyrillic(name)
    elif rng.random() < 0.05:
        name = name.upper()
    return name


def _birth_date(rng: random.Random, birth: datetime.date) -> str:
    roll = rng.random()
    if roll < 0.04:
        return ""
    if roll < 0.14:
        return f"{birth.year:04d}-01-01"  # the placeholder for an unknown birthday
    if roll < 0.18:
        return f"{birth.year:04d}"
    if roll < 0.23 and birth.day <= 12 and birth.day != birth.month:
        return f"{birth.year:04d}-{birth.day:02d}-{birth.month:02d}"
    if roll < 0.25:
        return f"{birth.year:04d}-{birth.month:02d}"
    return birth.isoformat()


def _record(rng: random.Random, record_id: str, entity: Entity, source: str) -> dict[str, str]:
    given = _spelling(rng, entity.given, entity.cyrillic)
    family = _spelling(rng, entity.family, entity.cyrillic)
    if rng.random() < 0.1:
        given, family = family, given
    if rng.random() < 0.03:
        given = ""
    return {
        "record_id": record_id,
        "given_name": given,
        "family_name": family,
        "birth_date": _birth_date(rng, entity.birth),
        "sex": "" if rng.random() < 0.1 else entity.sex,
        "nationality": "" if rng.random() < 0.15 else entity.nationality,
        "birth_place": "" if rng.random() < 0.3 else entity.birth_place,
        "source": source,
        "address": "",
        "postcode": "",
        "place": "",
    }


def generate(count: int, seed: int = 1) -> Iterator[tuple[dict[str, str], int]]:
    """`count` records with the id of the person each belongs to, shuffled."""
    rng = random.Random(seed)  # noqa: S311 (test data, reproducible by design)
    pool = _name_pool()
    families = {region: _family_pool(rng, region) for region, _ in pool}
    rows: list[tuple[dict[str, str], int]] = []
    entity_id = 0
    while len(rows) < count:
        entity = _entity(rng, pool, families)
        copies = min(rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5)), count - len(rows))
        for source in rng.sample(_SOURCES, copies):
            rows.append((_record(rng, "", entity, source), entity_id))
        entity_id += 1
    rng.shuffle(rows)
    for i, (row, _) in enumerate(rows):
        row["record_id"] = f"r{i + 1:07d}"
    return iter(rows)


def write(count: int, records: Path, truth: Path, seed: int = 1) -> None:
    """The records file (the contract's columns) and `record_id,entity_id` beside it."""
    with (
        records.open("w", newline="", encoding="utf-8") as rf,
        truth.open("w", newline="", encoding="utf-8") as tf,
    ):
        rw = csv.DictWriter(rf, COLUMNS)
        rw.writeheader()
        tw = csv.writer(tf)
        tw.writerow(["record_id", "entity_id"])
        for row, entity_id in generate(count, seed):
            rw.writerow(row)
            tw.writerow([row["record_id"], entity_id])
