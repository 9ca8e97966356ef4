from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from vtregistratie import definities
from vtregistratie.services.gezondheid import gezondheid as meet_gezondheid


@login_required
def home(request):
    rollen = [definities.ROL.get(r) for r in sorted(request.user.rollen) if r in definities.ROL]
    return render(request, "vtregistratie/home.html", {"rollen": rollen})


@never_cache
def gezondheid(request):
    """For monitoring: 200 when the database and the broker answer, 503 otherwise. No record contents."""
    toestand = meet_gezondheid()
    return JsonResponse({**asdict(toestand), "gezond": toestand.gezond}, status=200 if toestand.gezond else 503)
