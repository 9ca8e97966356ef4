"""Operational endpoints that look at the whole installation rather than one domain."""

from dataclasses import asdict

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from config.gezondheid import gezondheid as meet_gezondheid
from vtregistratie.regels import openbaar


@openbaar
@never_cache
def gezondheid(request):
    """For monitoring: 200 when the database and the broker answer, 503 otherwise. No record contents."""
    toestand = meet_gezondheid()
    return JsonResponse({**asdict(toestand), "gezond": toestand.gezond}, status=200 if toestand.gezond else 503)
