"""Score the coder against gold-annotated JSONL (the format of ``../shared/eval/*/gold.jsonl``).

Conventions: micro precision/recall/F1 over (item, label) pairs de-duplicated per item, at CAMEO
root (2-digit) and full-code level; for PLOVER, (item, type) pairs plus macro-F1 over types; penta
classes likewise; actor agreement where gold actors exist; the share of no-event items left silent.
"""
from __future__ import annotations

import datetime as _dt
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional

from .model import Article
from .settings import Settings


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_sets(gold: dict[str, set], pred: dict[str, set]) -> tuple[dict, dict[str, dict]]:
    """Micro P/R/F1 over (item, label) pairs, and per-label figures."""
    tp = fp = fn = 0
    per: dict[str, Counter] = defaultdict(Counter)
    for item in gold:
        g, p = gold[item], pred.get(item, set())
        for lab in g & p:
            per[lab]["tp"] += 1
        for lab in p - g:
            per[lab]["fp"] += 1
        for lab in g - p:
            per[lab]["fn"] += 1
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return _prf(tp, fp, fn), {lab: _prf(c["tp"], c["fp"], c["fn"]) for lab, c in sorted(per.items())}


def macro_f1(per: dict[str, dict], labels: Iterable[str]) -> float:
    labels = list(labels)
    if not labels:
        return 0.0
    return round(sum(per.get(lab, {"f1": 0.0})["f1"] for lab in labels) / len(labels), 4)


#: country codes of older CAMEO data (gold sets) that differ from ISO 3166 alpha-3
LEGACY_COUNTRY_CODES = {"JAP": "JPN", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BUR": "MMR", "SER": "SRB",
                        "GER": "DEU", "YUG": "SRB", "UAR": "EGY"}


def _country3(code: Optional[str]) -> str:
    c = (code or "")[:3]
    return LEGACY_COUNTRY_CODES.get(c, c)


def _penta_of(code: str, ontology) -> Optional[int]:
    try:
        return ontology.penta(code)
    except KeyError:
        return None


def detect_scheme(items: list[dict]) -> str:
    schemes = Counter(i.get("scheme", "CAMEO").upper() for i in items)
    return schemes.most_common(1)[0][0].lower() if schemes else "cameo"


def _overlap(a: Optional[str], text: str, start: Optional[int], end: Optional[int]) -> bool:
    """Does a gold span text overlap the predicted char span in the item text?"""
    if not a or start is None:
        return False
    spans = a if isinstance(a, list) else [a]
    for s in spans:
        if not s:
            continue
        i = text.find(s)
        while i >= 0:
            if i < end and start < i + len(s):
                return True
            i = text.find(s, i + 1)
    return False


def _in_text(a, text: str) -> bool:
    """Does any gold span text occur in the item text?"""
    spans = a if isinstance(a, list) else [a]
    return any(s and s in text for s in spans)


