"""The patron pages, read as built files: "Your privacy at the library" answers the questions
patrons ask, each answer first, and every answer it gives is the decision engine's; the one-page
handout repeats those answers word for word; the answers are written plainly (Flesch-Kincaid)."""

from __future__ import annotations

import html as htmllib
import json
import re

import pytest

from tests.site.test_build import _article, _text

OUTCOMES = ("release", "deny", "refer_to_director", "outside_policy", "undetermined")
# An answer's first words must agree with the outcome it claims (what a reader takes from it).
NEGATIVE_START = re.compile(r"^(No\b|Not\b|Only\b|Never\b)")
# Old section addresses of the privacy page that links elsewhere may still use.
OLD_ANCHORS = [
    "your-records-are-confidential", "who-can-see-your-records",
    "your-library-card-and-a-lost-card",
    "overdue-items-and-what-you-owe", "children-teenagers-and-parents", "when-police-ask",
    "subpoenas-and-court-orders", "programs-meetings-and-displays", "this-website",
]
# Words patrons type into the search box, which the privacy page must use.
PATRON_WORDS = ["police", "cops", "sheriff", "FBI", "father", "mother", "mom", "dad", "parents",
                "ID", "warrant", "lost", "fines", "husband", "wife", "phone", "camera"]


def _privacy(site_dir) -> str:
    return _article((site_dir / "privacy/index.html").read_text())


def _tag_attrs(tag: str) -> dict[str, str]:
    return {k: htmllib.unescape(v1 or v2) for k, v1, v2 in
            re.findall(r'([\w-]+)=(?:"([^"]*)"|\'([^\']*)\')', tag)}


def marked_claims(article: str) -> list[tuple[str, dict, str, str]]:
    """(class, request, claimed outcome, visible text) for each element carrying a request."""
    claims = []
    for tag, body in re.findall(r"(<p [^>]*data-request=[^>]*>)(.*?)</p>", article, flags=re.S):
        attrs = _tag_attrs(tag)
        claims.append((attrs.get("class", ""), json.loads(attrs["data-request"]),
                       attrs.get("data-outcome", ""), _text(body)))
    return claims


def questions_and_answers(article: str) -> list[tuple[str, str]]:
    """(question, the text of the paragraph right after it) for each h3 question."""
    pairs = re.findall(r"<h3[^>]*>(.*?)</h3>\s*(<p[^>]*>.*?</p>)", article, flags=re.S)
    return [(_text(q).rstrip("¶").strip(), p) for q, p in pairs]


def check_claims(claims) -> list[str]:
    """What is wrong with the marked claims: an outcome the engine does not give, or words that
    say otherwise. Returns the problems, one line each (empty when all hold)."""
    from policy_engine import decide, parse

    problems = []
    for cls, request, claimed, text in claims:
        if claimed not in OUTCOMES:
            problems.append(f"unknown outcome {claimed!r}: {text}")
            continue
        actual = decide(parse(request)).outcome.value
        if actual != claimed:
            problems.append(f"engine says {actual}, page says {claimed}: {text}")
        if NEGATIVE_START.match(text) and claimed == "release":
            problems.append(f"starts with a no but claims a release: {text}")
        if text.startswith("Yes") and claimed != "release":
            problems.append(f"starts with yes but claims {claimed}: {text}")
        if claimed == "refer_to_director" and not re.search(r"Director|court", text):
            problems.append(f"a referral that names neither the Director nor a court: {text}")
        if claimed == "outside_policy" and "Policy" not in text:
            problems.append(f"outside this policy but names no other policy: {text}")
        if cls == "answer" and claimed == "deny" and not re.search(
            r"\b(No|no one|Not|not|Only|only|private|never|nothing)\b", text
        ):
            problems.append(f"a refusal that does not say no: {text}")
    return problems


def test_every_question_is_answered_first_and_marked(site) -> None:
    _, site_dir = site
    article = _privacy(site_dir)
    questions = [q for q in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", article, flags=re.S)
                 if _text(q).rstrip("¶").strip().endswith("?")]
    pairs = questions_and_answers(article)
    answers = [c for c in marked_claims(article) if c[0] == "answer"]
    assert len(questions) >= 18, len(questions)
    assert len(pairs) == len(questions) == len(answers), (len(pairs), len(questions), len(answers))
    for question, paragraph in pairs:
        assert paragraph.startswith('<p class="answer"') and "data-outcome=" in paragraph, question


