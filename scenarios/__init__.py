"""The desk stories: situations staff meet, each with the answer the policy gives.

Kept as data (stories.toml) that people can read and edit: the engine tests check every story,
the browser tests click through some, and the site will publish them as training material. Each
answer was worked out by hand from DESIGN.md section 4, never by running the engine, so a story
whose answer the engine does not give is a finding about one or the other.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

STORIES = Path(__file__).with_name("stories.toml")
TOPICS = {
    "cardholder": "The cardholder",
    "phone-callers": "Phone callers",
    "card": "The card and permission",
    "parents": "Parents and guardians",
    "police-and-legal-papers": "Police and legal papers",
    "staff": "Staff look-ups",
    "new-situations": "New situations",
    "not-confidential": "What is not confidential",
}
# In the file, "I'm not sure" is the string "unsure" (TOML has no null).
UNSURE = "unsure"


@dataclass(frozen=True)
class Scenario:
    id: str
    topic: str
    story: str
    requester: str
    record: str
    outcome: str
    why: str
    facts: dict = field(default_factory=dict)
    # For an undetermined answer: the facts still to find out.
    missing: tuple[str, ...] = ()
    design_example: bool = False

    def request(self) -> dict:
        """The request as the command line and the browser tool take it."""
        return {"requester": self.requester, "record": self.record,
                "facts": {k: None if v == UNSURE else v for k, v in self.facts.items()}}


def load(path: Path = STORIES) -> tuple[Scenario, ...]:
    with path.open("rb") as f:
        entries = tomllib.load(f)["scenario"]
    stories = []
    for entry in entries:
        entry = dict(entry)
        entry["missing"] = tuple(entry.get("missing", ()))
        stories.append(Scenario(**entry))
    return tuple(stories)


SCENARIOS = load()
