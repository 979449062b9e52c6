"""End-to-end coding of sentences we wrote ourselves: dyads, codes, modality, evidence."""
from __future__ import annotations


from conftest import find

D = "2024-05-18"  # a Saturday


def test_phone_call_dated_by_weekday(coder):
    ev = coder.code("French President Emmanuel Macron held a phone call with Kenyan President William Ruto "
                    "on Friday.", date=D)
    hits = find(ev, "04", "FRA", "KEN")
    assert hits, ev
    e = hits[0]
    assert e["date"] == "2024-05-17" and e["date_precision"] == "day"
    assert e["source"]["code"] == "FRAGOV" and e["target"]["code"] == "KENGOV"
    assert e["plover_type"] == "CONSULT"
    # evidence: offsets point at the text
    text = "French President Emmanuel Macron held a phone call with Kenyan President William Ruto on Friday."
    assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
    assert text[e["source"]["start"]:e["source"]["end"]] == e["source"]["text"]
    assert e["rule"] and e["sentence"] and e["sentence_index"] == 0


def test_negated_event_flagged_and_hidden_by_default(coder, coder_all):
    text = "Japan did not attack China."
    assert not find(coder.code(text, date=D), "19")
    hits = find(coder_all.code(text, date=D), "19", "JPN", "CHN")
    assert hits and hits[0]["negated"] is True


def test_future_intent_becomes_express_intent(coder):
    ev = coder.code("Germany is ready to provide humanitarian aid to Sudan.", date=D)
    hits = find(ev, "03", "DEU", "SDN")
    assert hits, ev
    assert hits[0]["modality"] == "future"
    assert not find(ev, "07")


def test_hypothetical_kept_out_by_default(coder, coder_all):
    text = "If talks fail, Russia could attack Ukraine."
    assert not find(coder.code(text, date=D), "19", "RUS", "UKR")
    hits = find(coder_all.code(text, date=D), None, "RUS", "UKR")
    assert hits and all(h["modality"] == "hypothetical" for h in hits)


def test_passive_voice(coder):
    ev = coder.code("Three Nigerian soldiers were killed by Boko Haram fighters on Monday.", date=D)
    hits = [e for e in ev if e["cameo_root"] in ("18", "19", "20")]
    assert hits, ev
    assert hits[0]["target"]["country"] == "NGA"


def test_coordinated_subjects_give_both_directions(coder):
    ev = coder.code("Egypt and Jordan signed a defence cooperation agreement in Cairo.", date=D)
    assert find(ev, "0", "EGY", "JOR") and find(ev, "0", "JOR", "EGY"), ev


def test_nominal_event(coder):
    ev = coder.code("The talks between Armenia and Azerbaijan ended without a deal, diplomats said.", date=D)
    assert find(ev, "04", "ARM", "AZE") or find(ev, "04", "AZE", "ARM"), ev


def test_reported_speech_codes_the_reported_event(coder):
    ev = coder.code("Macron said that France had sent medical supplies to Lebanon.", date=D)
    hits = find(ev, "07", "FRA", "LBN")
    assert hits, ev
    # not a statement by Macron about himself
    assert not [e for e in ev if e["target"] and e["target"]["country"] == "FRA"]


def test_several_events_per_sentence(coder):
    ev = coder.code("Turkey condemned Israel on Monday, while Qatar sent aid to Lebanon.", date=D)
    assert find(ev, "11", "TURGOV", "ISRGOV") and find(ev, "07", "QATGOV", "LBNGOV"), ev


def test_no_self_events(coder):
    ev = coder.code("Chinese President Xi Jinping praised China's achievements in poverty reduction.", date=D)
    assert not [e for e in ev if e["target"] and e["source"]["code"] == e["target"]["code"]]


def test_sport_gives_no_event(coder):
    ev = coder.code("Brazil beat Argentina 2-1 in a thrilling friendly at the Maracana on Sunday.", date=D)
    assert ev == []


def test_every_record_has_the_documented_fields(coder):
    from eventcoder.model import EVENT_FIELDS

    ev = coder.code("Kenyan police arrested 14 Somali nationals in Garissa.", date=D)
    for e in ev:
        for f in ("event_id", "doc_id", "sentence_index", "sentence", "date", "date_precision",
                  "publication_date", "source", "target", "cameo_code", "cameo_root", "quad_class", "goldstein",
                  "plover_type", "negated", "modality", "historical", "trigger", "rule"):
            assert f in e
        assert list(e) == list(EVENT_FIELDS)


