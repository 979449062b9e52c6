"""Tests for eventcoder.ingest (all input data is written here, into tmp_path)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from eventcoder import ingest
from eventcoder.ingest import Quarantine, Reader, read, reason_kind
from eventcoder.model import Article, Reject

D = dt.date


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read_all(source, *args, **kwargs) -> tuple[list[Article], Quarantine]:
    q = kwargs.pop("quarantine", None) or Quarantine()
    return list(read(source, *args, quarantine=q, **kwargs)), q


def sha(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode()).hexdigest()[:16]


# --------------------------------------------------------------------- txt

def test_txt_date_on_its_own_line(tmp_path):
    p = write(tmp_path / "a1.txt", "date 2020-05-01\nFirst line of the body.\n\nSecond paragraph.  \n")
    arts, q = read_all(p)
    assert len(q) == 0
    [a] = arts
    assert a.id == "a1"
    assert a.date == D(2020, 5, 1)
    assert a.text == "First line of the body.\n\nSecond paragraph."
    assert a.origin == str(p) and a.line == 1
    assert a.title is None and a.url is None and a.source is None


def test_txt_date_on_same_line_with_leading_blanks(tmp_path):
    p = write(tmp_path / "b.txt", "\n\n   DATE: 2019-12-31   The body starts here.\nAnd goes on.\n")
    arts, q = read_all(str(p))
    assert len(q) == 0
    [a] = arts
    assert a.date == D(2019, 12, 31)
    assert a.text == "The body starts here.\nAnd goes on."
    assert a.line == 3
    assert a.origin == str(p)


def test_txt_crlf_and_bom(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes("\ufeffdate 2020-01-02\r\nLine one.\r\nLine two.\r\n".encode("utf-8"))
    [a] = list(read(p))
    assert a.date == D(2020, 1, 2)
    assert a.text == "Line one.\nLine two."


def test_txt_optional_headers(tmp_path):
    p = write(tmp_path / "h.txt", "date 2021-07-04\ntitle: A Headline\nurl https://example.org/x\n"
                                  "Source Example Wire\nBody text here.\n")
    [a] = list(read(p))
    assert (a.title, a.url, a.source) == ("A Headline", "https://example.org/x", "Example Wire")
    assert a.text == "Body text here."


def test_txt_headers_only_directly_after_bare_date_line(tmp_path):
    # a blank line ends the header block; text on the date line means no headers at all
    p1 = write(tmp_path / "p1.txt", "date 2021-07-04\n\nSource close to the talks said so.\n")
    p2 = write(tmp_path / "p2.txt", "date 2021-07-04 Talks resumed.\ntitle of the report was leaked.\n")
    a1, a2 = list(read([p1, p2]))
    assert a1.source is None and a1.text == "Source close to the talks said so."
    assert a2.title is None and a2.text == "Talks resumed.\ntitle of the report was leaked."


def test_txt_iso_datetime_accepted(tmp_path):
    p = write(tmp_path / "t.txt", "date 2022-02-03T10:15:00Z\nText.")
    [a] = list(read(p))
    assert a.date == D(2022, 2, 3)


def test_directory_recursive_sorted(tmp_path):
    root = tmp_path / "corpus"
    write(root / "b.txt", "date 2020-01-02\nB body.")
    write(root / "a.txt", "date 2020-01-01\nA body.")
    write(root / "sub" / "deeper" / "c.txt", "date 2020-01-03\nC body.")
    write(root / "sub" / "d.jsonl", json.dumps({"id": "d1", "date": "2020-01-04", "text": "D body."}) + "\n")
    write(root / "sub" / "e.csv", "id,date,text\ne1,2020-01-05,E body.\n")
    write(root / "notes.md", "date 2020-01-01\nnot an input file")
    write(root / ".hidden" / "x.txt", "date 2020-01-01\nhidden")
    write(root / "meta.json", '{"not": "an article"}\n')
    arts, q = read_all(root)
    assert len(q) == 0, list(q)
    # a directory holds sample-format articles: *.txt, recursively, sorted by path
    assert [a.id for a in arts] == ["a", "b", "c"]
    assert arts[2].origin == str(root / "sub" / "deeper" / "c.txt")
    # deterministic
    assert [a.id for a in read(str(root))] == ["a", "b", "c"]
    # an explicit format reads that format's files instead
    assert [a.id for a in read(root, "jsonl")] == ["d1"]
    assert [a.id for a in read(root, "csv")] == ["e1"]


def test_list_of_sources_in_given_order(tmp_path):
    p1 = write(tmp_path / "z.txt", "date 2020-01-01\nZ.")
    p2 = write(tmp_path / "y.txt", "date 2020-01-01\nY.")
    assert [a.id for a in read((p1, str(p2)))] == ["z", "y"]


# ------------------------------------------------------------------- jsonl

def test_jsonl(tmp_path):
    rows = [
        {"id": "x1", "date": "2021-01-01", "text": "  One.  ", "title": "T", "url": "u", "source": "S"},
        {"id": 7, "date": "2021-01-02T23:59:59+05:00", "text": "Two."},
    ]
    p = write(tmp_path / "in.ndjson", json.dumps(rows[0]) + "\n\n" + json.dumps(rows[1]) + "\n")
    arts, q = read_all(p)
    assert len(q) == 0
    assert [(a.id, a.date, a.text, a.line) for a in arts] == [
        ("x1", D(2021, 1, 1), "One.", 1), ("7", D(2021, 1, 2), "Two.", 3)]
    assert (arts[0].title, arts[0].url, arts[0].source) == ("T", "u", "S")


def test_jsonl_broken_line_among_good_ones(tmp_path):
    good1 = json.dumps({"id": "g1", "date": "2021-01-01", "text": "Good one."})
    good2 = json.dumps({"id": "g2", "date": "2021-01-02", "text": "Good two."})
    p = write(tmp_path / "mix.jsonl", "\n".join([good1, '{"id": "b" "date": 1}', good2,
                                                  '["a", "list"]']) + "\n")
    arts, q = read_all(p)
    assert [a.id for a in arts] == ["g1", "g2"]
    broken, not_obj = q.rejects
    assert broken.origin == str(p) and broken.line == 2
    assert broken.reason == "malformed JSON: Expecting ',' delimiter: line 1 column 12"
    assert broken.excerpt == '{"id": "b" "date": 1}'
    assert not_obj.line == 4 and not_obj.reason == "JSON line is not an object (got array)"


def test_jsonl_record_level_rejects(tmp_path):
    lines = [
        {"id": "m", "text": "No date."},
        {"id": "n", "date": "2021-01-01"},
        {"id": "o", "date": "2021-01-01", "text": 5},
        {"id": ["p"], "date": "2021-01-01", "text": "x"},
    ]
    p = write(tmp_path / "r.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    arts, q = read_all(p)
    assert arts == []
    assert [(r.line, r.reason, r.doc_id) for r in q] == [
        (1, "missing date", "m"),
        (2, "missing text", "n"),
        (3, "text is not a string (got int)", "o"),
        (4, "invalid id (expected a string or a number)", None),
    ]


# ---------------------------------------------------------------- csv/tsv

def test_csv_quoted_multiline_and_line_numbers(tmp_path):
    p = write(tmp_path / "in.csv",
              'ID,Date,Text,url,extra\n'
              'c1,2021-02-01,"Hello, world.",http://e.org,x\n'
              'c2,2021-02-02,"Line one\nline ""two""",,\n'
              'c3,2021-02-03,Third.,,\n')
    arts, q = read_all(p)
    assert len(q) == 0
    assert [(a.id, a.line) for a in arts] == [("c1", 2), ("c2", 3), ("c3", 5)]
    assert arts[0].text == "Hello, world." and arts[0].url == "http://e.org"
    assert arts[1].text == 'Line one\nline "two"' and arts[1].url is None


