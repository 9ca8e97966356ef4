"""The CBS StatLine tables of Veilig Thuis as data (docs/analyses.md, "StatLine tables").

Each CBS table is one ``StatLineTabel``: its code and title, its dimensions with CBS's own category labels, each
category mapped onto values of our count dimensions (``UITSPLITSINGEN`` in rapportage/tellingen/dimensies.py), and
its measures (``Gestarte adviezen (aantal)``, ``Ontvangen meldingen (aantal)``, …), each a soort of registration
with, where needed, a condition of its own. The labels are StatLine's own words (not translated: they must match
StatLine); where a label was not confirmed on StatLine, the declaration says so in ``bron``. The import check
below fails for a category that names an unknown dimension or code.

Adding a table is one more ``StatLineTabel`` in ``TABELLEN``. A measure that counts the follow-up of meldingen
(84853–84855NED: afgeronde diensten, uitkomsten, overdrachten) names its count table (``Maat.teltabel``, one of
``VOLGTABELLEN``); its categories then select on that table's dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapportage.tellingen.dimensies import (
    TELLING_DIENST,
    TELLING_OVERDRACHT,
    TELLING_UITKOMST,
    UITSPLITSINGEN,
    Dimensie,
    Teltabel,
)
from vtregistratie import definities

Voorwaarde = tuple[tuple[str, tuple], ...]  # (dimension name, the values that count), all must hold


def _voorwaarde(**waarden) -> Voorwaarde:
    return tuple(sorted((naam, tuple(w) if isinstance(w, list | tuple) else (w,)) for naam, w in waarden.items()))


@dataclass(frozen=True)
class Categorie:
    """One category of a CBS dimension: CBS's label and the values of our dimensions it counts."""

    label: str
    voorwaarde: Voorwaarde = ()  # () is CBS's "Totaal"
    #: the label of the category that this one and its siblings with the same ``deel_van`` add up to (as CBS's
    #: do: "Niet beroepsmatig totaal" + "Beroepsmatig totaal" = "Totaal"); "" when they do not add up
    deel_van: str = ""
    #: which division of ``deel_van`` it belongs to, where a total is divided more than one way (84848NED divides
    #: "Beroepsmatig totaal" by organisatie and by rol/functie)
    reeks: str = ""


def categorie(label: str, *, optellend: bool = False, deel_van: str = "", reeks: str = "", **waarden) -> Categorie:
    """``optellend``: one of the categories that add up to "Totaal"; ``deel_van``: to another category."""
    return Categorie(label, _voorwaarde(**waarden), deel_van or ("Totaal" if optellend else ""), reeks)


TOTAAL = Categorie("Totaal")


@dataclass(frozen=True)
class CbsDimensie:
    label: str  # CBS's name of the dimension, the column header
    categorieen: tuple[Categorie, ...]


@dataclass(frozen=True)
class Maat:
    """A measure (a column of numbers): CBS's label, the soort it counts and any condition of its own."""

    label: str
    soort: str
    voorwaarde: Voorwaarde = ()
    relatief_tot: str = ""  # the label of the measure this one is a percentage of
    #: the count table of the follow-up it counts (``VOLGTABELLEN``); ``None``: the registrations' counts
    #: (``Telling`` and its multi-valued tables). With a table, ``soort`` is the name its published cells carry
    #: (as on the page Wachttijden) and a category counts in this measure only where it selects on the table's
    #: dimensions; elsewhere the cell stays empty.
    teltabel: Teltabel | None = None

    def dimensie(self, naam: str) -> Dimensie | None:
        """The dimension ``naam`` that this measure can select on, or ``None``."""
        if self.teltabel is None:
            return UITSPLITSINGEN.get(naam)
        return next((d for d in self.teltabel.kenmerken if d.naam == naam and naam != "gemeente_code"), None)

    def telt(self, voorwaarde: Voorwaarde) -> bool:
        """Whether this measure can count the cells of a category (combination) with this condition."""
        return all(self.dimensie(naam) is not None for naam, _w in (*voorwaarde, *self.voorwaarde))


