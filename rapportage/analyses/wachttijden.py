"""Wachttijden en doorlooptijden: what happens after the veiligheidsbeoordeling, and how long it takes.

Regions side by side (the last year of the period) and each region's trend per quarter: the median and 80th
percentile of the waiting time until a dienst starts, the share of onderzoeken finished within the norm
(``NORM_ONDERZOEK_WEKEN``, with the sector target ``DOEL_ONDERZOEK_BINNEN_NORM`` as a reference line), the waiting
list at the end of each quarter and its age distribution, afgeronde diensten per 10,000 inhabitants, onderzoek
outcomes per aard and overdracht destinations.

Read only from the diensten count tables (docs/rollup.md): ``TellingDuur`` (day histograms of wachttijd and
doorlooptijd), ``TellingWachtlijst`` (the stock at quarter end, by age in days), ``TellingDienst`` (started and
afgerond), ``TellingUitkomst`` and ``TellingOverdracht``. Every count knows its published cells — the region ×
the period × the table's breakdown value — so the one disclosure rule protects it; a percentile is a
``Percentiel`` cell (rapportage/onthulling.py): exact for a published cell whose count is shown, interpolated from
the protected duration classes for anything else. The histograms exist only for quarters registered in this
application: imported quarters are incomplete here (``(o)``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from diensten.selectors import norm_dagen
from kwartalen.kwartaal import Kwartaal
from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.referentie import Indeling, Inwonertallen
from rapportage.analyses.tabel import AANTAL, DAGEN, JAREN, PER_10000, PROCENT, Analyse, Grafiek, Kolom, Tabel
from rapportage.onthulling import (
    DUURKLASSEN,
    Aantal,
    Percentage,
    Percentiel,
    PerInwoners,
    Telwaarde,
    drempel,
    duurklasse,
    klasse_label,
    percentiel_van_klassen,
    publicatiecellen,
)
from rapportage.tellingen import histogram as dagen_histogram
from rapportage.tellingen.models import (
    TellingDienst,
    TellingDuur,
    TellingOverdracht,
    TellingUitkomst,
    TellingWachtlijst,
)
from vtregistratie import definities

#: The level of every count here: it has no imported history, so an imported quarter is incomplete.
NIVEAU = ("dienst",)
WACHTTIJD, DOORLOOPTIJD = "wachttijd", "doorlooptijd"
ONDERZOEK = "onderzoek"
AFGEROND = "afgerond"
MEDIAAN, P80 = 0.5, 0.8

Sleutel = tuple[int, int, int]  # organisation, year, quarter


class Duur:
    """The day histograms of one measure (wachttijd or doorlooptijd) of some diensten, per organisation × quarter."""

    def __init__(self, tabel: str, maat: str):
        self.tabel, self.maat = tabel, maat
        self.histogram: dict[Sleutel, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self._klassen: dict[Sleutel, dict[tuple, int]] = {}

    def voeg_toe(self, sleutel: Sleutel, dagen: int, n: int) -> None:
        self.histogram[sleutel][dagen] += n

    def _per_klasse(self, sleutel: Sleutel) -> dict[tuple, int]:
        if sleutel not in self._klassen:
            uit: dict[tuple, int] = defaultdict(int)
            for dagen, n in self.histogram[sleutel].items():
                uit[duurklasse(dagen)] += n
            self._klassen[sleutel] = uit
        return self._klassen[sleutel]

    def _atoom(self, sleutel: Sleutel, *extra: tuple[str, object]) -> tuple:
        org, jaar, kw = sleutel
        return (org, jaar, kw, self.tabel, (("maat", self.maat), *extra))

    def _sleutels(self, organisaties: Iterable[int], kwartalen: Iterable[Kwartaal]) -> list[Sleutel]:
        return [(o, kw.jaar, kw.kwartaal) for o in organisaties for kw in kwartalen
                if (o, kw.jaar, kw.kwartaal) in self.histogram]

    def samen(self, organisaties, kwartalen) -> dict[int, int]:
        uit: dict[int, int] = defaultdict(int)
        for s in self._sleutels(organisaties, kwartalen):
            for dagen, n in self.histogram[s].items():
                uit[dagen] += n
        return uit

    def telwaarde(self, organisaties, kwartalen, *, klasse=None, binnen: int | None = None,
                  buiten: bool = False) -> Telwaarde | int:
        """The count over these organisations and quarters (of one duration class, or within ``binnen`` days)."""
        totaal: Telwaarde | int = 0
        for s in self._sleutels(organisaties, kwartalen):
            if klasse is not None:
                n = self._per_klasse(s).get(klasse, 0)
                extra = (("klasse", klasse_label(klasse)),)
            elif binnen is not None:
                n = sum(m for d, m in self.histogram[s].items() if (d <= binnen) != buiten)
                extra = (("binnen_norm", not buiten),)
            else:
                n, extra = sum(self.histogram[s].values()), ()
            if n:
                totaal += Telwaarde({self._atoom(s, *extra): n})
        return totaal


class Diensttellingen:
    """The diensten count tables for one set of filters, each read in one query."""

    def __init__(self, g: Gegevens):
        self.g = g
        f = g.filters

        def rijen(model, *velden: str, **waar):
            qs = model.objects.filter(jaar__gte=f.van_jaar, jaar__lte=f.tot_jaar, **waar)
            if f.organisaties:
                qs = qs.filter(organisatie_id__in=f.organisaties)
            kolommen = ("organisatie_id", "jaar", "kwartaal", *velden)
            return qs.values(*kolommen).annotate(n=Sum("aantal")).order_by().values_list(*kolommen, "n")

        self.wachttijd = Duur("duur", WACHTTIJD)  # every dienst, by its startdatum
        self.doorlooptijd = Duur("duur_onderzoek", DOORLOOPTIJD)  # onderzoeken, by their einddatum
        for org, jaar, kw, dienst, maat, dagen, n in rijen(TellingDuur, "dienst", "maat", "dagen"):
            if maat == WACHTTIJD:
                self.wachttijd.voeg_toe((org, jaar, kw), dagen, n)
            elif maat == DOORLOOPTIJD and dienst == ONDERZOEK:
                self.doorlooptijd.voeg_toe((org, jaar, kw), dagen, n)
        self.wachtlijst = Duur("wachtlijst", "leeftijd")
        for org, jaar, kw, dagen, n in rijen(TellingWachtlijst, "dagen"):
            self.wachtlijst.voeg_toe((org, jaar, kw), dagen, n)
        self.diensten: dict[tuple, Telwaarde] = defaultdict(int)  # (org, jaar, kw, gebeurtenis)
        for org, jaar, kw, gebeurtenis, n in rijen(TellingDienst, "gebeurtenis"):
            self.diensten[(org, jaar, kw, gebeurtenis)] += Telwaarde(
                {(org, jaar, kw, "dienst", (("gebeurtenis", gebeurtenis),)): n})
        self.uitkomsten: dict[tuple, Telwaarde] = defaultdict(int)  # (org, jaar, kw, aard, uitkomst)
        for org, jaar, kw, aard, uitkomst, n in rijen(TellingUitkomst, "aard", "uitkomst"):
            self.uitkomsten[(org, jaar, kw, aard, uitkomst)] += Telwaarde(
                {(org, jaar, kw, "uitkomst", (("aard", aard), ("uitkomst", uitkomst))): n})
        self.overdrachten: dict[tuple, Telwaarde] = defaultdict(int)  # (org, jaar, kw, bestemming)
        for org, jaar, kw, bestemming, n in rijen(TellingOverdracht, "bestemming"):
            self.overdrachten[(org, jaar, kw, bestemming)] += Telwaarde(
                {(org, jaar, kw, "overdracht", (("bestemming", bestemming),)): n})

    # --- cells ---------------------------------------------------------------------------------------------------

    def aantal(self, waarde, organisaties, kwartalen) -> Aantal:
        return self.g.aantal(waarde, organisaties, kwartalen, NIVEAU)

    def duur_aantal(self, duur: Duur, organisaties, kwartalen) -> Aantal:
        return self.aantal(duur.telwaarde(organisaties, kwartalen), organisaties, kwartalen)

    def percentiel(self, duur: Duur, organisaties, kwartalen, p: float) -> Percentiel:
        organisaties, kwartalen = list(organisaties), list(kwartalen)
        paren = list(duur.samen(organisaties, kwartalen).items())
        exact = dagen_histogram.mediaan(paren) if p == MEDIAAN else dagen_histogram.percentiel(paren, p * 100)
        aantal = self.duur_aantal(duur, organisaties, kwartalen)
        afgeleid = None
        if len(aantal.gepubliceerd()) > 1:  # an aggregate: an outside viewer sees it from the protected classes
            orgs, kws = frozenset(organisaties), [(kw.jaar, kw.kwartaal) for kw in kwartalen]
            klassen = []
            for klasse in DUURKLASSEN:
                n = duur.telwaarde(organisaties, kwartalen, klasse=klasse)
                klassen.append(Aantal(int(n), orgs, (), publicatiecellen(getattr(n, "atomen", {}), kws)))
            afgeleid = percentiel_van_klassen(klassen, p)
        return Percentiel(aantal, exact, p, afgeleid)

    def binnen_norm(self, organisaties, kwartalen) -> Percentage:
        """The share of onderzoeken afgerond in these quarters whose doorlooptijd was within the norm."""
        organisaties, kwartalen = list(organisaties), list(kwartalen)
        d = self.doorlooptijd
        binnen = self.aantal(d.telwaarde(organisaties, kwartalen, binnen=norm_dagen()), organisaties, kwartalen)
        buiten = self.aantal(d.telwaarde(organisaties, kwartalen, binnen=norm_dagen(), buiten=True), organisaties,
                             kwartalen)
        return Percentage(binnen, binnen + buiten)

    def som(self, waarden: dict[tuple, Telwaarde], organisaties, kwartalen, *rest) -> Aantal:
        organisaties, kwartalen = list(organisaties), list(kwartalen)
        totaal = sum((waarden.get((o, kw.jaar, kw.kwartaal, *rest), 0) for o in organisaties for kw in kwartalen), 0)
        return self.aantal(totaal, organisaties, kwartalen)


def _laatste_kwartaal(kwartalen: list[Kwartaal]) -> Kwartaal:
    """The last quarter of the period that has begun: the waiting list of a later one is not known yet."""
    nu = Kwartaal.van_datum(timezone.localdate())
    begonnen = [kw for kw in kwartalen if kw <= nu]
    return begonnen[-1] if begonnen else kwartalen[0]


def wachttijden(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    t = Diensttellingen(g)
    alle = sorted(g.organisaties, key=lambda o: g.alle_organisaties[o].code)
    kwartalen = filters.kwartalen
    laatste_jaar = filters.tot_jaar
    jaar_kw = g.kwartalen_van([laatste_jaar])
    totaal_naam = _("Alle gekozen regio's") if filters.organisaties else _("Landelijk")
    # rows: every region in scope, then their total (derived for an outside viewer)
    groepen: list[tuple[str, list[int]]] = [(g.naam(o), [o]) for o in alle] + [(totaal_naam, alle)]
    inwoners = Inwonertallen(Indeling())
    doel_norm = settings.DOEL_ONDERZOEK_BINNEN_NORM
    norm_weken = settings.NORM_ONDERZOEK_WEKEN
    tabellen = []

    # --- regions side by side, last year of the period ---
    laatste_kw = _laatste_kwartaal(jaar_kw)
    per_inw_jaar = inwoners.per_organisatie(laatste_jaar)
    rijen = []
    for naam, orgs in groepen:
        afgerond = t.som(t.diensten, orgs, jaar_kw, AFGEROND)
        rijen.append([
            naam, t.som(t.diensten, orgs, jaar_kw, "gestart"),
            t.percentiel(t.wachttijd, orgs, jaar_kw, MEDIAAN), t.percentiel(t.wachttijd, orgs, jaar_kw, P80),
            t.duur_aantal(t.doorlooptijd, orgs, jaar_kw), t.binnen_norm(orgs, jaar_kw),
            t.duur_aantal(t.wachtlijst, orgs, [laatste_kw]),
            afgerond, PerInwoners(afgerond, sum(per_inw_jaar.get(o, 0) for o in orgs) or None),
        ])
    tabellen.append(Tabel(
        "regios", _("Regio's naast elkaar in %(jaar)s") % {"jaar": laatste_jaar},
        [Kolom(_("Regio"), getal=False, filter=True), Kolom(_("Diensten gestart")),
         Kolom(_("Mediane wachttijd (dagen)"), eenheid=DAGEN),
         Kolom(_("80e percentiel wachttijd (dagen)"), eenheid=DAGEN),
         Kolom(_("Onderzoeken afgerond")), Kolom(_("Binnen %(n)s weken (%%)") % {"n": norm_weken}, eenheid=PROCENT),
         Kolom(_("Wachtlijst einde %(kwartaal)s") % {"kwartaal": laatste_kw}), Kolom(_("Diensten afgerond")),
         Kolom(_("Afgerond per 10.000 inwoners"), eenheid=PER_10000)],
        rijen, Grafiek([2, 3], liggend=True, eenheid=_("dagen"), zonder_laatste_rijen=1),
        toelichting=_("Wachttijd: van de veiligheidsbeoordeling tot de start van de dienst, bij de diensten die in "
                      "het jaar startten. Binnen de norm: afgeronde onderzoeken met een doorlooptijd van ten hoogste "
                      "%(n)s weken. Inwoners op 1 januari.") % {"n": norm_weken},
    ))

    # --- trends per quarter, one row per region ---
    kolommen = [Kolom(_("Regio"), getal=False, filter=True)]

    def trend(sleutel: str, titel: str, cel, eenheid: str, toelichting: str, *, referentie=None, aantallen=False):
        tabellen.append(Tabel(
            sleutel, titel,
            [*kolommen, *[Kolom(str(kw), eenheid=eenheid) for kw in kwartalen]],
            [[naam, *[cel(orgs, [kw]) for kw in kwartalen]] for naam, orgs in groepen],
            Grafiek(list(range(1, len(kwartalen) + 1)), per_rij=True, lijn=True, categorie=_("Kwartaal"),
                    eenheid=eenheid, aantallen=aantallen, referentie=referentie),
            toelichting=toelichting,
        ))

    trend("wachttijd_mediaan", _("Mediane wachttijd tot de start van een dienst, per kwartaal (dagen)"),
          lambda orgs, kws: t.percentiel(t.wachttijd, orgs, kws, MEDIAAN), DAGEN,
          _("De helft van de diensten die in het kwartaal startten, wachtte korter dan dit aantal dagen."))
    trend("wachttijd_p80", _("80e percentiel van de wachttijd tot de start van een dienst, per kwartaal (dagen)"),
          lambda orgs, kws: t.percentiel(t.wachttijd, orgs, kws, P80), DAGEN,
          _("80%% van de diensten die in het kwartaal startten, wachtte korter dan dit aantal dagen."))
    trend("binnen_norm", _("Onderzoeken afgerond binnen %(n)s weken, per kwartaal (%%)") % {"n": norm_weken},
          t.binnen_norm, PROCENT,
          _("Van de onderzoeken die in het kwartaal werden afgerond het deel met een doorlooptijd van ten hoogste "
            "%(n)s weken. De lijn is het doel van de sector: %(doel)s%%.") % {"n": norm_weken, "doel": doel_norm},
          referentie=(_("Doel %(doel)s%%") % {"doel": doel_norm}, doel_norm))
    trend("wachtlijst", _("Wachtlijst aan het einde van het kwartaal"),
          lambda orgs, kws: t.duur_aantal(t.wachtlijst, orgs, kws), AANTAL,
          _("Meldingen met vervolgstappen van Veilig Thuis waarvan de dienst op de laatste dag van het kwartaal nog "
            "niet was gestart (een stand, geen stroom: kwartalen tellen niet op)."), aantallen=True)

    # --- age distribution of the waiting list at the end of the last quarter ---
    rijen = []
    totaal = t.duur_aantal(t.wachtlijst, alle, [laatste_kw])
    for klasse in DUURKLASSEN:
        n = t.aantal(t.wachtlijst.telwaarde(alle, [laatste_kw], klasse=klasse), alle, [laatste_kw])
        rijen.append([klasse_label(klasse), n, Percentage(n, totaal)])
    rijen.append([_("Totaal"), totaal, Percentage(totaal, totaal)])
    tabellen.append(Tabel(
        "wachtlijst_leeftijd", _("Wachtlijst einde %(kwartaal)s naar wachtduur (dagen)") % {"kwartaal": laatste_kw},
        [Kolom(_("Dagen wachtend"), getal=False), Kolom(_("Aantal")), Kolom(_("Aandeel (%)"), eenheid=PROCENT)],
        rijen, Grafiek([1], eenheid=_("aantal"), aantallen=True, zonder_laatste_rijen=1),
        toelichting=_("%(naam)s. Dagen sinds de veiligheidsbeoordeling, op de laatste dag van het kwartaal.")
        % {"naam": totaal_naam},
    ))

    # --- afgeronde diensten per 10,000 inhabitants per year ---
    jaren = filters.jaren
    rijen = []
    for naam, orgs in groepen:
        rij: list = [naam]
        for jaar in jaren:
            inw = inwoners.per_organisatie(jaar)
            rij.append(PerInwoners(t.som(t.diensten, orgs, g.kwartalen_van([jaar]), AFGEROND),
                                   sum(inw.get(o, 0) for o in orgs) or None))
        rijen.append(rij)
    tabellen.append(Tabel(
        "afgerond_per_10000", _("Afgeronde diensten per 10.000 inwoners"),
        [Kolom(_("Regio"), getal=False, filter=True),
         *[Kolom(_("%(jaar)s (inwoners %(inw)s)") % {"jaar": j, "inw": inwoners.gebruikt_jaar(j) or "–"}
                 if inwoners.gebruikt_jaar(j) not in (j, None) else str(j), eenheid=PER_10000) for j in jaren]],
        rijen, Grafiek(list(range(1, len(jaren) + 1)), liggend=True, eenheid=_("per 10.000 inwoners"),
                       kleuren=JAREN, zonder_laatste_rijen=1),
        toelichting=_("Onderzoeken en voorwaarden en vervolg, naar het jaar van de einddatum (zoals CBS ze telt)."),
    ))

    # --- onderzoek outcomes per aard, per year ---
    uitkomsten = definities.ONDERZOEK_UITKOMST.codes()
    rijen = []
    for jaar in jaren:
        kws = g.kwartalen_van([jaar])
        for aard in definities.AARD.codes():
            cellen = [t.som(t.uitkomsten, alle, kws, aard, u) for u in uitkomsten]
            if not any(c.waarde for c in cellen):
                continue
            totaal = cellen[0]
            for c in cellen[1:]:
                totaal = totaal + c
            rijen.append([str(jaar), str(definities.AARD.label(aard)), *cellen, totaal,
                          Percentage(cellen[0], totaal)])
    tabellen.append(Tabel(
        "uitkomsten", _("Uitkomst van afgeronde onderzoeken per aard"),
        [Kolom(_("Jaar"), getal=False), Kolom(_("Aard"), getal=False),
         *[Kolom(str(definities.ONDERZOEK_UITKOMST.label(u))) for u in uitkomsten], Kolom(_("Totaal")),
         Kolom(_("Bevestigd (%)"), eenheid=PROCENT)],
        rijen, Grafiek(list(range(2, 2 + len(uitkomsten))), liggend=True, label_kolommen=(0, 1), aantallen=True),
        toelichting=_("%(naam)s. Onderzoeken naar het jaar van afronding; een onderzoek naar meer aarden telt bij "
                      "elke aard; voortijdig afgesloten onderzoeken hebben geen uitkomst.") % {"naam": totaal_naam},
    ))

    # --- overdracht destinations per year ---
    rijen = []
    for bestemming in definities.OVERDRACHT_BESTEMMING.codes():
        cellen = [t.som(t.overdrachten, alle, g.kwartalen_van([j]), bestemming) for j in jaren]
        rijen.append([str(definities.OVERDRACHT_BESTEMMING.label(bestemming)), *cellen])
    tabellen.append(Tabel(
        "overdracht", _("Overdracht en vervolg naar organisatie"),
        [Kolom(_("Organisatie"), getal=False), *[Kolom(str(j)) for j in jaren]],
        rijen, Grafiek(list(range(1, len(jaren) + 1)), liggend=True, kleuren=JAREN, aantallen=True),
        toelichting=_("%(naam)s. Overdrachten na de veiligheidsbeoordeling en na een dienst, naar het jaar van de "
                      "overdracht.") % {"naam": totaal_naam},
    ))
    return Analyse(
        "wachttijden", _("Wachttijden en doorlooptijden"),
        _("Hoe lang meldingen wachten tot een dienst start, hoeveel onderzoeken binnen de norm worden afgerond, de "
          "wachtlijst aan het einde van elk kwartaal, en wat er na de melding gebeurt."),
        tabellen, notities=g.notities,
        opmerkingen=[_("Een mediaan of percentiel van een groep van minder dan %(d)s diensten is geheim (.); voor "
                       "een optelling van regio's of kwartalen wordt hij berekend uit de beveiligde aantallen per "
                       "wachtduurklasse (a).") % {"d": drempel()}],
    )