def test_csv_wrong_number_of_columns(tmp_path):
    p = write(tmp_path / "bad.csv", "id,date,text\nk1,2021-01-01,ok\nk2,2021-01-02\nk3,2021-01-03,fine\n")
    arts, q = read_all(p)
    assert [a.id for a in arts] == ["k1", "k3"]
    [r] = q
    assert (r.line, r.reason) == (3, "wrong number of columns: expected 3, got 2")


def test_csv_missing_header_columns_one_reject(tmp_path):
    p = write(tmp_path / "nohdr.csv", "id,when,body\na,2021-01-01,x\nb,2021-01-02,y\n")
    arts, q = read_all(p)
    assert arts == []
    [r] = q
    assert r.line == 1 and r.reason.startswith("missing columns: date, text")


def test_tsv(tmp_path):
    p = write(tmp_path / "in.tab", "id\tdate\ttext\ttitle\nt1\t2021-03-01\tTab separated, with comma.\tHead\n")
    [a] = list(read(p))
    assert (a.id, a.date, a.text, a.title, a.line) == ("t1", D(2021, 3, 1), "Tab separated, with comma.", "Head", 2)


def test_explicit_format_overrides_extension(tmp_path):
    p = write(tmp_path / "data.dat", "id\tdate\ttext\nq\t2021-03-01\tX.\n")
    assert [a.id for a in read(p, format="tsv")] == ["q"]