@dataclass(frozen=True)
class StatLineTabel:
    code: str
    titel: str
    dimensies: tuple[CbsDimensie, ...]
    maten: tuple[Maat, ...]
    #: CBS's table with the same figures per gemeente ("" when CBS publishes VT regions only)
    gemeenten: str = ""
    #: where the labels come from
    bron: str = ""
    #: what CBS has in the table that the counts do not hold (yet)
    ontbreekt: str = ""

    def kolommen(self) -> list[str]:
        return ["Perioden", "Regio's", *(d.label for d in self.dimensies), *(m.label for m in self.maten)]


#: The moments of a vervolgmelding as 85361NED names them, with our codes (VERVOLGMELDING_MOMENT).
_MOMENTEN = (("tijdens veiligheidsbeoordeling", "tijdens_beoordeling"), ("na veiligheidsbeoordeling", "na_beoordeling"),
             ("tijdens monitoring door VT", "tijdens_monitoring"))

_VERVOLGSTAPPEN = "Vervolgstappen beleggen bij Veilig Thuis"
_BEROEPSMATIG = "Beroepsmatig totaal"
_JUSTITIE = "Justitie en veiligheid: totaal"
_JUSTITIE_CODES = ("justitie_politie", "justitie_openbaar_ministerie", "justitie_reclassering", "justitie_anders")


def _organisatie(label: str, code, **kwargs) -> Categorie:
    return categorie(label, **({"deel_van": _BEROEPSMATIG, "reeks": "organisatie"} | kwargs), melder_organisatie=code)


#: 84848NED's organisation categories, each one or more codes of MELDER_ORGANISATIE (its StatLine categories).
_ORGANISATIES = (
    _organisatie("Gezondheidszorg: totaal", "gezondheidszorg"),
    _organisatie("Geestelijke gezondheidszorg: totaal", "ggz"),
    _organisatie("Kinderopvang", "kinderopvang"),
    _organisatie("Onderwijs: totaal", "onderwijs"),
    _organisatie("Bureau Leerplicht", "bureau_leerplicht"),
    _organisatie("Jeugdzorg: totaal", "jeugdzorg"),
    _organisatie(_JUSTITIE, _JUSTITIE_CODES),
    *[_organisatie(f"Justitie en veiligheid: {naam}", code, deel_van=_JUSTITIE, reeks="")
      for naam, code in zip(("politie", "openbaar ministerie", "reclassering", "anders"), _JUSTITIE_CODES,
                            strict=True)],
    _organisatie("Anders: Veilig Thuis: andere regio", "anders_vt_andere_regio"),
    _organisatie("Anders: VT: inzet regionaal maatwerk", "anders_vt_regionaal_maatwerk"),
    _organisatie("Andere organisatie: anders", "anders_andere_organisatie"),
    _organisatie("Organisatie onbekend", "onbekend"),
)
#: The aard categories of 84850NED, also the categories of the onderzoek outcomes of 84853NED.
_AARDEN = (
    categorie("Kindermishandeling", aard="kindermishandeling"),
    categorie("Geweld tegen ouders", aard="geweld_tegen_ouders"),
    categorie("(Ex-)Partnergeweld", aard="partnergeweld"),
    categorie("Ouderenmishandeling (ouder dan 65 jaar)", aard="ouderenmishandeling"),
    categorie("Huiselijk geweld overig", aard="huiselijk_geweld_overig"),
    categorie("Andere problematiek", aard="andere_problematiek"),
    categorie("Geen kindermishandeling/huiselijk geweld", aard="geen_hg_km"),
    categorie("Onbekend", aard="onbekend"),
)


def _volgmaat(label: str, teltabel: Teltabel, cellen: str, **waarden) -> Maat:
    return Maat(label, cellen, _voorwaarde(**waarden), teltabel=teltabel)


def _afgerond_onderzoek(label: str, **waarden) -> Maat:
    return _volgmaat(label, TELLING_DIENST, "dienst", dienst="onderzoek", gebeurtenis="afgerond", **waarden)


_REDENEN = tuple(c.code for c in definities.VOORTIJDIG_AFGESLOTEN_REDEN)


