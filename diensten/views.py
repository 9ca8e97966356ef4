"""Screens of the follow-up: the "Vervolg" forms reached from the melding page (dienst, overdracht, monitoring:
add, change, delete) and the worklists "Wachtlijst" and "Lopende diensten".

Like the melding screens: objects come from the selectors (another organisation's id is a 404), writes go
through ``diensten.services``, every view declares its rule (``vt.registreren``: intake and team leads of the
organisation).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_tables2 import RequestConfig

from diensten import services
from diensten.forms import DienstForm, MonitoringForm, OverdrachtForm
from diensten.selectors import (
    diensten_voor,
    lopende_diensten,
    monitoringen_voor,
    overdrachten_voor,
    wachtlijst,
)
from diensten.tables import LopendeDienstenTabel, WachtlijstTabel, normtekst
from meldingen.selectors import meldingen_voor
from vtregistratie.intake.forms import VerwijderForm
from vtregistratie.intake.views import getoonde_versie, render_formulier
from vtregistratie.intake.weergave import PER_PAGINA, datum
from vtregistratie.regels import regel


def _naar_melding(melding_pk: int):
    return redirect(f"{reverse('meldingen:detail', args=[melding_pk])}#vervolg")


def _formulier(request, form, *, titel: str, melding, opslaan, bericht: str, record=None):
    versie = request.POST.get("versie") or None
    if form.is_bound:
        resultaat = form.bewaar(lambda: opslaan(versie))
        if resultaat is not None:
            messages.success(request, bericht)
            return _naar_melding(melding.pk)
    return render_formulier(request, "diensten/formulier.html", form, titel=titel, melding=melding,
                            versie=getoonde_versie(form, versie, record) if record is not None else None)


def _verwijderen(request, record, *, titel: str, melding, verwijder, bericht: str, gegevens: list):
    form = VerwijderForm(request.POST if request.method == "POST" else None)
    versie = request.POST.get("versie") or None
    if form.is_bound and form.bewaar(lambda: verwijder(versie=versie, reden=form.cleaned_data["reden"]) or True):
        messages.success(request, bericht)
        return _naar_melding(melding.pk)
    if form.versieconflict:
        for fout in form.non_field_errors():
            messages.error(request, fout)
        return _naar_melding(melding.pk)
    return render_formulier(request, "diensten/verwijder.html", form, titel=titel, melding=melding,
                            versie=versie or record.versie, gegevens=gegevens)


def _post(request):
    return request.POST if request.method == "POST" else None


# --- worklists ------------------------------------------------------------------------------------------------


@regel("vt.registreren")
def wachtlijst_view(request):
    tabel = WachtlijstTabel(wachtlijst(request.user), vandaag=timezone.localdate())
    RequestConfig(request, paginate={"per_page": PER_PAGINA}).configure(tabel)
    return render(request, "diensten/wachtlijst.html", {"tabel": tabel})


@regel("vt.registreren")
def lopend_view(request):
    tabel = LopendeDienstenTabel(lopende_diensten(request.user), vandaag=timezone.localdate())
    RequestConfig(request, paginate={"per_page": PER_PAGINA}).configure(tabel)
    return render(request, "diensten/lopend.html", {"tabel": tabel, "normtekst": normtekst()})


# --- dienst ---------------------------------------------------------------------------------------------------


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def dienst_nieuw(request, melding_pk: int):
    melding = get_object_or_404(meldingen_voor(request.user), pk=melding_pk)
    bestaand = diensten_voor(request.user).filter(melding=melding).first()
    if bestaand is not None:
        return redirect("diensten:dienst_wijzig", pk=bestaand.pk)
    form = DienstForm(_post(request), melding=melding)
    return _formulier(
        request, form, melding=melding, titel=_("Dienst registreren: melding %(nummer)s") % {"nummer": melding.nummer},
        opslaan=lambda versie: services.registreer_dienst(melding=melding, door=request.user, **form.gegevens()),
        bericht=_("De dienst bij melding %(nummer)s is opgeslagen.") % {"nummer": melding.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def dienst_wijzig(request, pk: int):
    dienst = get_object_or_404(diensten_voor(request.user), pk=pk)
    form = DienstForm(_post(request), melding=dienst.melding, dienst=dienst)
    return _formulier(
        request, form, melding=dienst.melding, record=dienst,
        titel=_("Dienst wijzigen: melding %(nummer)s") % {"nummer": dienst.melding.nummer},
        opslaan=lambda versie: services.wijzig_dienst(dienst=dienst, door=request.user, versie=versie,
                                                      **form.gegevens()),
        bericht=_("De dienst bij melding %(nummer)s is gewijzigd.") % {"nummer": dienst.melding.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def dienst_verwijder(request, pk: int):
    dienst = get_object_or_404(diensten_voor(request.user), pk=pk)
    return _verwijderen(
        request, dienst, melding=dienst.melding,
        titel=_("Dienst verwijderen: melding %(nummer)s") % {"nummer": dienst.melding.nummer},
        verwijder=lambda versie, reden: services.verwijder_dienst(dienst=dienst, door=request.user, reden=reden,
                                                                  versie=versie),
        bericht=_("De dienst bij melding %(nummer)s is verwijderd; de melding staat weer op de wachtlijst.")
        % {"nummer": dienst.melding.nummer},
        gegevens=[(_("Soort dienst"), dienst.get_soort_display()), (_("Startdatum"), datum(dienst.startdatum))])


# --- overdracht -----------------------------------------------------------------------------------------------


def _dienst_van(request, melding):
    return diensten_voor(request.user).filter(melding=melding).first()


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def overdracht_nieuw(request, melding_pk: int):
    melding = get_object_or_404(meldingen_voor(request.user), pk=melding_pk)
    form = OverdrachtForm(_post(request), melding=melding, dienst_van_melding=_dienst_van(request, melding))
    return _formulier(
        request, form, melding=melding,
        titel=_("Overdracht registreren: melding %(nummer)s") % {"nummer": melding.nummer},
        opslaan=lambda versie: services.registreer_overdracht(melding=melding, door=request.user, **form.gegevens()),
        bericht=_("De overdracht bij melding %(nummer)s is opgeslagen.") % {"nummer": melding.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def overdracht_wijzig(request, pk: int):
    overdracht = get_object_or_404(overdrachten_voor(request.user), pk=pk)
    melding = overdracht.melding
    form = OverdrachtForm(_post(request), melding=melding, dienst_van_melding=_dienst_van(request, melding),
                          overdracht=overdracht)
    return _formulier(
        request, form, melding=melding, record=overdracht,
        titel=_("Overdracht wijzigen: melding %(nummer)s") % {"nummer": melding.nummer},
        opslaan=lambda versie: services.wijzig_overdracht(overdracht=overdracht, door=request.user, versie=versie,
                                                          **form.gegevens()),
        bericht=_("De overdracht bij melding %(nummer)s is gewijzigd.") % {"nummer": melding.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def overdracht_verwijder(request, pk: int):
    overdracht = get_object_or_404(overdrachten_voor(request.user), pk=pk)
    return _verwijderen(
        request, overdracht, melding=overdracht.melding,
        titel=_("Overdracht verwijderen: melding %(nummer)s") % {"nummer": overdracht.melding.nummer},
        verwijder=lambda versie, reden: services.verwijder_overdracht(overdracht=overdracht, door=request.user,
                                                                      reden=reden, versie=versie),
        bericht=_("De overdracht is verwijderd."),
        gegevens=[(_("Organisatie"), overdracht.get_bestemming_display()), (_("Datum"), datum(overdracht.datum))])


# --- monitoring -----------------------------------------------------------------------------------------------


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def monitoring_nieuw(request, melding_pk: int):
    melding = get_object_or_404(meldingen_voor(request.user), pk=melding_pk)
    form = MonitoringForm(_post(request), melding=melding, dienst_van_melding=_dienst_van(request, melding))
    return _formulier(
        request, form, melding=melding,
        titel=_("Monitoring registreren: melding %(nummer)s") % {"nummer": melding.nummer},
        opslaan=lambda versie: services.registreer_monitoring(melding=melding, door=request.user, **form.gegevens()),
        bericht=_("De monitoring bij melding %(nummer)s is opgeslagen.") % {"nummer": melding.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def monitoring_wijzig(request, pk: int):
    monitoring = get_object_or_404(monitoringen_voor(request.user), pk=pk)
    melding = monitoring.melding
    form = MonitoringForm(_post(request), melding=melding, dienst_van_melding=_dienst_van(request, melding),
                          monitoring=monitoring)
    return _formulier(
        request, form, melding=melding, record=monitoring,
        titel=_("Monitoring wijzigen: melding %(nummer)s") % {"nummer": melding.nummer},
        opslaan=lambda versie: services.wijzig_monitoring(monitoring=monitoring, door=request.user, versie=versie,
                                                          **form.gegevens()),
        bericht=_("De monitoring bij melding %(nummer)s is gewijzigd.") % {"nummer": melding.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def monitoring_verwijder(request, pk: int):
    monitoring = get_object_or_404(monitoringen_voor(request.user), pk=pk)
    return _verwijderen(
        request, monitoring, melding=monitoring.melding,
        titel=_("Monitoring verwijderen: melding %(nummer)s") % {"nummer": monitoring.melding.nummer},
        verwijder=lambda versie, reden: services.verwijder_monitoring(monitoring=monitoring, door=request.user,
                                                                      reden=reden, versie=versie),
        bericht=_("De monitoring is verwijderd."),
        gegevens=[(_("Startdatum"), datum(monitoring.startdatum)), (_("Einddatum"), datum(monitoring.einddatum))])
