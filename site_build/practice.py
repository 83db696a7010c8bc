"""Training with the desk stories (scenarios/stories.toml): the practice page and the printable
training session, each with the engine's own answers, next steps and cited words.

    python -m site_build.practice          # writes docs/generated/fragments/practice/

The answers come from one `decide --jsonl` run of the engine over every story (as in
site_build/stories.py), never from a copy typed by hand. Every case is plain HTML: without
JavaScript its answer is a `<details>` disclosure; docs/js/practice.js turns the page into one case
at a time with a score it keeps in memory only.

Hooks (the tests read them): each case is an element with `data-practice-case`, holding
`data-outcome` (the engine's answer) and a link to the decision tool with the case filled in.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from . import GENERATED, ROOT, write_if_changed
from .outcomes import badge_html

# The topics in the order the desk card and the engine meet them: legal papers and police first,
# then the cardholder, the card and permission, parents, and the rest.
TOPIC_ORDER = ("police-and-legal-papers", "cardholder", "card", "parents", "phone-callers",
               "staff", "not-confidential", "new-situations")
# How many of a topic's cases the printed session holds: one page of cases and one of answers
# per topic (all of a large topic's cases do not fit on one sheet).
PRINT_PER_TOPIC = 8
SESSION_SIZE = 20


def _scenarios():
    if str(ROOT) not in sys.path:  # MkDocs restores sys.path after loading its hook
        sys.path.insert(0, str(ROOT))
    import scenarios

    return scenarios


def tool_query(request: dict, vocab: dict) -> str:
    """The decision tool's query string for `request`: requester, record, and each fact whose
    value differs from what leaving it out means (docs/js/decide.js reads the same spelling)."""
    from .form import fact_value

    params = [("requester", request["requester"]), ("record", request["record"])]
    facts = request.get("facts", {})
    for fact in vocab["facts"]:
        if fact["id"] in facts and facts[fact["id"]] != fact["if_not_given"]:
            params.append((fact["id"], fact_value(facts[fact["id"]])))
    return urlencode(params)


def topics_in_order(stories) -> list[tuple[str, list]]:
    """(topic id, its stories in file order) in TOPIC_ORDER; a topic not listed there comes last."""
    present = list(dict.fromkeys(s.topic for s in stories))
    order = [t for t in TOPIC_ORDER if t in present] + [t for t in present if t not in TOPIC_ORDER]
    return [(t, [s for s in stories if s.topic == t]) for t in order]


def pick_for_print(stories: list, decisions: dict[str, dict], n: int = PRINT_PER_TOPIC) -> list:
    """Up to `n` of one topic's stories, in file order, taking each answer in turn (so every
    answer the topic holds is practised), DESIGN.md's worked examples first within an answer."""
    by_outcome: dict[str, list] = {}
    for s in sorted(stories, key=lambda s: not s.design_example):
        by_outcome.setdefault(decisions[s.id]["outcome"], []).append(s)
    chosen: list = []
    while len(chosen) < n and any(by_outcome.values()):
        for queue in by_outcome.values():
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return sorted(chosen, key=stories.index)


def _cite(citation: dict, root: str) -> str:
    where = f"{citation['document_title']}, {citation['section']}"
    return (f"<li><q>{escape(citation['quote'])}</q> "
            f'(<a href="{root}{escape(citation["url"])}">{escape(where)}</a>)</li>')


def answer_html(decision: dict, root: str, query: str | None = None) -> str:
    """The engine's answer: badge and summary, what to do, what would change it, its words."""
    parts = [
        f'<p class="practice-answer__verdict">'
        f"{badge_html(decision['outcome'], decision['outcome_badge'])} "
        f"{escape(decision['summary'])}</p>",
        f"<p><strong>What to do:</strong> {escape(decision['next_step'])}</p>",
    ]
    if decision["outcome"] == "undetermined" and decision["would_change"]:
        parts.append("<p><strong>When you know:</strong></p><ul>"
                     + "".join(f"<li>{escape(w['text'])}</li>" for w in decision["would_change"])
                     + "</ul>")
    parts.append('<p><strong>The words behind it:</strong></p><ul class="practice-answer__cites">'
                 + "".join(_cite(c, root) for c in decision["citations"]) + "</ul>")
    if query is not None:
        parts.append(f'<p><a class="practice-case__tool" href="{root}decide/?{escape(query)}">'
                     "Open this case in the decision tool</a></p>")
    return "\n".join(parts)


