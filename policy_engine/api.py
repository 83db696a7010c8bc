"""The engine as JSON: what the command line prints and what the browser tool receives.

Only JSON strings cross the JavaScript/Python boundary in the browser, so this module is the whole
interface the site's tool uses: `decide_json` and `vocabulary_json`.
"""

from __future__ import annotations

import json

from .citations import Citation
from .engine import Decision, decide, would_change
from .errors import InputError
from .request import FactValue, Request, parse_json
from .rules import CONFIDENTIAL_RECORDS, Rule
from .vocabulary import (
    FACTS,
    FACTS_BY_ID,
    OUTCOME_CONSEQUENCES,
    OUTCOME_LABELS,
    RECORDS,
    REQUESTERS,
    TERMS_BY_ID,
    Outcome,
)


def citation_dict(citation: Citation) -> dict[str, str]:
    return {
        "document": citation.document.id,
        "document_title": citation.document.title,
        "section": citation.section,
        "anchor": citation.anchor,
        "url": citation.url,
        "quote": citation.quote,
    }


def _condition(fact: str, value: FactValue) -> str:
    return FACTS_BY_ID[fact].answer(value).phrase


def _fill(text: str, request: Request) -> str:
    return text.format(requester=TERMS_BY_ID[request.requester].phrase,
                       record=TERMS_BY_ID[request.record].phrase)


def _summary(decision: Decision) -> str:
    if decision.outcome is Outcome.UNDETERMINED:
        unknown = "; ".join(_condition(f, None) for f in decision.missing_facts)
        return f"The answer depends on what is not known yet: {unknown}. Nothing is released " \
               "until it is known."
    return _fill(decision.rules[0].summary, decision.request)


def _next_step(decision: Decision) -> str:
    if decision.outcome is Outcome.UNDETERMINED:
        questions = " ".join(FACTS_BY_ID[f].question for f in decision.missing_facts)
        return f"Do not release anything yet. Find out: {questions}"
    return decision.rules[0].next_step


def _rule_dict(rule: Rule) -> dict[str, object]:
    return {"rule": rule.id, "says": rule.says, "outcome": rule.outcome.value,
            "standing": rule.standing.name.lower(),
            "citations": [citation_dict(c) for c in rule.cites]}


def decision_dict(decision: Decision) -> dict[str, object]:
    """The full, JSON-ready explanation of a decision (the contract in DESIGN.md section 3)."""
    request = decision.request
    citations: list[Citation] = []
    for rule in decision.rules:
        citations += [c for c in rule.cites if c not in citations]
    # A record kept back also cites the words that make that kind of record confidential.
    scope = CONFIDENTIAL_RECORDS.get(request.record)
    if decision.outcome is not Outcome.RELEASE and scope and scope not in citations:
        citations.append(scope)
    return {
        "request": {"requester": request.requester, "record": request.record,
                    "facts": request.facts},
        "outcome": decision.outcome.value,
        "outcome_label": OUTCOME_LABELS[decision.outcome],
        "summary": _summary(decision),
        "next_step": _next_step(decision),
        "rules": [rule.id for rule in decision.rules],
        "explanation": [_rule_dict(rule) for rule in decision.rules],
        "citations": [citation_dict(c) for c in citations],
        "notes": [{"id": n.id, "title": n.title, "text": n.text,
                   "citations": [citation_dict(c) for c in n.cites]} for n in decision.notes],
        "missing_facts": list(decision.missing_facts),
        "relevant_facts": list(decision.relevant_facts),
        "would_change": [
            {"fact": alt.fact, "value": alt.value, "outcome": alt.decision.outcome.value,
             "text": f"If {_condition(alt.fact, alt.value)}, "
                     f"{OUTCOME_CONSEQUENCES[alt.decision.outcome]}."}
            for alt in would_change(decision)
        ],
    }


def decide_text(text: str) -> dict[str, object]:
    """Decide one JSON request; bad input gives the error object instead, never an exception."""
    try:
        return decision_dict(decide(parse_json(text)))
    except InputError as error:
        return error.to_dict()


def decide_json(text: str) -> str:
    """Decide one JSON request; always returns JSON (a decision or an error object)."""
    return json.dumps(decide_text(text))


def vocabulary_dict() -> dict[str, object]:
    def terms(items):
        return [{"id": t.id, "label": t.label, "help": t.help} for t in items]

    return {
        "requesters": terms(REQUESTERS),
        "records": terms(RECORDS),
        "facts": [{"id": f.id, "question": f.question, "help": f.help,
                   "if_not_given": f.if_not_given,
                   "values": [{"value": a.value, "label": a.label} for a in f.answers]}
                  for f in FACTS],
        "outcomes": [{"id": o.value, "label": OUTCOME_LABELS[o]} for o in Outcome],
    }


def vocabulary_json() -> str:
    return json.dumps(vocabulary_dict())
