"""A request to decide, and the checks that turn untrusted input into one (or an InputError).

Every way of making a Request goes through the same checks (`Request.__post_init__`): no
constructor, method or parser can carry an unknown id, a misspelled fact or a wrongly typed value
into a decision.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import InputError
from .vocabulary import FACT_IDS, FACTS_BY_ID, OPTION_IDS, RECORD_IDS, REQUESTER_IDS

FactValue = bool | str | None

# A request is a few hundred bytes; anything far larger is a mistake or an attack.
MAX_INPUT_CHARS = 64 * 1024
TOP_LEVEL_KEYS = ("requester", "record", "facts")
# Each fact's answers as (type, value): True is not 1, and every Request checks every fact.
_ANSWERS = tuple(frozenset((type(a.value), a.value) for a in FACTS_BY_ID[f].answers)
                 for f in FACT_IDS)


@dataclass(frozen=True)
class Request:
    """Who asks, for what, what is known, and the Board options it is decided under.

    Every fact is present; None means not known."""

    requester: str
    record: str
    fact_values: tuple[FactValue, ...]  # in FACT_IDS order
    options: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _check_choice(self.requester, "requester", REQUESTER_IDS)
        _check_choice(self.record, "record", RECORD_IDS)
        if not isinstance(self.fact_values, tuple) or len(self.fact_values) != len(FACT_IDS):
            raise InputError(f"fact_values must be a tuple of {len(FACT_IDS)} values, one per "
                             "fact.", "facts", FACT_IDS)
        try:
            known = all((type(v), v) in answers
                        for v, answers in zip(self.fact_values, _ANSWERS, strict=True))
        except TypeError:  # an unhashable value (a list, a dict) answers nothing
            known = False
        if not known:
            for name, value in zip(FACT_IDS, self.fact_values, strict=True):
                _check_answer(name, value)
        if not isinstance(self.options, frozenset):
            raise InputError("options must be a frozenset of option ids.", "options", OPTION_IDS)
        for option in self.options:
            _check_choice(option, "option", OPTION_IDS)

    @classmethod
    def of(cls, requester: str, record: str, facts: Mapping[str, FactValue] | None = None,
           options: Iterable[str] = ()) -> Request:
        """Build a checked request from Python values; raises InputError on anything unknown."""
        request = parse({"requester": requester, "record": record, "facts": dict(facts or {})})
        return request.with_options(options)

    @property
    def facts(self) -> dict[str, FactValue]:
        return dict(zip(FACT_IDS, self.fact_values, strict=True))

    def value(self, fact: str) -> FactValue:
        if fact not in FACTS_BY_ID:
            raise InputError(f"Unknown fact {_show(fact)}.", "facts", FACT_IDS)
        return self.fact_values[FACT_IDS.index(fact)]

    def with_facts(self, **changes: FactValue) -> Request:
        for name in changes:
            if name not in FACTS_BY_ID:
                raise InputError(f"Unknown fact {_show(name)}.", "facts", FACT_IDS)
        facts = {**self.facts, **changes}
        return Request(self.requester, self.record, tuple(facts[f] for f in FACT_IDS),
                       self.options)

    def with_options(self, options: Iterable[str]) -> Request:
        return Request(self.requester, self.record, self.fact_values, check_options(options))


def check_options(options: Iterable[str]) -> frozenset[str]:
    """The Board option ids as a set; raises InputError on any unknown one."""
    if isinstance(options, str):  # one id is not a collection of its letters
        options = (options,)
    options = frozenset(options)
    for option in options:
        _check_choice(option, "option", OPTION_IDS)
    return options


def parse_json(text: object) -> Request:
    """Parse one JSON request; raises InputError for anything but a well-formed, known request."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(f"The input is not UTF-8 text (byte {error.start} cannot be read)."
                             ) from None
    if not isinstance(text, str):
        raise InputError("The input must be JSON text.")
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"The input is too large: a request is at most {MAX_INPUT_CHARS} "
                         "characters.")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except InputError:
        raise
    except (ValueError, RecursionError):
        raise InputError("The input is not valid JSON: send one JSON object such as "
                         '{"requester": "cardholder", "record": "items_checked_out", '
                         '"facts": {}}.') from None
    return parse(data)


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """json.loads keeps the last of duplicate keys: a request that says two things is refused."""
    data: dict[str, object] = {}
    for key, value in pairs:
        if key in data:
            raise InputError(f"The key {_show(key)} appears twice: say each thing once.",
                             str(key))
        data[key] = value
    return data


def parse(data: object) -> Request:
    """Check already-decoded JSON data and return the Request it describes."""
    if not isinstance(data, dict):
        raise InputError("The request must be a JSON object with requester, record and facts.",
                         None, TOP_LEVEL_KEYS)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise InputError(f"Unknown field {_show(key)}.", str(key), TOP_LEVEL_KEYS)
    for key in ("requester", "record"):
        if key not in data:
            raise InputError(f"{key} is missing.", key,
                             REQUESTER_IDS if key == "requester" else RECORD_IDS)
    facts = data.get("facts", {})
    if not isinstance(facts, dict):
        raise InputError("facts must be a JSON object of fact names and values.", "facts",
                         FACT_IDS)
    for name in facts:
        if name not in FACTS_BY_ID:
            raise InputError(f"Unknown fact {_show(name)}.", "facts", FACT_IDS)
    values = tuple(facts.get(name, FACTS_BY_ID[name].if_not_given) for name in FACT_IDS)
    return Request(data["requester"], data["record"], values)


def _check_choice(value: object, field: str, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise InputError(f"{_show(value)} is not a known {field}.", field, allowed)


def _check_answer(name: str, value: object) -> None:
    fact = FACTS_BY_ID[name]
    if fact.answer(value) is None:
        shown = [json.dumps(a.value) if not isinstance(a.value, str) else a.value
                 for a in fact.answers]
        raise InputError(f"{_show(value)} is not an answer to {name}.", f"facts.{name}",
                         tuple(shown))


def _show(value: object) -> str:
    """A short, safe rendering of a bad value for an error message."""
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
