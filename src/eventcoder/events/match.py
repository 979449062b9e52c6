"""Pure lexicon matching and argument finding on a dependency parse (no actors, no output).

``match(sent, lexicon)`` returns the candidate triggers of a sentence: which lexicon entry fires on
which token.  ``arguments(cand, role)`` returns the head tokens that fill a role.  Both only read the
parse; the coder decides what becomes an event.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from .lexicon import Entry, Lexicon
from .modality import for_clause_mark

LIGHT_PREP_VERBS = frozenset({"engage", "take", "participate", "join", "go", "remain", "stay", "put", "place",
                              "hold", "keep"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB"})
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    trigger: Token  # the token the entry fired on (verb or noun)
    obj: Optional[Token]  # the object head that satisfied `objects` (light verbs)
    nominal: bool
    near_miss: Optional[str] = None  # set for entries that almost matched (explain)
    #: other entries that fired on the same trigger, best first: tried when this one finds no actors
    alternatives: tuple = ()
    #: number of words of the object phrase (or noun) that matched
    matched_len: int = 0
    #: the matched object words end at the phrase's head ("a rebel *stronghold*", not "a *rebel* stronghold")
    head_match: bool = False

    @property
    def specificity(self) -> tuple:
        e = self.entry
        return (1 if e.objects else 0, self.matched_len, self.head_match, len(e.code), -e.order)

    def token_ids(self) -> set[int]:
        ids = {self.trigger.i}
        if self.obj is not None:
            ids.add(self.obj.i)
        return ids


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)


def direct_objects(verb: Token) -> list[Token]:
    if is_passive(verb):
        objs = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
        if not objs and verb.dep_ == "acl":  # "the aid sent to Iraq"
            objs = [verb.head]
        return objs
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objs and verb.lemma_ in LIGHT_PREP_VERBS:
        objs = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return objs


def theme_objects(verb: Token) -> list[Token]:
    """What a light verb is about: its direct object, or the 'with' object ("provided Iraq with aid")."""
    objs = direct_objects(verb)
    objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
             for g in c.children if g.dep_ == "pobj"]
    return objs


def _with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c.i > t.i)
    return out


def _contains_seq(lemmas: list[str], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    if n == 1:
        return seq[0] in lemmas
    for i in range(len(lemmas) - n + 1):
        if tuple(lemmas[i:i + n]) == seq:
            return True
    return False


def _object_phrase_lemmas(obj: Token) -> list[str]:
    # the object's own phrase, not embedded clauses; punctuation skipped ("anti-government")
    skip: set[int] = set()
    for t in obj.subtree:
        if t.dep_ in ("relcl", "advcl") and t is not obj:
            skip.update(x.i for x in t.subtree)  # "a mediation effort ... whose ties have been strained"
    return [t.lemma_.lower() for t in obj.subtree
            if t.i not in skip and not t.is_punct and abs(t.i - obj.i) < 12]


def _noun_mod_lemmas(noun: Token) -> set[str]:
    return {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")} | \
        {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}


#: nouns of travel: a place name before them is the destination ("his China visit"), not the traveller
DESTINATION_NOUNS = frozenset({"visit", "trip", "tour", "voyage", "journey"})


def for_clause_marks(verb: Token) -> list[Token]:
    """The "for" of "called for X to do Y" when the parser reads it as the mark of a clause."""
    marks = (for_clause_mark(c) for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > verb.i)
    return [m for m in marks if m is not None and m.i == verb.i + 1]


def _verb_candidates(tok: Token, entries: list[Entry], particle_objs: list[Token], skip_codes: frozenset[str],
                     near_misses: Optional[list[Candidate]]) -> list[Candidate]:
    """The entries of one verb trigger that fire: without `objects`, or with one found in its object phrase."""
    out: list[Candidate] = []
    objs = None
    for e in entries:
        if e.code in skip_codes:
            continue
        if not e.objects:
            out.append(Candidate(e, tok, None, False))
            continue
        if objs is None:
            objs = [(o, _object_phrase_lemmas(o)) for o in _with_conjuncts(theme_objects(tok) + particle_objs)]
        hit = None
        best = (0, False)
        for o, lemmas in objs:
            found = [seq for seq in e.objects if _contains_seq(lemmas, seq)]
            if not found:
                continue
            key = (max(len(seq) for seq in found), any(seq[-1] == o.lemma_.lower() for seq in found))
            if key > best:
                hit, best = o, key
        if hit is not None:
            out.append(Candidate(e, tok, hit, False, matched_len=best[0], head_match=best[1]))
        elif near_misses is not None:
            listed = [" ".join(s) for s in e.objects]
            near_misses.append(Candidate(e, tok, None, False, near_miss="object not one of " +
                                         ", ".join(listed[:6]) + (", …" if len(listed) > 6 else "")))
    return out


def match(sent: Span, lexicon: Lexicon, *, skip_codes: frozenset[str] = frozenset(),
          near_misses: Optional[list[Candidate]] = None) -> list[Candidate]:
    """Best candidate per trigger token in ``sent``; no two candidates share a token."""
    cands: list[Candidate] = []
    vindex, nindex = lexicon.verb_index, lexicon.noun_index
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in VERB_POS or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT") and (lemma,) in vindex):
            # verbs, and predicate adjectives the lexicon lists as verbs ("said it is skeptical of X")
            if lemma == "call" and any(c.dep_ == "oprd" for c in tok.children):
                continue  # naming, not calling: "called the move unconstitutional", "what it called interference"
            # phrasal verbs ("call off", "call for", "pull out") take precedence over the bare verb;
            # spaCy often parses the particle as a preposition or adverb
            entries = []
            particle_objs: list[Token] = []
            for c in tok.children:
                if c.dep_ in ("prt", "prep", "advmod") and c.i > tok.i:
                    if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
                        continue  # "called X on Tuesday" is not "call on"
                    got = vindex.get((lemma, c.lower_), ())
                    if got:
                        entries.extend(got)
                        particle_objs.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
                for m in for_clause_marks(tok):
                    # "called for Togo to release ...": spaCy makes "for" the mark of the clause
                    entries.extend(vindex.get((lemma, "for"), ()))
                    particle_objs.append(m.head)
            plain = list(vindex.get((lemma,), ()))
            found = _verb_candidates(tok, entries, particle_objs, skip_codes, near_misses) if entries else []
            if not found:
                # no phrasal entry matched its objects: the plain verb's entries are tried
                # ("gave 20 million dollars in aid to X" is not "give in")
                found = _verb_candidates(tok, plain, [], skip_codes, near_misses)
            cands.extend(found)
        elif tok.pos_ in NOUN_POS and lemma in nindex and tok.dep_ != "compound":
            # (a noun modifying another noun names a kind of thing: "riot police", "attack helicopters")
            mods = None
            for e in nindex[lemma]:
                if e.code in skip_codes:
                    continue
                for n in e.nouns:
                    if n[-1] != lemma:
                        continue
                    if len(n) > 1:
                        if mods is None:
                            mods = _noun_mod_lemmas(tok)
                        if not all(w in mods for w in n[:-1]):
                            if near_misses is not None:
                                near_misses.append(Candidate(e, tok, None, True,
                                                             near_miss=f"noun lacks modifier(s) {' '.join(n[:-1])}"))
                            continue
                    cands.append(Candidate(e, tok, None, True, matched_len=len(n)))
                    break
    # best per trigger, then drop candidates whose tokens are already used by a better one
    cands.sort(key=lambda c: (0 if not c.nominal else 1, tuple(-x for x in c.specificity), c.trigger.i))
    used: set[int] = set()
    out: list[Candidate] = []
    by_trigger: dict[int, list[Candidate]] = {}
    for c in cands:
        by_trigger.setdefault(c.trigger.i, []).append(c)
    for c in cands:
        ids = c.token_ids()
        if ids & used:
            if c.trigger.i in {o.trigger.i for o in out}:
                continue  # an alternative of a kept candidate (see below)
            if near_misses is not None:
                near_misses.append(Candidate(c.entry, c.trigger, c.obj, c.nominal,
                                             near_miss="trigger already taken by a more specific entry"))
            continue
        used |= ids
        alts = tuple(a for a in by_trigger[c.trigger.i] if a is not c and a.entry.code != c.entry.code
                     and not ((a.token_ids() - ids) & used))
        out.append(Candidate(c.entry, c.trigger, c.obj, c.nominal, alternatives=alts, matched_len=c.matched_len,
                             head_match=c.head_match)
                   if alts else c)
    # a noun that is the object of another event's verb is that event's object, not an event of its
    # own ("looted aid", "attacked UN peacekeepers"), unless the verb only talks about it
    verbs_at = {c.trigger.i for c in out if not c.nominal}
    out = [c for c in out if not (c.nominal and c.trigger.dep_ == "dobj" and c.trigger.head.i in verbs_at
                                  and c.trigger.head.lemma_.lower() not in COMMENT_VERBS)]
    out.sort(key=lambda c: c.trigger.i)
    return out


# ---------------------------------------------------------------- arguments
#: prepositions whose noun is circumstance, not the subject's own act ("after the attacks")
BACKGROUND_PREPS = frozenset({"after", "before", "since", "during", "amid", "amidst", "following", "despite",
                              "because", "due", "over", "about", "regarding", "concerning", "for", "than",
                              "like", "unlike", "of", "to"})
#: participles that describe the subject's own stance ("is opposed to", "is committed to")
STATIVE_PARTICIPLES = frozenset({"oppose", "commit", "determine", "prepare", "resolve", "convince", "concern",
                                 "worry", "dedicate", "devote", "engage", "interest", "alarm", "disappoint",
                                 "dismay", "satisfy", "please", "encourage", "obligate", "bind"})
#: texts that speak for their author: "issued a statement calling on X", "a letter urging Y"
DOCUMENT_NOUNS = frozenset({"statement", "letter", "report", "resolution", "declaration", "communique",
                            "communiqué", "message", "note", "petition", "motion", "editorial", "speech",
                            "address", "announcement", "press release", "release", "bill", "decree", "order",
                            "tweet", "post", "video", "appeal", "memorandum", "proposal"})
#: verbs that talk about an event rather than do it: the subject of "condemned the attack",
#: "blamed Y for the bombing", "welcomed the agreement" is not the agent of the attack/bombing/agreement
COMMENT_VERBS = frozenset({
    "condemn", "denounce", "criticize", "criticise", "deplore", "decry", "blame", "accuse", "welcome",
    "praise", "hail", "applaud", "commend", "discuss", "debate", "investigate", "probe", "report", "confirm",
    "deny", "protest", "complain", "mourn", "oppose", "endorse", "demand", "urge", "monitor", "survive",
    "witness", "fear", "face", "cite", "mention", "describe", "document", "recall", "remember",
    "commemorate", "mark", "examine", "review", "study", "follow", "watch", "cover", "suffer", "regret",
    "lament", "slam", "blast", "question", "dispute", "challenge", "reject", "refute", "dismiss", "warn",
    "ask", "request", "call", "appeal", "await", "expect", "predict", "note", "see", "hear",
    "know", "learn", "receive", "feel", "resent", "view", "consider", "stop", "prevent",
    "avert", "avoid", "halt", "end", "escape", "flee", "evade", "foil", "thwart"})
def governing_verb(tok: Token) -> Optional[Token]:
    t = tok
    for _ in range(6):
        if t.head is t:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Subject heads of a verb, through passive 'by', coordination, control and relative clauses."""
    if depth > 6:
        return []
    if is_passive(verb):
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not agents and verb.lemma_.lower() in STATIVE_PARTICIPLES:
            # "Israel is opposed to X", "Kenya is committed to Y": a state of the subject, not a passive
            return [c for c in verb.children if c.dep_ == "nsubjpass"][:1]
        return agents
    subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if not subj and verb.dep_ == "ROOT":
        # a parse that glued the subject to the verb as a compound ("Turkey trades with Iraq")
        subj = [c for c in verb.children if c.dep_ in ("compound", "npadvmod") and c.i < verb.i
                and c.pos_ == "PROPN"]
    if subj:
        s = subj[0]
        if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        if s.dep_ == "csubj" or s.pos_ in ("VERB", "AUX"):
            return []
        if len(subj) > 1 and s.i == s.sent.start and s.is_upper:
            return subj[1:2]  # "TIRANA, Albania (AP) -- Albania's parliament passed ...": a dateline parsed as subject
        return [s]
    head = verb.head
    if head is verb:
        return []
    dep = verb.dep_
    if dep == "xcomp":
        objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
        if objs and head.pos_ == "VERB":
            return [objs[0]]
        return subjects(head, depth + 1)
    if dep == "pcomp" and head.pos_ == "ADP" and head.head.pos_ == "VERB":
        # "supports Iraq in eliminating X": the object of the governing verb does the act
        gov = head.head
        objs = [c for c in gov.children if c.dep_ in ("dobj", "obj")]
        if objs and not is_passive(gov):
            return [objs[0]]
        return subjects(gov, depth + 1)
    if dep in ("conj", "advcl", "pcomp", "acomp", "prep"):
        return subjects(head, depth + 1)
    if dep in ("relcl", "acl"):
        if head.dep_ in ("attr", "acomp", "oprd") or head.pos_ in ("ADJ", "NUM"):
            return subjects(head.head, depth + 1)
        if dep == "relcl":
            return [head]
        if verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            # "a statement calling on X": the statement's author; "troops attacking the city": the troops
            if head.lemma_.lower() in DOCUMENT_NOUNS:
                poss = [c for c in head.children if c.dep_ == "poss"]
                if poss:
                    return poss
                gv = governing_verb(head)
                return subjects(gv, depth + 1) if gv is not None and gv is not verb else []
            return [head]
        return []
    if head.dep_ == "pcomp" or head.pos_ == "ADP":
        gv = governing_verb(head)
        return subjects(gv, depth + 1) if gv is not None else []
    return []