def case_html(number: int, story, decision: dict, query: str, site_url: str) -> str:
    ident = f"case-{story.id}"
    return "\n".join([
        f'<article class="practice-case" id="{ident}" data-practice-case '
        f'data-story="{escape(story.id)}" data-topic="{escape(story.topic)}" '
        f'data-outcome="{escape(decision["outcome"])}" aria-labelledby="{ident}-title">',
        f'<h3 class="practice-case__title" id="{ident}-title">Case {number}</h3>',
        f'<p class="practice-case__story">{escape(story.story)}</p>',
        '<details class="practice-answer">',
        "<summary>Show the answer</summary>",
        answer_html(decision, site_url, query),
        "</details>",
        "</article>",
    ])


def choices_template(vocab: dict) -> str:
    """The five answers as buttons, in the badges' words: a <template> practice.js copies into the
    case in play (inert without JavaScript)."""
    buttons = "".join(
        f'<li><button type="button" class="practice-choice" data-choice="{escape(o["id"])}">'
        f"{badge_html(o['id'], o['badge'])}</button></li>" for o in vocab["outcomes"])
    return ('<template id="practice-choices"><div class="practice-choices" role="group" '
            'aria-label="Your answer"><p class="practice-choices__ask">What do you do?</p>'
            f'<ul class="practice-choices__list">{buttons}</ul></div></template>')


def practice_markdown(topics: list[tuple[str, list]], decisions: dict[str, dict],
                      vocab: dict, site_url: str) -> str:
    scenarios = _scenarios()
    total = sum(len(stories) for _, stories in topics)
    topic_buttons = "".join(
        f'<li><button type="button" class="md-button" data-practice-topic="{escape(t)}">'
        f"{escape(scenarios.TOPICS.get(t, t))} ({len(stories)})</button></li>"
        for t, stories in topics)
    out = [
        # Shown by practice.js; without JavaScript every case is below with its answer folded.
        '<div class="practice-start" data-practice-start hidden>',
        f'<p><button type="button" class="md-button md-button--primary" '
        f'data-practice-session="{SESSION_SIZE}">Start a {SESSION_SIZE}-case session</button></p>',
        f"<p>{SESSION_SIZE} cases picked at random from every topic, one at a time. Or practise "
        "one topic:</p>",
        f'<ul class="practice-start__topics">{topic_buttons}</ul>',
        choices_template(vocab),
        "</div>",
        '<div class="practice-bar" data-practice-bar hidden>',
        '<p class="practice-bar__progress" data-practice-progress role="status"></p>',
        '<button type="button" class="md-button" data-practice-end>End the session</button>',
        "</div>",
        '<section class="practice-summary" data-practice-summary hidden tabindex="-1" '
        'aria-labelledby="practice-summary-title">',
        '<h2 id="practice-summary-title">Your session</h2>',
        '<p class="practice-summary__score" data-practice-score></p>',
        '<div data-practice-missed></div>',
        f'<p><button type="button" class="md-button md-button--primary" '
        f'data-practice-session="{SESSION_SIZE}">Start another {SESSION_SIZE}-case session'
        "</button> "
        '<button type="button" class="md-button" data-practice-end>See all the cases</button></p>',
        "</section>",
        "",
    ]
    number = 0
    for topic, stories in topics:
        out += [f"## {scenarios.TOPICS.get(topic, topic)} {{ #{topic} }}", "",
                f'<p class="practice-topic__count">{len(stories)} cases.</p>', ""]
        for story in stories:
            number += 1
            decision = decisions[story.id]
            out += [case_html(number, story, decision, tool_query(story.request(), vocab),
                              site_url), ""]
    assert number == total
    return "\n".join(out)


