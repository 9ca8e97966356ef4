"""The analysis pages for team leads and municipal analysts (docs/analyses.md).

HTTP only: the filter form gives ``Filters``, a selector in ``rapportage.analyses`` computes the ``Analyse``,
``toon`` applies disclosure control to every cell, and the page, its charts and its CSV/XLSX downloads all
show that protected result. Permission ``rapportage.view_analyses`` (team leads and gemeente users).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rapportage.analyses import (
    gemeenten,
    landelijk,
    melders,
    meldingen,
    regio,
    statline,
    uitsplitsingen,
    vergelijking,
    wachttijden,
)
from rapportage.analyses.cache import bewaard, getoonde_analyse
from rapportage.analyses.filters import AnalyseFilterForm, Filters
from rapportage.analyses.forms import NotitieForm
from rapportage.analyses.gegevens import GEIMPORTEERD, ONVOLLEDIG, VOORLOPIG
from rapportage.analyses.models import DatakwaliteitNotitie
from rapportage.analyses.services import maak_notitie
from rapportage.analyses.tabel import Analyse
from rapportage.export import download
from rapportage.onthulling import AFGELEID, GEHEIM, NIET_BEREKEND, afronding, drempel, eigen_organisatie_van
from vtregistratie.regels import mag, regel

BASIS_VELDEN = ("van", "tot", "regio", "soort", "melder_groep")


@dataclass(frozen=True)
class Pagina:
    sleutel: str
    titel: Promise
    omschrijving: Promise
    selector: Callable[[Filters], Analyse]
    velden: tuple[str, ...] = BASIS_VELDEN
    standaard_soort: str = ""
    standaard_jaren: int = 3  # the default period: this many years up to the last complete one


PAGINAS: dict[str, Pagina] = {p.sleutel: p for p in [
    Pagina("landelijk", gettext_lazy("Landelijke ontwikkeling"),
           gettext_lazy("Adviezen en meldingen per jaar en kwartaal met groei, over de organisaties met volledige "
                        "gegevens; ontbrekende organisaties met een schatting."),
           landelijk.landelijke_ontwikkeling),
    Pagina("regio", gettext_lazy("Per regio"),
           gettext_lazy("Totalen per jaar, groei per jaarpaar naast de landelijke ontwikkeling, en aantallen per "
                        "10.000 inwoners per regio; op de teldatum of op de indeling van één jaar."),
           regio.per_regio, (*BASIS_VELDEN, "indeling")),
    Pagina("gemeenten", gettext_lazy("Per gemeente"),
           gettext_lazy("Aantallen en aantallen per 10.000 inwoners per gemeente; samengevoegde gemeenten op de "
                        "indeling van één jaar."),
           gemeenten.per_gemeente, (*BASIS_VELDEN, "indeling")),
    Pagina("melders", gettext_lazy("Per meldergroep"),
           gettext_lazy("Adviezen en meldingen van politie, overige professionals en niet-professionals per jaar, "
                        "met de groei."),
           melders.per_melder_groep),
    Pagina("meldingen", gettext_lazy("Meldingen: crisis en veiligheidsbeoordeling"),
           gettext_lazy("Aandeel crisismeldingen en eerste, her- en vervolgmeldingen per jaar; uitkomst van de "
                        "veiligheidsbeoordeling en beoordeling binnen 5 werkdagen per kwartaal."),
           meldingen.meldingen, ("van", "tot", "regio", "melder_groep"), standaard_soort="melding"),
    Pagina("vergelijking", gettext_lazy("Vergelijkingen"),
           gettext_lazy("Groei per stedelijkheidsklasse, de G4 tegenover de overige regio's, en de 10 regio's met "
                        "de meeste en de minste per 10.000 inwoners in een basisjaar."),
           vergelijking.vergelijkingen, (*BASIS_VELDEN, "basisjaar")),
    Pagina("uitsplitsingen", gettext_lazy("Uitsplitsingen"),
           gettext_lazy("Elke geregistreerde uitsplitsing (aard, aanvullende informatie, melder, crisis en "
                        "structurele onveiligheid, veiligheidsbeoordeling, vervolgdienst, eerdere betrokkenheid): "
                        "de regio's naast elkaar en per gemeente."),
           uitsplitsingen.uitsplitsingen, ("van", "tot", "regio", "soort", "uitsplitsing")),
    Pagina("statline", gettext_lazy("StatLine-tabellen"),
           gettext_lazy("De CBS-tabellen 84848, 84850, 84852 en 85361NED zoals StatLine ze publiceert: per "
                        "halfjaar en jaar, per regio of gemeente, met de labels van CBS; ook als CSV."),
           statline.statline, ("van", "tot", "regio", "cbs_tabel", "niveau"), standaard_jaren=1),
    Pagina("wachttijden", gettext_lazy("Wachttijden en doorlooptijden"),
           gettext_lazy("Regio's naast elkaar en per kwartaal: de mediane wachttijd tot een dienst start, onderzoeken "
                        "binnen de norm afgerond, de wachtlijst aan het einde van het kwartaal, afgeronde diensten "
                        "per 10.000 inwoners, uitkomsten van onderzoeken en overdrachten."),
           wachttijden.wachttijden, ("van", "tot", "regio"), standaard_soort="melding"),
]}


def legenda() -> list[tuple[str, str]]:
    return [
        (VOORLOPIG, _("voorlopig cijfer (een kwartaal is nog niet definitief)")),
        (GEIMPORTEERD, _("geïmporteerd cijfer uit de periode voor deze applicatie")),
        (ONVOLLEDIG, _("onvolledig: een kwartaal is nog open of ontbreekt")),
        (landelijk.GESCHAT, _("schatting")),
        ("[n]", _("zie datakwaliteitsnotitie n")),
        (AFGELEID, _("afgeleid: de som van de beveiligde aantallen van meerdere regio's, perioden of groepen")),
        (GEHEIM, _("geheim: minder dan %(drempel)s, of afgeleid van zo'n aantal") % {"drempel": drempel()}),
        (NIET_BEREKEND, _("onbekend of niet te berekenen: geen gegevens, of geen noemer, inwoners of volledig jaar "
                          "om mee te vergelijken")),
    ]


def _toelichting(analyse: Analyse, titel: str, filters: Filters, eigen: int | None) -> list[tuple[str, str]]:
    """What a download carries besides its table: the period, the disclosure rule, the markers and the notes."""
    regels = [
        (_("Analyse"), f"{analyse.titel}: {titel}"),
        (_("Periode"), _("%(van)s tot en met %(tot)s") % {"van": filters.van_jaar, "tot": filters.tot_jaar}),
        (_("Afronding"), (_("Cijfers van uw eigen organisatie zijn exact; alle andere zijn afgerond op %(a)s.")
                          if eigen is not None else _("Alle aantallen zijn afgerond op %(a)s."))
         % {"a": afronding()} + " " + _("Aantallen onder %(d)s zijn geheim (.); percentages en cijfers per 10.000 "
                                         "inwoners zijn berekend uit de afgeronde aantallen.") % {"d": drempel()}),
        *[(_("Opmerking"), str(o)) for o in analyse.opmerkingen],
        *[(_("Niet meegeteld"), f"{u.organisatie}{f' ({u.soort_label})' if u.soort else ''}: {u.reden}")
          for u in analyse.uitgesloten],
        *[(_("Teken %(teken)s") % {"teken": teken}, str(uitleg)) for teken, uitleg in legenda()],
    ]
    for n in analyse.notities:
        regels.append((f"[{n.nummer}]", f"{n.organisatie}, {n.van} – {n.tot}, {n.geldt_voor_label}"
                                        f"{', ' + _('buiten de landelijke ontwikkeling') if n.uitsluiten else ''}"
                                        f": {n.tekst}"))
    return regels


def _querystring(request, velden: tuple[str, ...]) -> str:
    """The page's filters for its download links: only the form's own fields, so unknown parameters
    neither reach the links nor make the page another cache entry."""
    rest = request.GET.copy()
    for naam in list(rest):
        if naam not in velden:
            rest.pop(naam)
    return rest.urlencode()


@regel("vt.analyses_zien")
def analyses(request):
    eigen = eigen_organisatie_van(request.user)
    notities = DatakwaliteitNotitie.objects.select_related("organisatie").order_by(
        "organisatie__code", "-van_jaar", "-van_kwartaal")
    mag_notitie = mag(request.user, "vt.notitie_maken")
    return render(request, "rapportage/analyses/index.html", {
        "paginas": PAGINAS.values(), "notities": notities,
        "notitie_form": NotitieForm() if mag_notitie else None,
        "exact": eigen is not None, "afronding": afronding(), "drempel": drempel(),
    })


FORMATEN = ("csv", "xlsx")


def _ongeldig(request, pagina: Pagina, form: AnalyseFilterForm):
    """A filter the page does not know: the form with its errors and no figures — never a silent default."""
    return render(request, "rapportage/analyses/analyse.html", {
        "pagina": pagina, "form": form, "analyse": None, "tabellen_html": "", "tabellen": [],
        "legenda": legenda(), "exact": eigen_organisatie_van(request.user) is not None,
        "afronding": afronding(), "drempel": drempel(),
    }, status=400)


def _analysepagina(request, sleutel: str):
    pagina = PAGINAS[sleutel]
    form = AnalyseFilterForm(request.GET, velden=pagina.velden, standaard_soort=pagina.standaard_soort,
                             standaard_jaren=pagina.standaard_jaren)
    formaat = request.GET.get("formaat", "")
    if form.is_valid() and formaat and formaat not in FORMATEN:
        form.add_error(None, _("Onbekend downloadformaat '%(formaat)s': kies csv of xlsx.") % {"formaat": formaat})
    if not form.is_valid():
        return _ongeldig(request, pagina, form)
    filters = form.filters()
    eigen = eigen_organisatie_van(request.user)
    if formaat:
        getoond = getoonde_analyse(sleutel, pagina.selector, filters, eigen_organisatie=eigen)
        gevraagd = request.GET.get("tabel", "")
        tabel = getoond.tabel(gevraagd) if gevraagd else getoond.tabellen[0]
        if tabel is None:
            form.add_error(None, _("Onbekende tabel '%(tabel)s'.") % {"tabel": gevraagd})
            return _ongeldig(request, pagina, form)
        kolommen, rijen = tabel.rekentabel()
        return download(
            formaat, kolommen, rijen,
            f"analyse-{sleutel}-{tabel.sleutel}-{filters.van_jaar}-{filters.tot_jaar}",
            titel=re.sub(r"[\[\]:*?/\\]", " ", tabel.titel),  # characters a sheet name may not have
            toelichting=_toelichting(getoond.analyse, tabel.titel, filters, eigen),
        )
    querystring = _querystring(request, pagina.velden)

    def maak_resultaat() -> tuple:
        # Rendering a large table costs as much as computing it, so the rendered tables are kept too.
        getoond = getoonde_analyse(sleutel, pagina.selector, filters, eigen_organisatie=eigen)
        html = render_to_string("rapportage/analyses/tabellen.html",
                                {"tabellen": getoond.tabellen, "querystring": querystring})
        return getoond.analyse, html

    analyse, tabellen_html = bewaard("pagina", filters, (sleutel, eigen, querystring), maak_resultaat)
    return render(request, "rapportage/analyses/analyse.html", {
        "pagina": pagina, "form": form, "analyse": analyse, "tabellen_html": tabellen_html,
        # The protected tables themselves, for whoever inspects the context (tests); read only when used.
        "tabellen": SimpleLazyObject(
            lambda: getoonde_analyse(sleutel, pagina.selector, filters, eigen_organisatie=eigen).tabellen),
        "legenda": legenda(), "exact": eigen is not None, "afronding": afronding(), "drempel": drempel(),
        # a long table starts filtered to the team lead's own region (its code starts the region's name)
        "eigen_regio": request.user.organisatie.code if eigen is not None else "",
        "scriptteksten": {"alle": _("Alle"), "vorige": _("Vorige"), "volgende": _("Volgende"),
                          "sorteer": _("sorteren"), "rijen": _("Rijen %(van)s–%(tot)s van %(aantal)s")},
    })


def _view(sleutel: str):
    @regel("vt.analyses_zien")
    def view(request):
        return _analysepagina(request, sleutel)

    view.__name__ = f"analyse_{sleutel}"
    return view


ANALYSE_VIEWS = {sleutel: _view(sleutel) for sleutel in PAGINAS}


@regel("vt.notitie_maken")
@require_POST
def notitie_toevoegen(request):
    form = NotitieForm(request.POST)
    if form.is_valid():
        try:
            maak_notitie(door=request.user, **form.cleaned_data)
            messages.success(request, _("De datakwaliteitsnotitie is opgeslagen."))
        except ValidationError as exc:
            for bericht in exc.messages:
                messages.error(request, bericht)
    else:
        for fouten in form.errors.values():
            for bericht in fouten:
                messages.error(request, bericht)
    return redirect("rapportage:analyses")
