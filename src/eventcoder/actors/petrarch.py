"""Import PETRARCH / TABARI dictionaries into eventcoder's YAML actor dictionary format.

Users migrating from PETRARCH keep their actor and agent dictionaries::

    from eventcoder.actors.petrarch import import_petrarch, write_yaml
    data = import_petrarch(["Phoenix.Countries.actors.txt", "Phoenix.agents.txt"])
    write_yaml(data, "petrarch.yaml")        # then: load_dictionary(extra_paths=["petrarch.yaml"])

or ``eventcoder dicts import-petrarch FILE... -o petrarch.yaml``.  :func:`convert_petrarch` returns
the same data together with warnings and counts (see docs/dictionaries.md).

Actor dictionaries (``*.actors.txt``)
    ``PHRASE [CODE]`` starts an actor; ``+PHRASE`` lines add synonyms; indented ``[CODE ...]`` lines
    add codes.  Words are joined by ``_`` or spaces; a final ``_`` is dropped.  A code is either a
    default (``[ISR]``) or date-restricted: ``[IRQGOV >20030501]`` (from that day on),
    ``[HOB <950601]`` (before that day), ``[HOBGOV 19950601-19990815]`` (between the days,
    inclusive); dates are ``YYYYMMDD`` or ``YYMMDD`` (``YY`` <= 30 is 20YY).  A restricted code
    applies on its dates (the first one listed wins where they overlap) and the default code
    everywhere else; ``---`` is PETRARCH's null code (the phrase is known but codes no actor).
    Consecutive phrases that have no code of their own share the codes of the next block (as in
    PETRARCH).  Comments: lines starting with ``#`` or ``<!``, ``<!-- ... -->`` blocks, and text
    after ``#`` on a line.

Agent dictionaries (``*.agents.txt``)
    ``PHRASE {PLURAL} [~GOV]``: ``~GOV`` adds the sector after the actor's code, ``NGO~`` before it;
    ``{}`` means no plural, ``{FORMS}`` an irregular plural (regular plurals are matched by the
    coder anyway); ``!NAME! = A, B`` defines a substitution set used as ``CONGRESS!NAME!``.

Conversion
    * an actor whose code is three letters that are not a sector code becomes a ``countries`` entry;
    * codes that start with IGO/NGO/NGM/MNC/MED or contain REB/INS/SEP/UAF/IMG/PTY become
      ``organisations`` / ``groups`` entries; every other code (``USAGOV``, ``HOBELI``) becomes a
      ``people`` entry with that code (people resolve to their own code);
    * each period of a date-restricted actor is its own entry with ``start``/``end``;
    * names are written in the letter cases they take in running text (``ISRAELI_TROOPS`` ->
      ``Israeli Troops``, ``Israeli troops``; short words also in capitals: ``UN``); the PETRARCH
      phrase itself is the entry's ``name``;
    * names that the shipped dictionary already gives the same code are left out; names it gives
      another code are kept but reported (the shipped entry is chosen first for those);
    * agents become sector terms; an agent code of several sectors (``~GOVMED``) keeps its first
      sector; sector codes that the shipped ``sectors.yaml`` does not define are added as new
      sectors.

Nothing here prints or exits; problems are collected as ``FILE:LINE: problem`` warnings.
"""
from __future__ import annotations

import datetime as _dt
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import yaml

from .dictionary import ActorDictionary, default_dictionary, normalize_term

__all__ = ["PetrarchImport", "convert_petrarch", "import_petrarch", "write_yaml", "read_actor_file",
           "read_agent_file", "PetrActor", "PetrAgent", "parse_petrarch_date"]

PathLike = Union[str, Path]

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{2}(?:[A-Z0-9]{3})*$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "by", "de", "del", "la", "le",
                             "du", "des", "da", "do", "dos", "das", "di", "y", "van", "von", "der", "den"})
_ARMED = ("REB", "INS", "SEP", "UAF", "IMG")
_MAX_VARIANTS = 12


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

