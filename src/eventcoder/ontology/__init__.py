"""CAMEO / PLOVER ontology: event codes, Goldstein scores, quad/penta classes,
PLOVER types and modes, and the act -> intent / threat correspondences.

The tables live in ``eventcoder/ontology/data/*.tsv``; they are generated from
the reference material by ``scripts/build_ontology.py`` (a developer tool, never
run at run time).  CAMEO codes are always strings with their leading zeros
(``"041"``, ``"0211"``); 2-digit cue categories (``"01"`` ... ``"20"``) are codes of
level 1, 3-digit codes level 2, 4-digit codes level 3.

    >>> onto = load_ontology()
    >>> onto.get("041").name
    'Discuss by telephone'
    >>> onto.plover("041")
    ('CONSULT', 'phone')
    >>> onto.intent_code("073")
    '0333'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Iterator, Mapping, Optional

__all__ = [
    "CameoCode",
    "PloverType",
    "Ontology",
    "load_ontology",
    "QUAD_CLASS_NAMES",
    "NONE",
]

#: explicit "no PLOVER type / mode" marker used in the data files
NONE = "none"

#: names of the four CAMEO quad classes
QUAD_CLASS_NAMES: Mapping[int, str] = MappingProxyType({
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
})


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code (any level)."""

    code: str
    name: str
    root: str  #: 2-digit cue category, e.g. "04"
    parent: Optional[str]  #: None for roots
    level: int  #: 1 = root (2 digits), 2 = 3 digits, 3 = 4 digits
    goldstein: float
    quad_class: int  #: 1-4, see QUAD_CLASS_NAMES
    penta: int  #: 0-4
    plover_type: str  #: PLOVER event type, or "none" (CAMEO 01/02 families)
    plover_mode: Optional[str]  #: PLOVER mode, None if unspecified
    description: str

    @property
    def is_root(self) -> bool:
        return self.level == 1


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type (PLOVER 0.8)."""

    name: str
    category: str  #: PLOVER quad category, e.g. "verbal cooperation", "material conflict"
    definition: str
    modes: tuple[str, ...]

    @property
    def is_cooperation(self) -> bool:
        return self.category.endswith("cooperation")

    @property
    def is_conflict(self) -> bool:
        return self.category.endswith("conflict")


# --------------------------------------------------------------------------
# act -> "express intent" (03x) and act -> threat (13x) correspondences.
# Lookup order: _*_EXACT[code], then _*_FAMILY for the code, its parent and
# its root.  Roots in _SELF_ROOTS map every code to itself.
# --------------------------------------------------------------------------

# Verbal acts whose future / intended form is not distinguished in CAMEO, and
# the intent (03) and threat (13) categories themselves.
_SELF_ROOTS = frozenset({"01", "02", "03", "09", "10", "11", "12", "13"})

_INTENT_EXACT: Mapping[str, str] = MappingProxyType({
    "05": "030",  # generic diplomatic cooperation -> generic intent to cooperate
    "050": "030",
})

_INTENT_FAMILY: Mapping[str, str] = MappingProxyType({
    # 04 CONSULT -> 036 express intent to meet or negotiate
    "04": "036",
    "045": "039",  # mediate -> express intent to mediate (manual: mediation codes take precedence)
    # 05 DIPLOMATIC COOPERATION -> 032 express intent to provide diplomatic cooperation
    "05": "032",
    # 06 MATERIAL COOPERATION -> 031
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    # 07 PROVIDE AID -> 033 (075 grant asylum: generic 033)
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    # 08 YIELD -> 035 express intent to yield / 034 political reform
    "08": "035",
    "081": "0351",  # ease administrative sanctions (incl. 0811-0814)
    "082": "0352",  # ease political dissent
    "083": "034",  # accede to political reform -> intent to institute political reform
    "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344",
    "084": "0353",  # return, release (incl. 0841, 0842)
    "085": "0354",  # ease economic sanctions
    "086": "0355",  # allow international involvement (incl. 0861-0863)
    "087": "0356",  # de-escalate military engagement (incl. 0871-0874)
    # 14 PROTEST -> 133 threaten political dissent
    "14": "133",
    # 15 EXHIBIT FORCE POSTURE -> 138 threaten with military force
    "15": "138",
    # 16 REDUCE RELATIONS -> 131 threaten non-force
    "16": "131",
    "161": "1313",  # reduce or break diplomatic relations
    "162": "1311",  # reduce or stop aid (incl. 1621-1623)
    "163": "1312",  # embargo, boycott, sanctions
    "164": "134",  # halt negotiations
    "165": "135",  # halt mediation
    "166": "136",  # expel or withdraw international involvement (incl. 1661-1663)
    # 17 COERCE -> 137 threaten with repression
    "17": "137",
    "172": "132",  # administrative sanctions -> threaten administrative sanctions
    "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
    "176": "130",  # cyber attack: no specific threat code
    # 18 ASSAULT (unconventional violence) -> 1383
    "18": "1383",
    # 19 FIGHT (conventional force) -> 1384
    "19": "1384",
    "191": "1381",  # blockade
    "192": "1382",  # occupy territory
    # 20 UNCONVENTIONAL MASS VIOLENCE -> 1385
    "20": "1385",
})

_CONFLICT_ROOTS = frozenset(f"{r:02d}" for r in range(9, 21))


def _parent(code: str) -> Optional[str]:
    return None if len(code) <= 2 else code[:-1]


class Ontology:
    """Read-only view of the CAMEO codes and PLOVER types."""

    def __init__(self, codes: Mapping[str, CameoCode], plover_types: Mapping[str, PloverType]):
        self._codes: Mapping[str, CameoCode] = MappingProxyType(dict(codes))
        self._plover_types: Mapping[str, PloverType] = MappingProxyType(dict(plover_types))
        children: dict[str, list[str]] = {c: [] for c in self._codes}
        for c in self._codes.values():
            if c.parent is not None:
                if c.parent not in children:
                    raise ValueError(f"CAMEO code {c.code!r} has unknown parent {c.parent!r}")
                children[c.parent].append(c.code)
        self._children: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {k: tuple(sorted(v)) for k, v in children.items()})
        self._cameo_to_plover: Mapping[str, tuple[Optional[str], Optional[str]]] = MappingProxyType(
            {c.code: self._plover_of(c) for c in self._codes.values()})
        for c in self._codes.values():
            if c.plover_type != NONE and c.plover_type not in self._plover_types:
                raise ValueError(f"CAMEO code {c.code!r}: unknown PLOVER type {c.plover_type!r}")

    # -- collections -------------------------------------------------------

    @property
    def codes(self) -> Mapping[str, CameoCode]:
        """All CAMEO codes (every level), keyed by code string."""
        return self._codes

    @property
    def plover_types(self) -> Mapping[str, PloverType]:
        """PLOVER event types keyed by name (e.g. "CONSULT")."""
        return self._plover_types

    @property
    def cameo_to_plover(self) -> Mapping[str, tuple[Optional[str], Optional[str]]]:
        """code -> (PLOVER type, PLOVER mode); None where PLOVER has no counterpart."""
        return self._cameo_to_plover

    @property
    def roots(self) -> tuple[str, ...]:
        """The 20 cue categories, "01" ... "20"."""
        return tuple(sorted(c for c, v in self._codes.items() if v.level == 1))

    def __contains__(self, code: object) -> bool:
        return self.is_valid(code)

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    # -- lookups -----------------------------------------------------------

    def is_valid(self, code: object) -> bool:
        return isinstance(code, str) and code in self._codes

    def get(self, code: str) -> CameoCode:
        """The CameoCode for ``code``; KeyError (with a hint) if unknown."""
        try:
            return self._codes[code]
        except (KeyError, TypeError):
            raise KeyError(self._unknown_message(code)) from None

    def _unknown_message(self, code: object) -> str:
        msg = f"unknown CAMEO event code {code!r}"
        if not isinstance(code, str):
            text = str(code)
            hints = [c for c in (text.zfill(2), text.zfill(3), text.zfill(4)) if c in self._codes]
            msg += " (CAMEO codes are strings with leading zeros"
            msg += f", e.g. {hints[0]!r})" if hints else ", e.g. '041')"
            return msg
        stripped = code.strip()
        if stripped != code and stripped in self._codes:
            return msg + f" (did you mean {stripped!r}? surrounding whitespace is not allowed)"
        if stripped.isdigit():
            for width in (2, 3, 4):
                if stripped.zfill(width) in self._codes and stripped.zfill(width) != stripped:
                    return msg + f" (leading zero missing? did you mean {stripped.zfill(width)!r})"
            if len(stripped) > 4 or len(stripped) < 2:
                return msg + " (CAMEO codes have 2, 3 or 4 digits)"
            parent = _parent(stripped)
            while parent and parent not in self._codes:
                parent = _parent(parent)
            if parent:
                kids = self._children[parent]
                known = f"whose sub-codes are {', '.join(kids)}" if kids else "which has no sub-codes"
                return msg + (f"; nearest known ancestor is {parent!r} "
                              f"({self._codes[parent].name}), {known}")
            return msg + " (cue categories are '01'..'20')"
        return msg + " (CAMEO codes are 2-4 digit strings such as '04', '041', '0211')"

    def root(self, code: str) -> str:
        return self.get(code).root

    def quad_class(self, code: str) -> int:
        return self.get(code).quad_class

    def goldstein(self, code: str) -> float:
        return self.get(code).goldstein

    def penta(self, code: str) -> int:
        return self.get(code).penta

    def plover(self, code: str) -> tuple[Optional[str], Optional[str]]:
        """(PLOVER type, PLOVER mode) for ``code``; None instead of "none"."""
        self.get(code)
        return self._cameo_to_plover[code]

    @staticmethod
    def _plover_of(c: CameoCode) -> tuple[Optional[str], Optional[str]]:
        ptype = None if c.plover_type == NONE else c.plover_type
        mode = None if (c.plover_mode in (None, NONE) or ptype is None) else c.plover_mode
        return ptype, mode

    def children(self, code: str) -> tuple[str, ...]:
        """Direct sub-codes of ``code`` (sorted), e.g. children("19") -> ("190", ..., "196")."""
        self.get(code)
        return self._children[code]

    def descendants(self, code: str) -> tuple[str, ...]:
        """All sub-codes of ``code`` at any depth (sorted), excluding ``code`` itself."""
        out: list[str] = []
        for child in self.children(code):
            out.append(child)
            out.extend(self.descendants(child))
        return tuple(sorted(out))

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of ``code`` (nearest first)."""
        out = []
        parent = self.get(code).parent
        while parent is not None:
            out.append(parent)
            parent = self._codes[parent].parent
        return tuple(out)

    # -- act -> intent / threat ----------------------------------------------

    def intent_code(self, code: str) -> str:
        """The code for *announcing* the act ``code``.

        Cooperative acts (04-08) map to the matching 03x "express intent to
        cooperate" code (e.g. 041 -> 036, 073 -> 0333, 0831 -> 0341); conflictual
        acts (14-20) map to the matching 13x "threaten" code (e.g. 163 -> 1312,
        190 -> 1384).  Codes of 01-03 and 09-13 are returned unchanged.
        """
        c = self.get(code)
        if code in _INTENT_EXACT:
            return _INTENT_EXACT[code]
        probe: Optional[str] = code
        while probe is not None:
            if probe in _INTENT_FAMILY:
                return _INTENT_FAMILY[probe]
            probe = _parent(probe)
        if c.root in _SELF_ROOTS:
            return code
        raise AssertionError(f"no intent mapping for CAMEO code {code!r}")  # pragma: no cover

    def threat_code(self, code: str) -> str:
        """The 13x "threaten" code matching a conflictual act (09-20).

        Codes of 09-13 are returned unchanged; cooperative codes (01-08) have
        no threat counterpart and raise ValueError (use ``intent_code``).
        """
        c = self.get(code)
        if c.root not in _CONFLICT_ROOTS:
            raise ValueError(
                f"CAMEO code {code!r} ({c.name}) is cooperative (root {c.root}); "
                "it has no threat counterpart - use intent_code() for its 03x intent code")
        return self.intent_code(code)

    def __repr__(self) -> str:
        return f"<Ontology: {len(self._codes)} CAMEO codes, {len(self._plover_types)} PLOVER types>"