def session_markdown(topics: list[tuple[str, list]], decisions: dict[str, dict]) -> str:
    """The printable session: each topic's chosen cases on a page of their own, then the answer
    key, each topic on a page of its own (the page breaks belong to this page only)."""
    scenarios = _scenarios()
    chosen = [(t, pick_for_print(stories, decisions)) for t, stories in topics]
    out = ['<h2 id="the-cases">The cases</h2>']
    for i, (topic, stories) in enumerate(chosen):
        start = " training-page-start" if i else ""
        out += [f'<section class="training-topic{start}" aria-labelledby="cases-{topic}">',
                f'<h3 id="cases-{topic}">{i + 1}. '
                f"{escape(scenarios.TOPICS.get(topic, topic))}</h3>",
                '<ol class="training-cases">']
        out += [f'<li id="q-{s.id}"><p>{escape(s.story)}</p>'
                '<p class="training-cases__write">Your answer:</p></li>' for s in stories]
        out += ["</ol>", "</section>"]
    out += ['<section class="training-key training-page-start" aria-labelledby="answer-key">',
            '<h2 id="answer-key">Answer key</h2>']
    for i, (topic, stories) in enumerate(chosen):
        start = " training-page-start" if i else ""
        out += [f'<section class="training-topic{start}" aria-labelledby="key-{topic}">',
                f'<h3 id="key-{topic}">{i + 1}. {escape(scenarios.TOPICS.get(topic, topic))}: '
                "answers</h3>",
                '<ol class="training-answers">']
        words: list[dict] = []
        for s in stories:
            d = decisions[s.id]
            cited = _key_citations(d)
            words += [c for c in cited if c not in words]
            where = "; ".join(dict.fromkeys(_where(c) for c in cited))
            out.append(
                f'<li id="a-{s.id}" data-outcome="{escape(d["outcome"])}">'
                f"<p>{badge_html(d['outcome'], d['outcome_badge'])} {escape(d['summary'])} "
                f'<span class="training-answers__where">({escape(where)})</span></p></li>')
        out += ["</ol>", '<p class="training-words__intro"><strong>The words cited:</strong></p>',
                '<ul class="training-words">']
        out += [f"<li><q>{escape(c['quote'])}</q> ({escape(_where(c))})</li>" for c in words]
        out += ["</ul>"]
        out += ["</section>"]
    out += ["</section>", ""]
    return "\n".join(out)


def _where(citation: dict) -> str:
    """"Confidentiality Policy, Paragraph 3 (court orders)", as a printed answer cites it."""
    return f"{citation['document_title']}, {citation['section']}"


def _key_citations(decision: dict) -> list[dict]:
    """The words the deciding rules cite (the answer key's reasons), without repeats; for an
    undetermined answer, those of every rule in play."""
    seen, out = set(), []
    for rule in decision["explanation"]:
        for c in rule["citations"]:
            if (c["url"], c["quote"]) not in seen:
                seen.add((c["url"], c["quote"]))
                out.append(c)
    return out


def write_practice(out: Path = GENERATED / "fragments" / "practice", vocab: dict | None = None,
                   site_url: str | None = None) -> list[Path]:
    """Write the practice page's cases and the printed session into `out`; the changed files.

    Links in the cases are absolute, from `site_url` (the site's address, mkdocs.yml's by
    default): raw HTML links are left alone by MkDocs but rewritten by Zensical as if relative
    to the source file, so a relative one cannot be right in both."""
    from .form import vocabulary
    from .stories import answers

    stories = _scenarios().load()  # read anew: `mkdocs serve` rebuilds after stories.toml changes
    vocab = vocab or vocabulary()
    decided = answers([s.request() for s in stories])
    decisions = {}
    for story, decision in zip(stories, decided, strict=True):
        if "error" in decision:
            raise SystemExit(f"story {story.id}: {decision['error']}")
        decisions[story.id] = decision
    topics = topics_in_order(stories)
    if site_url is None:
        from .hosting import settings

        site_url = settings()[0]
    changed = []
    for name, text in (("cases.md", practice_markdown(topics, decisions, vocab, site_url)),
                       ("session.md", session_markdown(topics, decisions))):
        if write_if_changed(out / name, text):
            changed.append(out / name)
    return changed


if __name__ == "__main__":
    for path in write_practice():
        print(f"wrote {path.relative_to(ROOT)}")
