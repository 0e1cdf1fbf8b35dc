"""Money events: the one hook through which the apps that move money tell the books what happened.

    from apps.core.money_events import announce
    announce(invoice, "issued")

The services that post money (an invoice issued or voided, a credit memo, a customer payment, a supplier or freight
bill approved, voided or marked paid, a payment out, a debit memo) call `announce(document, event)` inside their
own transaction, after the document is saved. Every subscriber runs right there, in the same transaction: when a
subscriber fails, the event fails with it (nothing is half written). The journal (apps.accounting) subscribes in its
AppConfig.ready, so the money apps do not depend on accounting; accounting reads their documents.

`details` carries what the document alone no longer tells (nothing needs it yet; kept for a caller that does)."""

from collections.abc import Callable

_SUBSCRIBERS: list[Callable] = []


def subscribe(handler: Callable) -> Callable:
    """`handler(document, event, **details)` is called for every announced event (once per handler)."""
    if handler not in _SUBSCRIBERS:
        _SUBSCRIBERS.append(handler)
    return handler


def announce(document, event: str, **details) -> None:
    """Tell every subscriber that `event` happened to `document` (call it inside the event's transaction)."""
    for handler in list(_SUBSCRIBERS):
        handler(document, event, **details)