@dataclass
class PetrCode:
    """One bracketed code: ``code`` None for PETRARCH's null code ``---``."""

    code: Optional[str]
    start: Optional[_dt.date]
    end: Optional[_dt.date]
    line: int

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class PetrActor:
    """An actor block: its phrases (the first is the root phrase) and codes, in file order."""

    phrases: list[str]
    codes: list[PetrCode]
    file: str
    line: int


@dataclass
class PetrAgent:
    phrase: str
    plurals: list[str]  # irregular plural forms given in {...}
    code: str
    file: str
    line: int


class _Lines:
    """Comment-stripped lines (number, text) of a PETRARCH dictionary file."""

    def __init__(self, path: Path):
        self.path = path

    def __iter__(self):
        in_comment = False
        text = self.path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
        for n, raw in enumerate(text.splitlines(), 1):
            line = raw.rstrip("\r")
            if in_comment:
                if "-->" in line:
                    in_comment = False
                    line = line[line.index("-->") + 3:]
                else:
                    continue
            while "<!--" in line:
                before, _, after = line.partition("<!--")
                if "-->" in after:
                    line = before + after[after.index("-->") + 3:]
                else:
                    line = before
                    in_comment = True
            if line.lstrip().startswith("<!"):  # "<! -- ... -->" and other XML-ish one-liners
                continue
            if line.startswith("#") or "---STOP---" in line:
                if "---STOP---" in line:
                    return
                continue
            if "#" in line:
                line = line[:line.index("#")]
            if not line.strip():
                continue
            yield n, line


