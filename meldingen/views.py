"""Intake screens for meldingen and casussen: list, worklist 'Te beoordelen', register, detail, change,
delete, veiligheidsbeoordeling, and the casus page where VT involvement is ended.

Same rules as the advies screens: objects come from ``meldingen.selectors`` (another organisation's id
is a 404), writes go through ``meldingen.services``, and every view needs a login and the model
permission for what it does (403 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_tables2 import RequestConfig

from kwartalen.vergrendeling import is_vergrendeld, waarschuw_voorlopig, weiger_vergrendeld
from meldingen.filters import MeldingFilter
from meldingen.forms import BESTAANDE_CASUS, BeoordelingForm, MeldingForm, SluitCasusForm
from meldingen.selectors import casussen_voor, gemeente_van_casus, meldingen_voor, te_beoordelen
from meldingen.services import (
    leg_beoordeling_vast,
    registreer_melding,
    sluit_casus,
    verwijder_melding,
    wijzig_melding,
)
from meldingen.tables import (
    CasusMeldingenTabel,
    MeldingTabel,
    WerklijstTabel,
    gegevens_casus,
    gegevens_melding,
    status_van,
)
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


def _casusnummers(user):
    """For the history: a casus key (as auditlog stores it) onto its number, own organisation only."""
    return lambda pks: {str(pk): nummer for pk, nummer in casussen_voor(user).filter(
        pk__in=[int(pk) for pk in pks if pk.isdigit()]).values_list("pk", "nummer")}


@regel("vt.registreren")
def lijst(request):
    filterset = MeldingFilter(request.GET, queryset=meldingen_voor(request.user))
    verfijn_filterformulier(filterset, organisatie=registrerende_organisatie(request.user))
    rijen, status = gefilterd(filterset)
    tabel = MeldingTabel(rijen)
    RequestConfig(request, paginate={"per_page": PER_PAGINA}).configure(tabel)
    return render(request, "meldingen/lijst.html", {"filter": filterset, "tabel": tabel}, status=status)


@regel("vt.registreren")
def werklijst(request):
    tabel = WerklijstTabel(te_beoordelen(request.user))
    RequestConfig(request, paginate={"per_page": PER_PAGINA}).configure(tabel)
    return render(request, "meldingen/werklijst.html", {"tabel": tabel})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def nieuw(request):
    # From a casus page: "Nieuwe melding in deze casus" arrives with ?casus=<number> and starts on that casus.
    # It takes over the gemeente of the casus's latest melding.
    casusnummer = request.GET.get("casus")
    initial = None
    if casusnummer:
        casus = casussen_voor(request.user).filter(nummer=casusnummer.strip().upper()).first()
        initial = {"casus_keuze": BESTAANDE_CASUS, "casusnummer": casusnummer,
                   "gemeente": gemeente_van_casus(casus) if casus else None}
    form = MeldingForm(request.POST if request.method == "POST" else None, user=request.user, initial=initial,
                       organisatie=registrerende_organisatie(request.user))
    if form.is_bound:
        melding = form.bewaar(
            lambda: registreer_melding(door=request.user, casus=form.casus, **form.gegevens())
        )
        if melding is not None:
            waarschuw_voorlopig(request, melding)
            bericht = _("Melding %(nummer)s is opgeslagen in casus %(casus)s.") % {
                "nummer": melding.nummer, "casus": melding.casus.nummer}
            if request.POST.get("actie") == OPSLAAN_EN_NIEUWE:
                messages.success(request, f"{bericht} {_('Vul hieronder de volgende melding in.')}")
                return redirect("meldingen:nieuw")
            messages.success(request, bericht)
            return redirect("meldingen:detail", pk=melding.pk)
    return render_formulier(request, "meldingen/formulier.html", form, titel=_("Nieuwe melding"), nieuw=True)


@regel("vt.registreren")
def detail(request, pk: int):
    melding = get_object_or_404(meldingen_voor(request.user).select_related("aangemaakt_door"), pk=pk)
    historie = None
    if toont_historie(request.user, melding):
        historie = historie_regels(melding, verwijzingen={"casus": _casusnummers(request.user)})
    return render(request, "meldingen/detail.html", {
        "melding": melding, "gegevens": gegevens_melding(melding), "historie": historie,
        "vergrendeld": is_vergrendeld(melding),
    })


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def wijzig(request, pk: int):
    melding = get_object_or_404(meldingen_voor(request.user), pk=pk)
    if is_vergrendeld(melding):
        return weiger_vergrendeld(request, melding, reverse("meldingen:detail", args=[melding.pk]))
    form = MeldingForm(request.POST if request.method == "POST" else None, user=request.user, instance=melding,
                       organisatie=registrerende_organisatie(request.user))
    versie = request.POST.get("versie") or None
    if form.is_bound:
        gewijzigd = form.bewaar(
            lambda: wijzig_melding(melding=melding, door=request.user, versie=versie, casus=form.casus,
                                   **form.gegevens())
        )
        if gewijzigd is not None:
            waarschuw_voorlopig(request, gewijzigd)
            messages.success(request, _("Melding %(nummer)s is gewijzigd.") % {"nummer": gewijzigd.nummer})
            return redirect("meldingen:detail", pk=gewijzigd.pk)
    return render_formulier(request, "meldingen/formulier.html", form, melding=melding,
                            versie=getoonde_versie(form, versie, melding),
                            titel=_("Melding %(nummer)s wijzigen") % {"nummer": melding.nummer})


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def verwijder(request, pk: int):
    """GET asks for confirmation and a reason; only a POST with a reason deletes (and the casus with its last
    melding)."""
    melding = get_object_or_404(meldingen_voor(request.user), pk=pk)
    if is_vergrendeld(melding):
        return weiger_vergrendeld(request, melding, reverse("meldingen:detail", args=[melding.pk]))
    return verwijderpagina(
        request, melding, app="meldingen",
        verwijder=lambda reden, versie: verwijder_melding(melding=melding, door=request.user, reden=reden,
                                                          versie=versie),
        bericht=_("Melding %(nummer)s is verwijderd.") % {"nummer": melding.nummer},
        melding=melding, gegevens=gegevens_melding(melding),
        laatste_in_casus=not melding.casus.meldingen.exclude(pk=melding.pk).exists(),
    )


@regel("vt.registreren")
@require_http_methods(["GET", "POST"])
def beoordeel(request, pk: int):
    """'Veiligheidsbeoordeling vastleggen': a small form from the worklist."""
    melding = get_object_or_404(meldingen_voor(request.user), pk=pk)
    vandaag = timezone.localdate()
    terug = "detail" if (request.POST.get("terug") or request.GET.get("terug")) == "detail" else "werklijst"
    form = BeoordelingForm(request.POST if request.method == "POST" else None, melding=melding, vandaag=vandaag)
    if form.is_bound:
        gewijzigd = form.bewaar(lambda: leg_beoordeling_vast(
            melding=melding, door=request.user, datum=form.cleaned_data["beoordeling_datum"],
            uitkomst=form.cleaned_data["beoordeling_uitkomst"], vervolgdienst=form.cleaned_data["vervolgdienst"] or "",
        ))
        if gewijzigd is not None:
            messages.success(request, _("De veiligheidsbeoordeling van melding %(nummer)s is vastgelegd.")
                             % {"nummer": gewijzigd.nummer})
            if terug == "detail":
                return redirect("meldingen:detail", pk=gewijzigd.pk)
            return redirect("meldingen:werklijst")
    return render_formulier(request, "meldingen/beoordeel.html", form, melding=melding,
                            status=status_van(melding, vandaag), terug=terug)


def _casuspagina(request, casus, sluit_form):
    meldingen = CasusMeldingenTabel(meldingen_voor(request.user).filter(casus=casus).order_by("ontvangstdatum",
                                                                                              "volgnummer"))
    RequestConfig(request, paginate=False).configure(meldingen)
    historie = historie_regels(casus) if toont_historie(request.user, casus) else None
    return render(request, "meldingen/casus_detail.html", {
        "casus": casus, "gegevens": gegevens_casus(casus), "meldingen": meldingen, "form": sluit_form,
        "historie": historie,
    })


@regel("vt.registreren")
def casus_detail(request, pk: int):
    casus = get_object_or_404(casussen_voor(request.user), pk=pk)
    return _casuspagina(request, casus, SluitCasusForm(vandaag=timezone.localdate()))


@regel("vt.registreren")
@require_POST
def casus_sluit(request, pk: int):
    """Record that VT involvement ended; a later melding on this casus is then a hermelding."""
    casus = get_object_or_404(casussen_voor(request.user), pk=pk)
    form = SluitCasusForm(request.POST, vandaag=timezone.localdate())
    gesloten = form.bewaar(lambda: sluit_casus(casus=casus, door=request.user, datum=form.cleaned_data["datum"]))
    if gesloten is None:
        return _casuspagina(request, casus, form)
    messages.success(request, _("De betrokkenheid van Veilig Thuis bij casus %(nummer)s is beëindigd.")
                     % {"nummer": gesloten.nummer})
    return redirect("meldingen:casus_detail", pk=gesloten.pk)
