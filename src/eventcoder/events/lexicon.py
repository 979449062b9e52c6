"""The event lexicon: YAML entries (see docs/lexicon.md) loaded, validated and indexed.

Validation errors name the file and line.  ``Lexicon`` is immutable once built.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml

from ..ontology import Ontology, load_ontology

ALLOWED_KEYS = {"id", "code", "verbs", "objects", "nouns", "source", "target", "mode", "examples", "note"}
BASE_ROLES = {"subject", "object", "iobj"}
PREPOSITIONS = {"with", "to", "against", "on", "from", "into", "between", "for", "at", "in", "over",
                "toward", "towards", "upon", "of", "about", "by", "among", "across", "onto", "inside",
                "near", "along", "through", "under", "within", "without", "behind", "around", "after",
                "outside", "off", "beyond", "throughout", "past", "during", "before", "like"}
EXAMPLE_KEYS = {"text", "source", "target", "none", "date", "code"}
DEFAULT_VERB_TARGET = ("object", "iobj", "with", "to", "against", "on", "from", "between", "for")
DEFAULT_NOUN_TARGET = ("against", "on", "with", "to", "between", "of", "for", "from", "in")


class LexiconError(ValueError):
    """A problem in a lexicon file; the message starts with ``FILE:LINE:``."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Example:
    text: str
    source: Optional[str] = None
    target: Optional[str] = None
    none: bool = False
    date: Optional[str] = None
    line: int = 0


@dataclass(frozen=True)
class Entry:
    id: str
    code: str
    verbs: tuple[tuple[str, ...], ...] = ()
    objects: tuple[tuple[str, ...], ...] = ()
    nouns: tuple[tuple[str, ...], ...] = ()
    source: tuple[str, ...] = ("subject",)
    target: Optional[tuple[str, ...]] = None
    mode: Optional[str] = None
    examples: tuple[Example, ...] = ()
    file: str = ""
    line: int = 0
    #: position in the loaded lexicon (files in order, then lines): the last tie-breaker between entries
    order: int = 0

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def target_roles(self, nominal: bool) -> tuple[str, ...]:
        if self.target is not None:
            return self.target
        return DEFAULT_NOUN_TARGET if nominal else DEFAULT_VERB_TARGET


def _marked_load(text: str, filename: str) -> tuple[Any, dict[int, int]]:
    """Load YAML and return (data, {id(node-derived object): line}) via a line-recording loader."""

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # the C parser when available
        pass

    lines: dict[int, int] = {}

    def construct_mapping(loader, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str):
                if key in seen:
                    # PyYAML would silently keep the last one: an edit lost without a word
                    raise LexiconError([f"{filename}:{key_node.start_mark.line + 1}: duplicate key '{key}' "
                                        f"(first at line {seen[key]})"])
                seen[key] = key_node.start_mark.line + 1
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
        lines[id(mapping)] = node.start_mark.line + 1
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise LexiconError([f"{filename}:{line}: invalid YAML: {getattr(exc, 'problem', exc)}"]) from None
    return data, lines


def _words_list(value: Any, key: str, where: str, problems: list[str]) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: '{key}' must be a list of non-empty strings")
        return ()
    return tuple(tuple(v.lower().split()) for v in value)


def parse_entries(data: Any, lines: dict[int, int], filename: str, ontology: Ontology) -> tuple[list[Entry], list[str]]:
    problems: list[str] = []
    entries: list[Entry] = []
    if data is None:
        return entries, problems
    if not isinstance(data, list):
        return entries, [f"{filename}:1: a lexicon file is a YAML list of entries"]
    for item in data:
        line = lines.get(id(item), 0)
        where = f"{filename}:{line}"
        if not isinstance(item, dict):
            problems.append(f"{where}: entry must be a mapping")
            continue
        unknown = set(item) - ALLOWED_KEYS
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        eid = item.get("id")
        code = item.get("code")
        if not isinstance(eid, str) or not eid.strip():
            problems.append(f"{where}: missing 'id'")
            eid = f"<line {line}>"
        if isinstance(code, int):
            problems.append(f"{where}: code {code!r} must be a quoted string (leading zeros)")
            code = None
        if not isinstance(code, str):
            problems.append(f"{where}: entry {eid}: missing 'code'")
            continue
        if not ontology.is_valid(code):
            problems.append(f"{where}: entry {eid}: unknown CAMEO code {code!r}")
            continue
        verbs = _words_list(item.get("verbs"), "verbs", where, problems)
        objects = _words_list(item.get("objects"), "objects", where, problems)
        nouns = _words_list(item.get("nouns"), "nouns", where, problems)
        if not verbs and not nouns:
            problems.append(f"{where}: entry {eid}: needs 'verbs' or 'nouns'")
        for v in verbs:
            if len(v) > 2:
                problems.append(f"{where}: entry {eid}: verb {' '.join(v)!r}: at most verb + particle "
                                "(use 'objects' for the rest)")
        roles = {}
        for key in ("source", "target"):
            val = item.get(key)
            if val is None:
                roles[key] = None
                continue
            if isinstance(val, str):
                val = [val]
            if not isinstance(val, list) or not val:
                problems.append(f"{where}: entry {eid}: '{key}' must be a list of roles")
                roles[key] = None
                continue
            bad = [r for r in val if not isinstance(r, str) or (r not in BASE_ROLES and r not in PREPOSITIONS)]
            if bad:
                problems.append(f"{where}: entry {eid}: unknown {key} role(s) {bad}")
            roles[key] = tuple(r for r in val if isinstance(r, str))
        examples = []
        for ex in item.get("examples") or []:
            exline = lines.get(id(ex), line)
            if isinstance(ex, str):
                ex = {"text": ex}
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                problems.append(f"{filename}:{exline}: entry {eid}: example needs 'text'")
                continue
            bad = set(ex) - EXAMPLE_KEYS
            if bad:
                problems.append(f"{filename}:{exline}: entry {eid}: unknown example key(s) {sorted(bad)}")
            examples.append(Example(text=ex["text"], source=ex.get("source"), target=ex.get("target"),
                                    none=bool(ex.get("none", False)),
                                    date=str(ex["date"]) if ex.get("date") else None, line=exline))
        mode = item.get("mode")
        entries.append(Entry(id=eid, code=code, verbs=verbs, objects=objects, nouns=nouns,
                             source=roles["source"] or ("subject",), target=roles["target"],
                             mode=str(mode) if mode else None, examples=tuple(examples),
                             file=filename, line=line))
    return entries, problems


