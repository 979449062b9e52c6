"""The event store: schema, idempotent writes, de-duplication, locking, crash safety."""
from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from eventcoder.model import Reject, flat_columns
from eventcoder.settings import Settings
from eventcoder.store import (
    EventFilter,
    Store,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    cluster_dates,
    event_key,
    pairwise_dedup_scores,
    reject_doc_id,
)
from eventcoder.store.synthetic import make_article, make_event, synthetic_corpus, synthetic_mentions

D = dt.date(2024, 3, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def article_with(doc_id, events_spec, date=D, outlet="Reuters", text=None):
    """An article and its events; events_spec: (source, target, code, date[, sentence])."""
    art = make_article(doc_id, date, text or f"text of {doc_id}", source=outlet)
    evs = []
    for i, spec in enumerate(events_spec):
        s, t, code, d = spec[:4]
        evs.append(make_event(doc_id, s, t, code, d, sentence_index=spec[4] if len(spec) > 4 else i,
                              publication_date=date, trigger_start=10 * i))
    return art, evs


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "events.duckdb")


def table_rows(store, table, exclude=()):
    cols = [c for c in store.columns(table) if c not in exclude]
    key = {"documents": "doc_id", "mentions": "event_id", "events": "event_key", "actors": "code"}[table]
    return store.query_arrow(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {key}").to_pylist()


# --------------------------------------------------------------------------- schema and opening

def test_new_store_has_schema_and_migration_record(db):
    with Store.open(db) as store:
        assert store.schema_version() == 1
        assert store.columns("mentions") == flat_columns() + ["event_key"]
        for t in ("documents", "events", "actors"):
            assert store.columns(t)
        mig = store.query("SELECT version, name FROM schema_migrations")
        assert mig.to_dict("records") == [{"version": 1, "name": "init"}]
        assert store.dedup_window_days == 1
    # re-opening applies nothing twice; read-only works
    with Store.open(db) as store:
        assert len(store.query("SELECT * FROM schema_migrations")) == 1
    with Store.open(db, read_only=True) as store:
        assert store.read_only and store.stats()["documents"] == 0


def test_open_errors(tmp_path):
    with pytest.raises(StoreNotFoundError, match="no such database file"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    with pytest.raises(StoreNotFoundError, match="does not exist"):
        Store.open(tmp_path / "no" / "dir.duckdb")
    other = str(tmp_path / "other.duckdb")
    con = duckdb.connect(other)
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventcoder"):
        Store.open(other)
    with pytest.raises(StoreError, match="not an eventcoder"):
        Store.open(other, read_only=True)


def test_read_only_store_refuses_writes(db):
    Store.open(db).close()
    with Store.open(db, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.write_batch([article_with("a", [("USA", "CHN", "042", D)])])


_HOLDER = textwrap.dedent("""
    import sys
    from eventcoder.store import Store
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
""")


def test_locked_database_raises_clear_error(db, tmp_path):
    Store.open(db).close()
    script = tmp_path / "holder.py"
    script.write_text(_HOLDER)
    proc = subprocess.Popen([sys.executable, str(script), db], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError) as err:
            Store.open(db)
        assert db in str(err.value) and "locked" in str(err.value)
        assert str(proc.pid) in str(err.value)
        with pytest.raises(StoreLockedError):
            Store.open(db, read_only=True)
    finally:
        proc.stdin.write("\n")
        proc.stdin.flush()
        proc.wait(timeout=30)
    with Store.open(db, read_only=True) as store:  # free again
        assert store.stats()["documents"] == 0


# --------------------------------------------------------------------------- writing

def test_write_batch_is_idempotent(db):
    corpus = synthetic_corpus(60, seed=3)
    with Store.open(db) as store:
        first = store.write_batch(corpus)
        assert first.documents_written == 60 and first.documents_skipped == 0
        before = {t: table_rows(store, t, exclude=("ingested_at",)) for t in ("documents", "mentions", "events")}
        again = store.write_batch(corpus)
        assert again.documents_skipped == 60 and again.documents_written == 0 and again.mentions_written == 0
        after = {t: table_rows(store, t, exclude=("ingested_at",)) for t in ("documents", "mentions", "events")}
        assert before == after
        n_events = sum(len({e.event_id for e in evs}) for _, evs in corpus)
        assert store.stats()["mentions"] == n_events
        statuses = store.stats()["documents_by_status"]
        assert statuses["no-event"] == sum(1 for _, evs in corpus if not evs)


def test_has_document_and_hashes(db):
    art, evs = article_with("a1", [("USAGOV", "CHNGOV", "042", D)])
    with Store.open(db) as store:
        assert not store.has_document("a1", art.content_hash)
        store.write_batch([(art, evs)])
        assert store.has_document("a1", art.content_hash)
        assert not store.has_document("a1", "0" * 16)
        assert store.document_hashes(["a1", "zz"]) == {"a1": art.content_hash}


def test_changed_document_replaces_its_mentions_and_reclusters(db):
    a1 = article_with("a1", [("USAGOV", "CHNGOV", "042", D), ("USAGOV", "RUSGOV", "112", D)])
    a2 = article_with("a2", [("USAGOV", "CHNGOV", "042", D)], outlet="AP")
    with Store.open(db) as store:
        store.write_batch([a1, a2])
        assert store.stats()["events"] == 2
        ev = store.events(actor="CHN")
        assert ev["num_mentions"].tolist() == [2]
        # a1 changes: new text, now only reports a RUS event
        changed = article_with("a1", [("USAGOV", "RUSGOV", "112", D)], text="corrected text")
        res = store.write_batch([changed])
        assert res.documents_replaced == 1 and res.mentions_deleted == 2 and res.mentions_written == 1
        assert store.has_document("a1", changed[0].content_hash)
        m = store.mentions()
        assert sorted(m["doc_id"]) == ["a1", "a2"]
        chn = store.events(actor="CHN")
        assert chn["num_mentions"].tolist() == [1] and chn["num_articles"].tolist() == [1]
        assert store.query("SELECT count(*) AS n FROM documents")["n"][0] == 2


def test_batch_with_same_id_twice_keeps_last(db):
    old = article_with("a1", [("USA", "CHN", "042", D)], text="v1")
    new = article_with("a1", [("USA", "CHN", "043", D), ("USA", "CHN", "190", D)], text="v2")
    with Store.open(db) as store:
        store.write_batch([old, new])
        assert sorted(store.mentions()["cameo_code"]) == ["043", "190"]


def test_event_doc_id_must_match_article(db):
    art = make_article("a1", D)
    ev = make_event("other", "USA", "CHN", "042", D)
    with Store.open(db) as store:
        with pytest.raises(ValueError, match="belongs to article"):
            store.write_batch([(art, [ev])])


def test_rejects_are_quarantined_without_hiding_good_documents(db):
    with Store.open(db) as store:
        good = article_with("g1", [("USA", "CHN", "042", D)])
        store.write_batch([good])
        res = store.write_rejects([
            Reject(origin="in.jsonl", line=7, reason="invalid date '2021-13-40'"),
            Reject(origin="in.jsonl", line=9, reason="empty text", doc_id="x9"),
            Reject(origin="in.jsonl", line=1, reason="transient failure", doc_id="g1"),
        ])
        assert res.documents_written == 2 and res.documents_skipped == 1
        docs = store.documents().set_index("doc_id")
        rid = reject_doc_id(Reject(origin="in.jsonl", line=7, reason=""))
        assert rid.startswith("rejected:")
        assert docs.loc[rid, "status"] == "quarantined" and "invalid date" in docs.loc[rid, "reason"]
        assert docs.loc[rid, "origin"] == "in.jsonl" and docs.loc[rid, "line"] == 7
        assert docs.loc["x9", "status"] == "quarantined"
        assert docs.loc["g1", "status"] == "coded"
        # the same reject again updates the row; a later successful coding replaces it
        store.write_rejects([Reject(origin="in.jsonl", line=9, reason="still empty", doc_id="x9")])
        assert store.documents("quarantined").set_index("doc_id").loc["x9", "reason"] == "still empty"
        store.write_batch([article_with("x9", [("FRA", "DEU", "040", D)])])
        assert store.documents().set_index("doc_id").loc["x9", "status"] == "coded"
        assert len(store.documents()) == 3


# --------------------------------------------------------------------------- de-duplication

def test_cross_story_dedup_rule(db):
    items = [
        article_with("r1", [("USAGOV", "CHNGOV", "042", day(0))], outlet="Reuters"),
        article_with("r2", [("USAGOV", "CHNGOV", "0421", day(1))], outlet="Reuters"),
        article_with("a1", [("USAGOV", "CHNGOV", "042", day(1))], outlet="AP"),
        # different base code, different target, far date: other events
        article_with("a2", [("USAGOV", "CHNGOV", "043", day(0)), ("USAGOV", "CHN", "042", day(0)),
                            ("USAGOV", "CHNGOV", "042", day(9))], outlet="AP"),
    ]
    with Store.open(db) as store:
        store.write_batch(items)
        ev = store.events()
        assert len(ev) == 4
        main = ev[(ev.cameo_base == "042") & (ev.target_code == "CHNGOV") & (ev.date == "2024-03-01")].iloc[0]
        assert main.num_mentions == 3 and main.num_articles == 3 and main.num_sources == 2
        assert main.cameo_code == "042"  # the commonest full code
        assert str(main.end_date)[:10] == "2024-03-02"
        assert main.event_key == event_key("USAGOV", "CHNGOV", "042", day(0))
        assert sorted(store.mentions_of(main.event_key)["doc_id"]) == ["a1", "r1", "r2"]
        # every mention points to an existing event
        orphans = store.query("SELECT count(*) AS n FROM mentions WHERE event_key IS NULL "
                              "OR event_key NOT IN (SELECT event_key FROM events)")
        assert orphans["n"][0] == 0


def test_mentions_in_one_article_join_one_event(db):
    item = article_with("a", [("RUSMIL", "UKRMIL", "1121", D, 0), ("RUSMIL", "UKRMIL", "112", D, 3)])
    with Store.open(db) as store:
        store.write_batch([item])
        ev = store.events()
        assert len(ev) == 1
        assert ev.num_mentions[0] == 2 and ev.num_articles[0] == 1 and ev.num_sources[0] == 1
        assert ev.cameo_code[0] == "112"  # tie -> smallest code
        assert ev.cameo_base[0] == "112"


def test_untargeted_events_cluster_too(db):
    items = [article_with("a", [("USAGOV", None, "010", D)]), article_with("b", [("USAGOV", None, "010", day(1))])]
    with Store.open(db) as store:
        store.write_batch(items)
        ev = store.events()
        assert len(ev) == 1 and ev.num_mentions[0] == 2 and ev.target_code.isna().all()


def test_chaining_window_and_span_cap():
    dates = [day(0), day(1), day(2), day(3), day(10), day(10)]
    assert cluster_dates(dates, 1) == [[day(0), day(1), day(2)], [day(3)], [day(10), day(10)]]
    assert cluster_dates(dates, 0) == [[day(0)], [day(1)], [day(2)], [day(3)], [day(10), day(10)]]
    assert cluster_dates(dates, 3) == [[day(0), day(1), day(2), day(3)], [day(10), day(10)]]
    assert cluster_dates([], 1) == []
    with pytest.raises(ValueError):
        cluster_dates(dates, -1)


def _snapshot(store):
    ev = table_rows(store, "events")
    keys = store.query_arrow("SELECT event_id, event_key FROM mentions ORDER BY event_id").to_pylist()
    return ev, keys, table_rows(store, "actors")


def test_clusters_do_not_depend_on_ingestion_order(tmp_path):
    corpus = synthetic_corpus(80, seed=11, true_events=25)
    snaps = []
    for k, (order_seed, batch) in enumerate([(None, 80), (1, 5), (2, 2), (3, 17)]):
        items = list(corpus)
        if order_seed is not None:
            random.Random(order_seed).shuffle(items)
        with Store.open(tmp_path / f"o{k}.duckdb") as store:
            for i in range(0, len(items), batch):
                store.write_batch(items[i:i + batch])
            snaps.append(_snapshot(store))
    assert all(s == snaps[0] for s in snaps[1:])
    # de-duplication did merge something
    assert any(e["num_articles"] > 1 for e in snaps[0][0])


def test_incremental_ingest_joins_and_rekeys_events(db):
    with Store.open(db) as store:
        store.write_batch([article_with("a", [("ISRGOV", "IRNGOV", "130", day(1))])])
        k1 = store.events().event_key[0]
        store.write_batch([article_with("b", [("ISRGOV", "IRNGOV", "130", day(2))], outlet="AP")])
        ev = store.events()
        assert ev.event_key.tolist() == [k1] and ev.num_mentions[0] == 2
        # an earlier report arrives later: the cluster now starts a day earlier -> new key
        store.write_batch([article_with("c", [("ISRGOV", "IRNGOV", "130", day(0))], outlet="BBC")])
        ev = store.events()
        assert len(ev) == 1 and ev.event_key[0] == event_key("ISRGOV", "IRNGOV", "130", day(0))
        assert ev.num_mentions[0] == 3 and ev.num_sources[0] == 3
        assert set(store.mentions()["event_key"]) == {ev.event_key[0]}


def test_window_setting_is_recorded_and_change_reclusters(db):
    items = [article_with("a", [("USA", "CHN", "042", day(0))]),
             article_with("b", [("USA", "CHN", "042", day(1))], outlet="AP")]
    with Store.open(db) as store:
        store.write_batch(items)
        assert len(store.events()) == 1
    with Store.open(db, dedup_window_days=0) as store:
        assert store.dedup_window_days == 0 and len(store.events()) == 2
    with Store.open(db) as store:  # the stored window is kept
        assert store.dedup_window_days == 0
    with Store.open(db, settings=Settings(dedup_window_days=5)) as store:  # settings: new databases only
        assert store.dedup_window_days == 0
    with Store.open(db + ".new", settings=Settings(dedup_window_days=5)) as store:
        assert store.dedup_window_days == 5
    with Store.open(db, read_only=True) as store:
        assert store.stats()["dedup_window_days"] == 0


def test_event_filters(db):
    items = [
        article_with("a", [("CHNGOV", "USAGOV", "042", day(0)), ("CHNMIL", "TWN", "190", day(0))]),
        article_with("b", [("CHNGOV", "USAGOV", "042", day(0))], outlet="AP"),
        article_with("c", [("FRA", "DEU", "0841", day(20)), ("RUS", "UKR", "112", day(40))], date=day(40)),
    ]
    with Store.open(db) as store:
        store.write_batch(items)

        def keys(**kw):
            return sorted(store.events(**kw)["cameo_code"])
        assert keys(actor="CHN") == ["042", "190"]
        assert keys(actor="chngov") == ["042"]
        assert keys(actor="USA") == ["042"]
        assert keys(country="TWN") == ["190"]
        assert keys(code="08") == ["0841"] and keys(code="084") == ["0841"]
        assert keys(root="8") == ["0841"] and keys(root="19") == ["190"]
        assert keys(quad_class=[3, 4]) == ["112", "190"]
        assert keys(min_sources=2) == ["042"]
        assert keys(since="2024-03-15") == ["0841", "112"]
        assert keys(since="2024-03-15", until="2024-03-25") == ["0841"]
        assert len(store.mentions(min_sources=2)) == 2
        assert len(store.mentions(EventFilter.make(actor="CHNGOV"))) == 2
        with pytest.raises(ValueError):
            store.events(quad_class=7)
        with pytest.raises(ValueError):
            store.events(since="yesterday")
        with pytest.raises(ValueError):
            store.events(since="2024-05-01", until="2024-01-01")


def test_bulk_import(db):
    tbl = synthetic_mentions(3000, seed=5)
    with Store.open(db) as store:
        res = store.import_mentions(tbl)
        assert res.mentions_written == 3000
        s = store.stats()
        assert s["mentions"] == 3000 and 0 < s["events"] < 3000
        assert store.query("SELECT sum(num_mentions) AS n FROM events")["n"][0] == 3000
        again = store.import_mentions(tbl)
        assert again.mentions_written == 0 and again.documents_skipped == res.documents_written
        with pytest.raises(ValueError, match="required"):
            store.import_mentions(tbl.drop_columns(["cameo_code"]))


# --------------------------------------------------------------------------- dedup measure

def test_pairwise_dedup_scores(db):
    items = [
        # group 1: d1, d2 merged; d3 dated a week later -> missed
        article_with("d1", [("USAGOV", "CHNGOV", "042", day(0)), ("USAGOV", "RUS", "112", day(0))]),
        article_with("d2", [("USAGOV", "CHNGOV", "042", day(1))], outlet="AP"),
        article_with("d3", [("USAGOV", "CHNGOV", "042", day(7))], outlet="BBC"),
        # group 2: d4, d5 merged
        article_with("d4", [("FRAGOV", "DEUGOV", "040", day(0))]),
        article_with("d5", [("FRAGOV", "DEUGOV", "040", day(0))], outlet="AP"),
        # group 3: d6, another story that shares a background event with d1 (false positive)
        article_with("d6", [("USAGOV", "RUS", "112", day(0)), ("IND", "PAK", "173", day(0), 0)], outlet="DW"),
        # group 3 also has d7 that the coder found nothing in
        (make_article("d7", D, "nothing"), []),
    ]
    with Store.open(db) as store:
        store.write_batch(items)
        groups = [["d1", "d2", "d3"], ["d4", "d5"], ["d6", "d7"], ["d8"]]
        any_ = pairwise_dedup_scores(store, groups)
        # docs with mentions: d1..d6 -> 15 pairs; gold: (d1,d2) (d1,d3) (d2,d3) (d4,d5)
        # predicted: (d1,d2) (d4,d5) (d1,d6)
        assert (any_["tp"], any_["fp"], any_["fn"]) == (2, 1, 2)
        assert any_["precision"] == pytest.approx(2 / 3) and any_["recall"] == pytest.approx(0.5)
        assert any_["f1"] == pytest.approx(4 / 7)
        # end to end: gold pair (d6, d7) is lost as well
        assert any_["gold_pairs_all"] == 5 and any_["recall_end_to_end"] == pytest.approx(2 / 5)
        assert any_["missing_documents"] == ["d8"] and any_["documents_without_mentions"] == ["d7"]
        main = pairwise_dedup_scores(store, groups, mode="main")
        # main events: d1 -> 042 event, d6 -> 112 event (sentence 0, smaller event_id decides)
        assert main["tp"] == 2 and main["fn"] == 2
        with pytest.raises(ValueError):
            pairwise_dedup_scores(store, groups, mode="x")


# --------------------------------------------------------------------------- crash safety

_DRIVER = textwrap.dedent("""
    import sys
    from eventcoder.store import Store
    from eventcoder.store.synthetic import synthetic_corpus

    db, n_docs, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    corpus = synthetic_corpus(n_docs, seed=42, true_events=n_docs // 3)
    with Store.open(db) as store:
        for number, i in enumerate(range(0, n_docs, batch)):
            todo = [(a, evs) for a, evs in corpus[i:i + batch] if not store.has_document(a.id, a.content_hash)]
            store.write_batch(todo)
            print(f"committed {number}", flush=True)
    print("done", flush=True)
""")


def test_killed_ingest_resumes_to_the_same_database(tmp_path):
    n_docs, batch = 1200, 40
    driver = tmp_path / "driver.py"
    driver.write_text(_DRIVER)
    clean_db, crash_db = str(tmp_path / "clean.duckdb"), str(tmp_path / "crash.duckdb")
    clean = subprocess.Popen([sys.executable, str(driver), clean_db, str(n_docs), str(batch)],
                             stdout=subprocess.PIPE, text=True)
    victim = subprocess.Popen([sys.executable, str(driver), crash_db, str(n_docs), str(batch)],
                              stdout=subprocess.PIPE, text=True)
    try:
        for line in victim.stdout:
            if line.strip() == "committed 2":
                break
        time.sleep(random.uniform(0, 0.1))  # land anywhere in the following batches
        os.kill(victim.pid, signal.SIGKILL)
        assert victim.wait(timeout=60) == -signal.SIGKILL
    finally:
        if victim.poll() is None:
            victim.kill()
            victim.wait()
    assert clean.wait(timeout=120) == 0

    # the killed run left whole batches only
    with Store.open(crash_db, read_only=True) as store:
        n = store.stats()["documents"]
        assert n >= 3 * batch and n % batch == 0 and n < n_docs
        per_doc = store.query("SELECT d.n_events, count(m.event_id) AS n FROM documents d "
                              "LEFT JOIN mentions m USING (doc_id) GROUP BY d.doc_id, d.n_events")
        assert (per_doc["n_events"] == per_doc["n"]).all()

    rerun = subprocess.run([sys.executable, str(driver), crash_db, str(n_docs), str(batch)],
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(crash_db, read_only=True) as crashed, Store.open(clean_db, read_only=True) as ref:
        dup_docs = crashed.query("SELECT doc_id FROM documents GROUP BY doc_id HAVING count(*) > 1")
        dup_mentions = crashed.query("SELECT event_id FROM mentions GROUP BY event_id HAVING count(*) > 1")
        assert dup_docs.empty and dup_mentions.empty
        assert crashed.stats()["documents"] == n_docs
        for t in ("documents", "mentions", "events", "actors"):
            assert crashed.stats()[t] == ref.stats()[t]
            assert table_rows(crashed, t, exclude=("ingested_at",)) == table_rows(ref, t, exclude=("ingested_at",))
