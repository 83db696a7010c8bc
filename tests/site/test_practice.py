"""Staff training, read as files: the practice page's answer key is the engine's and the stories'
hand-worked answers, each case opens the tool filled in, the printed session and the desk card hold
what they should, and the desk card and the flow diagram follow the order of the rules."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest

from site_build import deskcard, practice
from tests.site.site_helpers import parse

TOPICS_IN_ORDER = list(practice.TOPIC_ORDER)


def _cases(html: str) -> list[dict]:
    """Each element carrying data-practice-case: its attributes and inner HTML."""
    out = []
    for m in re.finditer(r"<(\w+)([^>]*\bdata-practice-case\b[^>]*)>(.*?)</\1>", html, re.S):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(2)))
        out.append({"attrs": attrs, "body": m.group(3)})
    return out


@pytest.fixture(scope="module")
def practice_html(site) -> str:
    base, site_dir = site
    return (site_dir / "practice/index.html").read_text().replace(base, "SITE/")


def test_every_story_is_a_case_with_the_engines_and_the_hand_worked_answer(practice_html) -> None:
    from policy_engine import decide
    from policy_engine import parse as parse_request
    from scenarios import SCENARIOS

    cases = _cases(practice_html)
    assert [c["attrs"]["data-story"] for c in cases] == [
        s.id for t in TOPICS_IN_ORDER for s in SCENARIOS if s.topic == t]
    stories = {s.id: s for s in SCENARIOS}
    for case in cases:
        story = stories[case["attrs"]["data-story"]]
        outcome = decide(parse_request(story.request())).outcome.value
        assert case["attrs"]["data-outcome"] == outcome == story.outcome, story.id
        assert case["attrs"]["data-topic"] == story.topic
        body = unescape(case["body"])
        assert story.story in body
        assert "<details" in case["body"] and "<summary>" in case["body"], story.id
        assert f"outcome-badge--{outcome}" in case["body"].split("<details", 1)[1], story.id


def test_each_answer_shows_the_engines_next_step_and_cited_words(practice_html) -> None:
    from policy_engine import decide
    from policy_engine import parse as parse_request
    from policy_engine.api import decision_dict
    from scenarios import SCENARIOS

    stories = {s.id: s for s in SCENARIOS}
    for case in _cases(practice_html):
        story = stories[case["attrs"]["data-story"]]
        d = decision_dict(decide(parse_request(story.request())))
        answer = unescape(case["body"].split("<details", 1)[1])
        assert d["next_step"] in answer, story.id
        assert d["summary"] in answer, story.id
        for c in d["citations"]:
            assert f"<q>{c['quote']}</q>" in answer, (story.id, c["quote"])
            # Absolute, from the site's address (Zensical would rewrite a relative raw link).
            assert f'href="SITE/{c["url"]}"' in answer, (story.id, c["url"])


def _request_from_query(query: str) -> dict:
    """The request the decision tool makes of a query string (docs/js/decide.js's reading)."""
    params = dict(parse_qsl(query, strict_parsing=True))
    spelled = {"true": True, "false": False, "unknown": None}
    return {"requester": params.pop("requester"), "record": params.pop("record"),
            "facts": {k: spelled.get(v, v) for k, v in params.items()}}


def test_every_case_links_to_the_tool_with_the_case_filled_in(site, practice_html) -> None:
    from policy_engine import parse as parse_request
    from scenarios import SCENARIOS

    base, _ = site
    stories = {s.id: s for s in SCENARIOS}
    for case in _cases(practice_html):
        story = stories[case["attrs"]["data-story"]]
        links = re.findall(r'href="([^"]*decide/\?[^"]*)"', case["body"])
        assert len(links) == 1, story.id
        url = urljoin(base + "practice/", unescape(links[0]).replace("SITE/", base))
        assert urlsplit(url).path == "/decide/", url
        filled = _request_from_query(urlsplit(url).query)
        # The same request as the story's, facts left out counting as their defaults...
        assert parse_request(filled) == parse_request(story.request()), story.id
        # ... and only the facts that differ from a default are in the address.
        for fact, value in filled["facts"].items():
            assert fact in story.request()["facts"] and value == story.request()["facts"][fact]


def test_tool_query_leaves_out_defaults() -> None:
    vocab = {"facts": [{"id": "legal_process", "if_not_given": "none"},
                       {"id": "identity_confirmed", "if_not_given": None},
                       {"id": "emergency", "if_not_given": False}]}
    request = {"requester": "cardholder", "record": "borrowing_history",
               "facts": {"legal_process": "none", "identity_confirmed": None, "emergency": True}}
    assert practice.tool_query(request, vocab) == \
        "requester=cardholder&record=borrowing_history&emergency=true"
    request["facts"] = {"legal_process": "subpoena", "identity_confirmed": False}
    assert practice.tool_query(request, vocab).endswith(
        "legal_process=subpoena&identity_confirmed=false")


def test_the_practice_page_loads_its_script_only_from_a_file(site, practice_html) -> None:
    _, site_dir = site
    page = parse(site_dir / "practice/index.html")
    assert any(a.get("src", "").endswith("js/practice.js") for a, _ in page.scripts)
    for address in ("", "policy/", "handling-requests/", "desk-card/", "training-session/"):
        other = parse(site_dir / address / "index.html")
        assert not any("practice.js" in a.get("src", "") for a, _ in other.scripts), address
    source = (site_dir / "js/practice.js").read_text()
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # code, not comments
    for forbidden in ("localStorage", "sessionStorage", "document.cookie", "indexedDB", "fetch(",
                      "XMLHttpRequest"):
        assert forbidden not in script, forbidden
    # The five answers are the engine's badges, once, in a template the script copies.
    choices = practice_html.split('<template id="practice-choices">', 1)[1].split("</template>")[0]
    assert re.findall(r'data-choice="(\w+)"', choices) == [
        "release", "deny", "refer_to_director", "outside_policy", "undetermined"]


# --- the printed session -------------------------------------------------------------------------

def test_printed_session_has_each_topic_without_then_with_answers(site) -> None:
    from policy_engine import decide
    from policy_engine import parse as parse_request
    from scenarios import SCENARIOS

    _, site_dir = site
    html = (site_dir / "training-session/index.html").read_text()
    cases_part, key_part = html.split('id="answer-key"', 1)
    stories = {s.id: s for s in SCENARIOS}
    asked = re.findall(r'<li id="q-([\w-]+)"', cases_part)
    answered = re.findall(r'<li id="a-([\w-]+)" data-outcome="(\w+)"', key_part)
    assert asked == [a for a, _ in answered]
    assert "outcome-badge" not in cases_part.split('id="the-cases"', 1)[1]  # no answers there
    per_topic = Counter(stories[a].topic for a in asked)
    assert list(per_topic) == TOPICS_IN_ORDER
    for topic, n in per_topic.items():
        total = sum(s.topic == topic for s in SCENARIOS)
        assert n == min(total, practice.PRINT_PER_TOPIC), topic
    for story_id, outcome in answered:
        story = stories[story_id]
        assert outcome == decide(parse_request(story.request())).outcome.value == story.outcome
    # Each topic's cases and answers start a printed page, except the very first topic.
    starts = re.findall(r'class="training-topic( training-page-start)?"', html)
    assert len(starts) == 2 * len(per_topic)
    assert starts[0] == "" and all(starts[1:len(per_topic)]) and all(starts[len(per_topic) + 1:])
    assert 'class="training-key training-page-start"' in html
    # Every answer a topic has comes up in its printed cases, where eight allow it.
    for topic in per_topic:
        outcomes = {s.outcome for s in SCENARIOS if s.topic == topic}
        printed = {stories[a].outcome for a in asked if stories[a].topic == topic}
        assert printed == outcomes, topic


# --- the desk card and the flow diagram ----------------------------------------------------------

def _engine():
    import policy_engine.rules as rules
    from policy_engine.vocabulary import OUTCOME_BADGES

    badges = {o.value: b for o, b in OUTCOME_BADGES.items()}
    return rules.RULES, deskcard.reading_titles(rules.__doc__), badges


def _readings(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li data-reading="(\d+)"', html)]


def test_desk_card_follows_the_rules_in_their_order(site) -> None:
    rules, titles, badges = _engine()
    assert set(titles) == {r.reading for r in rules}, "every reading needs a title in rules.py"
    card = deskcard.desk_card_html(deskcard.rule_rows(rules), titles, badges)
    assert _readings(card) == list(range(1, 12))
    assert re.findall(r'data-rule="([\w-]+)"', card) == [r.id for r in rules if not r.option]
    for rule in rules:
        if not rule.option:
            assert unescape(rule.says) in unescape(card) or unescape(rule.summary) in unescape(card)
    # The page carries exactly what the generator makes of today's rules.
    _, site_dir = site
    page = (site_dir / "desk-card/index.html").read_text()
    assert card in page
    # Reordered rules, reordered card: legal papers first, the camera rule last.
    moved = [r for r in rules if r.reading != 1] + [r for r in rules if r.reading == 1]
    card2 = deskcard.desk_card_html(deskcard.rule_rows(moved), titles, badges)
    assert _readings(card2) == [*range(2, 12), 1]
    assert card2 != card
    assert card.index("Security camera footage") < card.index("Legal papers")
    assert card2.index("Security camera footage") > card2.index("Legal papers")


def test_desk_card_names_the_director_only_when_supplied() -> None:
    rules, titles, badges = _engine()
    rows = deskcard.rule_rows(rules)
    plain = deskcard.desk_card_html(rows, titles, badges, director="")
    assert "ask the Library Director." in plain and "()" not in plain
    named = deskcard.desk_card_html(rows, titles, badges, director="TEST-DIRECTOR")
    assert "ask the Library Director (TEST-DIRECTOR)." in named


def test_flow_diagram_follows_the_rules_and_has_a_text_equivalent(site) -> None:
    rules, titles, badges = _engine()
    icons = deskcard.badge_icons(deskcard.OUTCOMES_CSS.read_text())
    assert set(icons) == set(badges), "every outcome's badge icon, from outcomes.css"
    flow = deskcard.flow_html(deskcard.rule_rows(rules), titles, badges, icons)
    svg = flow.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and 'aria-labelledby="flow-title flow-desc"' in svg
    assert '<title id="flow-title">' in svg and '<desc id="flow-desc">' in svg
    assert "<script" not in flow and "http://www.w3.org/2000/svg" in svg  # its own writing
    steps_in_svg = [int(n) for n in re.findall(r'<g class="flow__step" data-reading="(\d+)"', svg)]
    steps_in_list = _readings(flow.split("</svg>", 1)[1])
    assert steps_in_svg == steps_in_list == list(range(1, 12))
    assert 'fill="currentColor"' in svg  # drawn in the text colour: legible in both schemes
    # The staff guide opens with it: before its first step.
    _, site_dir = site
    guide = (site_dir / "handling-requests/index.html").read_text()
    article = guide.split('<article class="md-content__inner md-typeset">', 1)[1]
    assert article.index('<figure class="flow-diagram"') < article.index("<h2")
    assert re.sub(r"</h1>\s*", "</h1>", article).split("</h1>", 1)[1].startswith("<figure")
    assert flow.strip() in guide
    # Reordered rules, reordered diagram.
    moved = [r for r in rules if r.reading == 11] + [r for r in rules if r.reading != 11]
    flow2 = deskcard.flow_html(deskcard.rule_rows(moved), titles, badges, icons)
    svg2 = flow2.split("</svg>", 1)[0]
    assert [int(n) for n in re.findall(r'data-reading="(\d+)"', svg2)] == [11, *range(1, 11)]


def test_staff_guide_intro_keeps_the_engines_order(site) -> None:
    """Nothing before the first step names a step out of the engine's order."""
    _, site_dir = site
    guide = (site_dir / "handling-requests/index.html").read_text()
    article = guide.split('<article class="md-content__inner md-typeset">', 1)[1]
    intro = re.sub(r"<figure.*?</figure>", "", article.split("<h2", 1)[0], flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", intro)).split())
    assert "in order" in text and "first step that fits" in text
    assert re.findall(r"\bstep (\d+)", text) == [], text