def test_every_marked_answer_is_the_engines(site) -> None:
    _, site_dir = site
    claims = marked_claims(_privacy(site_dir))
    assert len(claims) >= 25
    assert {c[2] for c in claims} >= {"release", "deny", "refer_to_director", "outside_policy"}
    assert check_claims(claims) == []


@pytest.mark.parametrize(("claim", "wrong"), [
    (("answer", {"requester": "law_enforcement", "record": "borrowing_history", "facts": {}},
      "release", "Yes, they can."), "engine says refer_to_director"),
    (("answer", {"requester": "cardholder", "record": "borrowing_history",
                 "facts": {"identity_confirmed": True}}, "release", "No, you cannot."),
     "starts with a no"),
    (("answer", {"requester": "other_person", "record": "borrowing_history", "facts": {}},
      "deny", "Yes."), "starts with yes"),
    (("answer", {"requester": "law_enforcement", "record": "overdue_account", "facts": {}},
      "refer_to_director", "Staff send it on."), "names neither"),
])
def test_the_consistency_check_catches_a_wrong_answer(claim, wrong: str) -> None:
    problems = check_claims([claim])
    assert problems and wrong in problems[0], problems


def test_the_police_answer_says_no(site) -> None:
    _, site_dir = site
    answers = dict(questions_and_answers(_privacy(site_dir)))
    first_line = _text(answers["Can the police see what I borrowed?"])
    assert first_line.startswith("No"), first_line
    assert "court" in first_line


def test_no_release_to_police_is_promised_for_overdue_accounts(site) -> None:
    """The old page said the Library "may tell" law enforcement about overdue accounts."""
    _, site_dir = site
    text = _text(_privacy(site_dir))
    assert "may tell law enforcement" not in text
    answers = dict(questions_and_answers(_privacy(site_dir)))
    overdue = next(a for q, a in answers.items() if "police" in q and "overdue" in q)
    assert _text(overdue).startswith("No"), overdue


def test_old_section_addresses_still_land(site) -> None:
    _, site_dir = site
    html = (site_dir / "privacy/index.html").read_text()
    for anchor in OLD_ANCHORS:
        assert f'id="{anchor}"' in html, anchor


def test_patron_words_are_on_the_page(site) -> None:
    _, site_dir = site
    text = _text(_privacy(site_dir))
    missing = [w for w in PATRON_WORDS if not re.search(rf"\b{re.escape(w)}", text, flags=re.I)]
    assert not missing, missing


def test_no_working_notes_on_the_patron_pages(site) -> None:
    _, site_dir = site
    for address in ("privacy/", "privacy-handout/"):
        text = _text(_article((site_dir / address / "index.html").read_text())).lower()
        for note in ("design note", "mkdocs", "confidence", "todo", "tbd", "fixme", "working note"):
            assert note not in text, (address, note)


def test_the_handout_repeats_the_answers_word_for_word(site) -> None:
    _, site_dir = site
    privacy = [(q, _text(a)) for q, a in questions_and_answers(_privacy(site_dir))]
    handout = _article((site_dir / "privacy-handout/index.html").read_text())
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", handout, flags=re.S)
    assert [(_text(q), _text(a)) for q, a in pairs] == privacy
    assert 'href="../privacy/"' in handout
    text = _text(handout)
    assert "319-334-2470" in text and "805 1st St East" in text and "not legal advice" in text


def test_the_privacy_page_links_to_the_handout(site) -> None:
    _, site_dir = site
    assert 'href="../privacy-handout/"' in _privacy(site_dir)


# Reading level ----------------------------------------------------------------------------------

def syllables(word: str) -> int:
    """A common estimate: groups of vowels, less a silent final e; at least one."""
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level of a text (0.39 words/sentence + 11.8 syllables/word - 15.59)."""
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", text)
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59


def test_the_grade_function_tells_plain_from_hard() -> None:
    assert fk_grade("The cat sat on the mat. It was warm.") < 2
    hard = ("Notwithstanding the foregoing, the custodian shall promulgate comprehensive "
            "administrative regulations governing confidentiality determinations.")
    assert fk_grade(hard) > 14


def test_answers_are_written_plainly(site) -> None:
    _, site_dir = site
    answers = [_text(a) for _, a in questions_and_answers(_privacy(site_dir))]
    grade = fk_grade(" ".join(answers))
    print(f"\nFlesch-Kincaid grade, answer lines: {grade:.1f}; "
          f"hardest: {max(fk_grade(a) for a in answers):.1f}")
    assert grade <= 9, grade
    assert all(fk_grade(a) <= 12 for a in answers), [(a, fk_grade(a)) for a in answers]
