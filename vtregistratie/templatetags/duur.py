"""Durations in words, for pages that would otherwise show ISO 8601 ("PT15M")."""

from datetime import timedelta

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def in_woorden(duur: timedelta | None) -> str:
    """'15 minuten', '1 uur', '1 uur en 30 minuten'; whole minutes, rounded up (never '0 minuten')."""
    if not isinstance(duur, timedelta):
        return ""
    minuten = max(1, -(-int(duur.total_seconds()) // 60))
    uren, minuten = divmod(minuten, 60)
    delen = []
    if uren:
        delen.append(ngettext("%(n)d uur", "%(n)d uur", uren) % {"n": uren})
    if minuten:
        delen.append(ngettext("%(n)d minuut", "%(n)d minuten", minuten) % {"n": minuten})
    return " en ".join(delen)