def parse_petrarch_date(text: str) -> _dt.date:
    """``YYYYMMDD`` or ``YYMMDD`` (YY <= 30: 20YY, else 19YY) -> date; ValueError otherwise.

    As in PETRARCH, 8 digits or more are read as ``YYYYMMDD`` (extra digits ignored) and 6 or 7 as
    ``YYMMDD``."""
    t = text.strip()
    if not t.isdigit() or len(t) < 6:
        raise ValueError(f"date {text!r} is neither YYYYMMDD nor YYMMDD")
    t = t[:8] if len(t) >= 8 else t[:6]
    if len(t) == 8:
        year, rest = int(t[:4]), t[4:]
    else:
        yy = int(t[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), t[2:]
    return _dt.date(year, int(rest[:2]), int(rest[2:4]))


def _parse_code(body: str, label: str, line: int, warnings: list[str]) -> Optional[PetrCode]:
    """``CODE``, ``CODE <D``, ``CODE >D``, ``CODE D1-D2`` -> PetrCode (None if unreadable)."""
    body = body.strip()
    if not body:
        warnings.append(f"{label}:{line}: empty code []; ignored")
        return None
    m = re.match(r"^(\S+)\s*(.*)$", body)
    raw, rest = m.group(1), m.group(2).strip()
    # "[HOB<950601]": a restriction glued to the code
    glued = re.match(r"^([^<>\d]+?)([<>]\s*\d+)$", raw)
    if glued and not rest:
        raw, rest = glued.group(1), glued.group(2)
    code = raw.upper()
    if "/" in code:
        first = code.split("/")[0]
        warnings.append(f"{label}:{line}: code {raw!r} names several actors; only {first!r} is kept")
        code = first
    if not code.strip("-+#~"):
        code_v: Optional[str] = None
    elif _CODE_RE.match(code):
        code_v = code
    else:
        warnings.append(f"{label}:{line}: {raw!r} is not a CAMEO code (groups of three letters or digits); "
                        "code ignored")
        return None
    start = end = None
    try:
        if rest.startswith("<"):
            end = parse_petrarch_date(rest[1:]) - _dt.timedelta(days=1)
        elif rest.startswith(">"):
            start = parse_petrarch_date(rest[1:])
        elif "-" in rest:
            a, _, b = rest.partition("-")
            start, end = parse_petrarch_date(a), parse_petrarch_date(b)
            if end < start:
                warnings.append(f"{label}:{line}: date range {rest!r} ends before it starts; code ignored")
                return None
        elif rest.isdigit():  # a bare date: PETRARCH2 reads it as ">DATE"
            start = parse_petrarch_date(rest)
            warnings.append(f"{label}:{line}: date restriction {rest!r} has no '<', '>' or range; read as "
                            f"'>{rest}'")
        elif rest:
            raise ValueError(f"cannot read the date restriction {rest!r}")
    except ValueError as exc:
        warnings.append(f"{label}:{line}: {exc}; code ignored")
        return None
    return PetrCode(code_v, start, end, line)


def _phrase(text: str) -> str:
    """The phrase of a dictionary line: before any code, without a leading '+', trimmed."""
    t = text.split("[", 1)[0].strip()
    if t.startswith("+"):
        t = t[1:].strip()
    return t


def read_actor_file(path: PathLike, warnings: Optional[list[str]] = None) -> list[PetrActor]:
    """The actor blocks of a PETRARCH/TABARI ``.actors`` file."""
    path = Path(path)
    label = str(path)
    warnings = warnings if warnings is not None else []
    out: list[PetrActor] = []
    cur: Optional[PetrActor] = None

    def codes_of(text: str, line: int) -> list[PetrCode]:
        found = []
        for body in _BRACKET.findall(text):
            c = _parse_code(body, label, line, warnings)
            if c is not None:
                found.append(c)
        if "[" in text and not _BRACKET.search(text):
            warnings.append(f"{label}:{line}: unclosed '['; line ignored")
        return found

    for n, line in _Lines(path):
        stripped = line.strip()
        if line[:1] in (" ", "\t") and stripped.startswith("["):  # code line of the current actor
            if cur is None:
                warnings.append(f"{label}:{n}: code line before any actor; ignored")
                continue
            cur.codes += codes_of(stripped, n)
            continue
        if stripped.startswith("+"):
            if cur is None:
                warnings.append(f"{label}:{n}: synonym before any actor; ignored")
                continue
            phrase = _phrase(stripped)
            if phrase:
                cur.phrases.append(phrase)
            cur.codes += codes_of(stripped[len(phrase) + 1:], n) if "[" in stripped else []
            continue
        phrase = _phrase(stripped)
        codes = codes_of(stripped, n) if "[" in stripped else []
        if not phrase:
            if cur is not None:  # "[CODE]" at the start of a line: a code line
                cur.codes += codes
            continue
        if cur is None or cur.codes:
            cur = PetrActor([], [], label, n)
            out.append(cur)
        cur.phrases.append(phrase)  # a phrase without codes shares the codes of the next block
        cur.codes += codes
    for a in out:
        if not a.codes:
            warnings.append(f"{a.file}:{a.line}: actor {a.phrases[0]!r} has no code; skipped")
    return [a for a in out if a.codes]


def read_agent_file(path: PathLike, warnings: Optional[list[str]] = None) -> list[PetrAgent]:
    """The agents of a PETRARCH/TABARI ``.agents`` file (substitution sets expanded)."""
    path = Path(path)
    label = str(path)
    warnings = warnings if warnings is not None else []
    subst: dict[str, list[str]] = {}
    out: list[PetrAgent] = []
    for n, line in _Lines(path):
        text = line.strip()
        m = re.match(r"^!([^!]+)!\s*=\s*(.+)$", text)
        if m:
            subst[m.group(1).strip()] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        if "[" not in text:
            warnings.append(f"{label}:{n}: agent without a [code]; ignored")
            continue
        head, _, rest = text.partition("[")
        code = rest.split("]", 1)[0].replace(" ", "").upper()
        plurals: list[str] = []
        if "{" in head:
            if "}" not in head:
                warnings.append(f"{label}:{n}: missing '}}'; ignored")
                continue
            inside = head[head.index("{") + 1:head.index("}")]
            plurals = [p for p in re.split(r"[\s,]+", inside.strip()) if p]
            head = head[:head.index("{")]
        head = head.strip()
        if not head or not code:
            warnings.append(f"{label}:{n}: cannot read the agent line; ignored")
            continue
        phrases = [head]
        if "!" in head:
            m2 = re.search(r"!([^!]+)!", head)
            if not m2 or m2.group(1) not in subst:
                warnings.append(f"{label}:{n}: unknown substitution marker in {head!r}; ignored")
                continue
            phrases = [head[:m2.start()] + s + head[m2.end():] for s in subst[m2.group(1)]]
        for p in phrases:
            out.append(PetrAgent(p, plurals, code, label, n))
    return out


def _is_agent_file(path: Path) -> bool:
    if "agent" in path.name.lower():
        return True
    if "actor" in path.name.lower():
        return False
    codes = _BRACKET.findall(path.read_text(encoding="utf-8", errors="replace"))
    return bool(codes) and sum("~" in c for c in codes) * 2 > len(codes)


# ---------------------------------------------------------------------------------------------
# Surface forms
# ---------------------------------------------------------------------------------------------

def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", phrase.strip().strip("_")) if w]


def _cap(word: str) -> str:
    low = word.lower()
    out = low[:1].upper() + low[1:]
    # O'NEILL -> O'Neill; MCDONALD is left alone
    return re.sub(r"(?<=\b\w')(\w)", lambda m: m.group(1).upper(), out)


def _renderings(word: str, first: bool) -> list[str]:
    if any(ch.isdigit() for ch in word) or "." in word:
        return [word]
    if "-" in word.strip("-"):
        parts = word.split("-")
        heads = _renderings(parts[0], first)
        out = []
        for h in heads:
            out.append("-".join([h] + [_cap(p) for p in parts[1:]]))
            out.append("-".join([h] + [p.lower() for p in parts[1:]]))
        if parts[0].lower() in ("al", "el"):
            out.append("-".join([parts[0].lower()] + [_cap(p) for p in parts[1:]]))
        return list(dict.fromkeys(out))
    low = word.lower()
    if not first and low in _FUNCTION_WORDS:
        return [low]
    alpha = [c for c in word if c.isalpha()]
    if len(alpha) <= 3 and low not in _FUNCTION_WORDS:
        return list(dict.fromkeys([_cap(word), word.upper()]))
    return [_cap(word)]


def surface_variants(phrase: str) -> list[str]:
    """The forms a PETRARCH phrase takes in running text: title case, sentence case, and short
    words in capitals ("UN_SECRETARY_GENERAL" -> "UN Secretary General", "Un Secretary General",
    "UN secretary general", ...).  At most a dozen forms."""
    words = _words(phrase)
    if not words:
        return []
    per_word = [_renderings(w, i == 0) for i, w in enumerate(words)]
    out: list[str] = []
    for combo in itertools.islice(itertools.product(*per_word), _MAX_VARIANTS):
        out.append(" ".join(combo))
    if len(words) > 1:  # "Israeli troops": common nouns after a name
        for head in per_word[0]:
            rest = [w if (any(c.isdigit() for c in w) or "." in w) else w.lower() for w in words[1:]]
            out.append(" ".join([head] + rest))
    if len(words) == 1 and len(words[0]) <= 5 and words[0].isalpha():
        out.append(words[0].upper())  # acronyms: NATO, USSR
    return list(dict.fromkeys(out))[:_MAX_VARIANTS]


def _display(phrase: str) -> str:
    return " ".join(_words(phrase))


def _slug(phrase: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_.'+-]+", "_", "_".join(_words(phrase))).strip("_")
    return s or "actor"


# ---------------------------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------------------------

@dataclass
class PetrarchImport:
    """Result of :func:`convert_petrarch`: YAML-ready ``data``, ``warnings`` and ``counts``."""

    data: dict
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _periods(codes: list[PetrCode]) -> list[tuple[Optional[str], Optional[_dt.date], Optional[_dt.date], int]]:
    """Non-overlapping (code, start, end, line) periods: restricted codes in file order win where they
    overlap, the first default code covers the remaining days.  Null-code periods are dropped."""
    lo, hi = _dt.date.min, _dt.date.max
    claimed: list[tuple[_dt.date, _dt.date]] = []
    out: list[tuple[Optional[str], _dt.date, _dt.date, int]] = []

    def free(a: _dt.date, b: _dt.date) -> list[tuple[_dt.date, _dt.date]]:
        pieces = [(a, b)]
        for c0, c1 in claimed:
            nxt = []
            for p0, p1 in pieces:
                if c1 < p0 or c0 > p1:
                    nxt.append((p0, p1))
                    continue
                if p0 < c0:
                    nxt.append((p0, c0 - _dt.timedelta(days=1)))
                if c1 < p1:
                    nxt.append((c1 + _dt.timedelta(days=1), p1))
            pieces = nxt
        return pieces

    for c in codes:
        if not c.restricted:
            continue
        a, b = c.start or lo, c.end or hi
        for p in free(a, b):
            out.append((c.code, p[0], p[1], c.line))
        claimed.append((a, b))
    defaults = [c for c in codes if not c.restricted]
    if defaults:
        d = defaults[0]
        for p in free(lo, hi):
            out.append((d.code, p[0], p[1], d.line))
    out.sort(key=lambda x: x[1])
    return [(code, None if a == lo else a, None if b == hi else b, line)
            for code, a, b, line in out if code is not None]


def _segments(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def convert_petrarch(paths: Iterable[PathLike], reference: Optional[ActorDictionary] = None) -> PetrarchImport:
    """Read PETRARCH/TABARI actor and agent files (the kind is told by the file name, else by the
    codes) and convert them.  ``reference`` is the dictionary the output will be loaded on top of
    (default: the shipped one): it tells known country and sector codes, and which names are
    already known."""
    ref = reference if reference is not None else default_dictionary()
    warnings: list[str] = []
    actors: list[PetrActor] = []
    agents: list[PetrAgent] = []
    for p in paths:
        path = Path(p)
        if _is_agent_file(path):
            agents += read_agent_file(path, warnings)
        else:
            actors += read_actor_file(path, warnings)

    sector_codes = set(ref.sector_codes())
    ref_countries = {e.code for e in ref.countries()}

    # ---- agents -> sector terms (first, so that actor codes may use the new sectors)
    new_sectors: dict[str, str] = {}  # code -> where first seen
    terms: dict[str, tuple[str, bool, str]] = {}  # key -> (text, title, sector)
    term_order: list[str] = []
    multi: list[str] = []
    for ag in agents:
        code = ag.code.strip("~")
        if not code or not re.match(r"^[A-Z]{3}", code):
            warnings.append(f"{ag.file}:{ag.line}: agent code {ag.code!r} has no sector; ignored")
            continue
        sector = code[:3]
        if len(code) > 3:
            multi.append(f"{ag.phrase} [{ag.code}]")
        if sector not in sector_codes and sector not in new_sectors:
            new_sectors[sector] = f"{Path(ag.file).name}:{ag.line}"
        forms = [_display(ag.phrase)] + [_display(x) for x in ag.plurals]
        for i, form in enumerate(forms):
            text = form.lower()
            key = normalize_term(text)
            if not key:
                continue
            if key in terms:
                if terms[key][2] != sector:
                    warnings.append(f"{ag.file}:{ag.line}: agent {form!r} is listed again with {sector} "
                                    f"(first under {terms[key][2]}); the first is kept")
                continue
            shipped = ref.sector_term(text)
            head = ref.sector_term(text.split()[-1])
            title = bool((shipped is not None and shipped.title and normalize_term(shipped.term) == key)
                         or (head is not None and head.title and i == 0 and len(text.split()) > 1))
            terms[key] = (text, title, sector)
            term_order.append(key)
    if multi:
        warnings.append(f"{len(multi)} agent codes name several sectors; a term carries one sector, so the "
                        f"first is kept (e.g. {', '.join(multi[:3])})")
    all_sectors = sector_codes | set(new_sectors)

    # ---- actors
    three = {c.code for a in actors for c in a.codes if c.code and len(c.code) == 3 and _ALPHA3.match(c.code)
             and c.code not in all_sectors}
    countries_known = ref_countries | three
    sections: dict[str, list[dict]] = {"countries": [], "organisations": [], "groups": [], "people": []}
    ids: set[str] = set()
    n_known = n_entries = n_names = 0
    shadowed: list[str] = []

    def new_id(phrase: str) -> str:
        base = "petrarch/" + _slug(phrase)
        eid, k = base, 2
        while eid in ids:
            eid, k = f"{base}/{k}", k + 1
        ids.add(eid)
        return eid

    for actor in actors:
        periods = _periods(actor.codes)
        if not periods:
            continue
        forms: list[str] = []
        for ph in actor.phrases:
            forms += surface_variants(ph)
        forms = list(dict.fromkeys(forms))
        for code, start, end, line in periods:
            keep: list[str] = []
            for f in forms:
                found = ref.lookup(f)
                if any(m.entry.code == code for m in found):
                    continue
                if found and len(shadowed) < 1000:
                    shadowed.append(f"{f!r} ({code}; shipped: {found[0].entry.code})")
                keep.append(f)
            if not keep:
                n_known += 1
                continue
            segs = _segments(code)
            entry: dict = {"id": new_id(actor.phrases[0]), "name": _display(actor.phrases[0])}
            names = [f for f in keep if f != entry["name"]]
            if len(segs) == 1 and _ALPHA3.match(code) and code not in all_sectors:
                section = "countries"
                entry = {"id": entry["id"], "code": code, "name": entry["name"]}
            else:
                first = segs[0]
                country = None if first in all_sectors else (first if first in countries_known else None)
                sectors = [s for s in (segs if country is None else segs[1:]) if s in all_sectors]
                rest = segs if country is None else segs[1:]
                if first == "IGO" or (country and "IGO" in rest):
                    section, kind = "organisations", "igo"
                elif any(s in _ARMED for s in rest):
                    section, kind = "groups", "armed_group"
                elif "PTY" in rest:
                    section, kind = "groups", "party"
                elif first in ("NGO", "NGM") or "NGO" in rest or "NGM" in rest:
                    section, kind = "organisations", "ngo"
                elif first == "MNC" or "BUS" in rest:
                    section, kind = "organisations", "business"
                elif "MED" in rest:
                    section, kind = "organisations", "media"
                elif len(segs) == 1 and first not in all_sectors:  # "G77": not a country code
                    section, kind = "organisations", "igo"
                else:
                    section, kind = "people", "person"
                if section != "people":
                    entry["kind"] = kind
                entry["code"] = code
                entry["country"] = country
                entry["sectors"] = sectors
            if names:
                entry["names"] = names
            if start is not None:
                entry["start"] = start
            if end is not None:
                entry["end"] = end
            entry["note"] = f"{Path(actor.file).name}:{line}"
            sections[section].append(entry)
            n_entries += 1
            n_names += 1 + len(names)
    if shadowed:
        warnings.append(f"{len(shadowed)} imported names are names of shipped entries with another code; the "
                        f"shipped entry is chosen for them (e.g. {', '.join(shadowed[:5])})")

    # countries first in the file (the loader reads them first anyway)
    data: dict = {}
    if new_sectors or term_order:
        by_sector: dict[str, dict] = {}
        for code, where in new_sectors.items():
            by_sector[code] = {"sector": code, "type": "other",
                               "description": f"imported from PETRARCH agents ({where})"}
        for key in term_order:
            text, title, sector = terms[key]
            item = by_sector.setdefault(sector, {"sector": sector})
            item.setdefault("titles" if title else "terms", []).append(text)
        data["sectors"] = list(by_sector.values())
    for name in ("countries", "organisations", "groups", "people"):
        if sections[name]:
            data[name] = sections[name]
    counts = {
        "actors": len(actors),
        "agents": len(agents),
        "entries": n_entries,
        "names": n_names,
        "already_known": n_known,
        "terms": len(term_order),
        "new_sectors": len(new_sectors),
        **{f"{k}_entries": len(v) for k, v in sections.items()},
    }
    return PetrarchImport(data=data, warnings=warnings, counts=counts)


def import_petrarch(paths: Sequence[PathLike]) -> dict:
    """PETRARCH/TABARI actor and agent files -> YAML-ready dictionary data (see the module doc)."""
    return convert_petrarch(paths).data


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_presenter)


def write_yaml(data: dict, out_path: PathLike, header: Optional[Sequence[str]] = None) -> Path:
    """Write dictionary ``data`` as a YAML file that :func:`load_dictionary` reads; ``header`` lines
    become comments at the top.  Returns the path."""
    out = Path(out_path)
    lines = [f"# {h}".rstrip() for h in (header or ())]
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None,
                     width=110)
    out.write_text(("\n".join(lines) + "\n" if lines else "") + body, encoding="utf-8")
    return out
