"""The code lists of the Beleidsinformatie Veilig Thuis (CBS, Informatieprotocol 2.0, in force since
1 January 2019), each code with its Dutch label, its definition and its validity.

Every code list of the application lives here; nothing else hard-codes a code. A new protocol
version adds codes with a ``geldig_van`` and ends old ones with a ``geldig_tot``; a code is never
deleted, because registrations made under it keep it. Codes are ours; the lists follow CBS StatLine
tables 84848–84855NED and 85361NED.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

VERSIE = "2019.1"
PROTOCOL_BEGIN = date(2019, 1, 1)

Tekst = str | Promise


@dataclass(frozen=True)
class Code:
    code: str
    label: Tekst
    definitie: Tekst
    geldig_van: date = PROTOCOL_BEGIN
    geldig_tot: date | None = None

    def is_geldig_op(self, datum: date) -> bool:
        """Half-open validity: ``geldig_van <= datum < geldig_tot``; no end is unbounded."""
        return self.geldig_van <= datum and (self.geldig_tot is None or datum < self.geldig_tot)


class CodeLijst:
    def __init__(self, naam: str, label: Tekst, codes: tuple[Code, ...], *, meervoudig: bool = False,
                 afgeleid: bool = False):
        self.naam = naam
        self.label = label
        self.meervoudig = meervoudig
        self.afgeleid = afgeleid  # derived by the application, never entered
        self._codes: dict[str, Code] = {}
        for code in codes:
            if code.code in self._codes:
                raise ValueError(f"duplicate code {code.code!r} in {naam}")
            self._codes[code.code] = code

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"CodeLijst({self.naam!r}, {len(self)} codes)"

    def codes(self) -> list[str]:
        return list(self._codes)

    def get(self, code: str) -> Code:
        return self._codes[code]

    def label_van(self, code: str) -> Tekst:
        return self._codes[code].label

    label_voor = label_van

    def is_geldig(self, code: str, op: date) -> bool:
        return code in self._codes and self._codes[code].is_geldig_op(op)

    def choices(self, op: date | None = None) -> list[tuple[str, Tekst]]:
        return [(c.code, c.label) for c in self if op is None or c.is_geldig_op(op)]


def _lijst(naam: str, label: Tekst, *codes: tuple[str, Tekst, Tekst], **kwargs) -> CodeLijst:
    return CodeLijst(naam, label, tuple(Code(code, lab, definitie) for code, lab, definitie in codes), **kwargs)


SOORT_CONTACT = _lijst(
    "soort_contact", _("Soort contact"),
    ("advies", _("Advies"), _("Een geheel van aanwijzingen, adviezen en tips afgestemd op de behoefte van de "
                              "adviesvrager, zodat die zelf kan handelen; Veilig Thuis onderneemt geen actie richting "
                              "de betrokkenen.")),
    ("melding", _("Melding"), _("Het bij Veilig Thuis bekendmaken van een (vermoeden van) huiselijk geweld of "
                                "kindermishandeling met de identiteit van de betrokkenen; vanaf dan is Veilig Thuis "
                                "verantwoordelijk voor hun veiligheid.")),
)

MELDER_ORGANISATIETYPE = _lijst(
    "melder_organisatietype", _("Organisatietype van de beroepsmatige melder"),
    ("huisarts", _("Huisarts"), _("Huisartsenpraktijk of huisartsenpost.")),
    ("ziekenhuis", _("Ziekenhuis"), _("Ziekenhuis, inclusief spoedeisende hulp.")),
    ("jgz_ggd", _("Jeugdgezondheidszorg / GGD"), _("Jeugdgezondheidszorg, consultatiebureau of GGD.")),
    ("verloskunde_kraamzorg", _("Verloskunde / kraamzorg"), _("Verloskundige of kraamzorg.")),
    ("gezondheidszorg_overig", _("Overige gezondheidszorg"), _("Andere gezondheidszorg, zoals tandarts of "
                                                               "fysiotherapeut.")),
    ("ggz", _("GGZ"), _("Geestelijke gezondheidszorg, inclusief verslavingszorg.")),
    ("kinderopvang", _("Kinderopvang"), _("Kinderdagverblijf, peuterspeelzaal, buitenschoolse opvang of "
                                          "gastouder.")),
    ("onderwijs", _("Onderwijs"), _("School of andere onderwijsinstelling.")),
    ("leerplicht", _("Leerplicht"), _("Leerplichtambtenaar.")),
    ("jeugdhulp", _("Jeugdhulp"), _("Aanbieder van jeugdhulp.")),
    ("gecertificeerde_instelling", _("Gecertificeerde instelling"), _("Instelling voor jeugdbescherming of "
                                                                      "jeugdreclassering.")),
    ("politie", _("Politie"), _("Politie.")),
    ("openbaar_ministerie", _("Openbaar Ministerie"), _("Openbaar Ministerie.")),
    ("reclassering", _("Reclassering"), _("Reclassering.")),
    ("justitie_overig", _("Justitie overig"), _("Andere justitiële organisatie, zoals de Raad voor de "
                                                "Kinderbescherming.")),
    ("maatschappelijk_werk", _("Maatschappelijk werk"), _("Algemeen maatschappelijk werk.")),
    ("wijkteam_gemeente", _("Wijkteam / gemeente"), _("Sociaal wijkteam, lokaal team of andere gemeentelijke "
                                                      "dienst.")),
    ("vt_andere_regio", _("Veilig Thuis andere regio"), _("Een Veilig Thuis-organisatie van een andere regio.")),
    ("vt_regionaal_maatwerk", _("Veilig Thuis regionaal maatwerk"), _("Melding vanuit regionaal maatwerk van Veilig "
                                                                      "Thuis zelf.")),
    ("organisatie_overig", _("Overige organisatie"), _("Een andere beroepsmatige organisatie.")),
    ("onbekend", _("Onbekend"), _("Beroepsmatig, maar het type organisatie is niet bekend.")),
)

MELDER_RELATIE = _lijst(
    "melder_relatie", _("Relatie van de niet-beroepsmatige melder"),
    ("betrokkene_jeugdige", _("Betrokkene zelf (jeugdige)"), _("Een jeugdige die zelf betrokken is.")),
    ("betrokkene_volwassene", _("Betrokkene zelf (volwassene)"), _("Een volwassene die zelf betrokken is.")),
    ("familielid", _("Familielid"), _("Een familielid van de betrokkenen.")),
    ("sociaal_netwerk", _("Sociaal netwerk"), _("Vriend, kennis of ander sociaal netwerk.")),
    ("buurtbewoner", _("Buurtbewoner"), _("Een buurtbewoner.")),
    ("vrijwilliger", _("Vrijwilliger"), _("Een vrijwilliger, zoals bij een vereniging.")),
    ("anders", _("Anders"), _("Een andere niet-beroepsmatige melder.")),
    ("onbekend", _("Onbekend"), _("Niet beroepsmatig, maar de relatie is niet bekend.")),
)

MELDER_GROEP = _lijst(
    "melder_groep", _("Meldergroep"),
    ("politie", _("Politie"), _("Beroepsmatige melder van het organisatietype politie.")),
    ("overige_professional", _("Overige professional"), _("Elke andere beroepsmatige melder.")),
    ("niet_professional", _("Niet-professional"), _("Een melder die niet beroepsmatig contact opneemt.")),
    afgeleid=True,
)

IMPACTMONITOR_GROEP = _lijst(
    "impactmonitor_groep", _("Meldergroep Impactmonitor"),
    ("politie", _("Politie"), _("Politie.")),
    ("justitie", _("Justitie"), _("Openbaar Ministerie, reclassering en overige justitie.")),
    ("huisarts", _("Huisarts"), _("Huisarts.")),
    ("ziekenhuis", _("Ziekenhuis"), _("Ziekenhuis.")),
    ("jgz_ggd", _("Jeugdgezondheidszorg / GGD"), _("Jeugdgezondheidszorg en GGD.")),
    ("gezondheidszorg_overig", _("Overige gezondheidszorg"), _("Verloskunde, kraamzorg, GGZ en overige "
                                                               "gezondheidszorg.")),
    ("onderwijs_kinderopvang", _("Onderwijs en kinderopvang"), _("Onderwijs, leerplicht en kinderopvang.")),
    ("jeugdhulp", _("Jeugdhulp en gecertificeerde instelling"), _("Jeugdhulp en gecertificeerde instellingen.")),
    ("maatschappelijk_werk", _("Maatschappelijk werk"), _("Maatschappelijk werk.")),
    ("wijkteam_gemeente", _("Wijkteam / gemeente"), _("Wijkteam of gemeente.")),
    ("veilig_thuis", _("Veilig Thuis"), _("Veilig Thuis van een andere regio of regionaal maatwerk.")),
    ("organisatie_overig", _("Overige of onbekende organisatie"), _("Overige of onbekende beroepsmatige melder.")),
    ("niet_professional", _("Niet-professional"), _("Elke niet-beroepsmatige melder.")),
    afgeleid=True,
)

AARD = _lijst(
    "aard", _("Aard van het geweld"),
    ("kindermishandeling", _("Kindermishandeling"), _("Mishandeling, verwaarlozing of misbruik van een minderjarige "
                                                      "door een ouder of ander in een afhankelijkheidsrelatie.")),
    ("geweld_tegen_ouders", _("Geweld tegen ouders"), _("Geweld van een kind tegen een ouder.")),
    ("partnergeweld", _("Partnergeweld"), _("Geweld tussen (ex-)partners.")),
    ("ouderenmishandeling", _("Ouderenmishandeling"), _("Mishandeling van iemand van 65 jaar of ouder.")),
    ("huiselijk_geweld_overig", _("Overig huiselijk geweld"), _("Ander geweld in de huiselijke kring.")),
    ("andere_problematiek", _("Andere problematiek"), _("Geen huiselijk geweld of kindermishandeling, maar andere "
                                                        "problematiek.")),
    ("geen_hg_km", _("Geen huiselijk geweld of kindermishandeling"), _("Er is geen sprake van huiselijk geweld of "
                                                                       "kindermishandeling.")),
    ("onbekend", _("Onbekend"), _("De aard is (nog) niet bekend.")),
    meervoudig=True,
)

AANVULLENDE_INFORMATIE = _lijst(
    "aanvullende_informatie", _("Aanvullende informatie"),
    ("mensenhandel", _("Mensenhandel"), _("Er is sprake van (een vermoeden van) mensenhandel.")),
    ("eergerelateerd_geweld", _("Eergerelateerd geweld"), _("Geweld vanuit een eer-opvatting.")),
    ("huwelijksdwang", _("Huwelijksdwang"), _("Iemand wordt gedwongen tot een huwelijk.")),
    ("achterlating", _("Achterlating"), _("Iemand wordt tegen de eigen wil in het buitenland achtergelaten.")),
    ("vrouwelijke_genitale_verminking", _("Vrouwelijke genitale verminking"), _("Besnijdenis of andere verminking "
                                                                                 "van de vrouwelijke geslachtsdelen.")),
    meervoudig=True,
)

DUUR_GEWELD = _lijst(
    "duur_geweld", _("Duur van het geweld"),
    ("tot_1_week", _("Tot 1 week"), _("Het geweld duurt korter dan een week.")),
    ("1_week_tot_1_maand", _("1 week tot 1 maand"), _("Het geweld duurt een week tot een maand.")),
    ("1_tot_6_maanden", _("1 tot 6 maanden"), _("Het geweld duurt een tot zes maanden.")),
    ("6_tot_12_maanden", _("6 tot 12 maanden"), _("Het geweld duurt zes tot twaalf maanden.")),
    ("1_tot_5_jaar", _("1 tot 5 jaar"), _("Het geweld duurt een tot vijf jaar.")),
    ("meer_dan_5_jaar", _("Meer dan 5 jaar"), _("Het geweld duurt langer dan vijf jaar.")),
    ("onbekend", _("Onbekend"), _("De duur is niet bekend.")),
)

CRISIS_DEFINITIE = _(
    "Acute onveiligheid: een persoon verkeert in direct fysiek gevaar, de veiligheid is in de komende uren of dagen "
    "niet gewaarborgd en er is nu bescherming nodig."
)
STRUCTURELE_ONVEILIGHEID_DEFINITIE = _(
    "Structurele onveiligheid: er is sprake van herhaald of langdurig geweld of een patroon van onveiligheid."
)

VEILIGHEIDSBEOORDELING_UITKOMST = _lijst(
    "veiligheidsbeoordeling_uitkomst", _("Uitkomst veiligheidsbeoordeling"),
    ("vervolgstappen_vt", _("Vervolgstappen Veilig Thuis"), _("Veilig Thuis zet zelf vervolgstappen: onderzoek, of "
                                                              "voorwaarden en vervolg.")),
    ("overdracht", _("Overdracht"), _("Overdracht aan het lokale veld (wijkteam of gemeente).")),
    ("geen_vervolgstappen", _("Geen vervolgstappen"), _("Er zijn geen vervolgstappen nodig.")),
    ("regionaal_maatwerk", _("Regionaal maatwerk"), _("Afhandeling volgens regionale afspraken.")),
    ("nog_niet_beoordeeld", _("Nog niet beoordeeld"), _("Er is (nog) geen datum van de veiligheidsbeoordeling; "
                                                        "afgeleid, nooit ingevoerd.")),
)
BEOORDELING_WERKDAGEN = 5

VERVOLGDIENST = _lijst(
    "vervolgdienst", _("Vervolgdienst"),
    ("onderzoek", _("Onderzoek"), _("Veilig Thuis doet onderzoek naar de situatie.")),
    ("voorwaarden_en_vervolg", _("Voorwaarden en vervolg"), _("Veilig Thuis stelt voorwaarden en volgt of ze worden "
                                                              "nagekomen.")),
)

EERDERE_BETROKKENHEID = _lijst(
    "eerdere_betrokkenheid", _("Eerdere betrokkenheid"),
    ("eerste_melding", _("Eerste melding"), _("De melding opent een nieuwe casus.")),
    ("hermelding", _("Hermelding"), _("De casus is bekend en de betrokkenheid van Veilig Thuis was beëindigd.")),
    ("vervolgmelding", _("Vervolgmelding"), _("De casus is bekend en Veilig Thuis is nog betrokken.")),
    ("niet_ingedeeld", _("Niet ingedeeld"), _("Niet in te delen.")),
    afgeleid=True,
)

KWARTAAL_STATUS = _lijst(
    "kwartaal_status", _("Status van een kwartaal"),
    ("open", _("Open"), _("Registraties kunnen worden toegevoegd en gewijzigd.")),
    ("voorlopig", _("Voorlopig"), _("Afgesloten door de teamleider; de cijfers zijn voorlopig (*).")),
    ("definitief", _("Definitief"), _("Vastgesteld: registraties in dit kwartaal kunnen niet meer worden "
                                      "toegevoegd, gewijzigd of verwijderd.")),
)

ROL = _lijst(
    "rol", _("Rol"),
    ("intake", _("Intake"), _("Registreert adviezen en meldingen voor de eigen organisatie.")),
    ("teamleider", _("Teamleider"), _("Ziet de exacte kwartaaltellingen van de eigen organisatie, sluit kwartalen af "
                                      "en verzorgt de CBS-aanlevering.")),
    ("gemeente", _("Gemeente"), _("Ziet geaggregeerde analyses over regio's en gemeenten, afgerond; nooit een "
                                  "afzonderlijke registratie.")),
    ("beheer", _("Beheer"), _("Beheert de referentiedata (regio's, gemeenten, inwoners) en de gebruikers.")),
)

CODELIJSTEN: dict[str, CodeLijst] = {
    lijst.naam: lijst
    for lijst in (
        SOORT_CONTACT, MELDER_ORGANISATIETYPE, MELDER_RELATIE, MELDER_GROEP, IMPACTMONITOR_GROEP, AARD,
        AANVULLENDE_INFORMATIE, DUUR_GEWELD, VEILIGHEIDSBEOORDELING_UITKOMST, VERVOLGDIENST, EERDERE_BETROKKENHEID,
        KWARTAAL_STATUS, ROL,
    )
}

# --- Derivations: never entered by users -------------------------------------------------------

IMPACTMONITOR_PER_ORGANISATIETYPE: dict[str, str] = {
    "politie": "politie",
    "openbaar_ministerie": "justitie",
    "reclassering": "justitie",
    "justitie_overig": "justitie",
    "huisarts": "huisarts",
    "ziekenhuis": "ziekenhuis",
    "jgz_ggd": "jgz_ggd",
    "verloskunde_kraamzorg": "gezondheidszorg_overig",
    "ggz": "gezondheidszorg_overig",
    "gezondheidszorg_overig": "gezondheidszorg_overig",
    "onderwijs": "onderwijs_kinderopvang",
    "leerplicht": "onderwijs_kinderopvang",
    "kinderopvang": "onderwijs_kinderopvang",
    "jeugdhulp": "jeugdhulp",
    "gecertificeerde_instelling": "jeugdhulp",
    "maatschappelijk_werk": "maatschappelijk_werk",
    "wijkteam_gemeente": "wijkteam_gemeente",
    "vt_andere_regio": "veilig_thuis",
    "vt_regionaal_maatwerk": "veilig_thuis",
    "organisatie_overig": "organisatie_overig",
    "onbekend": "organisatie_overig",
}


def melder_groep(*, beroepsmatig: bool, organisatietype: str | None) -> str:
    """The three groups of the 2017–2019 research: politie, overige professional, niet-professional."""
    if not beroepsmatig:
        return "niet_professional"
    if not organisatietype:
        raise ValueError("a professional melder needs an organisation type")
    if organisatietype not in MELDER_ORGANISATIETYPE:
        raise ValueError(f"unknown organisation type {organisatietype!r}")
    return "politie" if organisatietype == "politie" else "overige_professional"


def impactmonitor_groep(*, beroepsmatig: bool, organisatietype: str | None, relatie: str | None) -> str:
    """One of the 13 melder groups of the CBS Impactmonitor."""
    if not beroepsmatig:
        if relatie not in MELDER_RELATIE:
            raise ValueError(f"unknown relation {relatie!r}")
        return "niet_professional"
    if organisatietype not in IMPACTMONITOR_PER_ORGANISATIETYPE:
        raise ValueError(f"unknown organisation type {organisatietype!r}")
    return IMPACTMONITOR_PER_ORGANISATIETYPE[organisatietype]


def melder_categorie(*, beroepsmatig: bool, organisatietype: str | None, relatie: str | None) -> str:
    """The organisation type of a professional melder, or the relation of any other: one count dimension."""
    return (organisatietype if beroepsmatig else relatie) or "onbekend"
