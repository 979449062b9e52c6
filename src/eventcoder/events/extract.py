"""Sentence -> events: lexicon candidates + actors + modality + dates, with reasons for every decision."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Optional

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import DocActors, make_code
from ..model import Actor, Article, Event, Span as TextSpan, make_event_id
from ..ontology import Ontology
from ..places import locate
from ..settings import Settings
from .lexicon import Entry, Lexicon
from .match import DOCUMENT_NOUNS, Candidate, arguments, governing_verb, is_passive, match, subjects
from .modality import Modality, analyse, chain, for_clause_mark

#: roots whose events read the same in both directions ("X and Y met")
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "19"})
LOCATIVE_ROLES = frozenset({"in", "at", "near", "inside", "outside", "across", "along", "throughout"})
#: consultations that are mutual by nature: coded in both directions
RECIPROCAL_CODES = frozenset({"040", "041", "044", "046"})
SYMMETRIC_CODES = frozenset({"019", "087", "084"})
#: passive events without an agent whose source the event type implies ("50 people were arrested")
IMPLICIT_SOURCE_ROOTS = frozenset({"17"})
IMPLICIT_SOURCE_SECTOR = {"173": "COP", "175": "COP", "172": "GOV", "174": "GOV", "171": "GOV"}
#: violence whose subject is a weapon or a blast ("a roadside bomb killed three soldiers"): the source is
#: an unidentified armed force (CAMEO UAF) of the country where it happened, marked implicit
WEAPON_NOUNS = frozenset({"bomb", "bombing", "explosion", "blast", "device", "ied", "mine", "landmine", "minefield",
                          "rocket", "missile", "shell", "shelling", "mortar", "grenade", "explosive", "gunfire",
                          "airstrike", "drone", "car-bomb", "bomber", "attack", "ambush", "gunman", "gunmen",
                          "assailant", "attacker", "sniper"})
WEAPON_ROOTS = frozenset({"18", "19", "20"})
#: when no target actor is found, the place of the event is the target for violence and coercion (14-20),
#: aid (07), domestic yields (081, 082) and withdrawals (087): "blew up power lines near Kabul", "riot police
#: dispersed protesters in Monrovia", "lifted the state of emergency in Darfur"
PLACE_TARGET_CODES = ("14", "15", "17", "18", "19", "20", "07", "08", "03", "16")
#: material acts whose purpose clause names whom they are aimed at ("fired tear gas to disperse protesters")
PURPOSE_TARGET_ROOTS = frozenset({"06", "07", "08", "15", "16", "17", "18", "19", "20"})
#: withdrawals and pull-outs: the place left is the target ("pulled its troops out of X")
WITHDRAWAL_CODES = ("0356", "087", "166", "0343")
#: governors whose complement verb carries the target ("threatened to cut off gas to X")
COMPLEMENT_TARGET_ROOTS = frozenset({"02", "03", "10", "12", "13"})
#: acts that naturally have no target ("resigned", "called off the strike", "mobilized the army",
#: "began a hunger strike"): kept beside a dyadic event in the same sentence
MONADIC_CODES = ("081", "082", "083", "14", "15")
#: codes where source and target may be the same actor code (internal coercion / violence)
SELF_ALLOWED_ROOTS = frozenset({"14", "17", "18", "19", "20"})


#: what is "released" when a text is published: "released a statement / a video / figures"
PUBLISHED_NOUNS = frozenset({"statement", "letter", "report", "communique", "communiqué", "message", "note",
                             "video", "footage", "tweet", "declaration", "editorial", "memorandum", "document",
                             "photo", "image", "picture", "figure", "data", "list", "detail", "result", "finding",
                             "book", "film", "album", "transcript", "recording", "audio", "text", "version"})


def _implicit_actor(country: Optional[str], sectors: tuple[str, ...], how: str) -> Actor:
    """An actor the event type implies but the text does not name (``implicit: true``)."""
    return Actor(code=make_code(country, sectors), country=country, sectors=sectors, name=None, text=None,
                 start=None, end=None, implicit=True, resolved_by=how)


def _is_each_other(t: Token) -> bool:
    """Is ``t`` the "other"/"another" of "each other" / "one another"?"""
    return t.lower_ in ("other", "another") and t.i > 0 and t.doc[t.i - 1].lower_ in ("each", "one")


def _each_others(h: Token) -> bool:
    """Is the phrase headed by ``h`` "each other's X" / "one another's X"?"""
    return any(_is_each_other(c) for c in h.subtree if c.i < h.i)


def _mutual(trig: Token) -> bool:
    """An act that conjoined parties agree on together, or do to "each other" ("X and Y agreed to lift
    tariffs", "X and Y released each other's prisoners"): each party is the other's target."""
    if any(_is_each_other(t) for t in trig.subtree):
        return True
    head = trig
    while head.dep_ in ("xcomp", "conj") and head.head is not head:
        head = head.head
        if head.lemma_.lower() == "agree":
            return True
    return False


@dataclass
class Decision:
    """Why a candidate event was kept or dropped (for `explain`)."""

    sentence_index: int
    trigger: str
    rule: str
    code: str
    kept: bool
    reason: str
    source: Optional[str] = None
    target: Optional[str] = None


@dataclass
class Trace:
    decisions: list[Decision] = field(default_factory=list)
    near_misses: list[tuple[int, str, str, str]] = field(default_factory=list)  # (sent, trigger, rule, why)


SPORTS_WORDS = frozenset({"match", "game", "cup", "final", "semifinal", "semi-final", "quarterfinal",
                          "tournament", "league", "goal", "penalty", "penalties", "friendly", "championship",
                          "striker", "midfielder", "goalkeeper", "coach", "squad", "stadium", "olympics",
                          "medal", "fixture", "innings", "wicket", "hat-trick", "derby", "playoff", "season"})
_SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b")


def is_sports(sent: Span) -> bool:
    """A sentence about sport ("Brazil beat Argentina 2-1 in the final") codes no political event."""
    hits = sum(1 for t in sent if t.lower_ in SPORTS_WORDS)
    if hits >= 2:
        return True
    score = _SCORE.search(sent.text)
    return bool(score) and (hits >= 1 or any(t.lemma_ in ("beat", "defeat", "draw", "thrash") for t in sent))


#: "X agreed to / pledged to / is ready to <act the lexicon does not know>": intent to cooperate
INTENT_GOVERNORS = frozenset({"agree", "pledge", "promise", "vow", "offer", "commit", "ready", "willing",
                              "prepared", "plan", "intend"})
THREAT_GOVERNORS = frozenset({"threaten"})
#: intent governors under which a show of force is an offer of military help
HELPING_INTENT = frozenset({"offer", "pledge", "promise", "agree", "ready", "willing", "prepared", "commit",
                            "volunteer"})
#: "X refused to meet Y": a rejection by X of Y (the refused act itself is negated)
REJECT_GOVERNORS = frozenset({"refuse", "decline", "reject", "fail"})
BUILTIN_INTENT = Entry(id="builtin.intent_governor", code="030", verbs=(), file="<builtin>", line=0,
                       target=("object", "iobj", "to", "with", "for", "in", "on"))
REJECTED_ACT = {"04": "125", "036": "125", "06": "121", "08": "124", "057": "127", "045": "126",
                "03": "120", "07": "122",
                # CAMEO's 12x sub-codes mirror the refused act
                "061": "1211", "062": "1212", "063": "1213", "064": "1214",
                "071": "1221", "072": "1222", "073": "1223", "074": "1224",
                "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234",
                "081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245", "087": "1246"}


def rejected_code(act: str) -> str:
    """The 12x code for refusing the act ``act`` ("refused to release the prisoners" 1243)."""
    return REJECTED_ACT.get(act[:4]) or REJECTED_ACT.get(act[:3]) or REJECTED_ACT.get(act[:2]) or "120"
BUILTIN_REJECT = Entry(id="builtin.reject_governor", code="120", verbs=(), file="<builtin>", line=0,
                       target=("object", "iobj", "to", "with", "for", "on", "from"))
#: speech verbs whose complement with "must"/"should" is a demand/appeal to the complement's subject
SPEECH_VERBS = frozenset({"say", "tell", "add", "insist", "stress", "reiterate", "state", "declare",
                          "emphasize", "emphasise", "argue", "write"})
BUILTIN_DEMAND = Entry(id="builtin.demand_must", code="100", verbs=(), file="<builtin>", line=0, target=("iobj",))
BUILTIN_APPEAL = Entry(id="builtin.appeal_should", code="020", verbs=(), file="<builtin>", line=0,
                       target=("iobj",))
#: "X and Y agreed that ...": accord (019); "... that they should cooperate": intent to cooperate (030)
BUILTIN_ACCORD = Entry(id="builtin.agree_that", code="019", verbs=(), file="<builtin>", line=0, target=("with",))
BUILTIN_THREAT = Entry(id="builtin.threat_governor", code="130", verbs=(), file="<builtin>", line=0,
                       target=("object", "iobj", "to", "with", "against", "on"))


def governor_candidates(sent: Span, cands: list[Candidate]) -> list[Candidate]:
    """Candidates for intent/threat governors whose embedded act no lexicon entry codes."""
    taken = {c.trigger.i for c in cands} | {c.obj.i for c in cands if c.obj is not None}
    out = []
    for t in sent:
        lem = t.lemma_.lower()
        if lem in SPEECH_VERBS and t.i not in taken and t.pos_ == "VERB":
            # "X said Y must/should do Z": X demands of (must) or appeals to (should) Y
            for c in t.children:
                if c.dep_ == "ccomp":
                    modals = {a.lower_ for a in c.children if a.dep_ == "aux"}
                    if modals & {"must", "should"}:
                        entry = BUILTIN_DEMAND if "must" in modals else BUILTIN_APPEAL
                        out.append(Candidate(entry, t, None, False))
                        break
            continue
        if lem == "agree" and t.i not in taken and t.pos_ == "VERB" \
                and not any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon")
                                                             and not any(g.ent_type_ in ("DATE", "TIME")
                                                                         for g in c.children))
                            for c in t.children):
            clause = next((c for c in t.children if c.dep_ == "ccomp"), None)
            if clause is not None:
                modals = {a.lower_ for a in clause.children if a.dep_ == "aux"}
                entry = BUILTIN_INTENT if modals & {"should", "would", "will", "must", "shall"} else BUILTIN_ACCORD
                out.append(Candidate(entry, t, None, False))
                continue
        if lem not in INTENT_GOVERNORS and lem not in THREAT_GOVERNORS and lem not in REJECT_GOVERNORS:
            continue
        if t.i in taken:
            continue
        xcomps = [c for c in t.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if not xcomps:
            continue
        x = xcomps[0]
        if lem in REJECT_GOVERNORS and x.lemma_.lower() == "comment":
            # "declined to comment": CAMEO 011, not a rejection
            out.append(Candidate(replace(BUILTIN_REJECT, code="011"), x, t, False))
            continue
        if lem in REJECT_GOVERNORS:
            # coded even when the refused act has an entry of its own (that one is negated); the
            # refused act picks the 12x code ("refused to meet" -> 125)
            act = next((c.entry.code for c in cands if c.trigger.i == x.i), "")
            code = rejected_code(act) if act else "120"
            entry = BUILTIN_REJECT if code == "120" else replace(BUILTIN_REJECT, code=code)
            out.append(Candidate(entry, x, t, False))
            continue
        if any(u.i in taken for u in x.subtree):
            continue
        entry = BUILTIN_THREAT if lem in THREAT_GOVERNORS else BUILTIN_INTENT
        out.append(Candidate(entry, x, t, False))
    return out


def _with_country(a: Actor, other: Actor, named: set[str]) -> Actor:
    if a.country is None and a.sectors and other.country and named <= {other.country} \
            and not a.implicit and (a.resolved_by or "").startswith(("sector-noun", "title")) \
            and make_code(other.country, a.sectors) != other.code:
        return replace(a, code=make_code(other.country, a.sectors), country=other.country,
                       resolved_by=f"{a.resolved_by}+dyad-country")
    return a


#: concessions a government makes to its own population: easing restrictions and dissent, political reform,
#: resigning, and pledges of them (081-083, 0341-0344)
DOMESTIC_CONCESSION_CODES = ("081", "082", "083", "0341", "0342", "0343", "0344")
#: acts done to foreigners (expel, deport): their target never takes the acting country
FOREIGNERS_CODES = ("174", "1661", "161")
#: roots whose parties are usually of one country when only one of them has a country
DOMESTIC_ROOTS = frozenset({"14", "17"})
#: the state side of domestic coercion (17x) and the authority protested against (14x)
STATE_SECTORS = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "SPY"})


def _domestic(a: Actor, other: Actor, code: str) -> Actor:
    """A plain sector noun with no country ("students", "workers", "the military government") facing a
    state actor or a country in a protest (14x) or in coercion (17x) is of that country."""
    if a.country is not None or not a.sectors or a.implicit or other.country is None \
            or not (a.resolved_by or "").startswith("sector-noun") or code.startswith(FOREIGNERS_CODES):
        return a
    if other.sectors and not (set(a.sectors) | set(other.sectors)) & STATE_SECTORS:
        return a
    return replace(a, code=make_code(other.country, a.sectors), country=other.country,
                   resolved_by=f"{a.resolved_by}+domestic")


def _unguess(a: Actor, other: Actor, same_country: bool = False) -> Actor:
    """A country guessed from the sentence that makes an actor the other party itself was a bad guess
    ("President X met King Y in Amman"): back to no country. With ``same_country``, a guess that gives the
    other party's country is undone too."""
    same = (a.country is not None and a.country == other.country) if same_country else \
        (a.code and a.code == other.code)
    if same and (a.resolved_by or "").endswith("+sentence-country"):
        return replace(a, code=make_code(None, a.sectors), country=None,
                       resolved_by=a.resolved_by[:-len("+sentence-country")])
    return a


#: verbs of a protest's purpose clause ("... to demand / to press for / to call for ...")
PURPOSE_DEMANDS = frozenset({"demand", "press", "call", "urge", "push", "seek", "insist"})
#: "... a hunger strike to protest against X", "... to denounce X": whom the protest is against
PURPOSE_AGAINST = frozenset({"protest", "oppose", "denounce", "condemn", "decry", "challenge", "resist"})


def _purpose_of_protest(trig: Token, acts: Optional[dict[int, str]]) -> bool:
    """ "staged a rally to demand X", "went on hunger strike demanding X": the demand is the protest's."""
    if not acts or trig.dep_ not in ("advcl", "xcomp") or trig.lemma_.lower() not in PURPOSE_DEMANDS:
        return False
    head = trig.head
    if acts.get(head.i, "")[:2] == "14":
        return True
    return any(acts.get(c.i, "")[:2] == "14" for c in head.children if c.dep_ in ("dobj", "attr"))


def _background(trig: Token) -> str:
    """Why a verb trigger only describes one of the sentence's participants, or "" when it does not:
    "a journalist who had been jailed", "the sanctions imposed on India" (the story is elsewhere)."""
    if trig.dep_ == "relcl" and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in trig.children):
        return "background: past perfect relative clause"
    if trig.dep_ == "relcl" and trig.tag_ in ("VBZ", "VBP") and trig.i > 0 and trig.doc[trig.head.i + 1].is_punct \
            and not any(c.dep_ in ("aux", "auxpass") for c in trig.children):
        # "Hamas, which rejects the talks, ...": a standing position that describes a participant
        return "background: present-tense relative clause describing a participant"
    if trig.dep_ == "acl" and trig.tag_ == "VBG" and trig.head.dep_ in ("dobj", "pobj") \
            and trig.head.lemma_.lower() not in DOCUMENT_NOUNS and trig.head.head.pos_ == "VERB":
        return "background: participle describing another event's participant"
    if trig.dep_ == "acl" and trig.tag_ == "VBN" and trig.head.pos_ in ("NOUN", "PROPN") \
            and trig.head.dep_ != "ROOT" and not any(c.dep_ in ("agent", "dobj", "conj") for c in trig.children):
        return "background: participle modifying a noun"
    return ""