def _prep_objects(tok: Token, prep: str) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
    return out


def arguments(cand: Candidate, role: str) -> list[Token]:
    """Head tokens for ``role`` of a candidate (see docs/lexicon.md)."""
    t = cand.trigger
    if not cand.nominal:
        if role == "subject":
            return subjects(t)
        if role == "object":
            return direct_objects(t)
        if role == "iobj":
            return [c for c in t.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
        # candidates in order: on the verb, on its object, one level into the object phrase
        # ("a team of experts to Iraq"); the caller takes the first that resolves to an actor
        found = _prep_objects(t, role)
        for o in direct_objects(t):
            found += _prep_objects(o, role)
            for g in o.children:
                if g.dep_ == "prep":
                    for p in g.children:
                        if p.dep_ == "pobj":
                            found += _prep_objects(p, role)
        for o in direct_objects(t):
            # "lifted the sanctions (it had) imposed on X"
            for g in o.children:
                if g.dep_ in ("acl", "relcl") and g.pos_ == "VERB":
                    found += _prep_objects(g, role)
        for c in t.children:
            # "called for sanctions against X", "pressed for talks with X"
            if c.dep_ == "prep" and c.lower_ in ("for", "on", "to") and c.lower_ != role:
                for o in c.children:
                    if o.dep_ == "pobj" and o.pos_ == "NOUN":
                        found += _prep_objects(o, role)
        return found
    # nominal trigger
    if role == "subject":
        poss = [c for c in t.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        if poss:
            return poss
        by = _prep_objects(t, "by")
        if by:
            return by
        mods = [c for c in t.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")]
        if mods and not (t.lemma_.lower() in DESTINATION_NOUNS and mods[0].ent_type_ == "GPE"):
            return [mods[0]]
        if t.dep_ in ("nsubj", "nsubjpass"):
            return []
        if t.dep_ == "pobj" and (t.head.lower_ in BACKGROUND_PREPS or t.head.head.lower_ in BACKGROUND_PREPS):
            return []  # "after the attacks", "because of the fighting", "calls for an end to the sanctions"
        gv = governing_verb(t)
        if gv is not None and t.dep_ in ("dobj", "pobj", "attr", "npadvmod", "obj", "appos", "conj") \
                and gv.lemma_.lower() not in COMMENT_VERBS:
            return subjects(gv)
        return []
    if role == "object":
        return _prep_objects(t, "of")
    if role == "to" and t.lemma_.lower() in DESTINATION_NOUNS:
        # "ended his China visit": the place named before a visit is where it goes
        return _prep_objects(t, role) or [c for c in t.children if c.dep_ == "compound" and c.ent_type_ == "GPE"]
    return _prep_objects(t, role)
