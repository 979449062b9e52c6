"""The event lexicon: validation with file:line errors, coverage of every CAMEO code, and the
example sentences that entries carry (coded and checked here)."""
from __future__ import annotations


import pytest
from click.testing import CliRunner

from eventcoder.events.lexicon import LexiconError, load_lexicon
from eventcoder.ontology import load_ontology


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def test_shipped_lexicon_validates(lexicon):
    assert len(lexicon.entries) > 300


def test_every_cameo_code_has_an_entry(lexicon):
    by = lexicon.by_code()
    codes = load_ontology().codes
    missing = [c for c in codes if len(c) > 2 and c not in by]
    assert missing == []
    # a root category is covered by the entries of its family
    assert all(any(k.startswith(root) for k in by) for root in codes if len(root) == 2)


def test_seeded_errors_report_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: ok.one\n"
        "  code: \"041\"\n"
        "  verbs: [phone]\n"
        "- id: bad.code\n"          # line 4
        "  code: \"999\"\n"
        "  verbs: [zap]\n"
        "- id: ok.one\n"            # line 7: duplicate id
        "  code: \"042\"\n"
        "  verbs: [visit]\n"
        "- id: bad.role\n"          # line 10
        "  code: \"190\"\n"
        "  verbs: [attack]\n"
        "  target: [sideways]\n"
        "- id: bad.int\n"           # line 14
        "  code: 41\n"
        "  verbs: [call]\n"
    )
    with pytest.raises(LexiconError) as exc:
        load_lexicon([bad])
    msg = str(exc.value)
    assert f"{bad}:4: entry bad.code: unknown CAMEO code '999'" in msg
    assert f"{bad}:7: duplicate id 'ok.one'" in msg
    assert f"{bad}:10: entry bad.role: unknown target role" in msg
    assert f"{bad}:14: code 41 must be a quoted string" in msg


def test_duplicate_key_in_an_entry_is_an_error(tmp_path):
    bad = tmp_path / "dup.yaml"
    bad.write_text("- id: dup.keys\n  code: \"040\"\n  verbs: [meet]\n  verbs: [confer]\n")
    with pytest.raises(LexiconError) as exc:
        load_lexicon([bad])
    assert f"{bad}:4: duplicate key 'verbs' (first at line 3)" in str(exc.value)


def test_invalid_yaml_reports_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("- id: a\n  code: \"041\"\n  verbs: [phone\n")
    with pytest.raises(LexiconError) as exc:
        load_lexicon([bad])
    assert f"{bad}:" in str(exc.value) and "invalid YAML" in str(exc.value)


def test_cli_validate_and_stats(tmp_path):
    from eventcoder.cli.main import _register_optional, cli

    _register_optional()
    r = CliRunner().invoke(cli, ["lexicon", "validate"])
    assert r.exit_code == 0 and r.output.startswith("ok:")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  code: \"999\"\n  verbs: [zap]\n")
    r = CliRunner().invoke(cli, ["lexicon", "validate", str(bad)])
    assert r.exit_code == 1 and f"{bad}:1:" in r.output
    r = CliRunner().invoke(cli, ["lexicon", "stats", "--missing"])
    assert r.exit_code == 0 and "without entry: none" in r.output


def test_entry_examples_code_as_written(lexicon, coder_examples):
    """Every example sentence carried by a lexicon entry is coded, and the entry fires as stated."""
    failures = []
    n = 0
    for e in lexicon.entries:
        for ex in e.examples:
            n += 1
            events = coder_examples.code(ex.text, date=ex.date or "2024-05-18")
            fired = [x for x in events if x["rule"] == e.id]
            if ex.none:
                if [x for x in fired if not x["negated"] and x["modality"] == "asserted"]:
                    failures.append(f"{e.file}:{ex.line}: {e.id}: expected no event: {ex.text!r}")
                continue
            ok = [x for x in fired
                  if (not ex.source or (x["source"]["code"] or "").startswith(ex.source))
                  and (not ex.target or (x["target"] and (x["target"]["code"] or "").startswith(ex.target)))]
            if not ok:
                got = [(x["source"]["code"], x["cameo_code"], x["target"] and x["target"]["code"], x["rule"])
                       for x in events]
                failures.append(f"{e.file}:{ex.line}: {e.id} ({e.code}): {ex.text!r} -> {got}")
    assert n > 0
    assert not failures, f"{len(failures)}/{n} examples fail:\n" + "\n".join(failures)
