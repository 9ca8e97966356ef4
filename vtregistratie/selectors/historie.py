"""The change history (django-auditlog) of one record, for the detail pages."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import QuerySet


def historie_van(obj) -> QuerySet[LogEntry]:
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")
