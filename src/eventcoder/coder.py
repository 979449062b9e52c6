"""The coder: Iterable[Article] -> events.  No file or database I/O here.

    >>> from eventcoder import Coder
    >>> Coder().code("China and Iraq signed an agreement on Friday.", date="2021-03-13")

``Coder`` is the one obvious entry object: it accepts text (with a date), an ``Article`` or a spaCy
``Doc`` parsed by its own pipeline, and returns evidence-backed events.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import multiprocessing as mp
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Union

from spacy.tokens import Doc

from .actors.resolve import DocActors
from .events.dating import DocDates
from .events.extract import EventExtractor, Trace
from .events.lexicon import Lexicon, cached_lexicon
from .model import Article, Event
from .nlp import ACTOR_COMPONENT, build_nlp
from .ontology import load_ontology
from .settings import Settings


def _as_date(value: Union[str, _dt.date, None]) -> Optional[_dt.date]:
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value))


@dataclass
class Explanation:
    """What the coder saw and decided for one text (``eventcoder explain``)."""

    doc: Doc
    events: list[Event]
    actors: list[tuple[int, str, dict]] = field(default_factory=list)  # (sentence, text, actor dict)
    trace: Trace = field(default_factory=Trace)


class Coder:
    def __init__(self, settings: Optional[Settings] = None, nlp=None, lexicon: Optional[Lexicon] = None):
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else build_nlp(self.settings)
        self.ontology = load_ontology()
        paths = tuple(self.settings.lexicon_paths) if self.settings.lexicon_paths is not None else None
        self.lexicon = lexicon or cached_lexicon(paths, tuple(self.settings.extra_lexicon))
        self.extractor = EventExtractor(self.lexicon, self.ontology, self.settings)
        self.index = self.nlp.get_pipe(ACTOR_COMPONENT).index
        from .places import Gazetteer

        self.gazetteer = Gazetteer.load()

    # ------------------------------------------------------------------ single texts
    def code(self, text: Union[str, Doc, Article], date: Union[str, _dt.date, None] = None,
             doc_id: Optional[str] = None) -> list[dict]:
        """Code one text; returns event records (the same dicts as the JSONL output)."""
        return [e.to_dict() for e in self.code_events(text, date=date, doc_id=doc_id)]

    def code_events(self, text: Union[str, Doc, Article], date: Union[str, _dt.date, None] = None,
                    doc_id: Optional[str] = None) -> list[Event]:
        article, doc = self._article_doc(text, date, doc_id)
        return self.code_doc(doc, article)

    def _article_doc(self, text, date, doc_id) -> tuple[Article, Doc]:
        if isinstance(text, Article):
            return text, self.nlp(text.text)
        d = _as_date(date) or self.settings.default_date
        if d is None:
            raise ValueError("a publication date is needed to code a text (date=...)")
        if isinstance(text, Doc):
            doc = text
            if doc._.ec_actor_matches is None:
                doc = self.nlp.get_pipe(ACTOR_COMPONENT)(doc)
            body = doc.text
        else:
            body = text
            doc = None
        did = doc_id or "sha1:" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:16]
        article = Article(id=did, date=d, text=body)
        return article, (doc if doc is not None else self.nlp(body))

    def code_doc(self, doc: Doc, article: Article, trace: Optional[Trace] = None,
                 actors: Optional[DocActors] = None) -> list[Event]:
        actors = actors or DocActors(doc, self.index, date=article.date, unknown_actors=self.settings.unknown_actors,
                                       country_as_government=self.settings.country_as_government,
                                       gazetteer=self.gazetteer)
        dates = DocDates(doc, article.date)
        events = dates.settle(self.extractor.extract(doc, article, actors, dates.date_of, trace))
        return [e for e in events if self._keep(e)]

    def _keep(self, e: Event) -> bool:
        s = self.settings
        if e.negated and not s.include_negated:
            return False
        if e.modality == "hypothetical" and not s.include_hypothetical:
            return False
        if e.target is None and s.require_target and not e.cameo_code.startswith(s.monadic_codes):
            return False
        return True

    def explain(self, text: str, date: Union[str, _dt.date, None] = None) -> Explanation:
        article, doc = self._article_doc(text, date or _dt.date.today(), None)
        trace = Trace()
        actors = DocActors(doc, self.index, date=article.date, unknown_actors=self.settings.unknown_actors,
                                       country_as_government=self.settings.country_as_government,
                                       gazetteer=self.gazetteer)
        events = self.code_doc(doc, article, trace=trace, actors=actors)
        exp = Explanation(doc=doc, events=events, trace=trace)
        for i, acts in sorted(actors.cache.items()):
            for a in acts:
                exp.actors.append((doc[i].sent.start, a.text or doc[i].text, a.to_dict()))
        return exp

    # ------------------------------------------------------------------ streams
    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of articles (batched through ``nlp.pipe``); yields (article, events) in order."""
        if self.settings.processes > 1:
            yield from _parallel(self.settings, articles)
            return
        stream = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(stream, as_tuples=True, batch_size=self.settings.batch_size):
            yield article, self.code_doc(doc, article)

    def __call__(self, articles: Iterable[Article]) -> Iterator[Event]:
        for _, events in self.code_articles(articles):
            yield from events


# ---------------------------------------------------------------------- processes
@lru_cache(maxsize=2)
def _worker_coder(settings: Settings) -> "Coder":  # pragma: no cover - runs in a child process
    return Coder(settings.with_(processes=1))


def _work(job: tuple[Settings, list[Article]]) -> list[tuple[Article, list[Event]]]:  # pragma: no cover
    settings, chunk = job
    return list(_worker_coder(settings).code_articles(chunk))


def _chunks(articles: Iterable[Article], n: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for a in articles:
        chunk.append(a)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(settings: Settings, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
    """Whole-coder worker processes: each builds its own pipeline once; results keep input order."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(settings.processes) as pool:
        jobs = ((settings, chunk) for chunk in _chunks(articles, settings.batch_size))
        for results in pool.imap(_work, jobs):
            yield from results