def test_implicit_police_source(coder):
    ev = coder.code("Fifty Kenyan protesters were arrested in Nairobi on Sunday.", date=D)
    hits = find(ev, "17")
    assert hits, ev
    src = hits[0]["source"]
    assert src["implicit"] is True and src["code"] == "KENCOP" and src["start"] is None


def test_counterpart_and_pronoun_coreference(coder):
    text = ("Kenyan Foreign Minister Musalia Mudavadi travelled to Addis Ababa on Monday. "
            "He praised his Ethiopian counterpart for the country's mediation efforts.")
    ev = coder.code(text, date=D)
    hits = find(ev, "05", "KENGOV", "ETHGOV")
    assert hits, ev
    assert hits[0]["source"]["resolved_by"].startswith("coref:pronoun")


def test_two_sides_resolve_to_both_participants(coder):
    text = ("Japanese Prime Minister Fumio Kishida held talks with South Korean President Yoon Suk Yeol in Tokyo. "
            "The two sides signed an agreement on defence cooperation.")
    ev = coder.code(text, date=D)
    assert find(ev, "0", "JPN", "KOR") and find(ev, "0", "KOR", "JPN"), ev


def test_historical_background_is_flagged(coder):
    ev = coder.code("Kenya sent troops to Somalia in 2011, officials said.", date=D)
    hits = find(ev, "", "KEN", "SOM")
    assert hits, ev
    assert hits[0]["historical"] is True and hits[0]["date"] == "2011-01-01"
    assert hits[0]["date_precision"] == "year"


def test_relative_dates(coder):
    ev = coder.code("Japan criticized China yesterday.", date=D)
    assert find(ev, "11")[0]["date"] == "2024-05-17"
    ev = coder.code("Japan criticized China on May 3.", date=D)
    assert find(ev, "11")[0]["date"] == "2024-05-03"
    ev = coder.code("Japan criticized China.", date=D)
    assert find(ev, "11")[0]["date_precision"] == "publication"


def test_worker_processes_give_the_same_events(coder):
    from eventcoder.coder import Coder
    from eventcoder.model import Article
    from eventcoder.settings import Settings
    import datetime as dt

    texts = ["Japan criticized China on Monday.", "Kenyan police arrested 14 Somali nationals in Garissa.",
             "France sent medical supplies to Lebanon.", "Brazil praised Argentina."]
    arts = [Article(id=f"d{i}", date=dt.date(2024, 5, 18), text=t) for i, t in enumerate(texts)]
    one = [(a.id, [e.event_id for e in evs]) for a, evs in coder.code_articles(arts)]
    two = [(a.id, [e.event_id for e in evs])
           for a, evs in Coder(Settings(processes=2, batch_size=2)).code_articles(arts)]
    assert one == two and any(ids for _, ids in one)


def test_python_api_accepts_a_parsed_doc(coder):
    doc = coder.nlp("Japan criticized China on Monday.")
    ev = coder.code(doc, date=D)
    assert find(ev, "11", "JPN", "CHN")


# --- targets and sources the parse leaves implicit -------------------------------------------------

def test_threat_target_from_the_threatened_act(coder):
    ev = coder.code("Algeria threatened on Monday to cut off gas supplies to Morocco.", date=D)
    hits = find(ev, "13", "DZA", "MAR")
    assert hits, ev
    assert hits[0]["source"]["code"] == "DZAGOV"


def test_place_of_violence_stands_for_the_target(coder):
    ev = coder.code("Rebel fighters blew up two power pylons near Goma on Sunday.", date=D)
    hits = find(ev, "18", None, "COD") or find(ev, "17", None, "COD")  # assault or destruction of property
    assert hits, ev
    assert hits[0]["target"]["code"] == "COD" and hits[0]["target"]["sectors"] == []


def test_weapon_subject_gives_implicit_unidentified_force(coder):
    ev = coder.code("A roadside bomb near the city of Kandahar killed four Canadian soldiers on Tuesday.", date=D)
    hits = find(ev, "19", "AFGUAF", "CANMIL") or find(ev, "18", "AFGUAF", "CANMIL")
    assert hits, ev
    src = hits[0]["source"]
    assert src["implicit"] is True and src["resolved_by"] == "implicit:weapon-subject"