def evaluate_items(items: list[dict], settings: Settings, *, scheme: str = "auto",
                   default_date: _dt.date = _dt.date(2020, 1, 1), coder=None) -> dict[str, Any]:
    from .coder import Coder
    from .ontology import load_ontology

    ont = load_ontology()
    coder = coder or Coder(settings)
    scheme = detect_scheme(items) if scheme == "auto" else scheme
    # PLOVER versions: some gold sets use YIELD for the CONCEDE/RETREAT family
    gold_types = {(e.get("code_2021") or e.get("code")) for it in items for e in (it.get("events") or [])}
    alias = {}
    if "YIELD" in gold_types and not ({"CONCEDE", "RETREAT"} & gold_types):
        alias = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
    arts = []
    for it in items:
        d = it.get("date") or None
        date = _dt.date.fromisoformat(d) if d else default_date
        arts.append(Article(id=str(it["id"]), date=date, text=it["text"]))
    predicted: dict[str, list] = {}
    for art, events in coder.code_articles(arts):
        predicted[art.id] = events

    gold_root: dict[str, set] = {}
    gold_full: dict[str, set] = {}
    gold_type: dict[str, set] = {}
    gold_penta: dict[str, set] = {}
    pred_root: dict[str, set] = {}
    pred_full: dict[str, set] = {}
    pred_type: dict[str, set] = {}
    pred_penta: dict[str, set] = {}
    gold_dyad: dict[str, set] = {}
    pred_dyad: dict[str, set] = {}
    confusion: Counter = Counter()
    silent_total = silent_ok = 0
    actor_src = [0, 0]
    actor_tgt = [0, 0]
    for it in items:
        iid = str(it["id"])
        evs = predicted.get(iid, [])
        gevents = it.get("events") or []
        text = it["text"]
        if not gevents:
            silent_total += 1
            silent_ok += 0 if evs else 1
        gold_root[iid] = {e["root"] for e in gevents if e.get("root") and scheme == "cameo"}
        gold_full[iid] = {e["code"] for e in gevents if e.get("code") and scheme == "cameo"}
        if scheme == "plover":
            gold_type[iid] = {e.get("code_2021") or e["code"] for e in gevents if e.get("code")}
        gold_penta[iid] = {int(e["penta"]) for e in gevents if e.get("penta") is not None}
        pred_root[iid] = {e.cameo_root for e in evs}
        pred_full[iid] = {e.cameo_code for e in evs}
        pred_type[iid] = {alias.get(e.plover_type, e.plover_type) for e in evs if e.plover_type}
        pred_penta[iid] = {p for p in (_penta_of(e.cameo_code, ont) for e in evs) if p is not None}
        if scheme == "cameo":
            gd = {(_country3(e["source"]), _country3(e["target"]), e["root"]) for e in gevents
                  if e.get("source") and e.get("target") and e.get("root")}
            if gd:
                gold_dyad[iid] = gd
                pred_dyad[iid] = {(_country3(e.source.country or e.source.code),
                                   _country3(e.target.country or e.target.code) if e.target else "", e.cameo_root)
                                  for e in evs}
        # actor span agreement for events whose type matches
        labels_g = {"plover": lambda e: e.get("code_2021") or e.get("code"), "cameo": lambda e: e.get("root"),
                    "penta": lambda e: e.get("penta")}[scheme]
        labels_p = {"plover": lambda e: alias.get(e.plover_type, e.plover_type), "cameo": lambda e: e.cameo_root,
                    "penta": lambda e: _penta_of(e.cameo_code, ont)}[scheme]
        for g in gevents:
            if not (g.get("source_text") or g.get("target_text")):
                continue
            match = [e for e in evs if labels_p(e) == labels_g(g)]
            if not match:
                continue
            if g.get("source_text"):
                actor_src[1] += 1
                actor_src[0] += any(_overlap(g["source_text"], text, e.source.start, e.source.end) for e in match)
            if g.get("target_text"):
                actor_tgt[1] += 1
                if not _in_text(g["target_text"], text):
                    # a placeholder ("a recipient") that is not in the text: gold names no target
                    actor_tgt[0] += any(e.target is None for e in match)
                else:
                    actor_tgt[0] += any(e.target is not None and _overlap(g["target_text"], text, e.target.start,
                                                                            e.target.end) for e in match)
        # confusion: gold label -> predicted label
        gl = {"plover": gold_type.get(iid, set()), "cameo": gold_root[iid], "penta": gold_penta[iid]}[scheme]
        pl = {"plover": pred_type[iid], "cameo": pred_root[iid], "penta": pred_penta[iid]}[scheme]
        for g in gl - pl:
            if pl - gl:
                for p in pl - gl:
                    confusion[(str(g), str(p))] += 1
            else:
                confusion[(str(g), "(none)")] += 1
        for p in pl - gl:
            if not gl:
                confusion[("(none)", str(p))] += 1

    report: dict[str, Any] = {"scheme": scheme, "items": len(items),
                              "gold_events": sum(len(i.get("events") or []) for i in items),
                              "predicted_events": sum(len(v) for v in predicted.values())}
    if scheme == "cameo":
        report["root"], report["per_root"] = score_sets(gold_root, pred_root)
        report["full"], report["per_code"] = score_sets(gold_full, pred_full)
        if gold_dyad:
            report["dyad_root"], _ = score_sets(gold_dyad, {k: pred_dyad.get(k, set()) for k in gold_dyad})
    if scheme == "plover":
        report["plover"], report["per_type"] = score_sets(gold_type, pred_type)
        labels = sorted({lab for s in gold_type.values() for lab in s})
        report["plover"]["macro_f1"] = macro_f1(report["per_type"], labels)
    if any(gold_penta.values()):
        report["penta"], report["per_penta"] = score_sets(gold_penta, pred_penta)
        labels = sorted({lab for s in gold_penta.values() for lab in s})
        report["penta"]["macro_f1"] = macro_f1(report["per_penta"], labels)
    if actor_src[1] or actor_tgt[1]:
        report["actor_agreement"] = {
            "source": round(actor_src[0] / actor_src[1], 4) if actor_src[1] else None,
            "target": round(actor_tgt[0] / actor_tgt[1], 4) if actor_tgt[1] else None,
            "source_n": actor_src[1], "target_n": actor_tgt[1]}
    report["no_event_items"] = silent_total
    report["no_event_silent"] = round(silent_ok / silent_total, 4) if silent_total else None
    report["confusions"] = [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusion.most_common(15)]
    return report


