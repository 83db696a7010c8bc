"""The one exception the engine raises for bad input."""

from __future__ import annotations


class InputError(ValueError):
    """A request the engine cannot decide: unknown id, wrong type, unknown fact, malformed JSON.

    `field` names the part of the request at fault (None when the whole input is unreadable) and
    `allowed` lists the values that would have been accepted there, so a caller can show them.
    """

    def __init__(self, message: str, field: str | None = None, allowed: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.field = field
        self.allowed = tuple(allowed)

    def to_dict(self) -> dict[str, object]:
        return {"error": self.message, "field": self.field, "allowed": list(self.allowed)}
