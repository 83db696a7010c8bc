"""A request to decide, and the checks that turn untrusted input into one (or an InputError)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import InputError
from .vocabulary import FACT_IDS, FACTS_BY_ID, RECORD_IDS, REQUESTER_IDS

FactValue = bool | str | None

# A request is a few hundred bytes; anything far larger is a mistake or an attack.
MAX_INPUT_CHARS = 64 * 1024
TOP_LEVEL_KEYS = ("requester", "record", "facts")


@dataclass(frozen=True)
class Request:
    """Who asks, for what, and what is known. Every fact is present; None means not known."""

    requester: str
    record: str
    fact_values: tuple[FactValue, ...]  # in FACT_IDS order

    @classmethod
    def of(cls, requester: str, record: str, facts: Mapping[str, FactValue] | None = None,
           ) -> Request:
        """Build a checked request from Python values; raises InputError on anything unknown."""
        return parse({"requester": requester, "record": record, "facts": dict(facts or {})})

    @property
    def facts(self) -> dict[str, FactValue]:
        return dict(zip(FACT_IDS, self.fact_values, strict=True))

    def value(self, fact: str) -> FactValue:
        return self.fact_values[FACT_IDS.index(fact)]

    def with_facts(self, **changes: FactValue) -> Request:
        facts = self.facts
        facts.update(changes)
        return Request(self.requester, self.record, tuple(facts[f] for f in FACT_IDS))


def parse_json(text: str | bytes) -> Request:
    """Parse one JSON request; raises InputError for anything but a well-formed, known request."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("The input is not UTF-8 text.") from None
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"The input is too large: a request is at most {MAX_INPUT_CHARS} "
                         "characters.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise InputError("The input is not valid JSON: send one JSON object such as "
                         '{"requester": "cardholder", "record": "items_checked_out", '
                         '"facts": {}}.') from None
    return parse(data)


def parse(data: object) -> Request:
    """Check already-decoded JSON data and return the Request it describes."""
    if not isinstance(data, dict):
        raise InputError("The request must be a JSON object with requester, record and facts.",
                         None, TOP_LEVEL_KEYS)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise InputError(f"Unknown field {_show(key)}.", str(key), TOP_LEVEL_KEYS)
    requester = _choice(data, "requester", REQUESTER_IDS)
    record = _choice(data, "record", RECORD_IDS)
    facts = data.get("facts", {})
    if not isinstance(facts, dict):
        raise InputError("facts must be a JSON object of fact names and values.", "facts",
                         FACT_IDS)
    values = []
    for name in facts:
        if name not in FACTS_BY_ID:
            raise InputError(f"Unknown fact {_show(name)}.", "facts", FACT_IDS)
    for name in FACT_IDS:
        fact = FACTS_BY_ID[name]
        value = facts.get(name, fact.if_not_given)
        if fact.answer(value) is None:
            shown = [json.dumps(a.value) if not isinstance(a.value, str) else a.value
                     for a in fact.answers]
            raise InputError(f"{_show(value)} is not an answer to {name}.", f"facts.{name}",
                             tuple(shown))
        values.append(value)
    return Request(requester, record, tuple(values))


def _choice(data: dict, key: str, allowed: tuple[str, ...]) -> str:
    if key not in data:
        raise InputError(f"{key} is missing.", key, allowed)
    value = data[key]
    if not isinstance(value, str) or value not in allowed:
        raise InputError(f"{_show(value)} is not a known {key}.", key, allowed)
    return value


def _show(value: object) -> str:
    """A short, safe rendering of a bad value for an error message."""
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