# ------------------------------------------------------------------ stdin

def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("date 2021-04-01\nFrom stdin.\n"))
    arts, q = read_all("-")
    assert len(q) == 0
    [a] = arts
    assert a.origin == "<stdin>" and a.text == "From stdin." and a.id == sha("From stdin.")


def test_stdin_binary_jsonl_sniffed(monkeypatch):
    data = (json.dumps({"id": "s1", "date": "2021-04-02", "text": "Bytes."}) + "\n").encode()

    class FakeStdin(io.TextIOWrapper):
        pass

    monkeypatch.setattr(sys, "stdin", FakeStdin(io.BytesIO(data), encoding="utf-8"))
    [a] = list(read("-"))
    assert (a.id, a.origin, a.line) == ("s1", "<stdin>", 1)


def test_open_streams(tmp_path):
    [a] = list(read(io.StringIO('{"id": "z", "date": "2021-01-01", "text": "S."}\n')))
    assert a.origin == "<stream>" and a.id == "z"
    p = write(tmp_path / "named.txt", "date 2021-01-01\nNamed.")
    with open(p, "rb") as fh:
        [b] = list(read(fh))
    assert b.id == "named" and b.origin == str(p)


# -------------------------------------------------------------------- ids

def test_ids_given_filename_and_content_hash(tmp_path):
    write(tmp_path / "in" / "story-42.txt", "date 2021-01-01\nStory.")
    write(tmp_path / "in" / "x.jsonl",
          json.dumps({"date": "2021-01-01", "text": "No id here."}) + "\n"
          + json.dumps({"id": "  ", "date": "2021-01-01", "text": "Blank id."}) + "\n")
    ids = [a.id for a in read([tmp_path / "in" / "story-42.txt", tmp_path / "in" / "x.jsonl"])]
    assert ids == ["story-42", sha("No id here."), sha("Blank id.")]
    # stable across runs
    assert [a.id for a in read([tmp_path / "in" / "story-42.txt", tmp_path / "in" / "x.jsonl"])] == ids
    assert ingest.content_id("No id here.") == sha("No id here.")


# ---------------------------------------------------------------- rejects

def test_binary_file(tmp_path):
    p = tmp_path / "img.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    arts, q = read_all(p)
    assert arts == []
    [r] = q
    assert r.origin == str(p) and r.reason == "not valid UTF-8 text (binary file?)"


