"""policy_engine: can this record be released to this person?

The Independence Public Library's Confidentiality Policy and the Iowa law it rests on, as cited
rules (`policy_engine.rules`). Pure standard-library Python: it runs on CPython and, unchanged, in
the browser on Pyodide.

    >>> from policy_engine import Request, decide
    >>> decide(Request.of("law_enforcement", "borrowing_history")).outcome
    <Outcome.REFER_TO_DIRECTOR: 'refer_to_director'>
"""

from .engine import Alternative, Decision, decide, would_change
from .errors import InputError
from .request import Request, parse, parse_json
from .vocabulary import Outcome

__all__ = [
    "Alternative",
    "Decision",
    "InputError",
    "Outcome",
    "Request",
    "decide",
    "parse",
    "parse_json",
    "would_change",
]
__version__ = "2.0.0"  # the major version follows the vocabulary (DESIGN.md section 3)
