"""Logging filters for the console."""

import logging


class ZonderTracebackBijWeigering(logging.Filter):
    """A 403 is a user without the permission, not a fault in the code: one warning line, no traceback.

    Django logs every PermissionDenied with its traceback on ``django.request``; in a console that scrolls
    past the real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
