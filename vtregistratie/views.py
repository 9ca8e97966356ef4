from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# The error handlers (config/urls.py): JSON under /api/ (for any path, also one no route matches), a Dutch page
# elsewhere; never Django's technical pages, which list every URL.


def _fout(request, *, status: int, bericht: str, sjabloon: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": bericht}, status=status)
    return render(request, sjabloon, {"bericht": bericht}, status=status)


def ongeldig_verzoek(request, exception=None):
    """400, or 413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE that Django itself read (a form post)."""
    if isinstance(exception, RequestDataTooBig):
        return _fout(request, status=413, sjabloon="400.html",
                     bericht=_("Wat u verstuurde is te groot. Er is niets opgeslagen."))
    return _fout(request, status=400, sjabloon="400.html",
                 bericht=_("Dit verzoek kan niet worden verwerkt. Er is niets opgeslagen."))


def geen_toegang(request, exception=None):
    return _fout(request, status=403, sjabloon="403.html", bericht=_("U heeft geen toestemming voor deze handeling."))


def niet_gevonden(request, exception=None):
    return _fout(request, status=404, sjabloon="404.html", bericht=_("Niet gevonden."))


def serverfout(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Er is een fout opgetreden op de server. Probeert u het later opnieuw.")},
                            status=500)
    return render(request, "500.html", status=500)  # static: it must not depend on what may have failed
