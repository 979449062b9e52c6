"""eventcoder: dated news articles in, evidence-backed CAMEO/PLOVER political events out."""
from .model import Actor, Article, Event, Location, Mention, Reject  # noqa: F401
from .settings import Settings  # noqa: F401

__version__ = "0.1.0"


def __getattr__(name):  # lazy: importing eventcoder must not load spaCy
    if name == "Coder":
        from .coder import Coder

        return Coder
    raise AttributeError(name)


__all__ = ["Actor", "Article", "Coder", "Event", "Location", "Mention", "Reject", "Settings"]
