#!/usr/bin/env python3
"""Build eventcoder's own CAMEO / PLOVER ontology tables.

Developer tool: run once (and whenever the reference material changes); the
package only ever reads the generated TSV files, never the reference files.

    .venv/bin/python scripts/build_ontology.py [--reference DIR] [--out DIR] [--check]

Inputs (``--reference``, default ``../shared/reference`` relative to the repo):

* ``cameo/CAMEO.eventcodes.txt``      CAMEO codes and names (primary code list)
* ``cameo/CAMEO.goldsteinscale.txt``  Goldstein scores
* ``cameo/CAMEO.Manual.1.1b3.txt``    CAMEO 1.1b3 manual (descriptions, extra codes)
* ``plover/CAMEO2PLOVER-2021.txt``    CAMEO -> PLOVER type/mode conversion table
* ``plover/PLOVER_MANUAL.tex``        PLOVER types, quad categories, mode tables
* ``plover/PLOVER_structured_codebook.csv``  PLOVER definitions and (older) modes

Outputs (``--out``, default ``src/eventcoder/ontology/data``):

* ``cameo.tsv``  code, name, root, parent, level, goldstein, quad_class, penta,
  plover_type, plover_mode, description
* ``plover.tsv`` type, category, definition, modes (``;``-separated)

Every special case applied (repaired names, inherited Goldstein scores, PLOVER
fallbacks, normalised modes ...) is listed on stdout when the script runs.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
DEFAULT_OUT = REPO_ROOT / "src" / "eventcoder" / "ontology" / "data"

CAMEO_COLUMNS = (
    "code", "name", "root", "parent", "level", "goldstein", "quad_class",
    "penta", "plover_type", "plover_mode", "description",
)
PLOVER_COLUMNS = ("type", "category", "definition", "modes")
NONE = "none"  # explicit marker for "no PLOVER type / mode"

# --------------------------------------------------------------------------
# Curated corrections.  Each one is reported when applied.
# --------------------------------------------------------------------------

# Typos / encoding damage in CAMEO.eventcodes.txt names.
NAME_REPAIRS = {
    "matyerial": "material",
    "radiologicalweapons": "radiological weapons",
    # Code 044: Mac-Roman curly quotes decoded as Latin-1 (and the "t" and a
    # space lost): "Meet at a \u00d2hird\u00d3location".
    "\u00d2hird\u00d3location": "'third' location",
}

# CAMEO.eventcodes.txt carries an older numbering for part of the DEMAND (10)
# family: its names for 101/105/106/107/108 contradict both their own 4-digit
# children (e.g. 1051-1056 are all "Demand easing of ...", i.e. 105 = "demand
# that target yields") and the CAMEO 1.1b3 manual, CAMEO2PLOVER and the
# PETRARCH verb dictionary (DEMAND MEETING -> 106, DEMAND WITHDRAWAL -> 105).
# For these codes the manual's name is used.
MANUAL_NAME_OVERRIDES = ("101", "105", "106", "107", "108")

# Our own descriptions where the manual's is a placeholder or a copy-paste slip.
DESCRIPTION_OVERRIDES = {
    # manual: "Need new description."
    "151": "Heighten police readiness and alert status; be prepared to use police force.",
    # manual repeats 154's "Increase the number of military personnel and/or weapons."
    "153": "Increase the number of police personnel or equipment, or expand police powers, "
           "as a show of force.",
}

# PLOVER modes in CAMEO2PLOVER-2021 that are not modes of their PLOVER type in
# the PLOVER 0.8 manual / structured codebook: (code, type, raw) -> mode|None.
MODE_FIXES = {
    # "Threaten to impose restrictions on political freedoms": the codebook's
    # THREATEN `rights` mode is exactly "threaten to restrict civil rights".
    ("1321", "THREATEN", "political"): "rights",
    # "Destroy property" is mapped to ASSAULT, whose matching mode is `destroy`.
    ("1712", "ASSAULT", "seize"): "destroy",
    # `pro_autocracy` is a PLOVER *context*, misplaced in the mode column.
    # CAMEO2PLOVER itself notes (21.09.17) that "ease" is no longer a mode.
    ("085", "RETREAT", "ease"): None,
    ("175", "ASSAULT", "pro_autocracy"): None,
}

# PLOVER mapping for CAMEO 1.1b3 codes that CAMEO2PLOVER-2021 does not list
# (their parents' modes would be wrong, so the mode is chosen explicitly from
# the PLOVER manual's mode tables).
PLOVER_FOR_UNMAPPED = {
    "155": ("MOBILIZE", "weapons"),   # cyber-forces; manual: `weapons` may carry a cyber context
    "176": ("COERCE", "cyber"),       # attack cybernetically
    "1834": ("ASSAULT", "explosives"),  # pre-placed (location) bombing
    "1951": ("ASSAULT", "aerial"),    # precision-guided aerial munitions
    "1952": ("ASSAULT", "drone"),     # remotely piloted aerial munitions
}

# Roots whose descendants have no PLOVER counterpart (PLOVER dropped CAMEO's
# 01 MAKE PUBLIC STATEMENT and 02 APPEAL cue categories).
PLOVER_DROPPED_ROOTS = ("01", "02")


def quad_class(root: str) -> int:
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13:
        return 3
    if 14 <= r <= 20:
        return 4
    raise ValueError(f"not a CAMEO root: {root!r}")


def penta_class(root: str) -> int:
    r = int(root)
    if r in (1, 2):
        return 0
    if 3 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13 or r == 16:
        return 3
    if r in (14, 15) or 17 <= r <= 20:
        return 4
    raise ValueError(f"not a CAMEO root: {root!r}")


def parent_of(code: str) -> str:
    """'01' -> '', '010' -> '01', '0211' -> '021'."""
    return "" if len(code) == 2 else code[:-1]


def level_of(code: str) -> int:
    return len(code) - 1


def one_line(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Report:
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, topic: str, message: str) -> None:
        self.notes.setdefault(topic, []).append(message)

    def render(self) -> str:
        out = []
        for topic, messages in self.notes.items():
            out.append(f"{topic} ({len(messages)}):")
            out.extend(f"  - {m}" for m in messages)
        return "\n".join(out)


# --------------------------------------------------------------------------
# CAMEO sources
# --------------------------------------------------------------------------

def read_eventcodes(path: Path, report: Report) -> dict[str, str]:
    """Code -> name, in file order; skips the header and quad-class headings."""
    codes: dict[str, str] = {}
    headings: dict[str, str] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or lineno == 1:
            continue
        code, _, name = line.partition("\t")
        code = code.strip()
        if not code.isdigit():
            raise ValueError(f"{path.name}:{lineno}: unexpected row {line!r}")
        if len(code) == 1:  # "1\tVerbal Cooperation" ... quad-class headings
            headings[code] = name.strip()
            continue
        # One line of the file merges two rows:
        # "1056<TAB>Demand de-escalation of military engagement106:[-5.0] Demand withdrawal"
        merged = re.match(r"^(.*?)(\d{2,4}):\[[^\]]*\]\s*(.*)$", name)
        if merged:
            name, code2, name2 = merged.groups()
            codes[code] = name
            codes[code2] = name2
            report.add("eventcodes file repairs",
                       f"line {lineno}: split merged row into {code} and {code2}")
            continue
        if len(code) not in (2, 3, 4):
            raise ValueError(f"{path.name}:{lineno}: bad code {code!r}")
        if code in codes:
            raise ValueError(f"{path.name}:{lineno}: duplicate code {code}")
        codes[code] = name
    report.add("eventcodes file notes",
               "quad-class headings in the file (ignored; quad class follows the "
               "project rule 01-05/06-08/09-13/14-20, which files 09 and 14 "
               "differently from these headings): "
               + ", ".join(f"{k}={v}" for k, v in sorted(headings.items())))
    return codes


def repair_name(code: str, name: str, report: Report) -> str:
    fixed = name
    for bad, good in NAME_REPAIRS.items():
        fixed = fixed.replace(bad, good)
    fixed = one_line(fixed)
    if fixed != one_line(name):
        report.add("name repairs", f"{code}: {name.strip()!r} -> {fixed!r}")
    return fixed


def read_goldstein(path: Path) -> dict[str, float]:
    scores: dict[str, float] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if lineno == 1 or not raw.strip():
            continue
        code, value = raw.split("\t")[:2]
        scores[code.strip()] = float(value)
    return scores


@dataclass
class ManualEntry:
    code: str
    name: str
    description: str


_MANUAL_FIELDS = ("Name ", "Description ", "Usage Notes", "Example ")


def _is_page_furniture(line: str) -> bool:
    return bool(re.match(r"^(CHAPTER \d+\. .*\d+|\d+|[ivx]+)\s*$", line))


def _join_lines(lines: list[str], vocabulary: set[str]) -> str:
    """Join wrapped lines, undoing end-of-line hyphenation where appropriate."""
    text = ""
    for line in lines:
        line = line.strip()
        if not text:
            text = line
            continue
        m = re.search(r"(\w+)-$", text)
        if m and line[:1].islower():
            head = m.group(1)
            tail = re.match(r"\w+", line)
            joined = head + (tail.group(0) if tail else "")
            stems = {joined.lower()} | {joined.lower()[: -len(suffix)]
                                        for suffix in ("ing", "ed", "es", "s", "ly")
                                        if joined.lower().endswith(suffix)}
            if stems & vocabulary:
                text = text[:-1] + line  # "demobi-" + "lization", "with-" + "drawing"
            else:
                text = text + line  # genuine hyphen: "chemical-biological-" + "radiological"
        else:
            text = text + " " + line
    return one_line(text)


def read_manual(path: Path) -> dict[str, ManualEntry]:
    text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
    lines = text.splitlines()
    vocabulary = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    entries: dict[str, ManualEntry] = {}
    i = 0
    while i < len(lines):
        m = re.match(r"^CAMEO (\d{2,4})\s*$", lines[i])
        if not m:
            i += 1
            continue
        code = m.group(1)
        fields: dict[str, list[str]] = {}
        current = None
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if re.match(r"^CAMEO \d{2,4}\s*$", line) or re.match(r"^\d+\.\d+ [A-Z]", line) \
                    or line.startswith("Chapter "):
                break
            if _is_page_furniture(line):
                j += 1
                continue
            starts = [f for f in _MANUAL_FIELDS if line.startswith(f)]
            if starts:
                current = starts[0].strip()
                fields.setdefault(current, []).append(line[len(starts[0]):])
            elif current is not None:
                fields[current].append(line)
            j += 1
        entries[code] = ManualEntry(
            code=code,
            name=_join_lines(fields.get("Name", []), vocabulary),
            description=_join_lines(fields.get("Description", []), vocabulary),
        )
        i = j
    return entries


# --------------------------------------------------------------------------
# PLOVER sources
# --------------------------------------------------------------------------

@dataclass
class PloverTypeInfo:
    name: str
    category: str
    definition: str
    modes: list[str]


def _strip_tex(s: str) -> str:
    s = re.sub(r"\\(?:plcat|plcon|plmod|txt|ti|textit|emph|texttt|textbf)\{([^}]*)\}", r"\1", s)
    s = s.replace("---", "\u2014").replace("``", '"').replace("''", '"').replace("\\_", "_")
    s = re.sub(r"\\[a-zA-Z]+", "", s)
    return one_line(s.replace("{", "").replace("}", ""))


def _first_sentence(s: str) -> str:
    s = one_line(s)
    m = re.search(r"(?<!e\.g)(?<!i\.e)\.(\s|$)", s)
    return s[: m.start() + 1] if m else s


def read_plover(manual: Path, codebook: Path, report: Report) -> dict[str, PloverTypeInfo]:
    tex = manual.read_text(encoding="utf-8")
    body = tex.split("\\chapter{Event Categories}", 1)[1]
    body = body.split("\\chapter", 1)[0]
    # drop commented-out LaTeX (retired modes such as `execute`, `return`)
    body = "\n".join(l for l in body.splitlines() if not l.lstrip().startswith("%"))
    sections = re.split(r"\\section\{([A-Z]+)\}", body)
    types: dict[str, PloverTypeInfo] = {}
    for name, content in zip(sections[1::2], sections[2::2]):
        quad = re.search(r"\\subsection\{Quad category: ([A-Z ]+)\}", content)
        if not quad:
            raise ValueError(f"PLOVER manual: no quad category for {name}")
        modes: list[str] = []
        for table in re.findall(r"\\begin\{tabular\}.*?\\end\{tabular\}", content, re.S):
            for row in table.split("\\\\"):
                cell = row.strip().split("&", 1)[0].strip()
                cell = re.sub(r"\\hline", "", cell).strip().replace("\\_", "_")
                if re.fullmatch(r"[a-z][a-z_-]*", cell) and cell not in modes:
                    modes.append(cell)
        info = types.get(name)
        if info is None:  # AGREE's \section appears twice in the .tex
            types[name] = PloverTypeInfo(name, one_line(quad.group(1)).lower(), "", modes)
        else:
            info.modes.extend(m for m in modes if m not in info.modes)
    with codebook.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        name = row["event"].strip()
        if name not in types:
            raise ValueError(f"codebook type {name} missing from PLOVER manual")
        info = types[name]
        if not info.definition:
            info.definition = _first_sentence(row["event_def"])
        mode = row["mode"].strip()
        if mode and mode not in info.modes:
            info.modes.append(mode)
            report.add("PLOVER modes only in the structured codebook (kept)",
                       f"{name}: {mode}")
    for info in types.values():
        if not info.definition:
            raise ValueError(f"no definition for PLOVER type {info.name}")
    return types


@dataclass
class PloverMapping:
    roots: dict[str, str]
    codes: dict[str, tuple[str, str | None]]


def read_cameo2plover(path: Path, report: Report) -> PloverMapping:
    roots: dict[str, str] = {}
    codes: dict[str, tuple[str, str | None]] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        parts = [p.strip() for p in rest.split(",")]
        ptype = parts[0]
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        if len(code) == 2:
            if code in roots and roots[code] != ptype:
                report.add("CAMEO2PLOVER conflicts",
                           f"root {code} listed as {roots[code]} and {ptype} (line {lineno}); "
                           f"kept {roots[code]} (the 0x0 code's type)")
                continue
            roots[code] = ptype
            continue
        if code in codes:
            if codes[code] != (ptype, mode):
                raise ValueError(f"conflicting CAMEO2PLOVER rows for {code}")
            report.add("CAMEO2PLOVER conflicts", f"{code} listed twice (identical; line {lineno})")
            continue
        codes[code] = (ptype, mode)
    return PloverMapping(roots, codes)


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------

def build(reference: Path) -> tuple[list[dict[str, str]], list[dict[str, str]], Report]:
    report = Report()
    cameo_dir, plover_dir = reference / "cameo", reference / "plover"
    names = read_eventcodes(cameo_dir / "CAMEO.eventcodes.txt", report)
    goldstein = read_goldstein(cameo_dir / "CAMEO.goldsteinscale.txt")
    manual = read_manual(cameo_dir / "CAMEO.Manual.1.1b3.txt")
    ptypes = read_plover(plover_dir / "PLOVER_MANUAL.tex",
                         plover_dir / "PLOVER_structured_codebook.csv", report)
    mapping = read_cameo2plover(plover_dir / "CAMEO2PLOVER-2021.txt", report)

    all_codes = {c: repair_name(c, n, report) for c, n in names.items()}
    for code in MANUAL_NAME_OVERRIDES:
        old = all_codes[code]
        all_codes[code] = manual[code].name
        report.add("names taken from the CAMEO 1.1b3 manual (eventcodes file uses an "
                   "older, inconsistent 10x numbering)", f"{code}: {old!r} -> {manual[code].name!r}")
    for code, entry in manual.items():
        if code not in all_codes:
            all_codes[code] = entry.name
            report.add("codes added from the CAMEO 1.1b3 manual (absent from eventcodes file)",
                       f"{code}: {entry.name}")

    ordered = sorted(all_codes, key=lambda c: (c[:2], c[2:3], c[3:]))
    for code in ordered:
        p = parent_of(code)
        if p and p not in all_codes:
            raise ValueError(f"code {code} has no parent {p}")

    for code in goldstein:
        if code not in all_codes:
            raise ValueError(f"Goldstein file has unknown code {code}")

    def resolve_goldstein(code: str) -> float:
        c = code
        while c not in goldstein:
            c = parent_of(c)
            if not c:
                raise ValueError(f"no Goldstein score for {code} or its ancestors")
        if c != code:
            report.add("Goldstein inherited from parent", f"{code} <- {c} ({goldstein[c]:+.1f})")
        return goldstein[c]

    def resolve_plover(code: str) -> tuple[str, str | None]:
        root = code[:2]
        if len(code) == 2:
            if code in mapping.roots:
                return mapping.roots[code], None
            if code in PLOVER_DROPPED_ROOTS:
                return NONE, None
            raise ValueError(f"no PLOVER type for root {code}")
        if code in mapping.codes:
            ptype, mode = mapping.codes[code]
        elif code in PLOVER_FOR_UNMAPPED:
            ptype, mode = PLOVER_FOR_UNMAPPED[code]
            report.add("PLOVER assigned by hand (code absent from CAMEO2PLOVER)",
                       f"{code}: {ptype}/{mode}")
        elif root in PLOVER_DROPPED_ROOTS:
            return NONE, None
        else:
            # nearest mapped ancestor's type; the mode is too specific to inherit
            anc = parent_of(code)
            while anc and anc not in mapping.codes and anc not in mapping.roots:
                anc = parent_of(anc)
            if not anc:
                report.add("PLOVER 'none' (no mapping, no mapped ancestor)", code)
                return NONE, None
            ptype = mapping.codes[anc][0] if anc in mapping.codes else mapping.roots[anc]
            mode = None
            report.add("PLOVER type inherited from ancestor", f"{code} <- {anc}: {ptype}")
        if ptype not in ptypes:
            raise ValueError(f"{code}: unknown PLOVER type {ptype}")
        if mode is not None and mode not in ptypes[ptype].modes:
            key = (code, ptype, mode)
            if key not in MODE_FIXES:
                raise ValueError(f"{code}: {mode!r} is not a mode of {ptype}; add a MODE_FIXES entry")
            new = MODE_FIXES[key]
            report.add("PLOVER mode normalised", f"{code}: {ptype}/{mode} -> {ptype}/{new or NONE}")
            mode = new
        return ptype, mode

    report.add("PLOVER 'none'", "all codes of the 01 (MAKE PUBLIC STATEMENT) and 02 (APPEAL) "
               "families: PLOVER dropped these cue categories")
    cameo_rows: list[dict[str, str]] = []
    for code in ordered:
        root = code[:2]
        name = all_codes[code]
        entry = manual.get(code)
        if code in DESCRIPTION_OVERRIDES:
            description = DESCRIPTION_OVERRIDES[code]
            report.add("description written by us (manual text unusable)",
                       f"{code}: manual had {entry.description if entry else None!r}")
        elif entry and entry.description:
            description = entry.description
        elif len(code) == 2:
            description = f"CAMEO cue category {root} ({name.lower()}): covers every {root}x code."
        else:
            description = name.rstrip(".") + "."
            report.add("description taken from the code's name (no manual entry)", code)
        ptype, mode = resolve_plover(code)
        cameo_rows.append({
            "code": code,
            "name": name,
            "root": root,
            "parent": parent_of(code),
            "level": str(level_of(code)),
            "goldstein": f"{resolve_goldstein(code):.1f}",
            "quad_class": str(quad_class(root)),
            "penta": str(penta_class(root)),
            "plover_type": ptype,
            "plover_mode": mode or NONE,
            "description": description,
        })
    unused = sorted(set(mapping.codes) - set(all_codes))
    if unused:
        report.add("CAMEO2PLOVER rows for unknown codes (ignored)", ", ".join(unused))

    plover_rows = [
        {"type": t.name, "category": t.category, "definition": t.definition,
         "modes": ";".join(t.modes)}
        for t in ptypes.values()
    ]
    return cameo_rows, plover_rows, report


def to_tsv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    buf.write("\t".join(columns) + "\n")
    for row in rows:
        values = [row[c] for c in columns]
        for v in values:
            if "\t" in v or "\n" in v:
                raise ValueError(f"field contains a tab/newline: {v!r}")
        buf.write("\t".join(values) + "\n")
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the data files are out of date")
    args = ap.parse_args(argv)

    cameo_rows, plover_rows, report = build(args.reference)
    outputs = {
        args.out / "cameo.tsv": to_tsv(cameo_rows, CAMEO_COLUMNS),
        args.out / "plover.tsv": to_tsv(plover_rows, PLOVER_COLUMNS),
    }
    print(report.render())
    levels = {lvl: sum(r["level"] == str(lvl) for r in cameo_rows) for lvl in (1, 2, 3)}
    print(f"\n{len(cameo_rows)} CAMEO codes (roots {levels[1]}, 3-digit {levels[2]}, "
          f"4-digit {levels[3]}); {len(plover_rows)} PLOVER types")
    stale = [p for p, text in outputs.items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
