"""Naming the actor of audit entries written by a service, without losing the request's client address.

django-auditlog's middleware puts the client address (and the signed-in user) into a context for every
request. ``auditlog.context.set_actor`` replaces that whole context — address included — and leaves its own
in place afterwards, so entries written through a service had no address, and later saves in the same request
lost the middleware's context too. Under the API the middleware also runs before DRF authenticates, so the
actor must come from the service. ``actor`` only changes the actor in the request's context, for the duration
of the service.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from auditlog.context import auditlog_value, set_actor, set_extra_data
from auditlog.middleware import AuditlogMiddleware

# True while a request runs inside AuditMiddleware: its audit context is live then.
_in_verzoek: ContextVar[bool] = ContextVar("vt_audit_in_verzoek", default=False)


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, marking that the request's audit context is live."""

    def __call__(self, request):
        token = _in_verzoek.set(True)
        try:
            return super().__call__(request)
        finally:
            _in_verzoek.reset(token)


@contextmanager
def actor(door, **extra):
    """Audit entries made inside are by ``door`` (None: the system), from the current request's address.

    ``extra``: further fields of the entries, such as ``additional_data`` (the reason of a deletion)."""
    buiten = auditlog_value.get(None)
    if buiten is None or not _in_verzoek.get():  # no request (a task, a command, a test): only the actor
        with set_extra_data({"actor": door, **extra}) if extra else set_actor(door):
            yield
        return
    # The middleware's own signal receiver fills in the entry; it reads this context (same signal id).
    token = auditlog_value.set({**buiten, "actor": door, **extra})
    try:
        yield
    finally:
        auditlog_value.reset(token)