def shipped_files() -> list[Path]:
    base = resources.files("eventcoder.events") / "lexicon"
    return sorted(Path(str(p)) for p in base.iterdir() if p.name.endswith((".yaml", ".yml")))


def _expand(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    files: tuple[str, ...]
    verb_index: dict = field(repr=False, compare=False, hash=False, default_factory=dict)
    noun_index: dict = field(repr=False, compare=False, hash=False, default_factory=dict)
    warnings: tuple[str, ...] = ()

    @classmethod
    def build(cls, entries: Sequence[Entry], files: Sequence[str], warnings: Sequence[str] = ()) -> "Lexicon":
        verb_index: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        noun_index: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            for v in e.verbs:
                verb_index[v].append(e)
            for n in e.nouns:
                noun_index[n[-1]].append(e)
        return cls(tuple(entries), tuple(files), dict(verb_index), dict(noun_index), tuple(warnings))

    def by_code(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            out[e.code].append(e)
        return dict(out)


def check(entries: Sequence[Entry]) -> tuple[list[str], list[str]]:
    """Cross-entry checks: duplicate ids are errors; conflicting entries are warnings."""
    problems: list[str] = []
    warnings: list[str] = []
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.id in seen:
            problems.append(f"{e.where}: duplicate id {e.id!r} (first at {seen[e.id].where})")
        else:
            seen[e.id] = e
    sig: dict[tuple, Entry] = {}
    for e in entries:
        for v in e.verbs:
            key = ("verb", v, e.objects, e.source, e.target)
            other = sig.get(key)
            if other is not None and other.code != e.code:
                warnings.append(f"{e.where}: entry {e.id} ({e.code}) conflicts with {other.id} ({other.code}) "
                                f"at {other.where}: same verb {' '.join(v)!r} and constraints")
            elif other is not None:
                warnings.append(f"{e.where}: entry {e.id} duplicates verb {' '.join(v)!r} of {other.id} "
                                f"at {other.where}")
            sig.setdefault(key, e)
        for n in e.nouns:
            key = ("noun", n, e.source, e.target)
            other = sig.get(key)
            if other is not None and other.code != e.code:
                warnings.append(f"{e.where}: entry {e.id} ({e.code}) conflicts with {other.id} ({other.code}) "
                                f"at {other.where}: same noun {' '.join(n)!r}")
            sig.setdefault(key, e)
    return problems, warnings


def load_lexicon(paths: Optional[Sequence[Path]] = None, extra: Sequence[Path] = (),
                 ontology: Optional[Ontology] = None) -> Lexicon:
    """Load (and validate) the lexicon.  ``paths=None`` means the shipped files.  Raises LexiconError."""
    ontology = ontology or load_ontology()
    files = (shipped_files() if paths is None else _expand(paths)) + _expand(extra)
    entries: list[Entry] = []
    problems: list[str] = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{f}:0: cannot read: {exc}")
            continue
        try:
            data, lines = _marked_load(text, str(f))
        except LexiconError as exc:
            problems.extend(exc.problems)
            continue
        es, ps = parse_entries(data, lines, str(f), ontology)
        entries.extend(es)
        problems.extend(ps)
    entries = [replace(e, order=i) for i, e in enumerate(entries)]
    dup, warnings = check(entries)
    problems.extend(dup)
    if problems:
        raise LexiconError(problems)
    return Lexicon.build(entries, [str(f) for f in files], warnings)


@lru_cache(maxsize=8)
def cached_lexicon(paths: Optional[tuple[Path, ...]], extra: tuple[Path, ...]) -> Lexicon:
    return load_lexicon(paths, extra)
