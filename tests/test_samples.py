"""The shared sample articles (read from ../shared when present; never copied into the project)."""
from __future__ import annotations

import pytest

from conftest import find


@pytest.fixture(scope="module")
def sample_events(shared, coder):
    from eventcoder.ingest import read

    arts = list(read(shared / "samples"))
    return {a.id: [e.to_dict() for e in evs] for a, evs in coder.code_articles(arts)}


def test_china_iraq_phone_call(sample_events):
    ev = sample_events["001_ecns_china_iraq_fm_phone_call"]
    call = find(ev, "04", "CHNGOV", "IRQGOV")
    assert call and any(e["date"] == "2021-03-12" for e in call), ev
    assert find(ev, "07", "CHN", "IRQ"), "China -> Iraq aid"
    assert find(ev, "05", "IRQ", "CHN"), "Hussein's gratitude"
    assert find(ev, "03", "CHN", "IRQ"), "readiness to cooperate"
    for e in ev:
        assert not (e["target"] and e["source"]["country"] == e["target"]["country"]), e
        assert e["sentence"] and e["trigger"]["text"] and e["rule"]
        assert e["source"]["start"] is not None and e["target"]["start"] is not None


def test_001_actors_are_the_two_governments(sample_events):
    """Every actor is China's or Iraq's government, including sentences that name only "Wang",
    "Hussein", "he" or "the Iraqi side" -- or a group the text names (the Islamic State)."""
    ev = sample_events["001_ecns_china_iraq_fm_phone_call"]
    for e in ev:
        for side in (e["source"], e["target"]):
            if side["country"] is None:
                assert side["entry"] and side["code"].startswith("IMG"), side  # a named armed group
                continue
            assert side["country"] in ("CHN", "IRQ")
            assert side["code"] in ("CHNGOV", "IRQGOV") or "GOV" not in side["sectors"], side
    how = {e["source"]["text"]: e["source"]["resolved_by"] for e in ev}
    assert how.get("Wang", "").startswith("coref:") and how.get("Hussein", "").startswith("coref:")
    assert any(e["target"]["text"] == "the Iraqi side" and e["target"]["code"] == "IRQGOV" for e in ev)


def test_controls_give_no_events(sample_events):
    for doc_id, ev in sample_events.items():
        if doc_id.startswith(("058_", "060_")):
            assert ev == [], (doc_id, ev)
