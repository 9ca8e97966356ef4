from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from vtregistratie import definities
from vtregistratie.regels import regel


@regel("vt.ingelogd")
def home(request):
    rollen = [definities.ROL.get(r) for r in sorted(request.user.rollen) if r in definities.ROL]
    return render(request, "vtregistratie/home.html", {"rollen": rollen})


def niet_gevonden(request, exception=None):
    """404: JSON under /api/ (for any path, also one no route matches), the Dutch page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Niet gevonden.")}, status=404)
    return render(request, "404.html", status=404)
