"""The event store on the shared sample articles: idempotent re-runs and cross-story de-duplication."""
from __future__ import annotations

from click.testing import CliRunner

from eventcoder.cli.main import _register_optional, cli

_register_optional()


def _counts(db):
    from eventcoder.store import Store

    with Store.open(db, read_only=True) as s:
        return {t: int(s.query(f"SELECT count(*) AS n FROM {t}")["n"][0])
                for t in ("documents", "mentions", "events", "actors")}


def test_ingest_twice_changes_nothing_and_merges_the_phone_call(shared, tmp_path):
    db = tmp_path / "samples.duckdb"
    q = str(tmp_path / "q.jsonl")
    r1 = CliRunner().invoke(cli, ["code", str(shared / "samples"), "--db", str(db), "--format", "jsonl",
                                  "-o", str(tmp_path / "a.jsonl"), "--quarantine", q])
    assert r1.exit_code == 0, r1.output
    first = _counts(db)
    assert first["documents"] == 31 and first["mentions"] > 0
    r2 = CliRunner().invoke(cli, ["code", str(shared / "samples"), "--db", str(db), "--format", "jsonl",
                                  "-o", str(tmp_path / "b.jsonl"), "--quarantine", q])
    assert r2.exit_code == 0
    assert _counts(db) == first
    assert "31 already in the database" in r2.stderr

    from eventcoder.store import Store

    with Store.open(db, read_only=True) as s:
        ev = s.query("SELECT source_code, target_code, cameo_code, num_sources, num_articles, event_key "
                     "FROM events WHERE cameo_root = '04' AND source_code IN ('CHNGOV', 'IRQGOV') "
                     "AND target_code IN ('CHNGOV', 'IRQGOV') AND num_articles >= 2 "
                     "AND event_key IN (SELECT event_key FROM mentions WHERE doc_id < '004')")
        directions = {(a, b) for a, b in zip(ev["source_code"], ev["target_code"])}
        assert directions == {("CHNGOV", "IRQGOV"), ("IRQGOV", "CHNGOV")}
        assert set(ev["num_sources"]) == {3}
        # the three reports' phone-call mentions all sit in those events ...
        keys = list(ev["event_key"])
        docs = s.query("SELECT DISTINCT doc_id FROM mentions WHERE event_key IN (SELECT unnest(?))", [keys])
        assert sorted(d[:3] for d in docs["doc_id"]) == ["001", "002", "003"]
        # ... and unrelated stories' mentions are not merged into them
        other = s.query("SELECT count(*) AS n FROM mentions WHERE event_key IN (SELECT unnest(?)) "
                        "AND doc_id >= '004'", [keys])
        assert int(other["n"][0]) == 0
