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

    def _yes(self, fact: str) -> bool:
        return self._get(fact) is True

    # One method per fact, so a rule reads like the question it asks.
    def legal_process(self) -> FactValue:
        return self._get("legal_process")

    def formal_records_request(self) -> bool:
        return self._yes("formal_records_request")

    def emergency(self) -> bool:
        return self._yes("emergency")

    def photos_published(self) -> bool:
        return self._yes("photos_published")

    def identity_confirmed(self) -> bool:
        return self._yes("identity_confirmed")

    def for_library_business(self) -> bool:
        return self._yes("for_library_business")

    def court_order_limits_requester(self) -> bool:
        return self._yes("court_order_limits_requester")

    def cardholder_is_minor(self) -> bool:
        return self._yes("cardholder_is_minor")

    def presents_card(self) -> bool:
        return self._yes("presents_card")

    def card_reported_lost_or_stolen(self) -> bool:
        return self._yes("card_reported_lost_or_stolen")

    def reason_to_doubt_consent(self) -> bool:
        return self._yes("reason_to_doubt_consent")

    def has_cardholder_permission(self) -> bool:
        return self._yes("has_cardholder_permission")
