"""The command-line contract (DESIGN.md section 3), including what bad input gets."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_engine import InputError, Request
from policy_engine.api import decide_json
from policy_engine.cli import main
from policy_engine.vocabulary import FACT_IDS, RECORD_IDS, REQUESTER_IDS
from tests.conftest import ROOT

VALID = {"requester": "other_person", "record": "borrowing_history", "facts": {}}


def run(args: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    status = main(args, stdin=io.StringIO(stdin), stdout=out)
    return status, out.getvalue()


def python_m(args: list[str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policy_engine", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def assert_error(status: int, out: str) -> dict:
    assert status == 2
    lines = out.splitlines()
    assert len(lines) == 1
    error = json.loads(lines[0])
    assert set(error) == {"error", "field", "allowed"}
    assert isinstance(error["error"], str) and error["error"]
    assert isinstance(error["allowed"], list)
    return error


def test_decide_writes_one_decision_with_the_contract_fields():
    done = python_m(["decide"], json.dumps(VALID))
    assert done.returncode == 0 and done.stderr == ""
    decision = json.loads(done.stdout)
    for key in ("outcome", "summary", "rules", "citations", "notes", "missing_facts"):
        assert key in decision
    assert decision["outcome"] == "deny"
    assert set(decision["citations"][0]) >= {"document", "section", "anchor", "quote"}


def test_bad_input_from_the_real_process_is_exit_2_and_a_json_error_only():
    done = python_m(["decide"], '{"requester": "mayor", "record": "borrowing_history"}')
    error = assert_error(done.returncode, done.stdout)
    assert error["field"] == "requester" and "cardholder" in error["allowed"]
    assert done.stderr == "" and "Traceback" not in done.stdout


def test_unknown_fact_name_and_wrong_type_are_named():
    error = assert_error(*run(["decide"], json.dumps({**VALID, "facts": {"is_adult": True}})))
    assert error["field"] == "facts" and error["allowed"] == list(FACT_IDS)
    error = assert_error(*run(["decide"], json.dumps({**VALID, "facts": {"presents_card": 1}})))
    assert error["field"] == "facts.presents_card"
    assert error["allowed"] == ["true", "false", "null"]
    error = assert_error(*run(["decide"], json.dumps(
        {**VALID, "facts": {"legal_process": "warrant"}})))
    assert "search_warrant" in error["allowed"]


def test_huge_input_is_refused_without_reading_it_all():
    error = assert_error(*run(["decide"], " " * 10_000_000))
    assert "too large" in error["error"]


def test_jsonl_answers_line_by_line_and_goes_on_past_a_bad_line():
    lines = [json.dumps(VALID), "not json", json.dumps({**VALID, "record": "nope"}),
             json.dumps({"requester": "cardholder", "record": "borrowing_history",
                         "facts": {"identity_confirmed": True}})]
    status, out = run(["decide", "--jsonl"], "\n".join(lines) + "\n")
    results = [json.loads(line) for line in out.splitlines()]
    assert [r.get("outcome", "error" in r and "ERROR") for r in results] == [
        "deny", "ERROR", "ERROR", "release"]
    assert results[2]["field"] == "record"
    assert [r.get("line") for r in results] == [None, 2, 3, None], "errors name their line"
    assert status == 2, "a run with a bad line says so in its exit status"


def test_table_formats_cover_the_same_rows():
    status, out = run(["table", "--format", "json"])
    rows = json.loads(out)
    assert status == 0 and len(rows) > 10_000
    assert {(r["requester"], r["record"]) for r in rows} == {
        (q, r) for q in REQUESTER_IDS for r in RECORD_IDS}
    _, out = run(["table", "--format", "csv"])
    csv_rows = list(csv.DictReader(io.StringIO(out)))
    assert len(csv_rows) == len(rows)
    assert [r["outcome"] for r in csv_rows] == [r["outcome"] for r in rows]
    _, out = run(["table", "--format", "md"])
    assert out.count("\n## ") == len(REQUESTER_IDS)
    assert sum(line.startswith("| ") and "---" not in line and "| record |" not in line
               for line in out.splitlines()) == len(rows)


def test_vocabulary_lists_every_id_with_label_and_help():
    status, out = run(["vocabulary"])
    vocab = json.loads(out)
    assert status == 0
    assert [t["id"] for t in vocab["requesters"]] == list(REQUESTER_IDS)
    assert [t["id"] for t in vocab["records"]] == list(RECORD_IDS)
    assert [f["id"] for f in vocab["facts"]] == list(FACT_IDS)
    assert [o["id"] for o in vocab["outcomes"]] == [
        "release", "deny", "refer_to_director", "outside_policy", "undetermined"]
    badges = [o["badge"] for o in vocab["outcomes"]]
    assert all(badges) and len(set(badges)) == len(badges), "each outcome has its own badge"
    assert [o["id"] for o in vocab["options"]] == ["card_covers_holds",
                                                   "parents_see_minor_records"]
    for term in vocab["requesters"] + vocab["records"]:
        assert term["label"] and term["help"]
    for fact in vocab["facts"]:
        assert fact["question"].endswith("?") and fact["help"]
        assert None in [v["value"] for v in fact["values"]], "I'm not sure is always an answer"


def test_bad_command_line_is_a_json_error_too():
    assert_error(*run(["table", "--format", "xml"]))
    assert_error(*run(["frobnicate"]))
    error = assert_error(*run(["decide", "--option", "parents_see_everything"], json.dumps(VALID)))
    assert error["field"] == "option" and "card_covers_holds" in error["allowed"]


# --- Property-based: malformed input of every shape -----------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@st.composite
def malformed_requests(draw) -> str:
    """Requests with at least one thing wrong: a bad id, type, fact, field, or not JSON."""
    request = {"requester": draw(st.sampled_from(REQUESTER_IDS)),
               "record": draw(st.sampled_from(RECORD_IDS)), "facts": {}}
    fault = draw(st.sampled_from(["requester", "record", "fact_name", "fact_value", "extra",
                                  "not_object", "not_json", "facts_type", "missing"]))
    if fault in ("requester", "record"):
        request[fault] = draw(json_values.filter(
            lambda v: v not in REQUESTER_IDS + RECORD_IDS or not isinstance(v, str)))
    elif fault == "fact_name":
        request["facts"][draw(st.text(min_size=1).filter(lambda s: s not in FACT_IDS))] = None
    elif fault == "fact_value":
        fact = draw(st.sampled_from(FACT_IDS))
        request["facts"][fact] = draw(json_values.filter(
            lambda v: (v is not None and not isinstance(v, bool) and v not in (
                "none", "subpoena", "court_order", "search_warrant", "national_security_letter"))
            or (isinstance(v, bool) and fact == "legal_process")))
    elif fault == "extra":
        request[draw(st.text().filter(lambda s: s not in request))] = draw(json_values)
    elif fault == "not_object":
        return json.dumps(draw(json_values.filter(lambda v: not isinstance(v, dict))))
    elif fault == "not_json":
        return draw(st.text().filter(lambda s: not _is_json(s)))
    elif fault == "facts_type":
        request["facts"] = draw(json_values.filter(lambda v: not isinstance(v, dict)))
    else:
        del request[draw(st.sampled_from(["requester", "record"]))]
    return json.dumps(request)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(malformed_requests())
def test_malformed_input_always_gets_exit_2_and_an_error_never_a_decision(text):
    status, out = run(["decide"], text)
    error = assert_error(status, out)
    assert "outcome" not in error


@settings(max_examples=100, deadline=None)
@given(st.lists(malformed_requests(), min_size=1, max_size=5))
def test_jsonl_keeps_one_error_line_per_bad_line(lines):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    status, out = run(["decide", "--jsonl"], "\n".join(lines) + "\n")
    assert status == 2
    results = out.splitlines()
    assert len(results) == len(lines)
    assert all("error" in json.loads(r) for r in results)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_from_a_real_process_never_give_a_traceback(data):
    done = subprocess.run([sys.executable, "-m", "policy_engine", "decide"], input=data,
                          capture_output=True, cwd=ROOT, timeout=60)
    assert b"Traceback" not in done.stderr + done.stdout
    assert done.returncode in (0, 2)
    result = json.loads(done.stdout)
    assert ("error" in result) == (done.returncode == 2)


# --- Version 1 ids still answer (published links and scripts keep working) ---------------------

VERSION_1 = {
    "requester": ["cardholder", "parent_or_guardian", "collection_agency", "law_enforcement",
                  "library_staff", "other_person"],
    "record": ["items_checked_out", "borrowing_history", "overdue_account", "holds_and_requests",
               "interlibrary_loans", "internet_and_database_use", "reference_questions",
               "registration_details", "program_attendance", "program_photos",
               "public_contact_info", "security_camera_footage", "aggregate_statistics"],
    "facts": ["cardholder_is_minor", "presents_card", "card_reported_lost_or_stolen",
              "reason_to_doubt_consent", "has_cardholder_permission", "for_library_business",
              "legal_process"],
}


def test_every_version_1_id_is_still_in_the_vocabulary():
    assert set(VERSION_1["requester"]) <= set(REQUESTER_IDS)
    assert set(VERSION_1["record"]) <= set(RECORD_IDS)
    assert set(VERSION_1["facts"]) <= set(FACT_IDS)


# --- Board options --------------------------------------------------------------------------------

HOLDS_WITH_CARD = {"requester": "other_person", "record": "holds_and_requests",
                   "facts": {"presents_card": True, "card_reported_lost_or_stolen": False,
                             "reason_to_doubt_consent": False}}


def test_decide_and_table_take_board_options():
    _, today = run(["decide"], json.dumps(HOLDS_WITH_CARD))
    status, chosen = run(["decide", "--option", "card_covers_holds"], json.dumps(HOLDS_WITH_CARD))
    assert (json.loads(today)["outcome"], json.loads(chosen)["outcome"]) == ("deny", "release")
    assert status == 0 and json.loads(chosen)["request"]["options"] == ["card_covers_holds"]
    _, out = run(["decide", "--jsonl", "--option", "card_covers_holds"],
                 json.dumps(HOLDS_WITH_CARD) + "\n")
    assert json.loads(out)["outcome"] == "release"
    _, out = run(["table", "--option", "card_covers_holds"])
    rows = [r for r in json.loads(out) if r["requester"] == "other_person"
            and r["record"] == "holds_and_requests" and r["facts"].get("presents_card") is True
            and r["facts"].get("card_reported_lost_or_stolen") is False
            and r["facts"].get("reason_to_doubt_consent") is False
            and r["facts"].get("legal_process") == "none"
            and r["facts"].get("formal_records_request") is False
            and r["facts"].get("emergency") is False
            and r["facts"].get("court_order_limits_requester") is False]
    assert rows and all(r["outcome"] == "release" for r in rows)


def test_options_lists_what_each_would_change():
    status, out = run(["options"])
    report = {o["id"]: o for o in json.loads(out)}
    assert status == 0 and set(report) == {"card_covers_holds", "parents_see_minor_records"}
    holds = report["card_covers_holds"]
    assert holds["count"] == len(holds["changes"]) > 0
    assert {(c["requester"], c["record"]) for c in holds["changes"]} >= {
        ("other_person", "holds_and_requests"), ("parent_or_guardian", "holds_and_requests")}
    assert all(c["record"] == "holds_and_requests" for c in holds["changes"])
    parents = report["parents_see_minor_records"]
    assert {c["requester"] for c in parents["changes"]} == {"parent_or_guardian"}
    assert any(c["record"] == "borrowing_history" and c["today"] == "deny"
               and c["under_option"] == "release" for c in parents["changes"])
    assert [c["document"] for r in parents["rules"] for c in r["citations"]] == ["iowa_bill"]


def test_notes_give_what_staff_do_now_from_the_engine():
    status, out = run(["notes"])
    notes = {n["id"]: n for n in json.loads(out)}
    assert status == 0
    assert notes["overdue-accounts-and-law-enforcement"]["staff_now"]["outcome"] == \
        "refer_to_director"
    assert all("?" in n["board_question"] and n["citations"] for n in notes.values())


# --- The engine boundary: nothing wrong gets through, whatever the way in ------------------------

@pytest.mark.parametrize("text", [
    '{"requester": "law_enforcement", "requester": "cardholder", "record": "items_checked_out"}',
    '{"requester": "other_person", "record": "borrowing_history", '
    '"facts": {"legal_process": "subpoena", "legal_process": "none"}}',
])
def test_duplicate_keys_are_refused_not_resolved(text):
    error = assert_error(*run(["decide"], text))
    assert "twice" in error["error"]


@pytest.mark.parametrize("value", [None, 12, 1.5, [], {}, b"\xff\xfe", bytearray(b"{"), object()])
def test_decide_json_answers_any_input_with_a_json_error(value):
    result = json.loads(decide_json(value))
    assert "error" in result and "outcome" not in result


def test_request_itself_refuses_unknown_facts_and_wrong_types():
    request = Request.of("other_person", "borrowing_history")
    with pytest.raises(InputError):
        request.with_facts(legal_proces="subpoena")
    with pytest.raises(InputError):
        request.with_facts(reason_to_doubt_consent="yes")
    with pytest.raises(InputError):
        Request("other_person", "borrowing_history", (None,) * len(FACT_IDS), frozenset({"x"}))
    with pytest.raises(InputError):
        Request("mayor", "borrowing_history", request.fact_values)
    with pytest.raises(InputError):
        Request("other_person", "borrowing_history", ("subpoena",) + (None,) * 3)
    with pytest.raises(InputError):
        Request.of("other_person", "borrowing_history", {"has_cardholder_permission": 1})


def _strict_utf8(args: list[str], data: bytes) -> subprocess.CompletedProcess:
    """Run the command line where text streams are UTF-8 with errors="strict": reading invalid
    UTF-8 through them would raise before the engine saw it."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "LANG", "PYTHONIO", "PYTHONUTF8"))}
    env.update(LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8:strict")
    return subprocess.run([sys.executable, "-m", "policy_engine", *args], input=data,
                          capture_output=True, cwd=ROOT, timeout=60, env=env)


def test_invalid_utf8_is_a_json_error_under_a_strict_utf8_locale():
    done = _strict_utf8(["decide"], b'{"requester": "\xff"}')
    assert done.returncode == 2 and done.stderr == b""
    assert "not UTF-8" in json.loads(done.stdout)["error"]


def test_jsonl_goes_on_past_invalid_utf8_and_oversized_lines():
    good = json.dumps(VALID).encode()
    data = b"\n".join([good, b"\xff\xfe\xfd", b"[" * 400_000, good]) + b"\n"
    done = _strict_utf8(["decide", "--jsonl"], data)
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 2 and done.stderr == b""
    assert [r.get("outcome") for r in results] == ["deny", None, None, "deny"]
    assert [r.get("line") for r in results] == [None, 2, 3, None]
    assert "too large" in results[2]["error"]
