"""How a rule reads a request: known facts are answered, an unknown fact stops the reading.

Rules read facts only through `Ask`. When a rule needs a fact that is not known, `Ask` raises
`Unknown`; the engine then tries each possible answer in turn. Every fact read is recorded, in
order, which is how the engine knows which questions matter for a request.
"""

from __future__ import annotations

from .request import FactValue, Request


class Unknown(Exception):
    def __init__(self, fact: str):
        super().__init__(fact)
        self.fact = fact


class Ask:
    def __init__(self, request: Request):
        self.requester = request.requester
        self.record = request.record
        self._request = request
        self.read: list[str] = []

    def _get(self, fact: str) -> FactValue:
        if fact not in self.read:
            self.read.append(fact)
        value = self._request.value(fact)
        if value is None:
            raise Unknown(fact)
        return value

    # One method per fact, so a rule reads like the question it asks.
    def cardholder_is_minor(self) -> bool:
        return self._get("cardholder_is_minor") is True

    def presents_card(self) -> bool:
        return self._get("presents_card") is True

    def card_reported_lost_or_stolen(self) -> bool:
        return self._get("card_reported_lost_or_stolen") is True

    def reason_to_doubt_consent(self) -> bool:
        return self._get("reason_to_doubt_consent") is True

    def has_cardholder_permission(self) -> bool:
        return self._get("has_cardholder_permission") is True

    def for_library_business(self) -> bool:
        return self._get("for_library_business") is True

    def legal_process_presented(self) -> bool:
        return self._get("legal_process") != "none"
