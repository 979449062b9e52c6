"""Negation, intent/future, threat and hypothetical modality of a trigger (pure, parse only)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

INTENT_HEADS = frozenset({"ready", "willing", "prepared", "pledge", "promise", "vow", "plan", "intend",
                          "agree", "offer", "commit", "committed", "hope", "aim", "seek", "want",
                          "wish", "expect", "prepare", "determined", "eager", "keen", "resolve", "undertake",
                          "propose", "poised", "going", "vowed"})
#: "pledged/promised/reiterated support": the verbal support is given, not intended
VERBAL_SUPPORT_HEADS = frozenset({"pledge", "promise", "offer", "vow", "commit"})
SUPPORT_NOUNS = frozenset({"support", "backing", "solidarity", "endorsement"})
#: participial adjuncts of purpose: "seeking to", "hoping to", "aiming to", "trying to"
MOTIVE_HEADS = frozenset({"seek", "hope", "aim", "try", "attempt", "want", "wish", "look", "strive"})
#: "is considering sending troops", "weighs whether to impose sanctions": not done, nor promised
CONSIDER_HEADS = frozenset({"consider", "weigh", "mull", "contemplate", "ponder", "debate", "discuss"})
THREAT_HEADS = frozenset({"threaten", "warn", "ultimatum"})
NEG_HEADS = frozenset({"refuse", "decline", "fail", "deny", "reject", "rule", "avoid", "cancel", "halt",
                       "stop", "postpone", "unable", "unwilling", "reluctant"})
#: "urged X to release Y", "called on X to withdraw": the embedded act has not happened
APPEAL_HEADS = frozenset({"urge", "ask", "call", "demand", "press", "appeal", "request", "encourage",
                          "implore", "exhort", "invite", "want", "need", "tell", "order", "instruct"})
APPEAL_NOUNS = frozenset({"call", "appeal", "demand", "request", "plea", "ultimatum", "order", "invitation",
                          "proposal", "offer", "bid", "attempt", "effort", "plan", "decision", "promise",
                          "pledge", "threat", "warning", "right", "readiness", "willingness", "refusal"})
#: "the chances of X", "the prospect of Y": X and Y are possibilities
POSSIBILITY_NOUNS = frozenset({"chance", "prospect", "possibility", "likelihood", "probability", "risk",
                               "danger", "threat", "spectre", "specter", "option", "idea", "question"})
ALLEGATION_NOUNS = frozenset({"accusation", "allegation", "charge", "claim", "estimate", "rumour", "rumor",
                              "suspicion", "assertion", "admission", "speculation", "fear", "fears", "belief",
                              "theory", "suggestion", "contention", "insinuation", "evidence", "proof",
                              "indication"})
HYPO_AUX = frozenset({"could", "might", "may", "should", "must", "would"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPO_MARKS = frozenset({"if", "unless", "whether", "lest"})
REPORT_VERBS = frozenset({"say", "tell", "announce", "state", "add", "note", "declare", "insist", "claim",
                          "report", "confirm", "reiterate", "stress", "emphasize", "indicate", "write",
                          "suggest", "believe", "think", "hope", "expect", "pledge", "promise", "vow"})
SPECULATIVE = frozenset({"reportedly", "allegedly", "possibly", "perhaps", "maybe", "probably"})


def for_clause_mark(clause: Token) -> Optional[Token]:
    """The "for" that spaCy makes the mark of a "for X to do Y" clause ("called for Togo to release ...")."""
    return next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "for"), None)


@dataclass(frozen=True)
class Modality:
    modality: str = "asserted"  # asserted | future | hypothetical
    negated: bool = False
    intent: bool = False  # an intent governor ("ready to", "pledged to", "will")
    threat: bool = False  # a threat governor ("threatened to", "warned it would")
    reason: str = ""


def chain(tok: Token) -> list[Token]:
    """The trigger and the verbs/adjectives that govern it through control and coordination."""
    out = [tok]
    t = tok
    for _ in range(6):
        if t.dep_ in ("xcomp", "acomp", "conj", "pcomp", "prep", "pobj", "attr", "dobj", "oprd") \
                or (t.dep_ == "relcl" and t.head.dep_ in ("attr", "acomp")):
            if t.head is t:
                break
            t = t.head
            out.append(t)
        else:
            break
    return out


def analyse(trigger: Token, nominal: bool, governor: Optional[Token]) -> Modality:
    start = governor if (nominal and governor is not None) else trigger
    toks = chain(start)
    if nominal:
        toks = [trigger] + toks
    negated = False
    intent = threat = False
    hypo = False
    future = False
    reasons = []
    for i, t in enumerate(toks):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and t is trigger):
                negated = True
                reasons.append(f"negation '{c.text}' on '{t.text}'")
            elif c.dep_ == "aux":
                low = c.lower_
                if low in FUTURE_AUX:
                    future = True
                    reasons.append(f"future '{c.text}'")
                elif low in HYPO_AUX:
                    if low == "would" and t.dep_ == "ccomp" and t.head.lemma_ in REPORT_VERBS | THREAT_HEADS:
                        future = True
                        reasons.append(f"reported future '{c.text}'")
                    else:
                        hypo = True
                        reasons.append(f"modal '{c.text}'")
            elif c.dep_ == "mark" and c.lower_ in HYPO_MARKS:
                hypo = True
                reasons.append(f"conditional '{c.text}'")
            elif c.dep_ == "advmod" and c.lower_ in SPECULATIVE and t is start:
                hypo = True
                reasons.append(f"speculative '{c.text}'")
        if i > 0 or (nominal and t is not trigger):
            lem = t.lemma_.lower()
            if t is trigger:
                continue
            if lem in MOTIVE_HEADS and (t.tag_ == "VBG" and t.dep_ in ("advcl", "acl", "conj")
                                        or t.tag_ in ("VBZ", "VBP") and t.dep_ == "relcl"):
                # "..., seeking to mend ties with China": a motive the writer ascribes, not an act or a pledge
                hypo = True
                reasons.append(f"motive '{t.text}'")
            elif lem in THREAT_HEADS:
                threat = True
                reasons.append(f"threat governor '{t.text}'")
            elif lem in INTENT_HEADS and nominal and t is governor and lem in VERBAL_SUPPORT_HEADS \
                    and trigger.lemma_.lower() in SUPPORT_NOUNS:
                # "pledged his full support for X": pledging support is the act of support itself
                reasons.append(f"support expressed by '{t.text}'")
            elif lem in INTENT_HEADS:
                intent = True
                reasons.append(f"intent governor '{t.text}'")
            elif lem in CONSIDER_HEADS and t.pos_ == "VERB":
                hypo = True
                reasons.append(f"only considered by '{t.text}'")
            elif lem in NEG_HEADS:
                negated = True
                reasons.append(f"negative governor '{t.text}'")
            elif lem in APPEAL_HEADS and t.pos_ == "VERB" and (toks[i - 1].dep_ == "xcomp" or (
                    toks[i - 1].dep_ == "advcl" and for_clause_mark(toks[i - 1]) is not None)):
                hypo = True
                reasons.append(f"requested by '{t.text}', not done")
    # "renewed its call on Togo to release the journalists", "an appeal to Belgium to extradite X"
    if not nominal and ((trigger.dep_ in ("acl", "ccomp") and trigger.head.pos_ == "NOUN"
                         and trigger.head.lemma_.lower() in APPEAL_NOUNS) or (
            trigger.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
            and any(c.dep_ == "dobj" and c.lemma_.lower() in APPEAL_NOUNS for c in trigger.head.children))):
        hypo = True
        reasons.append(f"requested by '{trigger.head.text}', not done")
    # "accusations that it had carried out mass arrests", "an estimate that troops were losing 90 dead a
    # day": what an allegation, report or estimate says happened is not asserted by the story
    t = start
    for _ in range(8):
        if t.dep_ in ("ccomp", "acl") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in ALLEGATION_NOUNS:
            hypo = True
            reasons.append(f"alleged in '{t.head.text}'")
            break
        if t.head is t:
            break
        t = t.head
    # a threat reported as "warned (that) X would ..."
    top = toks[-1]
    if top.dep_ == "ccomp" and top.head.lemma_ in THREAT_HEADS:
        threat = True
        reasons.append(f"threat governor '{top.head.text}'")
    if top.dep_ == "ccomp" and top.head.lemma_ in APPEAL_HEADS | {"propose", "recommend"} \
            and top.head.lemma_ not in ("tell",):
        hypo = True
        reasons.append(f"demanded by '{top.head.text}', not done")
    if top.dep_ == "ccomp" and top.head.lemma_ in ("deny",):
        negated = True
        reasons.append(f"denied by '{top.head.text}'")
    # "the chances of resuming talks", "the prospect of sanctions": only a possibility
    t = start
    for _ in range(6):
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ == "of" and t.head.head.lemma_.lower() in POSSIBILITY_NOUNS:
            hypo = True
            reasons.append(f"only a possibility ('{t.head.head.text}')")
            break
        if t.head is t or t.dep_ in ("ROOT", "ccomp", "advcl", "relcl"):
            break
        t = t.head
    if not nominal and trigger.dep_ == "advcl" \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in trigger.children):
        # "demanded a meeting to discuss X", "opened fire to disperse the crowd": the aim of the main act
        hypo = True
        reasons.append(f"purpose of '{trigger.head.text}'")
    sent = trigger.sent
    if sent.text.rstrip().endswith("?"):
        hypo = True
        reasons.append("question")
    modality = "hypothetical" if hypo else ("future" if (future or intent or threat) else "asserted")
    return Modality(modality=modality, negated=negated, intent=intent or (future and not hypo),
                    threat=threat, reason="; ".join(reasons))