def _overdracht_tabel(code: str, titel: str, moment: str, maat: str) -> StatLineTabel:
    return StatLineTabel(
        code, titel,
        (CbsDimensie("Organisatie van overdracht of vervolg", (
            TOTAAL,
            *[categorie(str(c.label), optellend=True, bestemming=c.code) for c in definities.OVERDRACHT_BESTEMMING],
        )),),
        (_volgmaat(maat, TELLING_OVERDRACHT, "overdracht", moment=moment),),
        bron=f"Naar de omschrijving van {code} (overdracht en vervolg, naar organisatie); titel, dimensie, maat en "
             "de organisaties dragen de labels van de definities (bron: StatLine 84853–84855NED), niet bevestigd "
             "op StatLine. Geteld op de datum van de overdracht.",
        ontbreekt="De soort hulp na overdracht wordt geteld maar staat niet in deze tabel.",
    )


ADVIEZEN = Maat("Gestarte adviezen (aantal)", "advies")
MELDINGEN = Maat("Ontvangen meldingen (aantal)", "melding")

TABELLEN: dict[str, StatLineTabel] = {t.code: t for t in (
    StatLineTabel(
        "84848NED", "Huiselijk geweld; rol/functie, organisatie, duur geweld, Veilig Thuis-regio",
        (CbsDimensie("Kenmerken adviezen/meldingen", (
            TOTAAL,
            categorie("Niet beroepsmatig totaal", optellend=True, melder_groep="niet_professional"),
            categorie(_BEROEPSMATIG, optellend=True, melder_groep=("politie", "overige_professional")),
            *_ORGANISATIES,
            *[categorie(f"Beroep: {str(c.label)[:1].lower()}{str(c.label)[1:]}", deel_van=_BEROEPSMATIG,
                        reeks="rol/functie", melder_functie=c.code)
              for c in definities.MELDER_FUNCTIE if c.code != definities.FUNCTIE_NIET_VAN_TOEPASSING],
            # every registration has one duur (``onbekend`` when not given), so these add up to Totaal
            *[categorie(f"Duur geweld: {str(c.label)[:1].lower()}{str(c.label)[1:]}", deel_van="Totaal",
                        reeks="duur", duur_geweld=c.code)
              for c in definities.DUUR_GEWELD],
        )),),
        (ADVIEZEN, MELDINGEN), gemeenten="84849NED",
        bron="Titel, dimensie, de categorieën 'Totaal', '(Niet) beroepsmatig totaal', de organisaties op "
             "'Justitie en veiligheid: politie' (enz.) en 'Organisatie onbekend' na, 'Beroep: kinderopvang' en "
             "'Beroep: medisch: verpleegkundige', en de maten zoals op StatLine (84848NED, 84849NED); de overige "
             "rol/functie-categorieën zijn 'Beroep: ' en het label van de definities; de duurklassen zijn "
             "'Duur geweld: ' en het label van de definities (DUUR_GEWELD, de klassen van StatLine), het "
             "voorvoegsel niet bevestigd op StatLine.",
    ),
    StatLineTabel(
        "84850NED", "Huiselijk geweld; aard geweld, aanvullende informatie, Veilig Thuis-regio",
        (CbsDimensie("Aard van het geweld", (
            TOTAAL,
            _AARDEN[0],
            *[categorie(f"Kindermishandeling: {str(c.label)[:1].lower()}{str(c.label)[1:]}", aard_subvorm=c.code)
              for c in definities.AARD_SUBVORM],
            *_AARDEN[1:],
        )), CbsDimensie("Aanvullende informatie", (
            TOTAAL,
            categorie("Mensenhandel", aanvullende_informatie="mensenhandel"),
            categorie("Eergerelateerd geweld", aanvullende_informatie="eergerelateerd_geweld"),
            categorie("Huwelijksdwang", aanvullende_informatie="huwelijksdwang"),
            categorie("Achterlating", aanvullende_informatie="achterlating"),
            categorie("Vrouwelijke genitale verminking", aanvullende_informatie="vrouwelijke_genitale_verminking"),
        ))),
        (ADVIEZEN, MELDINGEN), gemeenten="84851NED",
        bron="Titel, dimensies, de categorieën van aard en 'Mensenhandel' zoals op StatLine (84850NED, 84851NED); "
             "'Andere problematiek' is op StatLine afgekort; de vormen van kindermishandeling en de overige "
             "categorieën van aanvullende informatie dragen de labels van de definities.",
        ontbreekt="Aard, vorm van kindermishandeling en aanvullende informatie worden elk apart geteld, dus niet "
                  "gekruist (alleen de rijen met 'Totaal' in een van beide). Een registratie met meer aarden of "
                  "vormen telt bij elke. De maten "
                  "'Casussen met ontvangen melding(en)' en 'Afgeronde diensten' volgen met de tellingen van de "
                  "diensten.",
    ),
    StatLineTabel(
        "84852NED", "Huiselijk geweld; veiligheidsbeoordeling en -taxatie Veilig Thuis, regio",
        (CbsDimensie("Veiligheidstaxatie", (
            TOTAAL,
            categorie("Acute onveiligheid", crisis=True),
            categorie("Structurele onveiligheid", structurele_onveiligheid=True),
        )), CbsDimensie("Veiligheidsbeoordeling", (
            TOTAAL,
            categorie(_VERVOLGSTAPPEN, optellend=True, beoordeling="vervolgstappen_vt"),
            # every melding with vervolgstappen has one vervolgdienst (a constraint on Melding)
            categorie("Vervolgstappen: onderzoek", deel_van=_VERVOLGSTAPPEN, vervolgdienst="onderzoek"),
            categorie("Vervolgstappen: voorwaarden en vervolg", deel_van=_VERVOLGSTAPPEN,
                      vervolgdienst="voorwaarden_en_vervolg"),
            categorie("Overdracht", optellend=True, beoordeling="overdracht"),
            categorie("Geen vervolgstappen nodig", optellend=True, beoordeling="geen_vervolgstappen"),
            categorie("Inzet regionaal maatwerk Veilig Thuis", optellend=True, beoordeling="regionaal_maatwerk"),
            categorie("Nog niet beoordeeld", optellend=True, beoordeling="nog_niet_beoordeeld"),
        ))),
        (MELDINGEN,),
        bron="Titel, dimensies, 'Acute onveiligheid', de uitkomsten van de veiligheidsbeoordeling en de maat "
             "zoals op StatLine (84852NED); 'Structurele onveiligheid' en de twee vervolgdiensten dragen de labels "
             "van de definities.",
        ontbreekt="Acute en structurele onveiligheid sluiten elkaar niet uit; ze tellen niet op tot het totaal.",
    ),
    StatLineTabel(
        "85361NED", "Huiselijk geweld; meldingen naar eerdere betrokkenheid Veilig Thuis, regio",
        (),
        (Maat("Ontvangen meldingen: totaal (aantal)", "melding"),
         Maat("Vervolgmelding tijdens betrokkenheid VT: totaal (aantal)", "melding",
              _voorwaarde(eerdere_betrokkenheid="vervolgmelding")),
         # a moment implies a vervolgmelding: the condition is the moment alone, so the cell is the same published
         # cell as on the page Uitsplitsingen (one true count, one identity, one perturbation)
         *[Maat(f"Vervolgmelding tijdens betrokkenheid VT: {label} (aantal)", "melding",
                _voorwaarde(vervolgmelding_moment=moment))
           for label, moment in _MOMENTEN],
         Maat("Vervolgmelding tijdens betrokkenheid VT: totaal (%)", "melding",
              _voorwaarde(eerdere_betrokkenheid="vervolgmelding"),
              relatief_tot="Ontvangen meldingen: totaal (aantal)"),
         *[Maat(f"Vervolgmelding tijdens betrokkenheid VT: {label} (%)", "melding",
                _voorwaarde(vervolgmelding_moment=moment),
                relatief_tot="Ontvangen meldingen: totaal (aantal)")
           for label, moment in _MOMENTEN]),
        gemeenten="85361NED",
        bron="Titel en de maten van vervolgmeldingen (totaal, tijdens veiligheidsbeoordeling, na "
             "veiligheidsbeoordeling, tijdens monitoring; aantal en %) zoals op StatLine (85361NED); 'Ontvangen "
             "meldingen: totaal' is de noemer van de percentages.",
    ),
    StatLineTabel(
        "84853NED", "Huiselijk geweld; afgeronde diensten onderzoek Veilig Thuis, uitkomst, regio",
        (CbsDimensie("Aard van het geweld", (TOTAAL, *_AARDEN)),),
        (_afgerond_onderzoek("Afgeronde diensten onderzoek: totaal (aantal)"),
         _afgerond_onderzoek("Voortijdig afgesloten: totaal (aantal)", afsluitreden=_REDENEN),
         *[_afgerond_onderzoek(f"Voortijdig afgesloten: {str(c.label)[:1].lower()}{str(c.label)[1:]} (aantal)",
                               afsluitreden=c.code)
           for c in definities.VOORTIJDIG_AFGESLOTEN_REDEN],
         *[_volgmaat(f"Uitkomst onderzoek: {str(c.label).lower()} (aantal)", TELLING_UITKOMST, "uitkomst",
                     uitkomst=c.code)
           for c in definities.ONDERZOEK_UITKOMST]),
        bron="Naar de omschrijving van 84853NED (afgeronde diensten onderzoek; uitkomst per aard: bevestigd, niet "
             "bevestigd, weerlegd; voortijdig afgesloten met reden); de aard-categorieën zoals op StatLine "
             "(84850NED), titel, maten en redenen met de labels van de definities (bron: StatLine 84853NED), niet "
             "bevestigd op StatLine. Geteld in het kwartaal van de einddatum, zoals StatLine afgeronde diensten "
             "telt.",
        ontbreekt="Afgeronde en voortijdig afgesloten onderzoeken zijn niet naar aard geteld: bij een aard staan "
                  "alleen de uitkomsten. De uitkomst wordt per aard vastgesteld; een onderzoek naar meer aarden "
                  "telt bij elke, dus de uitkomsten bij 'Totaal' zijn de som over de aarden.",
    ),
    _overdracht_tabel("84854NED", "Huiselijk geweld; overdracht en vervolg na veiligheidsbeoordeling, regio",
                      "na_beoordeling", "Overdracht en vervolg na veiligheidsbeoordeling (aantal)"),
    _overdracht_tabel("84855NED", "Huiselijk geweld; overdracht en vervolg na afgeronde dienst, regio",
                      "na_dienst", "Overdracht en vervolg na afgeronde dienst (aantal)"),
)}
STANDAARD_TABEL = "84848NED"