def test_weapon_noun_trigger_is_not_its_own_source(coder):
    ev = coder.code("The ministers discussed the bomb.", date=D)
    assert not find(ev, "18") and not find(ev, "19")


def test_titled_person_takes_the_one_country_of_a_place_phrase(coder):
    ev = coder.code("Opposition parties in Ruritania are demanding that President Zog Arvel abandon his tax plan.", date=D)
    # Ruritania is not a country: nothing to take, the president stays without country
    assert all(not (e["target"] or {}).get("country") for e in find(ev, "10")), ev
    ev = coder.code("Opposition parties in Malawi are demanding that President Zog Arvel abandon his tax plan.", date=D)
    hits = find(ev, "10", "MWI", "MWIGOV")
    assert hits, ev
    assert hits[0]["target"]["resolved_by"].endswith("sentence-country")


def test_foreign_leader_does_not_take_the_other_partys_country(coder):
    ev = coder.code("President Zog Arvel welcomed Kenyan President William Ruto on Thursday.", date=D)
    assert not find(ev, "04", "KEN", "KEN"), ev


def test_curly_apostrophe_in_dictionary_names(coder):
    ev = coder.code("Japan condemned the Democratic People\u2019s Republic of Korea on Monday.", date=D)
    assert find(ev, "11", "JPN", "PRK"), ev


def test_decision_is_the_act_not_an_intent(coder):
    ev = coder.code("Canada has decided to lift the sanctions it imposed on Belarus.", date=D)
    assert find(ev, "08", "CAN", "BLR"), ev
    assert not find(ev, "03"), ev


def test_violence_between_sectors_of_one_country_is_kept(coder):
    ev = coder.code("A suicide bomber in Kabul killed at least six people on Friday.", date=D)
    assert find(ev, "1", "AFGREB", "AFGCVL"), ev


def test_dateline_is_not_an_actor(coder):
    ev = coder.code("NAIROBI (Newswire) - Police arrested 30 protesters outside parliament on Monday.", date=D)
    assert all(e["source"]["text"] != "NAIROBI" and "Newswire" not in (e["source"]["text"] or "") for e in ev), ev
    ev = coder.code("LIMA, May 3 (Agencia) -- Chile condemned the decision on Tuesday.", date=D)
    assert all("LIMA" not in (e["source"]["text"] or "") for e in ev), ev


def test_condemning_an_attack_does_not_make_the_critic_its_author(coder):
    ev = coder.code("Germany strongly condemned Russia's attack on a hospital in Kharkiv.", date=D)
    assert find(ev, "11", "DEU", "RUS"), ev
    assert not find(ev, "18", "DEU") and not find(ev, "19", "DEU"), ev


def test_background_relative_clause_is_not_coded(coder):
    ev = coder.code("Peru freed a journalist who had been jailed by the police for two years.", date=D)
    assert find(ev, "08", "PER"), ev
    assert not find(ev, "17"), ev


def test_owner_named_in_a_noun_modifier_is_the_target(coder):
    ev = coder.code("Mexico criticized a Brazilian court decision on Monday.", date=D)
    assert find(ev, "11", "MEX", "BRA"), ev


def test_appeal_and_demand_take_the_category_of_the_requested_act(coder):
    ev = coder.code("Kenya urged Uganda to release the detained opposition leaders.", date=D)
    assert find(ev, "0253", "KEN", "UGA"), ev           # appeal to release persons
    ev = coder.code("Greece demanded that Turkey withdraw its troops from Cyprus.", date=D)
    assert find(ev, "1056", "GRC", "TUR"), ev           # demand de-escalation
    ev = coder.code("Norway urged Colombia to hold talks with the rebels.", date=D)
    assert find(ev, "026", "NOR", "COL"), ev            # appeal to meet or negotiate
    ev = coder.code("Norway urged Colombia to do more.", date=D)
    assert find(ev, "020", "NOR", "COL"), ev            # nothing known requested: the generic code


def test_statement_speaks_for_its_author(coder):
    ev = coder.code("Oxfam issued a statement on Tuesday calling on Ethiopia to reopen the aid corridors.", date=D)
    hits = find(ev, "02", "NGO", "ETH")
    assert hits and hits[0]["source"]["text"] == "Oxfam", ev


def test_participle_modifier_does_its_act(coder):
    ev = coder.code("Syrian troops attacking the town of Idlib shelled a market.", date=D)
    assert find(ev, "1", "SYRMIL"), ev


