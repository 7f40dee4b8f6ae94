"""The slide deck's plan (web.slidedeck): what goes on which slide, without a build."""

from __future__ import annotations

from compassion_kit.web import slidedeck

TERMS = {"title": "Our group agreement",
         "points": ["**You choose what to share.** " + "You can pass. " * 8,
                    "**What privacy cannot cover.** " + "They may have to act. " * 12,
                    "**Look after yourself.** Step out any time."]}
PLAN = {"title": "A Team Hour", "summary": "A short session.", "duration_minutes": 30,
        "agenda": [
            {"minutes": 5, "kind": "opening", "title": "Welcome", "prompt": "Welcome."},
            {"minutes": 15, "kind": "activity", "title": "Practice", "exercise": "calm",
             "grouping": "pairs", "prompt": "First sentence here. " + "More words. " * 80},
            {"minutes": 5, "kind": "debrief", "title": "What did you notice?",
             "prompt": "Tell your partner one thing."},
            {"minutes": 5, "kind": "close", "title": "Close", "prompt": "Thank you."}]}
QUESTIONS = [("What?", ["What did you notice?"]), ("Now what?", ["What will you try?"])]


def test_one_slide_per_segment_plus_title_agreement_debrief_questions_and_close():
    deck = slidedeck.deck(PLAN, TERMS, QUESTIONS, {"calm": "A Calm Minute"})
    roles = [slide.role for slide in deck]
    assert roles[0] == "title" and roles[-1] == "close" and deck[-1].crisis
    # The agreement is read in the opening: its slides follow the opening's.
    assert roles[1] == "segment" and roles[2] == "agreement"
    assert roles.count("segment") == len(PLAN["agenda"])
    # The debrief questions follow the last debrief segment, before the close segment.
    assert roles[-5:] == ["segment", "debrief", "debrief", "segment", "close"]
    assert [slide.heading for slide in deck if slide.role == "debrief"] == \
        ["Debrief: What?", "Debrief: Now what?"]


def test_a_long_prompt_is_cut_at_a_sentence_and_the_note_says_so():
    deck = slidedeck.deck(PLAN, TERMS, QUESTIONS, {"calm": "A Calm Minute"})
    practice = next(slide for slide in deck if slide.heading == "Practice")
    assert practice.text[0].startswith("First sentence here.")
    assert len(practice.text[0]) < len(PLAN["agenda"][1]["prompt"])
    assert "say all of it" in practice.note
    assert practice.text[-1] == "Workbook: “A Calm Minute”"
    assert practice.facts == "15 minutes · in pairs"
    budget = slidedeck.room(practice.heading, practice.facts)
    assert sum(slidedeck.lines(text) for text in practice.text) <= budget


def test_the_agreement_keeps_every_point_whole_over_as_many_slides_as_it_needs():
    slides = [slide for slide in slidedeck.deck(PLAN, TERMS, [], {})
              if slide.role == "agreement"]
    assert [point for slide in slides for point in slide.points] == TERMS["points"]
    assert slides[0].heading == "Our group agreement"
    assert all(slide.heading == "Our group agreement (continued)" for slide in slides[1:])
    for slide in slides:
        assert sum(map(slidedeck.lines, slide.points)) <= slidedeck.room(slide.heading) \
            or len(slide.points) == 1


def test_a_runaway_title_or_question_is_clipped_to_fit_its_slide():
    long_title = {**PLAN["agenda"][0], "title": "Welcome " * 60}
    plan = {**PLAN, "agenda": [long_title, *PLAN["agenda"][1:]]}
    deck = slidedeck.deck(plan, TERMS, [("What?", ["Why " * 400 + "?"])], {})
    welcome = next(slide for slide in deck if slide.role == "segment")
    assert welcome.heading.endswith("…") and len(welcome.heading) <= 2 * slidedeck.HEADING_CHARS
    question = next(slide for slide in deck if slide.role == "debrief")
    assert sum(map(slidedeck.lines, question.points)) <= slidedeck.room(question.heading)
