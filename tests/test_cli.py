"""The command line, run as a user runs it (click's runner and a real subprocess)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from eventcoder.cli.main import EXIT_QUARANTINED, cli, _register_optional

_register_optional()

ARTICLE = ("date 2024-05-18\nFrench President Emmanuel Macron held a phone call with Kenyan President "
           "William Ruto on Friday.\n")


def run(args, **kw):
    return CliRunner().invoke(cli, args, catch_exceptions=False, **kw)


def test_code_jsonl_and_summary(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    r = run(["code", str(p), "--format", "jsonl", "--quarantine", str(tmp_path / "q.jsonl")])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert lines and lines[0]["doc_id"] == "a"
    assert "1 articles coded" in r.stderr and "0 quarantined" in r.stderr


def test_csv_flattens_nested_fields(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    out = tmp_path / "e.csv"
    r = run(["code", str(p), "--format", "csv", "-o", str(out), "--quarantine", str(tmp_path / "q.jsonl")])
    assert r.exit_code == 0
    header = out.read_text().splitlines()[0].split(",")
    for col in ("source_code", "source_country", "target_code", "trigger_start", "cameo_code"):
        assert col in header


def test_bad_input_is_quarantined_and_good_input_coded(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    (tmp_path / "nodate.txt").write_text("Kenya praised Ethiopia.\n")
    jl = tmp_path / "batch.jsonl"
    jl.write_text(json.dumps({"id": "j1", "date": "2024-05-18", "text": "Kenya praised Ethiopia."}) + "\n"
                  + '{"id": "j2", "date": "2024-05-18", "text": broken\n'
                  + json.dumps({"id": "j3", "date": "2024-05-18", "text": "Japan criticized China."}) + "\n")
    q = tmp_path / "q.jsonl"
    r = run(["code", str(good), str(tmp_path / "binary.txt"), str(tmp_path / "nodate.txt"), str(jl),
             "--format", "jsonl", "--quarantine", str(q)])
    assert r.exit_code == EXIT_QUARANTINED
    rejects = [json.loads(x) for x in q.read_text().splitlines()]
    reasons = {Path(x["origin"]).name: x for x in rejects}
    assert "binary" in reasons["binary.txt"]["reason"] or "UTF-8" in reasons["binary.txt"]["reason"]
    assert "date" in reasons["nodate.txt"]["reason"]
    assert reasons["batch.jsonl"]["line"] == 2 and "JSON" in reasons["batch.jsonl"]["reason"]
    assert "3 articles coded" in r.stderr and "3 quarantined" in r.stderr


def test_default_date_rescues_undated_input(tmp_path):
    p = tmp_path / "nodate.jsonl"
    p.write_text(json.dumps({"id": "x", "text": "Kenya praised Ethiopia."}) + "\n")
    r = run(["code", str(p), "--default-date", "2024-01-02", "--format", "jsonl",
             "--quarantine", str(tmp_path / "q.jsonl")])
    assert r.exit_code == 0


def test_stdin(tmp_path):
    r = run(["code", "-", "--format", "jsonl", "--quarantine", str(tmp_path / "q.jsonl")], input=ARTICLE)
    assert r.exit_code == 0
    assert any(json.loads(x)["cameo_root"] == "04" for x in r.stdout.splitlines() if x.strip())


def test_demo_runs_in_a_real_process(tmp_path):
    exe = Path(sys.executable).parent / "eventcoder"
    res = subprocess.run([str(exe), "demo"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "KENGOV" in res.stdout and "cameo" in res.stdout


def test_explain_shows_reasons():
    r = run(["explain", "Japan did not attack China.", "--date", "2024-05-18"])
    assert r.exit_code == 0
    assert "Actors:" in r.output and "JPN" in r.output and "negat" in r.output


def test_monadic_codes_keep_targetless_events_of_those_families_only(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("date 2024-05-18\nChile put its troops on high alert on Monday.\n"
                 "Peruvian troops fired shells on Tuesday.\n")

    def codes(*opts):
        r = run(["code", str(p), "--format", "jsonl", *opts])
        assert r.exit_code == 0, r.output
        return [json.loads(x)["cameo_code"][:2] for x in r.stdout.splitlines() if x.strip()]

    assert codes() == []                                    # default: dyadic events only
    assert codes("--monadic-codes", "natural") == ["15"]    # the alert, not the targetless shelling
    assert codes("--monadic-codes", "19") == ["19"]
    assert sorted(codes("--allow-monadic")) == ["15", "19"]
    r = CliRunner().invoke(cli, ["code", str(p), "--monadic-codes", "1x"])
    assert r.exit_code == 2 and "not CAMEO code prefixes: 1x" in r.output
