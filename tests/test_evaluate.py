"""Scoring conventions of `eventcoder evaluate`, checked on small gold items we write ourselves."""
from __future__ import annotations

from eventcoder.evaluate import evaluate_items, macro_f1, score_sets


def test_score_sets_micro_counts_each_item_code_pair_once():
    gold = {"a": {"04", "19"}, "b": {"11"}, "c": set()}
    pred = {"a": {"04"}, "b": {"11", "12"}, "c": {"19"}}
    micro, per = score_sets(gold, pred)
    assert (micro["tp"], micro["fp"], micro["fn"]) == (2, 2, 1)
    assert round(micro["precision"], 3) == 0.5 and round(micro["recall"], 3) == 0.667
    assert per["19"]["fn"] == 1 and per["19"]["fp"] == 1
    assert macro_f1(per, ["04", "11", "19"]) == round((1.0 + 1.0 + 0.0) / 3, 4)   # "12" is not a gold label


def test_cameo_scores_and_silence(coder):
    items = [
        {"id": "1", "date": "2024-05-18", "scheme": "cameo",
         "text": "Chile's foreign minister met his Peruvian counterpart in Lima on Friday.",
         "events": [{"code": "036", "root": "04", "source": "CHLGOV", "target": "PERGOV"}]},
        {"id": "2", "date": "2024-05-18", "scheme": "cameo",
         "text": "The weather in the capital was mild on Friday.", "events": []},
    ]
    r = evaluate_items(items, coder.settings, coder=coder)
    assert r["scheme"] == "cameo"
    assert r["root"]["tp"] == 1 and r["root"]["fn"] == 0
    assert r["no_event_items"] == 1 and r["no_event_silent"] == 1.0
    assert r["dyad_root"]["tp"] >= 1          # (CHL, PER, 04) matched by country


def test_plover_target_placeholder_means_no_target(coder_monadic):
    """A gold target text that is not in the item ("a recipient") says the event has no target: a predicted
    event without a target agrees with it, one with a target would not."""
    items = [
        {"id": "p1", "date": "2024-05-18", "scheme": "plover",
         "text": "Chile put its troops on high alert on Monday.",
         "events": [{"code": "MOBILIZE", "source_text": "Chile", "target_text": "a recipient"}]},
    ]
    r = evaluate_items(items, coder_monadic.settings, coder=coder_monadic)
    assert r["plover"]["tp"] == 1
    assert r["actor_agreement"]["source"] == 1.0
    assert r["actor_agreement"]["target"] == 1.0