def read_gold(path: Path, limit: Optional[int] = None) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: malformed JSON: {exc}") from None
            if limit and len(items) >= limit:
                break
    return items


def evaluate_file(path: Path, settings: Settings, *, scheme: str = "auto",
                  default_date: _dt.date = _dt.date(2020, 1, 1), limit: Optional[int] = None) -> dict:
    report = evaluate_items(read_gold(path, limit), settings, scheme=scheme, default_date=default_date)
    report["gold"] = str(path)
    return report


def format_report(r: dict) -> str:
    lines = [f"gold: {r.get('gold', '-')}  scheme: {r['scheme']}  items: {r['items']}  "
             f"gold events: {r['gold_events']}  predicted events: {r['predicted_events']}"]

    def prf(name, d):
        extra = f"  macro-F1 {d['macro_f1']:.3f}" if "macro_f1" in d else ""
        lines.append(f"{name:<22} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
                     f"  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']}){extra}")

    for key, name in (("root", "CAMEO root (micro)"), ("full", "CAMEO full code"),
                      ("dyad_root", "dyad (country)+root"), ("plover", "PLOVER type (micro)"),
                      ("penta", "penta class (micro)")):
        if key in r:
            prf(name, r[key])
    if "actor_agreement" in r:
        a = r["actor_agreement"]
        lines.append(f"actor agreement        source {a['source']}  (n={a['source_n']})   "
                     f"target {a['target']}  (n={a['target_n']})")
    if r.get("no_event_items"):
        lines.append(f"no-event items silent  {r['no_event_silent']:.3f}  (of {r['no_event_items']})")
    for key, title in (("per_type", "per PLOVER type"), ("per_root", "per CAMEO root"), ("per_penta", "per penta")):
        if key in r and r[key]:
            lines.append(f"\n{title}:")
            for lab, d in r[key].items():
                lines.append(f"  {str(lab):<12} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
                             f"  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")
    if r.get("confusions"):
        lines.append("\ncommonest mistakes (gold -> predicted):")
        for c in r["confusions"]:
            lines.append(f"  {c['gold']:<12} -> {c['predicted']:<12} {c['count']}")
    return "\n".join(lines)


def reproduction_rates(gold_items: list[dict], coded: list[list[dict]]) -> dict[str, float]:
    """Share of gold events reproduced (PETRARCH-style gold with actor codes): exact (source, target,
    code), root (source, target, 2-digit root), dyad (source, target) and primary dyad (the first
    three letters of both codes)."""
    hits = {"exact": 0, "root": 0, "dyad": 0, "primary": 0}
    total = 0
    for item, got in zip(gold_items, coded):
        exact = {(e["source"]["code"], (e["target"] or {}).get("code"), e["cameo_code"]) for e in got}
        root = {(s, t, c[:2]) for s, t, c in exact}
        dyad = {(s, t) for s, t, _ in exact}
        primary = {(s[:3], (t or "")[:3]) for s, t in dyad}
        for g in item["events"]:
            total += 1
            hits["exact"] += (g["source"], g["target"], g["code"]) in exact
            hits["root"] += (g["source"], g["target"], g["code"][:2]) in root
            hits["dyad"] += (g["source"], g["target"]) in dyad
            hits["primary"] += (g["source"][:3], (g["target"] or "")[:3]) in primary
    return {k: (v / total if total else 0.0) for k, v in hits.items()} | {"gold_events": total}