def _controleer(tabel: StatLineTabel) -> None:
    """At import: every category and measure selects on declared dimensions and on values of their code lists."""
    voorwaarden = [c.voorwaarde for d in tabel.dimensies for c in d.categorieen] + [m.voorwaarde for m in tabel.maten]
    for voorwaarde in voorwaarden:
        for naam, waarden in voorwaarde:
            dimensie = next((d for m in tabel.maten if (d := m.dimensie(naam)) is not None), None)
            if dimensie is None:
                raise RuntimeError(f"{tabel.code}: {naam} is not a dimension of the counts")
            if dimensie.codelijst is not None and set(waarden) - set(dimensie.codelijst.codes()):
                raise RuntimeError(f"{tabel.code}: {sorted(set(waarden) - set(dimensie.codelijst.codes()))} "
                                   f"are not codes of {naam}")
    if any(m.teltabel is not None and not m.telt(()) for m in tabel.maten):
        raise RuntimeError(f"{tabel.code}: a measure selects on a dimension its count table does not have")
    if tabel.gemeenten and any(m.teltabel is not None for m in tabel.maten):
        raise RuntimeError(f"{tabel.code}: the counts of the follow-up are read per VT region only")
    labels = [m.label for m in tabel.maten]
    if any(m.relatief_tot and m.relatief_tot not in labels for m in tabel.maten):
        raise RuntimeError(f"{tabel.code}: a relative measure names an unknown measure")


for _tabel in TABELLEN.values():
    _controleer(_tabel)
