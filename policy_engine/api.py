"""The engine as JSON: what the command line prints and what the browser tool receives.

Only JSON strings cross the JavaScript/Python boundary in the browser, so this module is the whole
interface the site's tool uses: `decide_json` and `vocabulary_json`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .citations import Citation
from .engine import Decision, decide, would_change
from .errors import InputError
from .request import FactValue, Request, parse, parse_json
from .rules import CONFIDENTIAL_RECORDS, Rule
from .tensions import NOTES, Note
from .vocabulary import (
    FACTS,
    FACTS_BY_ID,
    OPTIONS,
    OUTCOME_BADGES,
    OUTCOME_CONSEQUENCES,
    OUTCOME_LABELS,
    RECORDS,
    REQUESTERS,
    TERMS_BY_ID,
    Outcome,
)

LEGAL_PAPERS = ("subpoena", "court_order", "search_warrant", "national_security_letter")


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
            "reading": rule.reading, "citations": [citation_dict(c) for c in rule.cites]}


def note_dict(note: Note) -> dict[str, object]:
    return {"id": note.id, "title": note.title, "text": note.text,
            "board_question": note.board_question,
            "citations": [citation_dict(c) for c in note.cites]}


def _would_change(decision: Decision) -> list[dict[str, object]]:
    """What a different answer to one fact would lead to, the line that matters first.

    The four legal papers usually lead to the same place: then they are one line, not four.
    Lines that would release come first (what the person could bring), legal papers last."""
    alternatives = would_change(decision)
    lines: list[dict[str, object]] = []
    papers = [a for a in alternatives if a.fact == "legal_process" and a.value in LEGAL_PAPERS]
    if len(papers) == len(LEGAL_PAPERS) and len({a.outcome for a in papers}) == 1:
        outcome = papers[0].outcome
        lines.append({"fact": "legal_process", "value": list(LEGAL_PAPERS),
                      "outcome": outcome.value,
                      "text": "If they present a subpoena, court order, search warrant or "
                              f"national security letter, {OUTCOME_CONSEQUENCES[outcome]}."})
        alternatives = tuple(a for a in alternatives if a not in papers)
    lines += [{"fact": a.fact, "value": a.value, "outcome": a.outcome.value,
               "text": f"If {_condition(a.fact, a.value)}, "
                       f"{OUTCOME_CONSEQUENCES[a.outcome]}."} for a in alternatives]
    order = list(decision.relevant_facts)
    return sorted(lines, key=lambda line: (line["outcome"] != Outcome.RELEASE.value,
                                           line["fact"] == "legal_process",
                                           order.index(str(line["fact"]))))


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
                    "facts": request.facts, "options": sorted(request.options)},
        "outcome": decision.outcome.value,
        "outcome_label": OUTCOME_LABELS[decision.outcome],
        "outcome_badge": OUTCOME_BADGES[decision.outcome],
        "summary": _summary(decision),
        "next_step": _next_step(decision),
        "rules": [rule.id for rule in decision.rules],
        "explanation": [_rule_dict(rule) for rule in decision.rules],
        "citations": [citation_dict(c) for c in citations],
        "notes": [note_dict(n) for n in decision.notes],
        "missing_facts": list(decision.missing_facts),
        "relevant_facts": list(decision.relevant_facts),
        "would_change": _would_change(decision),
    }


def decide_text(text: object, options: Iterable[str] = ()) -> dict[str, object]:
    """Decide one JSON request (str or UTF-8 bytes) under the named Board options; bad input of
    any type gives the error object instead, never an exception."""
    try:
        return decision_dict(decide(parse_json(text).with_options(options)))
    except InputError as error:
        return error.to_dict()


def decide_json(text: object) -> str:
    """Decide one JSON request; always returns JSON (a decision or an error object), whatever it
    is given. The browser tool's only entry point: it answers under the adopted policy."""
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
        "outcomes": [{"id": o.value, "label": OUTCOME_LABELS[o], "badge": OUTCOME_BADGES[o]}
                     for o in Outcome],
        "options": [{"id": o.id, "label": o.label, "help": o.help} for o in OPTIONS],
    }


def vocabulary_json() -> str:
    return json.dumps(vocabulary_dict())


def notes_report() -> list[dict[str, object]]:
    """Every review note for the trustees, with what staff do now: the engine's decision for the
    note's example request."""
    report = []
    for note in NOTES:
        decision = decision_dict(decide(parse(note.example)))
        report.append({**note_dict(note), "example": note.example,
                       "staff_now": {k: decision[k] for k in
                                     ("outcome", "outcome_label", "summary", "next_step")}})
    return report
