"""Intake screens for adviezen: list, register, detail, change, delete.

Thin views: rows and objects come from ``adviezen.selectors`` (scoped to the user's organisation, so
another organisation's id is a 404), writes go through ``adviezen.services``. Every view needs a
login and the model permission for what it does; without it a logged-in user gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_tables2 import RequestConfig

from adviezen.filters import AdviesFilter
from adviezen.forms import AdviesForm
from adviezen.selectors import adviezen_voor
from adviezen.services import registreer_advies, verwijder_advies, wijzig_advies
from adviezen.tables import AdviesTabel, gegevens_advies
from kwartalen.vergrendeling import is_vergrendeld, waarschuw_voorlopig, weiger_vergrendeld
from vtregistratie.filters import gefilterd
from vtregistratie.intake.forms import verfijn_filterformulier
from vtregistratie.intake.views import (
    OPSLAAN_EN_NIEUWE,
    getoonde_versie,
    render_formulier,
    toont_historie,
    verwijderpagina,
)
from vtregistratie.intake.weergave import PER_PAGINA, historie_regels
from vtregistratie.regels import regel, registrerende_organisatie


@regel("vt.registreren")
def lijst(request):
    filterset = AdviesFilter(request.GET, queryset=adviezen_voor(request.user))
    verfijn_filterformulier(filterset, organisatie=registrerende_organisatie(request.user))
    rijen, status = gefilterd(filterset)
    tabel = AdviesTabel(rijen)
    RequestConfig(request, paginate={"per_page": PER_PAGINA}).configure(tabel)
    return render(request, "adviezen/lijst.html", {"filter": filterset, "tabel": tabel}, status=status)


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def nieuw(request):
    form = AdviesForm(request.POST if request.method == "POST" else None,
                      organisatie=registrerende_organisatie(request.user))
    if form.is_bound:
        advies = form.bewaar(lambda: registreer_advies(door=request.user, **form.gegevens()))
        if advies is not None:
            waarschuw_voorlopig(request, advies)
            if request.POST.get("actie") == OPSLAAN_EN_NIEUWE:
                messages.success(request, _("Advies %(nummer)s is opgeslagen. Vul hieronder het volgende advies in.")
                                 % {"nummer": advies.nummer})
                return redirect("adviezen:nieuw")
            messages.success(request, _("Advies %(nummer)s is opgeslagen.") % {"nummer": advies.nummer})
            return redirect("adviezen:detail", pk=advies.pk)
    return render_formulier(request, "adviezen/formulier.html", form, titel=_("Nieuw advies"), nieuw=True)


@regel("vt.registreren")
def detail(request, pk: int):
    advies = get_object_or_404(adviezen_voor(request.user).select_related("aangemaakt_door"), pk=pk)
    return render(request, "adviezen/detail.html", {
        "advies": advies,
        "gegevens": gegevens_advies(advies),
        "historie": historie_regels(advies) if toont_historie(request.user, advies) else None,
        "vergrendeld": is_vergrendeld(advies),
    })


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def wijzig(request, pk: int):
    advies = get_object_or_404(adviezen_voor(request.user), pk=pk)
    if is_vergrendeld(advies):
        return weiger_vergrendeld(request, advies, reverse("adviezen:detail", args=[advies.pk]))
    form = AdviesForm(request.POST if request.method == "POST" else None, instance=advies,
                      organisatie=registrerende_organisatie(request.user))
    versie = request.POST.get("versie") or None
    if form.is_bound:
        gewijzigd = form.bewaar(lambda: wijzig_advies(advies=advies, door=request.user, versie=versie,
                                                      **form.gegevens()))
        if gewijzigd is not None:
            waarschuw_voorlopig(request, gewijzigd)
            messages.success(request, _("Advies %(nummer)s is gewijzigd.") % {"nummer": gewijzigd.nummer})
            return redirect("adviezen:detail", pk=gewijzigd.pk)
    return render_formulier(request, "adviezen/formulier.html", form, advies=advies,
                            versie=getoonde_versie(form, versie, advies),
                            titel=_("Advies %(nummer)s wijzigen") % {"nummer": advies.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def verwijder(request, pk: int):
    """GET asks for confirmation and a reason; only a POST with a reason deletes."""
    advies = get_object_or_404(adviezen_voor(request.user), pk=pk)
    if is_vergrendeld(advies):
        return weiger_vergrendeld(request, advies, reverse("adviezen:detail", args=[advies.pk]))
    return verwijderpagina(
        request, advies, app="adviezen",
        verwijder=lambda reden, versie: verwijder_advies(advies=advies, door=request.user, reden=reden,
                                                         versie=versie),
        bericht=_("Advies %(nummer)s is verwijderd.") % {"nummer": advies.nummer},
        advies=advies, gegevens=gegevens_advies(advies),
    )
