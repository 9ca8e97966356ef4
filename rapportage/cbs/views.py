"""The team lead's CBS delivery page: deliveries of their organisation, create, validate, download.

HTTP only; the logic is in ``rapportage.cbs``. Only a team lead of the organisation gets here (403
for anyone else); a delivery of another organisation does not exist for them (404).
"""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapportage.cbs import selectors
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import (
    aggregaat_bestand,
    download_aanlevering,
    maak_aanlevering,
    valideer_aanlevering,
)
from vtregistratie.regels import regel


def _aanlevering(request, pk: int) -> Aanlevering:
    return get_object_or_404(selectors.aanleveringen_voor(request.user), pk=pk)


def _foutmeldingen(request, exc: ValidationError) -> None:
    for bericht in exc.messages:
        messages.error(request, bericht)


@regel("vt.cbs_aanleveren")
def aanleveringen(request):
    organisatie = request.user.organisatie
    vandaag = timezone.localdate()
    return render(request, "rapportage/cbs/aanleveringen.html", {
        "organisatie": organisatie,
        "aanleveringen": selectors.aanleveringen_voor(request.user),
        "herinnering": selectors.herinnering(organisatie=organisatie, vandaag=vandaag),
        "perioden": selectors.aan_te_leveren_perioden(organisatie=organisatie, vandaag=vandaag),
    })


@regel("vt.cbs_aanleveren")
@require_POST
def aanlevering_maken(request):
    organisatie = request.user.organisatie
    try:
        halfjaar = Halfjaar.parse(request.POST.get("periode", ""))
    except ValueError:
        messages.error(request, _("Kies een halfjaar, bijvoorbeeld 2025-H1."))
        return redirect("rapportage:aanleveringen")
    try:
        aanlevering = maak_aanlevering(organisatie=organisatie, halfjaar=halfjaar, door=request.user,
                                       aanleiding=Aanlevering.Aanleiding.HANDMATIG)
    except ValidationError as exc:
        _foutmeldingen(request, exc)
        return redirect("rapportage:aanleveringen")
    messages.success(request, _("Versie %(versie)s van %(periode)s is aangemaakt. Valideer haar voordat u haar "
                                "downloadt.") % {"versie": aanlevering.versie, "periode": aanlevering.periode})
    return redirect("rapportage:aanlevering", pk=aanlevering.pk)


@regel("vt.cbs_aanleveren")
def aanlevering_detail(request, pk: int):
    aanlevering = _aanlevering(request, pk)
    return render(request, "rapportage/cbs/aanlevering.html", {
        "aanlevering": aanlevering, "rapport": aanlevering.validatierapport,
        "meer_problemen": aanlevering.validatierapport.get("aantal_problemen", 0) - len(aanlevering.problemen),
    })


@regel("vt.cbs_aanleveren")
@require_POST
def aanlevering_valideren(request, pk: int):
    aanlevering = _aanlevering(request, pk)
    try:
        aanlevering = valideer_aanlevering(aanlevering=aanlevering, door=request.user)
    except ValidationError as exc:
        _foutmeldingen(request, exc)
    else:
        if aanlevering.validatierapport.get("geslaagd"):
            messages.success(request, _("De aanlevering is gevalideerd en kan worden gedownload."))
        else:
            messages.error(request, _("De validatie vond %(n)s probleem/problemen; zie het rapport.") % {
                "n": aanlevering.validatierapport.get("aantal_problemen", 0)})
    return redirect("rapportage:aanlevering", pk=pk)


@regel("vt.cbs_aanleveren")
def aanlevering_download(request, pk: int):
    aanlevering = _aanlevering(request, pk)
    try:
        bestand = download_aanlevering(aanlevering=aanlevering, door=request.user, via="web")
    except ValidationError as exc:
        _foutmeldingen(request, exc)
        return redirect("rapportage:aanlevering", pk=pk)
    response = FileResponse(bestand, as_attachment=True, filename=aanlevering.bestandsnaam,
                            content_type="text/plain; charset=us-ascii")
    response["X-Checksum-SHA256"] = aanlevering.sha256
    return response


@regel("vt.cbs_aanleveren")
def aanlevering_aggregaat(request, pk: int):
    aanlevering = _aanlevering(request, pk)
    uit = io.StringIO()
    naam = aggregaat_bestand(uit, aanlevering=aanlevering, door=request.user, via="web")
    response = HttpResponse(uit.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
