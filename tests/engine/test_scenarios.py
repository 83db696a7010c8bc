"""Every desk story gets the answer worked out for it by hand (scenarios/stories.toml), through the
Python API and through the command line's JSON; the public examples of DESIGN.md 4.1 are all there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from policy_engine import decide, parse
from policy_engine.api import decide_text
from policy_engine.vocabulary import FACT_IDS, RECORD_IDS, REQUESTER_IDS
from scenarios import SCENARIOS, TOPICS
from tests.conftest import ROOT

# DESIGN.md section 4.1, written here as the design states them: (requester, record, outcome).
DESIGN_EXAMPLES = [
    ("cardholder", "items_checked_out", "release"),
    ("cardholder", "registration_details", "deny"),
    ("cardholder", "borrowing_history", "undetermined"),
    ("other_person", "borrowing_history", "deny"),
    ("other_person", "items_checked_out", "release"),
    ("other_person", "items_checked_out", "deny"),
    ("parent_or_guardian", "overdue_account", "release"),
    ("parent_or_guardian", "borrowing_history", "deny"),
    ("collection_agency", "overdue_account", "release"),
    ("law_enforcement", "borrowing_history", "refer_to_director"),
    ("other_person", "borrowing_history", "refer_to_director"),
    ("other_person", "aggregate_statistics", "refer_to_director"),
    ("other_person", "program_photos", "deny"),
    ("other_person", "borrowing_history", "refer_to_director"),
    ("other_person", "patron_whereabouts", "deny"),
    ("other_library", "interlibrary_loans", "release"),
    ("public_official", "borrowing_history", "deny"),
    ("other_person", "security_camera_footage", "outside_policy"),
    ("library_staff", "borrowing_history", "deny"),
    ("other_person", "items_checked_out", "undetermined"),
]


def decide_dict(request: dict) -> dict:
    """The JSON answer the command line and the browser tool give for this request."""
    return decide_text(json.dumps(request))


def test_the_library_has_over_a_hundred_distinct_stories_in_every_topic():
    assert len(SCENARIOS) >= 100
    assert len({s.id for s in SCENARIOS}) == len(SCENARIOS)
    assert Counter(s.topic for s in SCENARIOS).keys() == TOPICS.keys()
    assert all(s.requester in REQUESTER_IDS and s.record in RECORD_IDS for s in SCENARIOS)
    assert all(set(s.facts) <= set(FACT_IDS) for s in SCENARIOS)
    assert {s.outcome for s in SCENARIOS} == {
        "release", "deny", "refer_to_director", "outside_policy", "undetermined"}


def test_stories_are_sentences_for_people_and_the_library_is_fine_free():
    for s in SCENARIOS:
        assert s.story[0].isupper() and s.story.rstrip().endswith((".", "?", '"', "”")), s.id
        assert not re.search(r"\bfines?\b", s.story, re.IGNORECASE), s.id
        assert s.why.startswith("Reading"), s.id


def test_every_design_example_is_a_story_with_its_outcome():
    examples = [s for s in SCENARIOS if s.design_example]
    assert sorted((s.requester, s.record, s.outcome) for s in examples) == sorted(DESIGN_EXAMPLES)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_scenario(scenario):
    decision = decide(parse(scenario.request()))
    assert decision.outcome.value == scenario.outcome, scenario.story
    assert decision.missing_facts == scenario.missing, scenario.story


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_scenario_explanation_is_complete(scenario):
    result = decide_dict(scenario.request())
    assert result["outcome"] == scenario.outcome
    for key in ("summary", "next_step", "outcome_label"):
        assert isinstance(result[key], str) and len(result[key]) > 20
    assert result["citations"], "every answer cites the words it rests on"
    assert all(c["quote"] and c["url"] for c in result["citations"])
    assert "{" not in result["summary"], "no unfilled template in the sentence a person reads"


def test_design_examples_through_the_real_command_line():
    """The public examples, decided by `python -m policy_engine decide --jsonl`."""
    examples = [s for s in SCENARIOS if s.design_example]
    lines = "".join(json.dumps(s.request()) + "\n" for s in examples)
    done = subprocess.run([sys.executable, "-m", "policy_engine", "decide", "--jsonl"],
                          input=lines, capture_output=True, text=True, cwd=ROOT, check=True)
    outcomes = [json.loads(line)["outcome"] for line in done.stdout.splitlines()]
    assert outcomes == [s.outcome for s in examples]
    assert done.stderr == ""
