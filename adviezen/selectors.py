"""Reads on adviezen, always scoped to the user's organisation."""

from __future__ import annotations

from django.db.models import QuerySet

from adviezen.models import Advies


def adviezen_voor(user) -> QuerySet[Advies]:
    return Advies.objects.for_user(user).select_related("gemeente")