def test_no_target_event_beside_a_dyadic_one_is_background(coder_monadic):
    ev = coder_monadic.code("During the summit, Chile signed a trade agreement with Peru.", date=D)
    assert find(ev, "05", "CHL", "PER") or find(ev, "06", "CHL", "PER"), ev
    assert all(e["target"] is not None for e in ev), ev
    # alone, a monadic event is kept when targets are not required
    ev = coder_monadic.code("Protesters in Lima demonstrated on Sunday.", date=D)
    assert find(ev, "14"), ev


def test_sector_without_country_takes_the_other_partys_in_a_one_country_sentence(coder):
    ev = coder.code("Burmese troops shelled a rebel stronghold after five days of fighting.", date=D)
    assert find(ev, None, "MMRMIL", "MMRREB"), ev
    ev = coder.code("Burmese troops shelled a rebel stronghold near the Thai border.", date=D)
    assert not find(ev, None, "MMRMIL", "MMRREB"), ev   # two countries named: left unknown
    # ... except in coercion, which is domestic: the arresting state's rebels
    ev = coder.code("Burmese troops arrested rebels near the Thai border.", date=D)
    assert find(ev, "17", "MMRMIL", "MMRREB"), ev


def test_ethnic_group_is_coded_by_where_it_lives(coder):
    ev = coder.code("Bosnian Serbs attacked Croatian troops on Monday.", date=D)
    assert find(ev, "19", "BIH", "HRVMIL"), ev
    ev = coder.code("Ethnic Albanians in southern Serbia are demanding autonomy from Serbian authorities.", date=D)
    assert find(ev, "10", "SRBCVL", "SRBGOV"), ev


def test_target_inside_the_requested_thing(coder):
    ev = coder.code("Lithuania called for new sanctions against Belarus on Monday.", date=D)
    assert find(ev, None, "LTU", "BLR"), ev


def test_declined_to_comment_is_decline_comment(coder_monadic):
    ev = coder_monadic.code("The Kenyan government declined to comment on the report.", date=D)
    assert find(ev, "011", "KENGOV"), ev
    assert not find(ev, "12"), ev


def test_considering_an_act_is_not_doing_it(coder, coder_all):
    text = "Germany is considering sending troops to Lithuania."
    assert not find(coder.code(text, date=D), "15"), text
    hits = find(coder_all.code(text, date=D), "15", "DEU", "LTU")
    assert hits and hits[0]["modality"] == "hypothetical"


def test_offer_of_troops_is_military_aid_not_a_threat(coder_monadic):
    ev = coder_monadic.code("Norway offered to send troops to Jordan.", date=D)
    assert find(ev, "0332", "NOR"), ev
    assert not find(ev, "13"), ev


def test_predicate_adjective_trigger(coder):
    ev = coder.code("Chile said on Monday it was deeply skeptical of Bolivia's proposal.", date=D)
    assert find(ev, "012", "CHL", "BOL"), ev
    assert not find(coder.code("The skeptical minister met Bolivia's president.", date=D), "012")


def test_naming_call_is_not_a_call(coder_monadic):
    ev = coder_monadic.code("Peru called the Chilean decision unconstitutional.", date=D)
    assert not find(ev, "02") and not find(ev, "041"), ev
    assert find(coder_monadic.code("Peru called Chile on Monday.", date=D), "041", "PER", "CHL")


def test_agreed_that(coder):
    ev = coder.code("Egypt and Jordan agreed on Sunday that there was an urgent need for progress.", date=D)
    assert find(ev, "019", "EGY", "JOR") and find(ev, "019", "JOR", "EGY"), ev
    ev = coder.code("Senior Kenyan and Ugandan officials agreed that their countries should cooperate on trade.",
                    date=D)
    assert find(ev, "030", "KEN", "UGA") and find(ev, "030", "UGA", "KEN"), ev


def test_renewed_call_codes_the_requested_act_and_leaves_it_undone(coder, coder_all):
    text = "Ghana renewed its call on Togo to release the detained journalists."
    ev = coder.code(text, date=D)
    assert find(ev, "0253", "GHA", "TGO"), ev
    assert not find(ev, "084"), ev
    assert find(coder_all.code(text, date=D), "084")[0]["modality"] == "hypothetical"