def test_invalid_utf8(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("date 2021-01-01\nCaf\u00e9 cr\u00e8me.".encode("latin-1"))
    arts, q = read_all(p)
    assert arts == []
    [r] = q
    assert (r.line, r.reason, r.doc_id) == (2, "not valid UTF-8 text (binary file?)", "latin")
    # the right encoding reads it
    [a] = list(read(p, encoding="latin-1"))
    assert a.text == "Caf\u00e9 cr\u00e8me."


def test_invalid_utf8_in_one_jsonl_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_bytes(b'{"id": "a", "date": "2021-01-01", "text": "ok"}\n'
                  b'{"id": "b", "date": "2021-01-01", "text": "\xff"}\n'
                  b'{"id": "c", "date": "2021-01-01", "text": "ok too"}\n')
    arts, q = read_all(p)
    assert [a.id for a in arts] == ["a", "c"]
    assert [(r.line, r.reason) for r in q] == [(2, "not valid UTF-8 text (binary file?)")]


def test_file_without_date_line(tmp_path):
    p = write(tmp_path / "nodate.txt", "\n  Just some text without a date.\n")
    arts, q = read_all(p)
    assert arts == []
    [r] = q
    assert r.reason == "missing date line (expected 'date YYYY-MM-DD')"
    assert (r.origin, r.line, r.doc_id) == (str(p), 2, "nodate")
    assert r.excerpt == "Just some text without a date."


@pytest.mark.parametrize("value", ["2021-13-40", "2021-02-30", "2021/03/04", "March", "21-03-04"])
def test_invalid_date(tmp_path, value):
    p = write(tmp_path / "bad.txt", f"date {value}\nBody.")
    arts, q = read_all(p, default_date=D(2000, 1, 1))  # default_date does not rescue invalid dates
    assert arts == []
    [r] = q
    assert r.reason == f"invalid date '{value}'" and r.line == 1


def test_invalid_date_jsonl_and_csv(tmp_path):
    j = write(tmp_path / "d.jsonl", json.dumps({"id": "j", "date": "2021-13-40", "text": "x"}) + "\n"
              + json.dumps({"id": "k", "date": 20210101, "text": "x"}) + "\n")
    c = write(tmp_path / "d.csv", "id,date,text\nc,04/03/2021,x\n")
    arts, q = read_all([j, c])
    assert arts == []
    assert [(r.doc_id, r.reason) for r in q] == [
        ("j", "invalid date '2021-13-40'"), ("k", "invalid date '20210101'"), ("c", "invalid date '04/03/2021'")]


def test_empty_body(tmp_path):
    p1 = write(tmp_path / "e1.txt", "date 2021-01-01\n   \n\n")
    p2 = write(tmp_path / "e2.txt", "")
    p3 = write(tmp_path / "e3.jsonl", json.dumps({"id": "e", "date": "2021-01-01", "text": " \n "}) + "\n")
    p4 = write(tmp_path / "e4.txt", "date 2021-01-01\ntitle Only a title\n")
    arts, q = read_all([p1, p2, p3, p4])
    assert arts == []
    assert [(r.origin, r.reason) for r in q] == [
        (str(p1), "empty text"), (str(p2), "empty file"), (str(p3), "empty text"), (str(p4), "empty text")]


def test_default_date_for_undated_input(tmp_path):
    dd = D(2024, 6, 1)
    t = write(tmp_path / "u.txt", "Undated text only.\n")
    j = write(tmp_path / "u.jsonl", json.dumps({"id": "uj", "text": "No date field."}) + "\n"
              + json.dumps({"id": "dj", "date": "2021-01-01", "text": "Dated."}) + "\n")
    c = write(tmp_path / "u.csv", "id,text\nuc,No date column.\n")
    arts, q = read_all([t, j, c], default_date=dd)
    assert len(q) == 0, list(q)
    assert [(a.id, a.date) for a in arts] == [("u", dd), ("uj", dd), ("dj", D(2021, 1, 1)), ("uc", dd)]
    assert arts[0].text == "Undated text only."


def test_duplicate_id(tmp_path):
    p = write(tmp_path / "dup.jsonl", "".join(json.dumps(x) + "\n" for x in [
        {"id": "same", "date": "2021-01-01", "text": "First."},
        {"id": "same", "date": "2021-01-02", "text": "Second."},
        {"date": "2021-01-03", "text": "Same text."},
        {"date": "2021-01-03", "text": "Same text."},
    ]))
    arts, q = read_all(p)
    assert [a.text for a in arts] == ["First.", "Same text."]
    r1, r2 = q
    assert r1.line == 2 and r1.doc_id == "same" and reason_kind(r1.reason) == "duplicate id"
    assert r1.reason == f"duplicate id 'same' (first seen in {p} line 1)"
    assert r2.line == 4 and r2.doc_id == sha("Same text.")
    # the seen-set is per read() call
    assert len(list(read(p))) == 2


def test_unreadable_and_missing_files(tmp_path, monkeypatch):
    missing = tmp_path / "nope.txt"
    arts, q = read_all(missing)
    assert arts == []
    [r] = q
    assert r.origin == str(missing) and r.reason.startswith("unreadable file: ")

    import eventcoder.ingest.reader as reader_mod
    locked = write(tmp_path / "locked.txt", "date 2021-01-01\nSecret.")

    def deny(path, *a, **k):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(reader_mod, "open", deny, raising=False)
    arts, q = read_all(locked)
    assert arts == [] and [x.reason for x in q] == ["unreadable file: Permission denied"]


def test_unknown_extension_sniffed(tmp_path):
    t = write(tmp_path / "a.story", "date 2021-01-01\nSniffed text.")
    j = write(tmp_path / "b.data", json.dumps({"id": "sj", "date": "2021-01-01", "text": "Sniffed."}) + "\n")
    u = write(tmp_path / "c.data", "what is this\n")
    arts, q = read_all([t, j, u])
    assert [a.id for a in arts] == ["a", "sj"]
    [r] = q
    assert r.origin == str(u) and reason_kind(r.reason) == "unknown format"


def test_reader_exposes_its_quarantine(tmp_path):
    p = write(tmp_path / "x.txt", "no date\n")
    r = read(p)
    assert isinstance(r, Reader)
    assert list(r) == []
    assert [x.reason for x in r.quarantine] == ["missing date line (expected 'date YYYY-MM-DD')"]


def test_bad_arguments():
    with pytest.raises(ValueError):
        read("x", format="xml")
    with pytest.raises(TypeError):
        read(42)


# -------------------------------------------------------------- quarantine

def test_quarantine_collects_and_writes_jsonl(tmp_path):
    live = tmp_path / "live.jsonl"
    q = Quarantine(path=live)
    q.add(Reject("a.txt", 1, "invalid date '2021-13-40'", "a", "date 2021-13-40"))
    q.add(Reject("b.jsonl", 3, "malformed JSON: Expecting value: line 1 column 1"))
    q.add(Reject("c.txt", None, "invalid date 'x'"))
    assert len(q) == 3 and [r.origin for r in q] == ["a.txt", "b.jsonl", "c.txt"]
    assert isinstance(q.rejects, tuple)
    assert q.counts_by_reason() == {"invalid date": 2, "malformed JSON": 1}

    out = tmp_path / "rejects.jsonl"
    out.write_text(json.dumps({"earlier": True}) + "\n", encoding="utf-8")
    assert q.write_jsonl(out) == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and json.loads(lines[0]) == {"earlier": True}  # append mode
    first = json.loads(lines[1])
    assert first == {"origin": "a.txt", "line": 1, "reason": "invalid date '2021-13-40'",
                     "doc_id": "a", "excerpt": "date 2021-13-40"}
    assert json.loads(lines[3])["line"] is None
    # the live file got each reject as it arrived
    assert [json.loads(x) for x in live.read_text(encoding="utf-8").splitlines()] == \
        [json.loads(x) for x in lines[1:]]

    with pytest.raises(TypeError):
        q.add("not a reject")  # type: ignore[arg-type]


def test_quarantine_shared_across_reads(tmp_path):
    p = write(tmp_path / "n.txt", "nothing\n")
    q = Quarantine()
    list(read(p, quarantine=q))
    list(read(p, quarantine=q))
    assert len(q) == 2 and q.counts_by_reason() == {"missing date line": 2}


def test_csv_malformed_rows_and_bad_bytes(tmp_path):
    p = write(tmp_path / "q.csv", 'id,date,text\na,2021-01-01,"bad"quote\nb,2021-01-01,fine\n'
                                  'c,2021-01-01,"never closed\n')
    arts, q = read_all(p)
    assert [a.id for a in arts] == ["b"]
    assert [(r.line, reason_kind(r.reason)) for r in q] == [(2, "malformed CSV"), (4, "malformed CSV")]

    b = tmp_path / "b.tsv"
    b.write_bytes(b"id\tdate\ttext\nx\t2021-01-01\tok\ny\t2021-01-01\t\xfe\xff\n")
    arts, q = read_all(b)
    assert [a.id for a in arts] == ["x"]
    assert [(r.line, r.reason) for r in q] == [(3, "not valid UTF-8 text (binary file?)")]


def test_overlong_document_is_quarantined(tmp_path):
    from eventcoder.ingest.reader import MAX_CHARS

    p = tmp_path / "huge.jsonl"
    p.write_text(json.dumps({"id": "big", "date": "2021-01-01", "text": "x " * (MAX_CHARS // 2 + 10)}) + "\n"
                 + json.dumps({"id": "ok", "date": "2021-01-01", "text": "Fine."}) + "\n")
    q = ingest.Quarantine()
    arts = list(read(p, quarantine=q))
    assert [a.id for a in arts] == ["ok"]
    (rej,) = list(q)
    assert rej.line == 1 and "too long" in rej.reason