DateFn = Callable[[Token, Optional[Token]], tuple[_dt.date, str, bool]]


class EventExtractor:
    def __init__(self, lexicon: Lexicon, ontology: Ontology, settings: Settings):
        self.lexicon = lexicon
        self.ontology = ontology
        self.settings = settings
        self.skip_codes = frozenset() if settings.code_statements else frozenset({"010"})

    # ------------------------------------------------------------ roles -> actors
    def _actors_for(self, cand: Candidate, roles: tuple[str, ...], actors: DocActors,
                    exclude: set[int]) -> tuple[list[Actor], str, list[Token]]:
        for role in roles:
            heads = arguments(cand, role)
            found: list[Actor] = []
            for h in heads:
                if h.i in exclude:
                    continue
                got = actors.resolve_with_conjuncts(h)
                if not got:
                    got = self._owner_of(h, actors)
                if role in LOCATIVE_ROLES:
                    # "attacked ... in Nigeria": the country as a place, not its government
                    got = tuple(replace(a, code=a.country, sectors=(), resolved_by=f"{a.resolved_by}+place")
                                if a.country and (a.resolved_by or "").startswith(
                                    ("dictionary:name+government", "dictionary:metonym")) else a for a in got)
                found.extend(got)
                if got and role not in ("subject", "object"):
                    break
            if found:
                return found, role, heads
        return [], "", []

    @staticmethod
    def _phrase_actor(cand: Candidate, actors: DocActors, exclude: set[int],
                      source_countries: set[str]) -> tuple[list[Actor], list[Token]]:
        """The first actor with a country in the trigger's object and prepositional phrases (breadth first,
        not into clauses that have their own subject); places stand for their country. Not the venue ("held
        talks in Beijing": a locative phrase on the trigger itself), not an agent ("a decision by X"), and a
        place is no target for consultations (04) nor a place of the source's own country."""
        trig = cand.trigger
        consult = cand.entry.code.startswith("04")
        domestic = cand.entry.code[:2] in SELF_ALLOWED_ROOTS or cand.entry.code.startswith("08")
        frontier = [c for c in trig.children if c.dep_ in ("dobj", "attr", "acomp", "dative")
                    or (c.dep_ == "prep" and c.lower_ not in LOCATIVE_ROLES | {"by", "during", "after", "before"})]
        for _ in range(8):   # prepositions and their objects alternate: four noun phrases deep
            nxt = []
            for t in frontier:
                if t.i in exclude or t.i == trig.i:
                    continue
                if t.pos_ in ("NOUN", "PROPN"):
                    got = [a for a in actors.resolve_with_conjuncts(t) if a.country and a.start not in exclude]
                    in_place = t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_ROLES
                    got = [replace(a, code=a.country, sectors=(), resolved_by=f"{a.resolved_by}+place")
                           if (a.resolved_by or "").startswith(("gazetteer", "place-noun", "dictionary:city"))
                           or (in_place and (a.resolved_by or "").startswith(
                               ("dictionary:name+government", "dictionary:metonym")))
                           else a for a in got]
                    got = [a for a in got if a.sectors or not (consult or (a.country in source_countries
                                                                           and not domestic))]
                    if got:
                        return got[:1], [t]
                nxt.extend(c for c in t.children if c.dep_ in ("pobj", "dobj", "nmod", "poss", "compound",
                                                               "amod", "appos", "pcomp")
                           or (c.dep_ == "prep" and c.lower_ != "by"))
            frontier = nxt
        return [], []

    def _place_country(self, cand: Candidate, heads: list[Token], actors: DocActors) -> Optional[str]:
        """The country of the place attached to the trigger or to the given heads ("a bombing near
        Samarra", "killed by a device outside Basra")."""
        toks = [cand.trigger] + list(heads)
        for t in toks:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in LOCATIVE_ROLES | {"of"}:
                    # "outside of the city of Basra": the object may sit one preposition further down
                    objs = [g for g in c.children if g.dep_ == "pobj"] + \
                        [g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
                    for g in objs:
                        if g.dep_ == "pobj":
                            for a in actors.resolve_with_conjuncts(g):
                                if a.country:
                                    return a.country
        return None

    @staticmethod
    def _owner_of(h: Token, actors: DocActors) -> tuple[Actor, ...]:
        """For a thing that is not an actor, whose it is: "China's support" (possessor), "a request by
        X", "an appeal filed by X", "a proposal from X"."""
        for c in h.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                got = actors.resolve_with_conjuncts(c)
                if got:
                    return got
        if h.pos_ not in ("NOUN", "PROPN"):
            return ()
        # "a U.S. Supreme Court decision", "Chinese sanctions", "the Iranian nuclear programme": the actor
        # named in the noun phrase's modifiers
        for c in h.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < h.i and (c.ent_type_ in ("NORP", "GPE", "ORG")
                                                                      or c.pos_ == "PROPN"):
                got = actors.resolve(c)
                if got:
                    return got
        for c in h.children:
            preps = [c] if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") else \
                [g for g in c.children if g.dep_ == "agent"] if c.dep_ == "acl" else []
            for p in preps:
                for g in p.children:
                    if g.dep_ == "pobj":
                        got = actors.resolve_with_conjuncts(g)
                        if got:
                            return got
        return ()

    def extract(self, doc: Doc, article: Article, actors: DocActors, date_of: DateFn,
                trace: Optional[Trace] = None) -> list[Event]:
        events: list[Event] = []
        for si, sent in enumerate(doc.sents):
            actors.prepare(sent)
            near: Optional[list[Candidate]] = [] if trace is not None else None
            if is_sports(sent):
                if trace is not None:
                    trace.decisions.append(Decision(si, "", "", "", False, "sentence is about sport"))
                continue
            cands = match(sent, self.lexicon, skip_codes=self.skip_codes, near_misses=near)
            # "X agreed (with Y) to <act>": the act, with intent, is the event, not the agreeing itself
            # "X threatened to <act>": the act as a threat; the bare 130 on "threatened" would repeat it
            cands = [c for c in cands if c.nominal or c.entry.objects
                     or c.trigger.lemma_.lower() not in INTENT_GOVERNORS | THREAT_GOVERNORS
                     or not any(x.dep_ == "xcomp" and x.pos_ == "VERB" for x in c.trigger.children)]
            cands += governor_candidates(sent, cands)
            acts = {c.trigger.i: c.entry.code for c in cands}
            if trace is not None and near:
                for c in near:
                    trace.near_misses.append((si, c.trigger.text, c.entry.id, c.near_miss or ""))
            seen: set[tuple] = set()
            pending: list[tuple[Optional[Event], str, Candidate]] = []
            for best in cands:
                # the best entry first; an alternative on the same trigger when it finds no actors
                # (an option that finds a target beats one that finds only a source)
                options = (best,) + best.alternatives
                fallback = None
                for k, cand in enumerate(options):
                    results = list(self._events_for(cand, si, sent, article, actors, date_of, acts))
                    produced = [ev for ev, _ in results if ev is not None]
                    if any(ev.target is not None for ev in produced):
                        break
                    if produced and fallback is None:
                        fallback = (cand, results)
                    nxt = options[k + 1] if k + 1 < len(options) else None
                    if fallback is not None and nxt is not None \
                            and nxt.specificity[:3] != fallback[0].specificity[:3]:
                        cand, results = fallback  # a less specific entry does not beat it for a target
                        break
                    if k == len(options) - 1:
                        if fallback is not None:
                            cand, results = fallback
                        break
                    if trace is not None:
                        for _, why in results:
                            trace.decisions.append(Decision(si, cand.trigger.text, cand.entry.id, cand.entry.code,
                                                            False, why + "; trying the next entry on this trigger"))
                for ev, why in results:
                    key = None if ev is None else (ev.source.code, ev.target.code if ev.target else None, ev.cameo_code)
                    if ev is not None and key in seen:
                        ev, why = None, "duplicate of an event already coded in this sentence"
                    if ev is not None:
                        seen.add(key)
                    pending.append((ev, why, cand))
            # an event with no target beside one with a dyad is background ("during the talks", "after
            # the attack", "... and said it was concerned"), not a second event of its own
            dyadic = any(ev is not None and ev.target is not None and self._visible(ev) for ev, _, _ in pending)
            for ev, why, cand in pending:
                if ev is not None and dyadic and ev.target is None and (
                        cand.nominal or not ev.cameo_code.startswith(MONADIC_CODES)):
                    ev, why = None, "no target, beside a dyadic event in the sentence"
                if ev is not None:
                    events.append(ev)
                if trace is not None:
                    trace.decisions.append(Decision(si, cand.trigger.text, cand.entry.id, cand.entry.code,
                                                    ev is not None and self._visible(ev), why))
        return events

    def _visible(self, ev: Event) -> bool:
        if ev.negated and not self.settings.include_negated:
            return False
        if ev.modality == "hypothetical" and not self.settings.include_hypothetical:
            return False
        return True

    def _requested_code(self, code: str, trig: Token, acts: Optional[dict[int, str]]) -> str:
        """A generic appeal (020) or demand (100) takes the category of the act requested: "urged Y to
        release the prisoners" 0253, "demanded that Y lift the ban" 1051, "called for talks" 026 -
        CAMEO's 02x/10x codes mirror the 03x intent codes of the same act."""
        if not acts or code not in ("020", "100"):
            return code
        act = None
        for c in trig.children:
            heads = []
            if c.dep_ in ("xcomp", "ccomp", "dobj", "advcl", "acl"):
                heads = [c]
            elif c.dep_ == "prep" and c.lower_ in ("for", "to"):
                heads = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            for h in heads:
                for t in [h] + [x for x in h.children if x.dep_ in ("xcomp", "dobj", "acl")]:
                    if t.i in acts and t.i != trig.i:
                        act = acts[t.i]
                        break
                if act:
                    break
            if act:
                break
        if act is None or not ("03" <= act[:2] <= "08"):
            return code
        intent = act if act[:2] == "03" else self.ontology.intent_code(act)
        if intent == "039":
            mapped = code[:2] + "8" if code == "020" else "108"
        else:
            mapped = code[:2] + intent[2:] if code == "020" else "10" + intent[2:]
        while mapped and mapped not in self.ontology:
            mapped = mapped[:-1] if len(mapped) > 3 else ""
        return mapped or code

    def _events_for(self, cand: Candidate, si: int, sent: Span, article: Article, actors: DocActors,
                    date_of: DateFn, acts: Optional[dict[int, str]] = None):
        e = cand.entry
        trig = cand.trigger
        exclude = {trig.i}
        background = _background(trig) if not cand.nominal else ""
        if background:
            yield None, background
            return
        dobj = cand.obj if cand.obj is not None else next((c for c in trig.children if c.dep_ == "dobj"), None)
        if not cand.nominal and e.code.startswith(("084", "081")) and dobj is not None \
                and dobj.lemma_.lower() in PUBLISHED_NOUNS:
            # "released a joint statement", "issued a decree": publishing a text, not freeing or easing
            yield None, f"'{trig.text} {dobj.text}' publishes a text"
            return
        if not cand.nominal and e.code[:2] in ("02", "10") and _purpose_of_protest(trig, acts):
            yield None, "the purpose of a protest, coded with the protest"
            return
        sources, srole, sheads = self._actors_for(cand, e.source, actors, exclude)
        if not sources and cand.nominal:
            # "talks between X and Y (took place)": the between-object names both participants
            both, _, bheads = self._actors_for(cand, ("between",), actors, exclude)
            if len(both) >= 2:
                sources, srole, sheads = both, "between", bheads
        if not sources and not cand.nominal and e.code[:2] in IMPLICIT_SOURCE_ROOTS and is_passive(trig):
            # "50 people were arrested": the police (or government) of the country in context
            targets0, _, _ = self._actors_for(cand, e.target_roles(False), actors, exclude)
            country = next((a.country for a in targets0 if a.country), None) or actors.country_in_focus(trig.i)
            if country:
                sector = IMPLICIT_SOURCE_SECTOR.get(e.code[:3], "GOV")
                sources = [_implicit_actor(country, (sector,), "implicit:event-type")]
                srole, sheads = "implicit", []
        if not sources and not cand.nominal and e.code[:2] == "15" and is_passive(trig):
            # "Russian peacekeepers were deployed in X": the force deployed is its own source
            for c in trig.children:
                if c.dep_ == "nsubjpass":
                    got = [a for a in actors.resolve_with_conjuncts(c) if a.country]
                    if got:
                        sources, srole, sheads = got, "passive-subject", [c]
                        exclude = exclude | {c.i}
                        break
        if not sources and e.code[:2] in WEAPON_ROOTS:
            heads = arguments(cand, "subject") if e.source == ("subject",) or "subject" in e.source else []
            how = "implicit:weapon-subject"
            if not heads and not cand.nominal and is_passive(trig):
                how = "implicit:weapon-in"
                # "three civilians were killed in a car bombing": the weapon in the passive's "in" phrase
                heads = [g for c in trig.children if c.dep_ == "prep" and c.lower_ == "in"
                         for g in c.children if g.dep_ == "pobj"]
            if any(h.lemma_.lower() in WEAPON_NOUNS and h.i != trig.i for h in heads):
                country = self._place_country(cand, [h for h in heads if h.i != trig.i], actors)
                sources = [_implicit_actor(country, ("UAF",), how)]
                srole, sheads = "implicit", [h for h in heads if h.i != trig.i]
        if not sources:
            yield None, "no source actor resolved"
            return
        src_tokens = {a.start for a in sources if a.start is not None}
        targets, trole, theads = self._actors_for(cand, e.target_roles(cand.nominal), actors, exclude)
        if not targets and not cand.nominal:
            # "X demanded that Y end ...", "X urged that Y ...", "X called for Y to ...": the subject of the
            # complement clause
            for c in trig.children:
                if c.dep_ == "ccomp" or (c.dep_ == "advcl" and for_clause_mark(c) is not None):
                    heads = subjects(c)
                    got = [a for h in heads for a in actors.resolve_with_conjuncts(h)]
                    if got:
                        targets, trole, theads = got, "clause-subject", heads
                        break
        if not targets and not cand.nominal and "iobj" not in e.target_roles(False):
            # "granted the Portuguese government permission", "gave the Pentagon access": the recipient
            got, role, heads = self._actors_for(cand, ("iobj",), actors, exclude | src_tokens)
            if got:
                targets, trole, theads = got, role, heads
        if not targets and not cand.nominal:
            # "insisted on its demands that Y grant ...", "made an appeal that Y release ...": the subject of
            # the clause that spells out the trigger's object
            nouns = [cand.obj] if cand.obj is not None else []
            nouns += [g for c in trig.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for n in nouns:
                for c in n.children:
                    if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                          for m in c.children):
                        heads = subjects(c)
                        got = [a for h in heads for a in actors.resolve_with_conjuncts(h)
                               if a.start not in src_tokens]
                        if got:
                            targets, trole, theads = got, "object-clause-subject", heads
                            break
                if targets:
                    break
        if not targets and not cand.nominal and e.code[:2] in PURPOSE_TARGET_ROOTS:
            # "used tear gas to disperse the demonstrators", "sent troops to protect Y": the act's purpose
            # names whom it is aimed at (material acts only: "met to discuss X's role" is not a meeting with X)
            for c in trig.children:
                if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" \
                        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                    sub = replace(cand, trigger=c, obj=None, nominal=False)
                    got, role, heads = self._actors_for(sub, ("object", "against", "to"), actors,
                                                        exclude | src_tokens)
                    if got:
                        targets, trole, theads = got, "purpose-" + role, heads
                        break
        if not targets and not cand.nominal and e.code[:2] in COMPLEMENT_TARGET_ROOTS:
            # "X threatened to cut off electricity to Y", "X refused to commit troops to Y": the act's target
            for c in trig.children:
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                    sub = replace(cand, trigger=c, obj=None, nominal=False)
                    roles = ("object", "iobj", "to", "against", "with", "on", "for", "from", "into")
                    got, role, heads = self._actors_for(sub, roles, actors, exclude | src_tokens)
                    if not got and e.code[:2] == "13":
                        got, role, heads = self._actors_for(sub, tuple(sorted(LOCATIVE_ROLES)), actors,
                                                            exclude | src_tokens)
                    if got:
                        targets, trole, theads = got, "complement-" + role, heads
                        break
        protest_demand = ""
        if not targets and e.code[:2] == "14":
            # "students staged demonstrations to demand the president's resignation": the protest is
            # against the demand's target, and its sub-code says what it demands (141x ... 145x)
            verb = trig if not cand.nominal else (governing_verb(trig) or trig)
            for c in verb.children:
                if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in PURPOSE_DEMANDS | PURPOSE_AGAINST:
                    sub = replace(cand, trigger=c, obj=None, nominal=False)
                    got, role, heads = self._actors_for(sub, ("object", "iobj", "on", "from", "to", "for",
                                                              "against"), actors, exclude | src_tokens)
                    if not got:
                        for cc in c.children:
                            if cc.dep_ == "ccomp":
                                heads = subjects(cc)
                                got = [a for h in heads for a in actors.resolve_with_conjuncts(h)]
                                role = "clause-subject"
                    got = [a for a in got if a.start not in src_tokens]
                    if got:
                        targets, trole, theads = got, "protest-demand-" + role, heads
                    protest_demand = (acts or {}).get(c.i, "")
                    break
        if not targets and not cand.nominal and trig.dep_ == "xcomp" \
                and trig.head.lemma_.lower() in INTENT_GOVERNORS | THREAT_GOVERNORS:
            # "X agreed with Y to exchange technology": the partner named on the governor
            gov = replace(cand, trigger=trig.head, obj=None, nominal=False)
            got, role, heads = self._actors_for(gov, ("with", "to"), actors, exclude | src_tokens)
            if got:
                targets, trole, theads = got, "governor-" + role, heads
        if not targets and e.code.startswith(PLACE_TARGET_CODES):
            # the place where it happened stands for the target: "fired shells at targets in Jericho"
            roles = ("in", "at", "into", "near", "outside", "inside", "along", "across")
            if e.code.startswith(WITHDRAWAL_CODES):
                roles = ("from", "out") + roles
            got, role, heads = self._actors_for(cand, roles, actors, exclude)
            if not got:
                # one level down: "fired at targets in Jericho"
                for c in trig.children:
                    if c.dep_ == "prep" and not got:
                        for g in c.children:
                            if g.dep_ == "pobj":
                                sub = replace(cand, trigger=g, obj=None, nominal=True)
                                got, role, heads = self._actors_for(sub, ("in", "near", "outside"), actors, exclude)
            got = [replace(a, code=a.country, sectors=(), resolved_by=f"{a.resolved_by}+place")
                   for a in got if a.country and (not a.sectors or (a.resolved_by or "").startswith(
                       ("dictionary:name", "dictionary:metonym", "gazetteer", "place-noun")))]
            if got:
                targets, trole, theads = got[:1], "place-" + role, heads
        if not targets and self.settings.phrase_targets and len(sources) == 1:
            # "expressed concern about the fighting in Syria", "launched an appeal for aid to flood victims in
            # Malawi": the first actor or place named in the trigger's own phrase is what the act is about
            got, heads = self._phrase_actor(cand, actors, exclude | src_tokens,
                                            {a.country for a in sources if a.country})
            if got:
                targets, trole, theads = got, "phrase", heads
        targets = [t for t in targets if t.start not in src_tokens]
        if not targets and e.code[:2] == "14" and self.settings.implicit_targets:
            # a demonstration, strike or riot that names no addressee is directed at the authorities of the
            # protesters' country (CAMEO 14: protests "against the target actor"): an implicit government
            targets = [_implicit_actor(a.country, ("GOV",), "implicit:protest-authorities")
                       for a in sources[:1] if a.country and "GOV" not in a.sectors]
            trole = "implicit" if targets else trole
        if not targets and e.code.startswith(DOMESTIC_CONCESSION_CODES) and self.settings.implicit_targets:
            # easing restrictions, political reform, resigning (and pledges of them) with no addressee yield to
            # the country's own population: the country, implicit ("lifted the curfew", "promised to democratize")
            targets = [_implicit_actor(a.country, (), "implicit:domestic-concession")
                       for a in sources[:1] if a.country and set(a.sectors) & STATE_SECTORS]
            trole = "implicit" if targets else trole
        if len(sources) >= 2 and any(_each_others(h) for h in theads):
            # "X and Y released each other's prisoners": each party is the other's target
            targets, trole = [], ""
        if len(sources) == 1:
            targets = [_unguess(t, sources[0]) for t in targets]
        if targets and e.code[:2] not in SELF_ALLOWED_ROOTS:
            # "Pakistan deployed police in Islamabad": a target that is the source itself is no target
            src_codes = {a.code for a in sources if a.code}
            targets = [t for t in targets if not (t.code and t.code in src_codes and len(src_codes) == 1)]
        pairs: list[tuple[Actor, Optional[Actor]]] = []
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
            if e.code in RECIPROCAL_CODES and trole in ("with", "object"):
                # a meeting, a phone call or talks involve both sides: one event per direction
                pairs += [(t, s) for s, t in pairs]
        elif len(sources) >= 2 and (e.code[:2] in SYMMETRIC_ROOTS or e.code[:3] in SYMMETRIC_CODES
                                    or e.id == BUILTIN_REJECT.id or _mutual(trig)):
            # "X and Y clashed": two parties, not two parts of one ("Israeli helicopters and tanks")
            pairs = [(s, t) for s in sources for t in sources if s is not t
                     and not (s.country and s.country == t.country)]
        elif trole == "" and cand.nominal and len(sources) == 1:
            pairs = [(sources[0], None)]
        else:
            pairs = [(s, None) for s in sources]
        governor = governing_verb(trig) if cand.nominal else None
        mod = analyse(trig, cand.nominal, governor)
        if e.id == BUILTIN_REJECT.id:
            # the refusal itself happened: only a negation of the refusal ("did not refuse") negates it
            gov = trig.head
            mod = Modality(modality="hypothetical" if mod.modality == "hypothetical" else "asserted",
                           negated=any(c.dep_ == "neg" for c in gov.children), reason=f"refused by '{gov.text}'")
        code = self._requested_code(e.code, trig, acts)
        if protest_demand.startswith("104") and len(protest_demand) == 4 and len(code) == 3 \
                and code + protest_demand[3] in self.ontology:
            code = code + protest_demand[3]  # 1041 leadership change -> 1411 / 1421 / ... 1451
        if code == "190" and not cand.nominal and acts:
            # "wounded two soldiers in a bomb attack", "a roadside bombing killed ...", "killed by a device":
            # the weapon's own code is the more specific one
            inst = [g for c in trig.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "with")
                    for g in c.children if g.dep_ == "pobj"] + [h for h in sheads if h.i != trig.i]
            better = [acts[h.i] for h in inst if h.i in acts and acts[h.i][:2] in ("18", "19", "20")
                      and acts[h.i] != "190"]
            if better:
                code = better[0]
        if mod.negated and mod.modality == "future" and "03" <= code[:2] <= "08" and not e.id.startswith("builtin."):
            # "Israel will not release the prisoners": a refusal (CAMEO 12x), asserted
            code = rejected_code(code)
            mod = Modality(modality="asserted", negated=False, reason=f"refusal: {mod.reason}")
        elif mod.threat and code[:2] != "13":
            # "threatened to strike": CAMEO's own threat code; a threat to withdraw cooperation is 130
            code = self.ontology.threat_code(code) if code[:2] > "08" else "130"
        elif mod.intent and mod.modality == "future":
            if code[:2] == "15" and any(t.lemma_.lower() in HELPING_INTENT for t in chain(trig)):
                # "offered to send troops to help X": military aid offered, not a threat
                code = "0332"
            else:
                code = self.ontology.intent_code(code)
        info = self.ontology.get(code)
        plover_type, plover_mode = self.ontology.plover(code)
        if e.mode and code == e.code:
            plover_mode = e.mode
        date, precision, historical = date_of(trig, governor)
        # trigger span: verb .. object head for light-verb constructions
        t_start = trig.idx
        t_end = trig.idx + len(trig.text)
        if cand.obj is not None:
            t_start = min(t_start, cand.obj.idx)
            t_end = max(t_end, cand.obj.idx + len(cand.obj.text))
        trigger = TextSpan(article.text[t_start:t_end], t_start, t_end)
        sent_text = sent.text.strip()
        location = None
        if self.settings.locations and any(t is not None for _, t in pairs):
            countries = {a.country for a in sources + targets if a.country}
            location = locate(sent, trig, sheads + theads, context_countries=sorted(countries))
        if any(t is not None and (s.country is None) != (t.country is None) for s, t in pairs):
            # "Sudanese troops shelled rebel positions", "rebels attacked Sudanese troops": in a sentence
            # that names only one country, a sector without a country belongs to the other party's
            named = actors.sentence_countries(trig)
            if code[:2] in DOMESTIC_ROOTS:
                # protest and repression are domestic unless the text says otherwise: "workers struck
                # over the Serbian minister's bill", "Turkish police dispersed students"
                pairs = [(_domestic(s, t, code), _domestic(t, s, code)) if t is not None else (s, t)
                         for s, t in pairs]
            if not code.startswith(FOREIGNERS_CODES):
                pairs = [(_with_country(s, t, named), _with_country(t, s, named)) if t is not None else (s, t)
                         for s, t in pairs]
        if code.startswith(FOREIGNERS_CODES):
            # "deported the migrants": a guess from the sentence's one country would make them the deporter's
            pairs = [(s, _unguess(t, s, same_country=True)) if t is not None else (s, t) for s, t in pairs]
        pairs = [(s, _unguess(t, s)) if t is not None else (s, t) for s, t in pairs]
        pairs = [(_unguess(s, t), t) if t is not None else (s, t) for s, t in pairs]
        for src, tgt in pairs:
            if tgt is None and self.settings.require_target and not code.startswith(self.settings.monadic_codes):
                yield None, "no target actor resolved (dyadic events only)"
                continue
            if tgt is not None and src.start is not None and src.start == tgt.start and src.code == tgt.code:
                yield None, "source and target are the same mention"
                continue
            same = (src.code == tgt.code) if (src.code and tgt is not None and tgt.code) else \
                (tgt is not None and not src.code and not tgt.code and src.name == tgt.name)
            if tgt is not None and same and code[:2] not in SELF_ALLOWED_ROOTS:
                yield None, f"source and target are the same actor ({src.code})"
                continue
            if tgt is not None and src.country and src.country == tgt.country and code[:2] in SYMMETRIC_ROOTS \
                    and src.name is not None and src.name == tgt.name:
                yield None, "source and target are the same actor"
                continue
            ev = Event(
                event_id=make_event_id(article.id, si, t_start, code, src.code, tgt.code if tgt else None),
                doc_id=article.id, sentence_index=si, sentence=sent_text, date=date,
                date_precision=precision, publication_date=article.date, source=src, target=tgt,
                cameo_code=code, cameo_root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
                plover_type=plover_type, negated=mod.negated, modality=mod.modality, historical=historical,
                trigger=trigger, rule=e.id, plover_mode=plover_mode, doc_source=article.source, url=article.url,
                location=location,
            )
            why = f"kept: {e.id} ({e.where}); source via {srole}" + (f", target via {trole}" if tgt else "")
            if mod.reason:
                why += f"; modality: {mod.reason}"
            if not self._visible(ev):
                why = ("dropped from default output: " + ("negated" if ev.negated else "hypothetical")
                       + f" ({mod.reason})")
            yield ev, why
