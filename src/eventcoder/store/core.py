"""The embedded event store: one DuckDB file with documents, mentions, events and actors.

Writers open the file read-write (DuckDB allows one writing process at a time);
readers open it read-only.  Every ``write_batch`` / ``write_rejects`` call is one
transaction, so a killed process leaves the database as of its last committed
batch and a re-run simply continues (documents already stored with the same
content hash are skipped).
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import importlib.resources
import os
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from eventcoder.model import Article, Event, Reject, flat_columns
from eventcoder.settings import Settings
from eventcoder.store.dedup import cluster_starts
from eventcoder.store.filters import EventFilter

PathLike = Union[str, "os.PathLike[str]"]

_MIGRATION_NAME = re.compile(r"^(\d{4})_([A-Za-z0-9_]+)\.sql$")
_DUCK_TO_ARROW = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "SMALLINT": pa.int16(),
    "TINYINT": pa.int8(), "DOUBLE": pa.float64(), "FLOAT": pa.float32(), "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
}
#: event-level columns that override the representative mention's in export rows
_EVENT_OVERRIDES = ("date", "source_code", "target_code", "source_country", "target_country",
                    "cameo_code", "cameo_root", "quad_class", "goldstein", "plover_type")
#: columns of the events table added to export rows
_EVENT_EXTRAS = ("event_key", "cameo_base", "end_date", "num_mentions", "num_sources",
                 "num_articles", "first_seen", "last_seen", "rep_event_id")

# the key-group join condition between a table aliased x and _affected a
_GROUP_JOIN = "{x}.source_code = a.s AND coalesce({x}.target_code, '') = a.t AND {base} = a.b"


class StoreError(Exception):
    """Any problem opening, reading or writing the store (clear message for the CLI)."""


class StoreLockedError(StoreError):
    """Another process has the database open for writing."""


class StoreNotFoundError(StoreError, FileNotFoundError):
    """The database file (or its directory) does not exist."""


@dataclass(frozen=True)
class WriteSummary:
    """What one write did."""

    documents_written: int = 0  # new documents (incl. no-event and quarantined ones)
    documents_replaced: int = 0  # same id, new content hash
    documents_skipped: int = 0  # same id and hash already stored
    mentions_written: int = 0
    mentions_deleted: int = 0  # mentions of replaced documents
    events_touched: int = 0  # events in the re-clustered key groups after the write

    def __add__(self, other: "WriteSummary") -> "WriteSummary":
        return WriteSummary(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return (self.documents_written, self.documents_replaced, self.documents_skipped,
                self.mentions_written, self.mentions_deleted, self.events_touched)


def reject_doc_id(reject: Reject) -> str:
    """Document id of a quarantined record: its own id, else a hash of origin and line."""
    if reject.doc_id:
        return reject.doc_id
    raw = f"{reject.origin}\0{reject.line if reject.line is not None else ''}"
    return "rejected:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of the packaged migrations, by version."""
    out = []
    root = importlib.resources.files("eventcoder.store.schema")
    for entry in root.iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    out.sort()
    versions = [v for v, _, _ in out]
    if len(set(versions)) != len(versions):
        raise StoreError("duplicate migration version in eventcoder/store/schema")
    return out


def _lock_message(path: str, err: Exception) -> str:
    m = re.search(r"PID (\d+)", str(err))
    who = f"process {m.group(1)}" if m else "another process"
    return (f"database {path} is locked: {who} has it open for writing. "
            "Wait for that run to finish (DuckDB allows one writer and no readers meanwhile).")


