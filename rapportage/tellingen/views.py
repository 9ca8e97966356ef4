"""The team lead's view of their organisation's quarters: exact counts, states, runs, downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import kwartaal_status
from rapportage.export import download
from rapportage.tellingen.selectors import DIMENSIES, kwartaal_per_gemeente, kwartaaloverzicht, kwartaaltabel
from rapportage.tellingen.services.kwartalen import heropen_kwartaal, zet_kwartaal_door
from vtregistratie import definities
from vtregistratie.regels import regel


def _kwartaal(jaar: int, kwartaal: int) -> Kwartaal:
    try:
        return Kwartaal(jaar, kwartaal)
    except ValueError as exc:
        raise Http404 from exc


@regel("vt.tellingen_zien")
def kwartalen(request):
    organisatie = request.user.organisatie
    return render(request, "rapportage/kwartalen.html", {
        "organisatie": organisatie, "regels": kwartaaloverzicht(organisatie),
    })


@regel("vt.tellingen_zien")
def kwartaal_detail(request, jaar: int, kwartaal: int):
    organisatie = request.user.organisatie
    kw = _kwartaal(jaar, kwartaal)
    tabel = kwartaaltabel(organisatie, kw)
    per_gemeente = kwartaal_per_gemeente(organisatie, kw)
    status = kwartaal_status(organisatie=organisatie, kwartaal=kw)
    weergave = request.GET.get("tabel", "dimensies")
    if weergave == "gemeenten":
        kolommen = [_("Gemeentecode"), _("Gemeente"), _("Adviezen"), _("Meldingen")]
        rijen = [[r["gemeente_code"], r["gemeente"], r["adviezen"], r["meldingen"]] for r in per_gemeente]
    else:
        kolommen = [str(capfirst(d.label)) for d in DIMENSIES] + [_("Aantal")]
        rijen = [[d.weergave(r[d.naam]) for d in DIMENSIES] + [r["aantal"]] for r in tabel]
    bestand = download(request.GET.get("formaat", ""), kolommen, rijen,
                       f"tellingen-{organisatie.code}-{kw}-{weergave}", titel=str(kw))
    if bestand is not None:
        return bestand
    # On the page (not in the downloads, which a spreadsheet sums itself): totals per row and per column.
    if weergave == "gemeenten":
        kolommen.append(_("Totaal"))
        rijen = [[*rij, rij[2] + rij[3]] for rij in rijen]
        getal_kolommen = [2, 3, 4]
    else:
        getal_kolommen = [len(DIMENSIES)]
    totaalrij = [sum(rij[i] for rij in rijen) if i in getal_kolommen else "" for i in range(len(kolommen))]
    totaalrij[0] = _("Totaal")
    return render(request, "rapportage/kwartaal_detail.html", {
        "organisatie": organisatie, "kwartaal": kw, "status": status,
        "status_label": definities.KWARTAAL_STATUS.label_van(status), "voorlopig_teken": status == "voorlopig",
        "weergave": weergave, "kolommen": kolommen, "rijen": rijen, "getal_kolommen": getal_kolommen,
        "totaalrij": totaalrij,
        "volgende": {"open": "voorlopig", "voorlopig": "definitief"}.get(status),
    })


@regel("vt.kwartaal_beheren")
@require_POST
def kwartaal_status_wijzigen(request, jaar: int, kwartaal: int):
    organisatie = request.user.organisatie
    kw = _kwartaal(jaar, kwartaal)
    try:
        if request.POST.get("actie") == "heropenen":
            heropen_kwartaal(organisatie=organisatie, kwartaal=kw, door=request.user,
                             reden=request.POST.get("reden", ""))
            messages.success(request, _("Kwartaal %(kw)s is heropend en weer voorlopig.") % {"kw": kw})
        else:
            naar = request.POST.get("naar", "")
            zet_kwartaal_door(organisatie=organisatie, kwartaal=kw, door=request.user, naar=naar)
            messages.success(request, _("Kwartaal %(kw)s is nu %(status)s.") % {
                "kw": kw, "status": definities.KWARTAAL_STATUS.label_van(naar)})
    except ValidationError as exc:
        for bericht in exc.messages:
            messages.error(request, bericht)
    return redirect("rapportage:kwartaal_detail", jaar=kw.jaar, kwartaal=kw.kwartaal)