# --------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------

def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files(f"{__name__}.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def _parse_codes(rows: list[dict[str, str]]) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for n, r in enumerate(rows, start=2):
        try:
            code = CameoCode(
                code=r["code"],
                name=r["name"],
                root=r["root"],
                parent=r["parent"] or None,
                level=int(r["level"]),
                goldstein=float(r["goldstein"]),
                quad_class=int(r["quad_class"]),
                penta=int(r["penta"]),
                plover_type=r["plover_type"],
                plover_mode=None if r["plover_mode"] in ("", NONE) else r["plover_mode"],
                description=r["description"],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"ontology data cameo.tsv line {n}: malformed row ({exc})") from exc
        if code.code in codes:
            raise ValueError(f"ontology data cameo.tsv line {n}: duplicate code {code.code!r}")
        codes[code.code] = code
    return codes


def _parse_plover(rows: list[dict[str, str]]) -> dict[str, PloverType]:
    return {
        r["type"]: PloverType(
            name=r["type"],
            category=r["category"],
            definition=r["definition"],
            modes=tuple(m for m in r["modes"].split(";") if m),
        )
        for r in rows
    }


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology (cached; the returned object is read-only)."""
    return Ontology(_parse_codes(_read_tsv("cameo.tsv")), _parse_plover(_read_tsv("plover.tsv")))