def test_phrasal_entry_that_does_not_match_falls_back_to_the_plain_verb(coder):
    ev = coder.code("Sweden gave 20 million dollars in aid to Zambia.", date=D)
    assert find(ev, "07", "SWE", "ZMB"), ev
    assert not find(ev, "08"), ev


def test_noun_object_of_an_event_verb_is_not_an_event(coder):
    ev = coder.code("Rebels attacked UN peacekeepers near Goma.", date=D)
    assert find(ev, "1", None, "IGO"), ev
    assert not find(ev, "07"), ev


def test_passive_deployment_has_the_deployed_force_as_source(coder):
    ev = coder.code("About 2,000 Russian soldiers were deployed along the border in Azerbaijan.", date=D)
    assert find(ev, "15", "RUSMIL", "AZE"), ev


def test_agreed_with_partner_to_act(coder):
    ev = coder.code("Kenya agreed with Uganda to build a new railway.", date=D)
    assert find(ev, "03", "KEN", "UGA"), ev
    assert not find(ev, "019"), ev


def test_threat_to_act_is_one_threat(coder):
    ev = coder.code("Iran threatened on Monday to cut off electricity to Azerbaijan.", date=D)
    assert len(find(ev, "13", "IRN", "AZE")) == 1, ev


def test_refused_act_picks_the_rejection_subcode(coder):
    ev = coder.code("Peru refused to release the prisoners held by Chile.", date=D)
    assert find(ev, "1243", "PER"), ev


def test_noun_modifier_is_not_a_trigger(coder):
    ev = coder.code("Russian riot police detained 20 protesters in Moscow.", date=D)
    assert not find(ev, "145"), ev
    assert find(ev, "17", "RUSCOP"), ev


def test_monadic_act_kept_beside_a_dyadic_event(coder_monadic):
    ev = coder_monadic.code("Kenya mobilized its army and accused Somalia of backing the militants.", date=D)
    assert find(ev, "15", "KEN"), ev
    assert find(ev, "11", "KEN", "SOM"), ev


def test_weapon_gives_the_specific_assault_code(coder):
    ev = coder.code("Rebel fighters wounded two Malian soldiers in a car bomb attack on Thursday.", date=D)
    assert find(ev, "18", None, "MLIMIL"), ev
    assert not find(ev, "190"), ev


def test_what_an_accusation_says_is_not_asserted(coder, coder_all):
    text = "Chile rejected accusations by Peru that it had carried out mass arrests of students."
    assert not find(coder.code(text, date=D), "17"), text
    assert find(coder_all.code(text, date=D), "17")[0]["modality"] == "hypothetical"


def test_led_forces_and_conjoined_parts_of_one_force(coder):
    ev = coder.code("Vietnamese-led forces shelled positions of the Cambodian army.", date=D)
    assert find(ev, "19", "VNM", "KHMMIL"), ev
    ev = coder.code("Israeli helicopters and tanks shelled positions of the Palestinian security forces.", date=D)
    assert find(ev, "19", "ISR", "PSECOP"), ev
    assert not find(ev, "19", "ISR", "ISR"), ev


def test_stative_participle_subject_and_domestic_yield_place(coder_monadic):
    ev = coder_monadic.code("Israel is opposed to the French plan.", date=D)
    assert find(ev, "1", "ISR"), ev
    ev = coder_monadic.code("Ethiopia lifted the state of emergency in Tigray on Sunday.", date=D)
    assert find(ev, "081", "ETH"), ev


def test_participial_motive_is_not_an_event(coder):
    ev = coder.code("The minister flew to Nairobi on Friday, seeking to mend ties with Kenya.", date=D)
    assert not find(ev, "03") and not find(ev, "05"), ev
    ev = coder.code("Uganda is seeking to mend ties with Kenya.", date=D)
    assert find(ev, "03", "UGA", "KEN"), ev


def test_coordinated_names_when_the_parser_splits_a_name(coder):
    ev = coder.code("Barack Obama and Vladimir Putin will meet in Zurich to discuss trade.", date="2015-01-01")
    assert find(ev, "03", "USAGOV", "RUSGOV") and find(ev, "03", "RUSGOV", "USAGOV"), ev


