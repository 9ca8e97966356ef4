"""The fixed-width record layout of the CBS delivery file, as data.

One file per organisation and half-year. Every record is ``RECORDLENGTE`` ASCII characters followed
by CR LF; the first character is the record type. Fields follow each other without separators;
what a record does not use up to ``RECORDLENGTE`` is spaces (reserve for later fields). The field
lists below are the single source of truth: the writer (``bestand``), the reader (``validatie``) and
the documentation (``python -m rapportage.cbs.layout`` prints the tables of docs/cbs-aanlevering.md,
and a test checks that the document still matches) all come from them.

Field types:

- ``AN`` alphanumeric: left-aligned, padded with spaces. Characters outside ASCII are transliterated
  (``â`` → ``a``) and anything still not ASCII becomes ``?``.
- ``C`` a code: left-aligned, padded with spaces; empty is all spaces. A code that is not ASCII or
  does not fit is refused (``Veldfout``), never cut short.
- ``N`` a number: right-aligned, padded with zeros.
- ``D`` a date as JJJJMMDD; all spaces when there is none.
- ``DT`` a local (Europe/Amsterdam) date and time as JJJJMMDDUUMMSS.
- ``JN`` ``J`` (yes) or ``N`` (no); a space when not applicable.
- ``V`` flags for a multi-valued code list: one position per code, in the order of the code list in
  ``vtregistratie.definities``, ``1`` present and ``0`` absent; positions after the last code are
  reserved for codes a later protocol adds and are ``0``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils.translation import gettext as _

from vtregistratie import definities
from vtregistratie.definities import CodeLijst

LAYOUTVERSIE = 4  # 2: aard_subvorm after aard; 3: dienst (D) and overdracht (O) records, their counts in the trailer;
# 4: melder_functie at the end of A and M
RECORDLENGTE = 400
REGELEINDE = b"\r\n"
CODERING = "ascii"

AN, C, N, D, DT, JN, V = "AN", "C", "N", "D", "DT", "JN", "V"
TYPE_OMSCHRIJVING = {
    AN: "alfanumeriek, links uitgelijnd, aangevuld met spaties",
    C: "code, links uitgelijnd, aangevuld met spaties; leeg = spaties",
    N: "getal, rechts uitgelijnd, aangevuld met nullen",
    D: "datum JJJJMMDD; leeg = spaties",
    DT: "datum en tijd JJJJMMDDUUMMSS (Europe/Amsterdam)",
    JN: "J of N; spatie = niet van toepassing",
    V: "vlaggen 1/0 per code, in de volgorde van de codelijst; reserve = 0",
}
AANVULLING = {
    AN: "links uitgelijnd, spaties",
    C: "links uitgelijnd, spaties",
    N: "rechts uitgelijnd, nullen",
    D: "geen; leeg = spaties",
    DT: "geen",
    JN: "geen; leeg = spatie",
    V: "reserveposities 0",
}


class Veldfout(ValueError):
    """A value that cannot be written into its field (too long, not ASCII, unknown code)."""

    def __init__(self, veld: str, bericht: str):
        super().__init__(f"{veld}: {bericht}")
        self.veld = veld
        self.bericht = bericht


@dataclass(frozen=True)
class Veld:
    naam: str
    lengte: int
    type: str
    omschrijving: str
    verplicht: bool = False
    codelijst: CodeLijst | None = None
    vast: str | None = None  # a fixed value (the record type)
    positie: int = 0  # 1-based; filled in by Recordsoort
    schrijf: Callable = field(default=None, compare=False, repr=False)

    @property
    def slice(self) -> slice:
        return slice(self.positie - 1, self.positie - 1 + self.lengte)


def ascii_tekst(tekst: str) -> str:
    """Transliterate to ASCII: accents dropped, anything else that is not ASCII becomes ``?``."""
    if tekst.isascii():
        return tekst
    zonder_accenten = "".join(
        teken for teken in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(teken)
    )
    return zonder_accenten.encode("ascii", "replace").decode("ascii")


def _schrijver(veld: Veld) -> Callable[[object], str]:
    """A fast formatter for one field: value in, exactly ``veld.lengte`` ASCII characters out."""
    n, naam = veld.lengte, veld.naam
    leeg = " " * n

    def te_lang(tekst):
        raise Veldfout(naam, _("'%(waarde)s' is langer dan %(n)s posities.") % {"waarde": tekst, "n": n})

    if veld.type == AN:
        def schrijf(waarde):
            tekst = "" if waarde is None else ascii_tekst(str(waarde))
            return tekst.ljust(n) if len(tekst) <= n else te_lang(tekst)
    elif veld.type == C:
        def schrijf(waarde):
            if not waarde:
                return leeg
            if not waarde.isascii():
                raise Veldfout(naam, _("'%(waarde)s' bevat tekens buiten ASCII.") % {"waarde": waarde})
            return waarde.ljust(n) if len(waarde) <= n else te_lang(waarde)
    elif veld.type == N:
        def schrijf(waarde):
            if waarde is None or waarde < 0:
                raise Veldfout(naam, _("'%(waarde)s' is geen getal van nul of meer.") % {"waarde": waarde})
            tekst = str(waarde).zfill(n)
            return tekst if len(tekst) <= n else te_lang(tekst)
    elif veld.type == D:
        def schrijf(waarde: date | None):
            return leeg if waarde is None else f"{waarde.year:04d}{waarde.month:02d}{waarde.day:02d}"
    elif veld.type == DT:
        def schrijf(waarde: datetime):
            return waarde.strftime("%Y%m%d%H%M%S")
    elif veld.type == JN:
        def schrijf(waarde):
            return " " if waarde is None else ("J" if waarde else "N")
    elif veld.type == V:
        positie = {code: i for i, code in enumerate(veld.codelijst.codes())}
        nullen = ["0"] * n

        def schrijf(waarde):
            vlaggen = nullen.copy()
            for code in waarde or ():
                if code not in positie:
                    raise Veldfout(naam, _("'%(code)s' is geen code van %(lijst)s.")
                                   % {"code": code, "lijst": veld.codelijst.naam})
                vlaggen[positie[code]] = "1"
            return "".join(vlaggen)
    else:  # pragma: no cover - the layout below only uses the types above
        raise ValueError(f"unknown field type {veld.type}")
    return schrijf


class Recordsoort:
    """One record type: its code (first position) and its fields, with positions filled in."""

    def __init__(self, code: str, naam: str, omschrijving: str, velden: Sequence[Veld]):
        self.code, self.naam, self.omschrijving = code, naam, omschrijving
        positie, gevuld = 1, []
        for veld in velden:
            veld = replace(veld, positie=positie)
            gevuld.append(replace(veld, schrijf=_schrijver(veld)))
            positie += veld.lengte
        self.velden: tuple[Veld, ...] = tuple(gevuld)
        self.gebruikt = positie - 1
        self._controleer()
        self._vulling = " " * (RECORDLENGTE - self.gebruikt)
        self._schrijvers = tuple(v.schrijf for v in self.velden[1:])
        self._slices = tuple((v.naam, v.slice) for v in self.velden)
        self.veld = {v.naam: v for v in self.velden}

    def _controleer(self) -> None:
        if self.gebruikt > RECORDLENGTE:
            raise RuntimeError(f"record {self.code} uses {self.gebruikt} > {RECORDLENGTE} positions")
        eerste = self.velden[0]
        if (eerste.naam, eerste.lengte, eerste.vast) != ("recordsoort", 1, self.code):
            raise RuntimeError(f"record {self.code} must start with its one-letter record type")
        namen = [v.naam for v in self.velden]
        if len(set(namen)) != len(namen):
            raise RuntimeError(f"record {self.code} has a field name twice")
        for veld in self.velden:
            lijst = veld.codelijst
            if lijst is None:
                continue
            if veld.type == V and len(lijst) > veld.lengte:
                raise RuntimeError(f"{self.code}.{veld.naam}: {len(lijst)} codes do not fit in {veld.lengte} flags")
            if veld.type == C and max(len(code) for code in lijst.codes()) > veld.lengte:
                raise RuntimeError(f"{self.code}.{veld.naam}: a code of {lijst.naam} is longer than the field")

    def regel(self, waarden: Sequence) -> str:
        """One record (without line end) from the values of every field after the record type, in order."""
        return "".join((self.code, *(s(w) for s, w in zip(self._schrijvers, waarden, strict=True)), self._vulling))

    def regel_met_fouten(self, waarden: Sequence) -> tuple[str, list[Veldfout]]:
        """Like ``regel``, but a field that cannot be written is left blank and its error returned."""
        delen, fouten = [self.code], []
        for veld, waarde in zip(self.velden[1:], waarden, strict=True):
            try:
                delen.append(veld.schrijf(waarde))
            except Veldfout as fout:
                delen.append(" " * veld.lengte)
                fouten.append(fout)
        return "".join(delen) + self._vulling, fouten

    def lees(self, regel: str) -> dict[str, str]:
        """The raw text of every field of a record (unstripped)."""
        return {naam: regel[s] for naam, s in self._slices}


def _soort(code: str) -> Veld:
    return Veld("recordsoort", 1, AN, f"Recordsoort, altijd {code}.", verplicht=True, vast=code)


_ORGANISATIE = Veld("organisatie", 4, C, "Code van de Veilig Thuis-organisatie (VT01–VT27).", verplicht=True)
_DEFINITIES = Veld("definities_versie", 10, AN, "Versie van de definities waaronder geregistreerd is.",
                   verplicht=True)
# Added in layout version 4, after the fields of version 3, so their positions stay.
_FUNCTIE = Veld("melder_functie", 30, C, "Rol/functie van de melder zoals geteld (StatLine): onbekend als een "
                "beroepsmatige melder er geen heeft, niet_van_toepassing bij een niet-beroepsmatige melder.",
                verplicht=True, codelijst=definities.MELDER_FUNCTIE)


def _melder_en_inhoud() -> list[Veld]:
    return [
        Veld("gemeente", 6, C, "CBS-code van de gemeente van de betrokkenen (GMnnnn); spaties = onbekend."),
        Veld("beroepsmatig", 1, JN, "Meldt of vraagt de melder in een beroep?", verplicht=True),
        Veld("melder_organisatietype", 30, C, "Organisatietype van een beroepsmatige melder; anders spaties.",
             codelijst=definities.MELDER_ORGANISATIETYPE),
        Veld("melder_relatie", 30, C, "Relatie van een niet-beroepsmatige melder; anders spaties.",
             codelijst=definities.MELDER_RELATIE),
        Veld("melder_groep", 30, C, "Meldergroep (afgeleid): politie, overige_professional, niet_professional.",
             verplicht=True, codelijst=definities.MELDER_GROEP),
        Veld("impactmonitor_groep", 30, C, "Meldergroep van de CBS Impactmonitor (afgeleid, 13 groepen).",
             verplicht=True, codelijst=definities.IMPACTMONITOR_GROEP),
        Veld("anoniem", 1, JN, "Anoniem contact (alleen bij een advies mogelijk).", verplicht=True),
        Veld("aard", 12, V, "Aard van het geweld, meervoudig: vlag per code van AARD.", codelijst=definities.AARD),
        Veld("aard_subvorm", 16, V, "Vorm van het geweld (StatLine-subvormen van een aard), meervoudig: vlag per "
             "code van AARD_SUBVORM; een vorm komt alleen voor samen met zijn aard.",
             codelijst=definities.AARD_SUBVORM),
        Veld("aanvullende_informatie", 8, V, "Aanvullende informatie, meervoudig: vlag per code van "
             "AANVULLENDE_INFORMATIE.", codelijst=definities.AANVULLENDE_INFORMATIE),
        Veld("duur_geweld", 30, C, "Duur van het geweld.", verplicht=True, codelijst=definities.DUUR_GEWELD),
    ]


HEADER = Recordsoort("H", "header", "Eerste record: organisatie, periode, versie en wat er geleverd is.", [
    _soort("H"),
    _ORGANISATIE,
    Veld("organisatienaam", 40, AN, "Naam van de organisatie aan het eind van de periode (ASCII).",
         verplicht=True),
    Veld("jaar", 4, N, "Jaar van de periode.", verplicht=True),
    Veld("halfjaar", 1, N, "Halfjaar: 1 (kwartaal 1 en 2) of 2 (kwartaal 3 en 4).", verplicht=True),
    Veld("versie", 3, N, "Versie van de aanlevering over deze periode; een correctie is de volgende versie en "
         "vervangt de vorige geheel.", verplicht=True),
    Veld("aanmaakmoment", 14, DT, "Moment van aanmaken.", verplicht=True),
    Veld("kwartaal_1", 1, N, "Nummer van het eerste kwartaal van het halfjaar (1 of 3).", verplicht=True),
    Veld("kwartaal_1_status", 10, C, "Status van dat kwartaal bij het aanmaken: open, voorlopig, definitief.",
         verplicht=True, codelijst=definities.KWARTAAL_STATUS),
    Veld("kwartaal_1_geleverd", 1, JN, "J: de registraties van dat kwartaal staan in dit bestand (alleen bij "
         "voorlopig of definitief).", verplicht=True),
    Veld("kwartaal_2", 1, N, "Nummer van het tweede kwartaal van het halfjaar (2 of 4).", verplicht=True),
    Veld("kwartaal_2_status", 10, C, "Status van het tweede kwartaal bij het aanmaken.", verplicht=True,
         codelijst=definities.KWARTAAL_STATUS),
    Veld("kwartaal_2_geleverd", 1, JN, "J: de registraties van het tweede kwartaal staan in dit bestand.",
         verplicht=True),
    _DEFINITIES,
    Veld("layoutversie", 2, N, "Versie van deze recordindeling.", verplicht=True),
    Veld("recordlengte", 4, N, "Lengte van elk record in tekens, zonder regeleinde.", verplicht=True),
])

ADVIES = Recordsoort("A", "advies", "Eén record per advies met een startdatum in een geleverd kwartaal.", [
    _soort("A"),
    _ORGANISATIE,
    Veld("nummer", 16, AN, "Nummer van het advies (A-JJJJ-nnnnnn), uniek binnen de organisatie.", verplicht=True),
    Veld("startdatum", 8, D, "Startdatum; bepaalt het kwartaal waarin het advies telt.", verplicht=True),
    Veld("einddatum", 8, D, "Einddatum; spaties zolang het advies loopt."),
    *_melder_en_inhoud(),
    _DEFINITIES,
    _FUNCTIE,
])

MELDING = Recordsoort("M", "melding", "Eén record per melding met een ontvangstdatum in een geleverd kwartaal.", [
    _soort("M"),
    _ORGANISATIE,
    Veld("nummer", 16, AN, "Nummer van de melding (M-JJJJ-nnnnnn), uniek binnen de organisatie.", verplicht=True),
    Veld("casusnummer", 16, AN, "Nummer van de casus (C-JJJJ-nnnnnn); koppelt meldingen over (deels) dezelfde "
         "betrokkenen, in plaats van BSN.", verplicht=True),
    Veld("ontvangstdatum", 8, D, "Ontvangstdatum; bepaalt het kwartaal waarin de melding telt.", verplicht=True),
    *_melder_en_inhoud(),
    Veld("crisis", 1, JN, "Acute onveiligheid (crisis).", verplicht=True),
    Veld("structurele_onveiligheid", 1, JN, "Structurele onveiligheid.", verplicht=True),
    Veld("eerdere_betrokkenheid", 20, C, "Eerdere betrokkenheid (afgeleid uit de casus).", verplicht=True,
         codelijst=definities.EERDERE_BETROKKENHEID),
    Veld("beoordelingstermijn", 8, D, "Uiterste datum van de veiligheidsbeoordeling (5 werkdagen, bij crisis "
         "dezelfde dag).", verplicht=True),
    Veld("beoordeling_datum", 8, D, "Datum van de veiligheidsbeoordeling; spaties = nog niet beoordeeld."),
    Veld("beoordeling", 30, C, "Uitkomst van de veiligheidsbeoordeling; nog_niet_beoordeeld zonder datum.",
         verplicht=True, codelijst=definities.VEILIGHEIDSBEOORDELING_UITKOMST),
    Veld("vervolgdienst", 30, C, "Vervolgdienst, alleen bij vervolgstappen_vt.", codelijst=definities.VERVOLGDIENST),
    Veld("binnen_termijn", 1, JN, "Beoordeeld binnen de wettelijke termijn; spatie = nog niet beoordeeld."),
    _DEFINITIES,
    _FUNCTIE,
])

CASUS = Recordsoort("C", "casus", "Eén record per casus waarvan een melding in dit bestand staat.", [
    _soort("C"),
    _ORGANISATIE,
    Veld("casusnummer", 16, AN, "Nummer van de casus (C-JJJJ-nnnnnn).", verplicht=True),
    Veld("geopend_op", 8, D, "Datum waarop de casus geopend is.", verplicht=True),
    Veld("afgesloten_op", 8, D, "Datum waarop de betrokkenheid van Veilig Thuis eindigde (bij het aanmaken); "
         "spaties = nog betrokken."),
    Veld("aantal_meldingen", 6, N, "Aantal meldingen van deze casus in dit bestand.", verplicht=True),
])

def _uitkomst(uitkomst: str) -> Veld:
    return Veld(f"uitkomst_{uitkomst}", 12, V, f"Aarden waarvoor het onderzoek '{uitkomst}' uitkwam (vlag per code van "
                "AARD); alleen bij een afgerond, niet voortijdig afgesloten onderzoek, elke aard van de melding in "
                "precies één van de drie velden.", codelijst=definities.AARD)


DIENST = Recordsoort("D", "dienst", "Eén record per dienst die in een geleverd kwartaal is gestart of afgerond.", [
    _soort("D"),
    _ORGANISATIE,
    Veld("nummer", 16, AN, "Nummer van de melding (M-JJJJ-nnnnnn) waarop de dienst volgt; één dienst per melding.",
         verplicht=True),
    Veld("casusnummer", 16, AN, "Nummer van de casus van die melding (C-JJJJ-nnnnnn).", verplicht=True),
    Veld("gemeente", 6, C, "CBS-code van de gemeente van de melding; spaties = onbekend."),
    Veld("soort", 30, C, "Soort dienst.", verplicht=True, codelijst=definities.VERVOLGDIENST),
    Veld("besluitdatum", 8, D, "Datum van de veiligheidsbeoordeling (besluit); de wachttijd loopt tot de start.",
         verplicht=True),
    Veld("startdatum", 8, D, "Startdatum; de dienst telt als gestart in dit kwartaal.", verplicht=True),
    Veld("einddatum", 8, D, "Einddatum; de dienst telt als afgerond in dit kwartaal; spaties zolang hij loopt."),
    Veld("afsluitreden", 40, C, "Reden van een voortijdig afgesloten onderzoek; anders spaties.",
         codelijst=definities.VOORTIJDIG_AFGESLOTEN_REDEN),
    _uitkomst("bevestigd"),
    _uitkomst("niet_bevestigd"),
    _uitkomst("weerlegd"),
])

OVERDRACHT = Recordsoort("O", "overdracht", "Eén record per overdracht met een datum in een geleverd kwartaal.", [
    _soort("O"),
    _ORGANISATIE,
    Veld("nummer", 16, AN, "Nummer van de melding (M-JJJJ-nnnnnn).", verplicht=True),
    Veld("casusnummer", 16, AN, "Nummer van de casus van die melding.", verplicht=True),
    Veld("gemeente", 6, C, "CBS-code van de gemeente van de melding; spaties = onbekend."),
    Veld("moment", 15, C, "Na de veiligheidsbeoordeling of na de dienst van de melding (afgeleid).", verplicht=True,
         codelijst=definities.OVERDRACHT_MOMENT),
    Veld("datum", 8, D, "Datum van de overdracht; bepaalt het kwartaal.", verplicht=True),
    Veld("bestemming", 40, C, "Organisatie waaraan is overgedragen.", verplicht=True,
         codelijst=definities.OVERDRACHT_BESTEMMING),
    Veld("hulp", 30, C, "Soort hulp, voor zover bekend; spaties = onbekend.", codelijst=definities.HULP_SOORT),
])

TRAILER = Recordsoort("T", "trailer", "Laatste record: aantallen per recordsoort en controlegetal.", [
    _soort("T"),
    _ORGANISATIE,
    Veld("jaar", 4, N, "Jaar van de periode (als in de header).", verplicht=True),
    Veld("halfjaar", 1, N, "Halfjaar (als in de header).", verplicht=True),
    Veld("versie", 3, N, "Versie (als in de header).", verplicht=True),
    Veld("aantal_adviezen", 9, N, "Aantal A-records.", verplicht=True),
    Veld("aantal_meldingen", 9, N, "Aantal M-records.", verplicht=True),
    Veld("aantal_casussen", 9, N, "Aantal C-records.", verplicht=True),
    Veld("aantal_diensten", 9, N, "Aantal D-records.", verplicht=True),
    Veld("aantal_overdrachten", 9, N, "Aantal O-records.", verplicht=True),
    Veld("aantal_records", 9, N, "Aantal records in het bestand, header en trailer meegeteld.", verplicht=True),
    Veld("sha256", 64, AN, "SHA-256 (hexadecimaal, kleine letters) van alle bytes vóór dit record, regeleinden "
         "meegeteld.", verplicht=True),
])

RECORDSOORTEN: dict[str, Recordsoort] = {r.code: r for r in (HEADER, ADVIES, MELDING, CASUS, DIENST, OVERDRACHT,
                                                                TRAILER)}
#: The order of the records in a file.
VOLGORDE = "HAMCDOT"


def markdown(recordsoort: Recordsoort) -> str:
    """The documentation table of one record type (docs/cbs-aanlevering.md)."""
    regels = [
        "| positie | lengte | type | aanvulling | veld | verplicht | betekenis |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for v in recordsoort.velden:
        omschrijving = v.omschrijving
        if v.type == V:
            codes = ", ".join(f"{i}={code}" for i, code in enumerate(v.codelijst.codes(), start=1))
            omschrijving += f" Posities: {codes}; {len(v.codelijst) + 1}–{v.lengte} reserve (0)."
        elif v.codelijst is not None and v.type == C:
            omschrijving += f" Codelijst `{v.codelijst.naam}`."
        eind = v.positie + v.lengte - 1
        regels.append(
            f"| {v.positie}–{eind} | {v.lengte} | {v.type} | {AANVULLING[v.type]} | `{v.naam}` | "
            f"{'ja' if v.verplicht else 'nee'} | "
            f"{omschrijving} |"
        )
    if recordsoort.gebruikt < RECORDLENGTE:
        regels.append(f"| {recordsoort.gebruikt + 1}–{RECORDLENGTE} | {RECORDLENGTE - recordsoort.gebruikt} | AN | "
                      f"spaties | (reserve) | nee | Vrij voor latere velden. |")
    return "\n".join(regels)


if __name__ == "__main__":  # pragma: no cover - prints the tables for the documentation
    for soort in RECORDSOORTEN.values():
        print(f"### {soort.code} – {soort.naam}\n\n{soort.omschrijving}\n\n{markdown(soort)}\n")