class Store:
    """An eventcoder database.  Use :meth:`open`; a context manager; not thread-safe."""

    def __init__(self, con: "duckdb.DuckDBPyConnection", path: str, read_only: bool) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self.dedup_window_days = Settings().dedup_window_days
        self._mention_cols: tuple[str, ...] = ()
        self._mention_schema: pa.Schema = pa.schema([])
        self._closed = False

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, path: PathLike, read_only: bool = False, *,
             dedup_window_days: Optional[int] = None,
             settings: Optional[Settings] = None) -> "Store":
        """Open (read-write: create and migrate if needed) the database at ``path``.

        The de-duplication window is a property of the database, recorded when it is
        created: ``dedup_window_days`` if given, else ``settings.dedup_window_days``,
        else the default of :class:`Settings`.  An explicit ``dedup_window_days``
        that differs from the recorded one re-clusters every event with the new
        window (read-write only); ``settings`` never changes an existing database.
        Raises :class:`StoreLockedError` when another process is writing to the file
        and :class:`StoreNotFoundError` when a file opened read-only does not exist.
        """
        p = os.fspath(path)
        if dedup_window_days is not None and int(dedup_window_days) < 0:
            raise ValueError("dedup_window_days must be >= 0")
        if p != ":memory:":
            if os.path.isdir(p):
                raise StoreError(f"{p} is a directory, not a database file")
            if read_only and not os.path.exists(p):
                raise StoreNotFoundError(f"no such database file: {p}")
            parent = os.path.dirname(os.path.abspath(p))
            if not os.path.isdir(parent):
                raise StoreNotFoundError(f"cannot create database {p}: directory {parent} does not exist")
        elif read_only:
            raise StoreError("an in-memory database cannot be opened read-only")
        try:
            con = duckdb.connect(p, read_only=read_only)
        except duckdb.Error as err:
            text = str(err)
            if "lock" in text.lower():
                raise StoreLockedError(_lock_message(p, err)) from None
            if "different configuration" in text:
                raise StoreError(f"database {p} is already open in this process in another mode "
                                 "(read-only vs read-write); close it first") from None
            raise StoreError(f"cannot open database {p}: {text}") from None
        store = cls(con, p, read_only)
        default_window = settings.dedup_window_days if settings is not None else None
        try:
            store._initialize(dedup_window_days, default_window)
        except BaseException:
            con.close()
            raise
        return store

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Store {self.path} ({mode}{', closed' if self._closed else ''})>"

    # ------------------------------------------------------------------ schema
    def _initialize(self, window: Optional[int], default_window: Optional[int] = None) -> None:
        con = self._con
        known = _migrations()
        has_table = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchall()[0][0]
        if self.read_only:
            if not has_table:
                raise StoreError(f"{self.path} is not an eventcoder database (no schema_migrations table)")
            applied = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
            self._check_versions(applied, known)
            pending = [v for v, _, _ in known if v not in applied]
            if pending:
                raise StoreError(f"database {self.path} needs schema migration(s) {pending}: "
                                 "open it once read-write to upgrade it")
        else:
            if not has_table:
                other = con.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'"
                ).fetchall()[0][0]
                if other:
                    raise StoreError(f"{self.path} is a DuckDB database but not an eventcoder store")
                con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                            "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
            applied = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
            self._check_versions(applied, known)
            for version, name, sql in known:
                if version in applied:
                    continue
                with self._transaction(f"migration {version:04d}_{name}"):
                    con.execute(sql)
                    con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
        self._load_columns()
        stored = self._meta("dedup_window_days")
        if stored is None:
            if window is None:
                window = default_window if default_window is not None else Settings().dedup_window_days
            self.dedup_window_days = int(window)
            if not self.read_only:
                with self._transaction("recording settings"):
                    self._set_meta("dedup_window_days", str(self.dedup_window_days))
        else:
            self.dedup_window_days = int(stored)
            if window is not None and int(window) != self.dedup_window_days and not self.read_only:
                self.recluster(int(window))

    def _check_versions(self, applied: set[int], known: list[tuple[int, str, str]]) -> None:
        newest = max(v for v, _, _ in known)
        if applied and max(applied) > newest:
            raise StoreError(f"database {self.path} has schema version {max(applied)}, newer than this "
                             f"eventcoder supports ({newest}); upgrade eventcoder")

    def _load_columns(self) -> None:
        desc = self._con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'mentions' ORDER BY ordinal_position").fetchall()
        cols = [c for c, _ in desc]
        missing = [c for c in flat_columns() if c not in cols]
        if missing:
            raise StoreError(f"the mentions table of {self.path} lacks columns {missing}: "
                             "eventcoder.model changed without a store migration")
        self._mention_cols = tuple(c for c in cols if c != "event_key")
        self._mention_schema = pa.schema([(c, _DUCK_TO_ARROW.get(t.upper(), pa.string()))
                                          for c, t in desc if c != "event_key"])

    def schema_version(self) -> int:
        return int(self._con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0])

    def _meta(self, key: str) -> Optional[str]:
        rows = self._con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchall()
        return rows[0][0] if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        self._con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [key, value])

    def columns(self, table: str) -> list[str]:
        """Column names of a table, in order."""
        rows = self._con.execute("SELECT column_name FROM information_schema.columns "
                                 "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
        if not rows:
            raise StoreError(f"no table {table!r} in {self.path}")
        return [r[0] for r in rows]

    # ------------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        self._require_open()
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException as err:
            with contextlib.suppress(duckdb.Error):
                self._con.execute("ROLLBACK")
            if isinstance(err, duckdb.Error):
                raise StoreError(f"{what} failed in {self.path}: {err}") from err
            raise
        else:
            try:
                self._con.execute("COMMIT")
            except duckdb.Error as err:
                with contextlib.suppress(duckdb.Error):
                    self._con.execute("ROLLBACK")
                raise StoreError(f"{what} failed to commit in {self.path}: {err}") from err

    def _require_open(self) -> None:
        if self._closed:
            raise StoreError(f"store {self.path} is closed")

    def _require_writable(self) -> None:
        self._require_open()
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    # ------------------------------------------------------------------ writing
    def has_document(self, doc_id: str, content_hash: str) -> bool:
        """True when the document is stored with this content hash (coded or no-event)."""
        self._require_open()
        rows = self._con.execute("SELECT 1 FROM documents WHERE doc_id = ? AND content_hash = ?",
                                 [doc_id, content_hash]).fetchall()
        return bool(rows)

    def document_hashes(self, doc_ids: Sequence[str]) -> dict[str, Optional[str]]:
        """``doc_id -> content_hash`` of the given ids that are stored (None for quarantined)."""
        self._require_open()
        rows = self._con.execute("SELECT doc_id, content_hash FROM documents "
                                 "WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]).fetchall()
        return dict(rows)

    def _mention_row(self, article: Article, ev: Event) -> dict[str, Any]:
        if ev.doc_id != article.id:
            raise ValueError(f"event {ev.event_id} has doc_id {ev.doc_id!r} but belongs to article {article.id!r}")
        row = ev.flat()
        if row.get("doc_source") is None:
            row["doc_source"] = article.source
        if row.get("url") is None:
            row["url"] = article.url
        for c in ("date", "publication_date"):
            v = row.get(c)
            if isinstance(v, str):
                row[c] = _dt.date.fromisoformat(v)
        return row

    def write_batch(self, items: Iterable[tuple[Article, Sequence[Event]]]) -> WriteSummary:
        """Store coded documents and their events, in one transaction.

        ``items``: ``(Article, [Event, ...])`` pairs; an article without events is
        recorded with status ``no-event``.  A document already stored with the same
        id and content hash is skipped; one with the same id and another hash
        replaces the stored one (its mentions are deleted and the affected events
        re-clustered).  Within a batch the last item of an id wins.
        """
        self._require_writable()
        batch: dict[str, tuple[Article, list[Event]]] = {}
        for item in items:
            article, events = item
            if not isinstance(article, Article):
                raise TypeError(f"expected (Article, [Event]) pairs, got {type(article).__name__}")
            batch[article.id] = (article, list(events))
        if not batch:
            return WriteSummary()
        existing = self.document_hashes(list(batch))
        now = _dt.datetime.now()
        doc_rows: list[dict[str, Any]] = []
        mention_rows: list[dict[str, Any]] = []
        replaced: list[str] = []
        skipped = 0
        for doc_id, (article, events) in batch.items():
            h = article.content_hash
            if doc_id in existing and existing[doc_id] == h:
                skipped += 1
                continue
            if doc_id in existing:
                replaced.append(doc_id)
            seen: set[str] = set()
            for ev in events:
                if not isinstance(ev, Event):
                    raise TypeError(f"expected Event objects, got {type(ev).__name__}")
                if ev.event_id in seen:
                    continue
                seen.add(ev.event_id)
                mention_rows.append(self._mention_row(article, ev))
            doc_rows.append({
                "doc_id": doc_id, "date": article.date, "source": article.source, "url": article.url,
                "title": article.title, "origin": article.origin, "line": article.line,
                "content_hash": h, "status": "coded" if seen else "no-event", "reason": None,
                "n_events": len(seen), "ingested_at": now,
            })
        if not doc_rows:
            return WriteSummary(documents_skipped=skipped)
        docs = pa.Table.from_pylist(doc_rows, schema=_DOC_SCHEMA)
        mentions = pa.Table.from_pylist(mention_rows, schema=self._mention_schema)
        with self._transaction("writing a batch"):
            deleted, touched = self._write(docs, mentions, replaced)
        return WriteSummary(documents_written=len(doc_rows) - len(replaced),
                            documents_replaced=len(replaced), documents_skipped=skipped,
                            mentions_written=mentions.num_rows, mentions_deleted=deleted,
                            events_touched=touched)

    def write_rejects(self, rejects: Iterable[Reject]) -> WriteSummary:
        """Record quarantined input records (status ``quarantined`` with the reason).

        The document id is the reject's ``doc_id`` or ``"rejected:" + hash(origin, line)``.
        A reject never overwrites a coded or no-event document with the same id (a
        transient failure must not delete good data); it updates an earlier reject.
        """
        self._require_writable()
        by_id: dict[str, Reject] = {}
        for r in rejects:
            if not isinstance(r, Reject):
                raise TypeError(f"expected Reject objects, got {type(r).__name__}")
            by_id[reject_doc_id(r)] = r
        if not by_id:
            return WriteSummary()
        rows = self._con.execute("SELECT doc_id, status FROM documents WHERE doc_id IN (SELECT unnest(?))",
                                 [list(by_id)]).fetchall()
        status = dict(rows)
        now = _dt.datetime.now()
        out = []
        for doc_id, r in by_id.items():
            if status.get(doc_id) in ("coded", "no-event"):
                continue
            out.append({"doc_id": doc_id, "date": None, "source": None, "url": None, "title": None,
                        "origin": r.origin, "line": r.line, "content_hash": None, "status": "quarantined",
                        "reason": r.reason, "n_events": 0, "ingested_at": now})
        if out:
            table = pa.Table.from_pylist(out, schema=_DOC_SCHEMA)
            with self._transaction("writing rejects"):
                self._con.register("_rej", table)
                try:
                    self._con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM _rej)")
                    self._con.execute("INSERT INTO documents BY NAME SELECT * FROM _rej")
                finally:
                    self._con.unregister("_rej")
        replaced = sum(1 for d in out if d["doc_id"] in status)
        return WriteSummary(documents_written=len(out) - replaced, documents_replaced=replaced,
                            documents_skipped=len(by_id) - len(out))

    def import_mentions(self, mentions: Union[pa.Table, pd.DataFrame],
                        documents: Union[pa.Table, pd.DataFrame, None] = None) -> WriteSummary:
        """Bulk-load flattened mentions (columns of ``flat_columns()``) in one transaction.

        For large loads (benchmarks, imports of other data sets): the rows go to
        DuckDB as one Arrow table.  ``documents`` (columns of the documents table,
        ``doc_id`` required) is optional; by default one ``coded`` document per
        ``doc_id`` is derived from the mentions.  Documents already in the store are
        skipped together with their mentions (no replacement on this path).
        """
        self._require_writable()
        m = _to_arrow(mentions)
        required = {"event_id", "doc_id", "date", "source_code", "cameo_code"}
        missing = required - set(m.column_names)
        if missing:
            raise ValueError(f"mentions lack required columns {sorted(missing)}")
        unknown = set(m.column_names) - set(self._mention_cols) - {"event_key"}
        if unknown:
            raise ValueError(f"unknown mention columns {sorted(unknown)}")
        if "event_key" in m.column_names:
            m = m.drop_columns(["event_key"])
        d = _to_arrow(documents) if documents is not None else None
        if d is not None:
            if "doc_id" not in d.column_names:
                raise ValueError("documents lack the doc_id column")
            unknown = set(d.column_names) - set(_DOC_SCHEMA.names)
            if unknown:
                raise ValueError(f"unknown document columns {sorted(unknown)}")
            if "status" not in d.column_names:
                d = d.append_column("status", pa.array(["coded"] * d.num_rows, pa.string()))
        con = self._con
        with self._transaction("bulk import"):
            con.register("_imp_m", m)
            if d is not None:
                con.register("_imp_d", d)
            try:
                pub = "publication_date" if "publication_date" in m.column_names else "date"
                src = "doc_source" if "doc_source" in m.column_names else "NULL"
                url = "url" if "url" in m.column_names else "NULL"
                if d is None:
                    con.execute(f"""CREATE OR REPLACE TEMP TABLE _new_docs AS
                        SELECT doc_id, min({pub}) AS date, min({src}) AS source, min({url}) AS url,
                               'coded' AS status, count(DISTINCT event_id)::INTEGER AS n_events
                        FROM _imp_m WHERE doc_id NOT IN (SELECT doc_id FROM documents) GROUP BY doc_id""")
                else:
                    orphans = con.execute(
                        "SELECT count(DISTINCT doc_id) FROM _imp_m "
                        "WHERE doc_id NOT IN (SELECT doc_id FROM _imp_d) "
                        "AND doc_id NOT IN (SELECT doc_id FROM documents)").fetchall()[0][0]
                    if orphans:
                        raise ValueError(f"{orphans} document id(s) of the mentions are neither in "
                                         "`documents` nor in the store")
                    con.execute("""CREATE OR REPLACE TEMP TABLE _new_docs AS
                        SELECT * FROM _imp_d WHERE doc_id NOT IN (SELECT doc_id FROM documents)""")
                n_docs = con.execute("SELECT count(*) FROM _new_docs").fetchall()[0][0]
                skipped = con.execute("SELECT count(DISTINCT doc_id) FROM _imp_m "
                                      "WHERE doc_id NOT IN (SELECT doc_id FROM _new_docs)").fetchall()[0][0]
                con.execute("INSERT INTO documents BY NAME SELECT * FROM _new_docs")
                con.execute("CREATE OR REPLACE TEMP TABLE _new_m AS SELECT * FROM _imp_m "
                            "WHERE doc_id IN (SELECT doc_id FROM _new_docs)")
                n_m = con.execute("SELECT count(*) FROM _new_m").fetchall()[0][0]
                con.execute("INSERT INTO mentions BY NAME SELECT * FROM _new_m")
                self._affected_from("_new_m")
                touched = self._recluster_affected()
                self._refresh_actors()
                con.execute("DROP TABLE IF EXISTS _new_m")
                con.execute("DROP TABLE IF EXISTS _new_docs")
            finally:
                con.unregister("_imp_m")
                if d is not None:
                    con.unregister("_imp_d")
        return WriteSummary(documents_written=n_docs, documents_skipped=skipped,
                            mentions_written=n_m, events_touched=touched)

    def recluster(self, window: Optional[int] = None) -> int:
        """Re-cluster every event (e.g. with a new window, which is then recorded)."""
        self._require_writable()
        if window is not None:
            if int(window) < 0:
                raise ValueError("the de-duplication window must be >= 0 days")
            self.dedup_window_days = int(window)
        with self._transaction("re-clustering"):
            self._set_meta("dedup_window_days", str(self.dedup_window_days))
            self._con.execute("CREATE OR REPLACE TEMP TABLE _affected AS SELECT DISTINCT source_code AS s, "
                              "coalesce(target_code, '') AS t, left(cameo_code, 3) AS b FROM mentions")
            self._con.execute("CREATE OR REPLACE TEMP TABLE _codes AS SELECT code FROM actors UNION "
                              "SELECT source_code FROM mentions UNION "
                              "SELECT target_code FROM mentions WHERE target_code IS NOT NULL")
            # events of groups that no longer have mentions
            self._con.execute("DELETE FROM events")
            touched = self._recluster_affected()
            self._refresh_actors()
        return touched

    # -- internals of a write (all inside the caller's transaction)
    def _write(self, docs: pa.Table, mentions: pa.Table, replaced: list[str]) -> tuple[int, int]:
        con = self._con
        con.register("_new_docs", docs)
        con.register("_new_m", mentions)
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE _old_m AS SELECT source_code, target_code, cameo_code "
                        "FROM mentions WHERE doc_id IN (SELECT unnest(?))", [replaced])
            deleted = con.execute("SELECT count(*) FROM _old_m").fetchall()[0][0]
            self._affected_from("_new_m", "_old_m")
            if replaced:
                con.execute("DELETE FROM mentions WHERE doc_id IN (SELECT unnest(?))", [replaced])
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM _new_docs)")
            con.execute("INSERT INTO documents BY NAME SELECT * FROM _new_docs")
            con.execute("INSERT INTO mentions BY NAME SELECT * FROM _new_m")
            touched = self._recluster_affected()
            self._refresh_actors()
            con.execute("DROP TABLE IF EXISTS _old_m")
        finally:
            con.unregister("_new_docs")
            con.unregister("_new_m")
        return deleted, touched

    def _affected_from(self, *tables: str) -> None:
        """Temp tables ``_affected`` (key groups) and ``_codes`` (actor codes) of these mention rows."""
        groups = " UNION ".join(
            f"SELECT DISTINCT source_code AS s, coalesce(target_code, '') AS t, left(cameo_code, 3) AS b FROM {t}"
            for t in tables)
        codes = " UNION ".join(
            f"SELECT source_code AS code FROM {t} UNION SELECT target_code FROM {t} WHERE target_code IS NOT NULL"
            for t in tables)
        self._con.execute(f"CREATE OR REPLACE TEMP TABLE _affected AS {groups}")
        self._con.execute(f"CREATE OR REPLACE TEMP TABLE _codes AS {codes}")

    def _recluster_affected(self) -> int:
        """Re-cluster the key groups in ``_affected``; rebuild their events.  Returns #events."""
        con = self._con
        mjoin = _GROUP_JOIN.format(x="m", base="left(m.cameo_code, 3)")
        # the mentions of the affected key groups, once
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _m AS
            SELECT m.event_id, m.doc_id, m.date, m.publication_date, m.sentence_index, m.source_code,
                   m.target_code, m.source_country, m.target_country, m.cameo_code, m.cameo_root,
                   m.quad_class, m.goldstein, m.plover_type, m.doc_source, m.event_key AS old_key,
                   coalesce(m.target_code, '') AS t, left(m.cameo_code, 3) AS b
            FROM mentions m SEMI JOIN _affected a ON {mjoin}""")
        con.execute("""CREATE OR REPLACE TEMP TABLE _gd AS
            SELECT s, t, b, d, dense_rank() OVER (ORDER BY s, t, b) AS g,
                   date_diff('day', DATE '1970-01-01', d) AS day
            FROM (SELECT DISTINCT source_code AS s, t, b, date AS d FROM _m)""")
        arr = con.execute("SELECT g, day FROM _gd ORDER BY g, day").fetchnumpy()
        g = np.asarray(arr["g"], dtype=np.int64)
        day = np.asarray(arr["day"], dtype=np.int64)
        starts = cluster_starts(g, day, self.dedup_window_days)
        con.register("_starts", pa.table({"g": g, "day": day, "start": starts}))
        try:
            con.execute("""CREATE OR REPLACE TEMP TABLE _map AS
                SELECT x.s, x.t, x.b, x.d,
                       substr(md5(concat_ws('|', x.s, x.t, x.b,
                              CAST(DATE '1970-01-01' + CAST(y.start AS INTEGER) AS VARCHAR))), 1, 16) AS k
                FROM _gd x JOIN _starts y ON x.g = y.g AND x.day = y.day""")
        finally:
            con.unregister("_starts")
        con.execute("""CREATE OR REPLACE TEMP TABLE _mk AS
            SELECT _m.* EXCLUDE (old_key), _map.k AS event_key, _m.old_key
            FROM _m JOIN _map ON _m.source_code = _map.s AND _m.t = _map.t AND _m.b = _map.b
                              AND _m.date = _map.d""")
        con.execute("""UPDATE mentions SET event_key = c.event_key
            FROM (SELECT event_id, event_key FROM _mk WHERE old_key IS DISTINCT FROM event_key) c
            WHERE mentions.event_id = c.event_id""")
        ejoin = _GROUP_JOIN.format(x="events", base="events.cameo_base")
        con.execute(f"DELETE FROM events USING _affected a WHERE {ejoin}")
        order = "ORDER BY date, publication_date, doc_id, sentence_index, event_id"
        con.execute(f"""INSERT INTO events BY NAME
            WITH cc AS (SELECT event_key, cameo_code, count(*) AS n FROM _mk GROUP BY ALL),
            best AS (SELECT event_key, first(cameo_code ORDER BY n DESC, cameo_code) AS cameo_code
                     FROM cc GROUP BY event_key),
            bestrow AS (SELECT m.event_key, first(m.cameo_root ORDER BY m.event_id) AS cameo_root,
                               first(m.quad_class ORDER BY m.event_id) AS quad_class,
                               first(m.goldstein ORDER BY m.event_id) AS goldstein,
                               first(m.plover_type ORDER BY m.event_id) AS plover_type
                        FROM _mk m JOIN best ON m.event_key = best.event_key AND m.cameo_code = best.cameo_code
                        GROUP BY m.event_key),
            agg AS (SELECT event_key, min(date) AS date, max(date) AS end_date,
                           first(source_code) AS source_code, first(target_code) AS target_code,
                           first(source_country {order}) AS source_country,
                           first(target_country {order}) AS target_country,
                           first(b) AS cameo_base,
                           count(*) AS num_mentions,
                           count(DISTINCT coalesce(doc_source, 'doc:' || doc_id)) AS num_sources,
                           count(DISTINCT doc_id) AS num_articles,
                           min(publication_date) AS first_seen, max(publication_date) AS last_seen,
                           first(event_id {order}) AS rep_event_id
                    FROM _mk GROUP BY event_key)
            SELECT agg.*, best.cameo_code, bestrow.cameo_root, bestrow.quad_class, bestrow.goldstein,
                   bestrow.plover_type
            FROM agg JOIN best USING (event_key) JOIN bestrow USING (event_key)""")
        touched = con.execute("SELECT count(DISTINCT event_key) FROM _mk").fetchall()[0][0]
        for t in ("_m", "_gd", "_map", "_mk"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
        return int(touched)

    def _refresh_actors(self) -> None:
        """Recompute the actors in ``_codes`` (mentions and events naming them)."""
        con = self._con
        con.execute("DELETE FROM actors WHERE code IN (SELECT code FROM _codes)")
        con.execute("""INSERT INTO actors BY NAME
            WITH sides AS (
                SELECT source_code AS code, source_country AS country, source_sectors AS sectors,
                       source_name AS name, FALSE AS dup
                FROM mentions WHERE source_code IN (SELECT code FROM _codes)
                UNION ALL
                SELECT target_code, target_country, target_sectors, target_name,
                       target_code = source_code
                FROM mentions WHERE target_code IN (SELECT code FROM _codes)),
            names AS (SELECT code, name, count(*) AS n FROM sides WHERE name IS NOT NULL GROUP BY ALL),
            best AS (SELECT code, first(name ORDER BY n DESC, name) AS name FROM names GROUP BY code),
            agg AS (SELECT code, first(country ORDER BY country NULLS LAST) AS country,
                           first(sectors ORDER BY sectors NULLS LAST) AS sectors,
                           count(*) FILTER (WHERE NOT dup) AS n_mentions
                    FROM sides GROUP BY code),
            ev AS (SELECT code, count(*) FILTER (WHERE NOT dup) AS n_events FROM (
                       SELECT source_code AS code, FALSE AS dup FROM events
                       WHERE source_code IN (SELECT code FROM _codes)
                       UNION ALL
                       SELECT target_code, target_code = source_code FROM events
                       WHERE target_code IN (SELECT code FROM _codes)) GROUP BY code)
            SELECT agg.*, best.name, coalesce(ev.n_events, 0) AS n_events
            FROM agg LEFT JOIN best USING (code) LEFT JOIN ev USING (code)""")
        con.execute("DROP TABLE IF EXISTS _codes")
        con.execute("DROP TABLE IF EXISTS _affected")

    # ------------------------------------------------------------------ reading
    def query(self, sql: str, params: Optional[Sequence[Any]] = None) -> pd.DataFrame:
        """Run a SQL query on the store and return a DataFrame (read-only use)."""
        self._require_open()
        try:
            return self._con.execute(sql, list(params or [])).df()
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {err}") from err

    def query_arrow(self, sql: str, params: Optional[Sequence[Any]] = None) -> pa.Table:
        self._require_open()
        try:
            return self._con.sql(sql, params=list(params or [])).to_arrow_table()
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {err}") from err

    def _filter(self, flt: Optional[EventFilter], kw: dict[str, Any]) -> EventFilter:
        if flt is not None and kw:
            raise TypeError("pass either an EventFilter or keyword filters, not both")
        return flt if flt is not None else EventFilter.make(**kw)

    def events(self, filter: Optional[EventFilter] = None, *, limit: Optional[int] = None,
               **kw: Any) -> pd.DataFrame:
        """De-duplicated events (the events table), by date; filters as in :class:`EventFilter`."""
        f = self._filter(filter, kw)
        where, params = f.sql("e", "events")
        lim = f" LIMIT {int(limit)}" if limit is not None else ""
        return self.query(f"SELECT e.* FROM events e WHERE {where} ORDER BY e.date, e.event_key{lim}", params)

    def mentions(self, filter: Optional[EventFilter] = None, *, limit: Optional[int] = None,
                 **kw: Any) -> pd.DataFrame:
        """Mentions (one row per coded Event), by date; filters as in :class:`EventFilter`."""
        f = self._filter(filter, kw)
        where, params = f.sql("m", "mentions")
        lim = f" LIMIT {int(limit)}" if limit is not None else ""
        return self.query(f"SELECT m.* FROM mentions m WHERE {where} "
                          f"ORDER BY m.date, m.doc_id, m.sentence_index, m.event_id{lim}", params)

    def mentions_of(self, event_key: str) -> pd.DataFrame:
        """The mentions of one de-duplicated event."""
        return self.query("SELECT * FROM mentions WHERE event_key = ? "
                          "ORDER BY date, publication_date, doc_id, sentence_index, event_id", [event_key])

    def documents(self, status: Optional[str] = None) -> pd.DataFrame:
        if status is not None and status not in ("coded", "no-event", "quarantined"):
            raise ValueError(f"unknown document status {status!r}")
        if status is None:
            return self.query("SELECT * FROM documents ORDER BY doc_id")
        return self.query("SELECT * FROM documents WHERE status = ? ORDER BY doc_id", [status])

    def actors(self) -> pd.DataFrame:
        return self.query("SELECT * FROM actors ORDER BY n_events DESC, code")

    def stats(self) -> dict[str, Any]:
        """Row counts, documents by status, date range, schema version and window."""
        self._require_open()
        con = self._con
        out: dict[str, Any] = {"path": self.path, "schema_version": self.schema_version(),
                               "dedup_window_days": self.dedup_window_days}
        for t in ("documents", "mentions", "events", "actors"):
            out[t] = con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        out["documents_by_status"] = dict(con.execute(
            "SELECT status, count(*) FROM documents GROUP BY status ORDER BY status").fetchall())
        lo, hi = con.execute("SELECT min(date), max(date) FROM events").fetchall()[0]
        out["first_date"], out["last_date"] = lo, hi
        return out

    def iter_rows(self, table: str = "events", filter: Optional[EventFilter] = None, *,
                  event_fields: bool = True, batch_size: int = 10_000) -> Iterator[dict[str, Any]]:
        """Rows for the exporters, as dicts, by date.

        ``table="events"``: one row per de-duplicated event: the flattened fields of
        its representative mention, overridden by the event's own columns (date,
        codes, goldstein ...) plus ``event_key``, ``cameo_base``, ``num_mentions``,
        ``num_sources``, ``num_articles``, ``first_seen``, ``last_seen`` ...
        ``table="mentions"``: the flattened mention plus ``event_key`` and, with
        ``event_fields``, the counts of its event.
        """
        self._require_open()
        f = filter or EventFilter()
        if table == "events":
            where, params = f.sql("e", "events")
            sel = [f"e.{c}" if c in _EVENT_OVERRIDES else f"m.{c}" for c in flat_columns()]
            sel += [f"e.{c}" for c in _EVENT_EXTRAS]
            sql = (f"SELECT {', '.join(sel)} FROM events e JOIN mentions m ON m.event_id = e.rep_event_id "
                   f"WHERE {where} ORDER BY e.date, e.event_key")
        elif table == "mentions":
            where, params = f.sql("m", "mentions")
            sel = [f"m.{c}" for c in flat_columns()] + ["m.event_key"]
            join = ""
            if event_fields:
                sel += [f"e.{c}" for c in _EVENT_EXTRAS if c != "event_key"]
                join = " LEFT JOIN events e ON e.event_key = m.event_key"
            sql = (f"SELECT {', '.join(sel)} FROM mentions m{join} WHERE {where} "
                   "ORDER BY m.date, m.doc_id, m.sentence_index, m.event_id")
        else:
            raise ValueError(f"unknown table {table!r}: expected 'events' or 'mentions'")
        cur = self._con.cursor()  # own connection: the caller may query the store meanwhile
        try:
            try:
                reader = cur.sql(sql, params=params).to_arrow_reader(batch_size)
            except duckdb.Error as err:
                raise StoreError(f"query failed on {self.path}: {err}") from err
            for batch in reader:
                yield from batch.to_pylist()
        finally:
            cur.close()


_DOC_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("date", pa.date32()), ("source", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("origin", pa.string()), ("line", pa.int32()), ("content_hash", pa.string()),
    ("status", pa.string()), ("reason", pa.string()), ("n_events", pa.int32()),
    ("ingested_at", pa.timestamp("us")),
])


def _to_arrow(data: Union[pa.Table, pd.DataFrame]) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pd.DataFrame):
        return pa.Table.from_pandas(data, preserve_index=False)
    raise TypeError(f"expected a pyarrow Table or pandas DataFrame, got {type(data).__name__}")