def test_subject_hung_under_a_dateline(coder):
    ev = coder.code("THE HAGUE, Netherlands -- A United Nations prosecutor has charged a former Rwandan "
                    "minister with genocide.", date=D)
    assert find(ev, "1", "IGO", "RWA"), ev
    ev = coder.code("SKOPJE, North Macedonia (AP) -- North Macedonia's parliament passed a resolution on "
                    "Thursday criticizing President Zog Arvel.", date=D)
    hits = find(ev, "11", "MKDLEG")
    assert hits and hits[0]["target"]["code"] == "MKDGOV", ev


def test_aid_place_is_the_recipient(coder):
    ev = coder.code("Norway provided 40 million dollars for humanitarian assistance in northern Somalia.", date=D)
    assert find(ev, "07", "NOR", "SOM"), ev


def test_protest_takes_the_target_of_its_demand(coder):
    ev = coder.code("Thousands of students in Jakarta staged demonstrations on Saturday to demand reforms "
                    "from the Indonesian government.", date=D)
    assert find(ev, "14", "IDN", "IDNGOV"), ev
    assert not find(ev, "10"), ev


def test_protest_against_in_purpose_clause(coder):
    ev = coder.code("Jailed Belarusian opposition leader Ivan Petrov began a hunger strike to protest against "
                    "the Belarusian authorities.", date=D)
    assert find(ev, "142", "BLROPP", "BLRGOV"), ev


def test_participle_describing_an_object_is_background(coder_monadic):
    ev = coder_monadic.code("Kenyan riot police used tear gas to disperse demonstrators protesting the election "
                            "results in Nairobi.", date=D)
    assert not find(ev, "141"), ev
    assert find(ev, "17", "KENCOP"), ev


def test_places_in_actor_phrases_and_territories(coder):
    ev = coder.code("Donetsk separatists attacked Ukrainian troops on Monday.", date=D)
    assert find(ev, "19", "UKRSEP", "UKRMIL"), ev
    ev = coder.code("Syrian troops shelled Aleppo.", date=D)
    assert find(ev, "19", "SYRMIL", "SYR"), ev
    ev = coder.code("Israeli troops raided homes in the occupied West Bank on Monday.", date=D)
    assert not [e for e in ev if (e["target"] or {}).get("code", "").endswith("BUS")], ev


def test_general_strike_is_not_a_general(coder):
    ev = coder.code("Chile's unions threatened to hold a general strike against the government.", date=D)
    assert not [e for e in ev if (e["target"] or {}).get("code") == "MIL"], ev


def test_parties_that_agree_together_are_each_others_target(coder):
    ev = coder.code("Chile and Peru agreed to withdraw their troops from the disputed border zone.", date=D)
    assert find(ev, "0356", "CHL", "PER") and find(ev, "0356", "PER", "CHL"), ev
    ev = coder.code("Ghana and Togo released each other's prisoners on Tuesday.", date=D)
    assert find(ev, "08", "GHA", "TGO") and find(ev, "08", "TGO", "GHA"), ev


def test_a_known_persons_administration_is_their_countrys_government(coder):
    # out of office on the date, and "Bush" is also a place name: the person wins
    ev = coder.code("The Bush administration imposed sanctions on Cuba.", date=D)
    assert find(ev, "16", "USAGOV", "CUB"), ev


def test_protest_and_repression_parties_share_the_state_actors_country(coder):
    ev = coder.code("Kenyan police dispersed students who had gathered outside a university in Uganda.", date=D)
    assert find(ev, "17", "KENCOP", "KENEDU"), ev      # two countries named, but repression is domestic
    ev = coder.code("The military junta declared a state of emergency in Fiji.", date=D)
    assert find(ev, "17", "FJI", "FJI"), ev


def test_present_tense_relative_clause_describes_a_participant(coder):
    ev = coder.code("Israeli jets struck a base of the militia, which opposes the ceasefire, in Gaza.", date=D)
    assert find(ev, "19", "ISR"), ev
    assert not find(ev, "12"), ev            # "which opposes the ceasefire" is a standing position


def test_evidence_and_aims_are_not_asserted_acts(coder_all):
    ev = coder_all.code("Colombia says it has evidence showing that Venezuela bombed the border post.", date=D)
    assert all(e["modality"] == "hypothetical" for e in find(ev, "19")), ev
    ev = coder_all.code("Norway backed a resolution that aims to impose an arms embargo on Sudan.", date=D)
    assert all(e["modality"] == "hypothetical" for e in find(ev, "16")), ev


def test_releasing_a_statement_is_not_a_release(coder_monadic):
    ev = coder_monadic.code("Chile and Peru released a joint statement on Friday.", date=D)
    assert not find(ev, "08"), ev
    ev = coder_monadic.code("Chile released two Peruvian fishermen on Friday.", date=D)
    assert find(ev, "0841", "CHL", "PER"), ev


def test_target_from_the_triggers_own_phrase(coder):
    # no role names a target: the first actor or place in the trigger's phrase is what the act is about
    ev = coder.code("The UN envoy expressed deep concern about the escalation of fighting in Syria.", date=D)
    assert find(ev, "012", "IGOUNO", "SYR"), ev
    # two parties acting together are each other's partners, not the place's
    ev = coder.code("Egypt and Jordan signed a defence cooperation agreement in Cairo.", date=D)
    assert find(ev, "0", "EGY", "JOR") and find(ev, "0", "JOR", "EGY"), ev
    assert not [e for e in ev if e["target"] and e["target"]["code"] == "EGY"], ev   # Cairo is not a party


def test_possibilities_and_purposes_are_not_asserted(coder_all):
    ev = coder_all.code("Chile's president was pessimistic about the chances of resuming talks with Peru.", date=D)
    assert all(e["modality"] == "hypothetical" for e in find(ev, "04")), ev
    ev = coder_all.code("Kenyan police opened fire to disperse protesters in Nairobi.", date=D)
    assert find(ev, "19", "KENCOP"), ev
    assert all(e["modality"] == "hypothetical" for e in find(ev, "175")), ev


def test_protest_without_addressee_targets_the_authorities_implicitly(coder):
    ev = coder.code("Thousands of nurses in Chile went on strike on Monday.", date=D)
    got = find(ev, "14", "CHL", "CHLGOV")
    assert got and got[0]["target"]["implicit"] is True, ev
    assert got[0]["target"]["resolved_by"] == "implicit:protest-authorities"
    ev = coder.code("Kenyan protesters rallied outside the Ugandan embassy.", date=D)
    assert not find(ev, "14", None, "KENGOV"), ev          # a named addressee wins


def test_phrase_targets_skip_venues_agents_and_the_sources_own_places(coder):
    # the venue of talks is not their partner
    ev = coder.code("Officials from Chile held two days of talks in Lima on trade.", date=D)
    assert not find(ev, "04", None, "PER"), ev
    # an agent phrase is not the target of a withdrawal
    ev = coder.code("Canada withdrew from the treaty in a decision by former prime minister Stephen Harper.", date=D)
    assert not find(ev, None, "CAN", "CAN"), ev
    # expelled diplomats are not the expelling country's own
    ev = coder.code("Polish police deported the migrants on Monday.", date=D)
    assert find(ev, "174", "POLCOP") and not find(ev, "174", None, "POL"), ev


def test_domestic_concession_without_addressee_targets_the_own_country_implicitly(coder):
    ev = coder.code("Sudan's government lifted the nightly curfew on Sunday.", date=D)
    got = find(ev, "081", "SDNGOV", "SDN")
    assert got and got[0]["target"]["implicit"] is True, ev
    assert got[0]["target"]["resolved_by"] == "implicit:domestic-concession"
    ev = coder.code("Sudan's government lifted sanctions on Chad.", date=D)   # a named addressee wins
    assert not find(ev, None, None, "SDN"), ev


def test_killed_in_a_bombing_has_an_implicit_armed_source(coder):
    ev = coder.code("At least three Afghan civilians were killed in a suicide car bombing in central Kabul.", date=D)
    got = find(ev, "183", "AFGUAF", "AFG")
    assert got and got[0]["source"]["implicit"] and got[0]["source"]["resolved_by"] == "implicit:weapon-in", ev
    assert not coder.code("Two soldiers were killed in Kabul.", date=D)     # no weapon named: no source


def test_a_place_before_visit_is_the_destination(coder):
    ev = coder.code("Iraq's prime minister ended his China visit on Sunday.", date=D)
    assert find(ev, "042", "IRQ", "CHN") and not find(ev, "042", "CHN"), ev


def test_a_disease_named_after_a_place_is_not_an_actor(coder):
    ev = coder.code("The Iraqi minister thanked China for helping Iraq fight the Corona virus.", date=D)
    assert not [e for e in ev if e["target"] and e["target"]["text"] and "Corona" in e["target"]["text"]], ev
    assert find(ev, "05", "IRQ", "CHN"), ev
