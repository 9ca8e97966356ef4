"""The code lists of the Beleidsinformatie Veilig Thuis (CBS, Informatieprotocol 2.0, in force since
1 January 2019), each code with its Dutch label, its definition and its validity.

Every code list of the application lives here; nothing else hard-codes a code. Models take their
``choices`` from these lists, services validate against them, the API lists them (``CODELIJSTEN``)
and the derived dimensions (melder groep, Impactmonitor groep, melder categorie, beoordeling) are
computed by the functions at the end of this module.

Versioning: ``VERSIE`` names the protocol version a registration was made under (stored with every
contact). A new protocol version adds codes with a ``geldig_van`` and ends old ones with a
``geldig_tot``; a code is never deleted, because registrations made under it keep it. Validity is
half-open, ``geldig_van <= datum < geldig_tot``, no end is unbounded. Codes are ours; the lists follow
CBS StatLine tables 84848–84855NED and 85361NED. See docs/definities.md.

This module is pure Python: it imports no Django models (only lazy translation for the labels).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VERSIE = "2019.1"
PROTOCOL_BEGIN = date(2019, 1, 1)

Tekst = str | Promise  # a plain string or a lazy translation

_CODE_PATROON = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class Code:
    """One code of a code list: the stored value, its Dutch label and definition, and its validity."""

    code: str
    label: Tekst
    definitie: Tekst
    geldig_van: date = PROTOCOL_BEGIN
    geldig_tot: date | None = None

    def __post_init__(self) -> None:
        if not _CODE_PATROON.fullmatch(self.code):
            raise ValueError(f"code {self.code!r} must be lower-case letters, digits and underscores")
        if self.geldig_tot is not None and self.geldig_tot <= self.geldig_van:
            raise ValueError(f"code {self.code!r}: geldig_tot {self.geldig_tot} is not after {self.geldig_van}")

    def is_geldig_op(self, datum: date) -> bool:
        """Half-open validity: ``geldig_van <= datum < geldig_tot``; no end is unbounded."""
        return self.geldig_van <= datum and (self.geldig_tot is None or datum < self.geldig_tot)


class CodeLijst:
    """An ordered list of codes, looked up by code.

    ``titel`` is the list's own Dutch label (the constructor's ``label`` argument); ``label(code)`` is
    the label of one code. ``meervoudig`` lists allow several codes per registration; ``afgeleid``
    lists are computed by the application and never entered by users.
    """

    def __init__(self, naam: str, label: Tekst, codes: tuple[Code, ...], meervoudig: bool = False, *,
                 afgeleid: bool = False, bron: str = ""):
        self.naam = naam
        #: where the list comes from (a CBS table, the protocol, or the application itself)
        self.bron = bron
        self.titel = label
        self.meervoudig = meervoudig
        self.afgeleid = afgeleid
        self._codes: dict[str, Code] = {}
        for code in codes:
            if code.code in self._codes:
                raise ValueError(f"duplicate code {code.code!r} in {naam}")
            self._codes[code.code] = code
        if not self._codes:
            raise ValueError(f"code list {naam} has no codes")

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"CodeLijst({self.naam!r}, {len(self)} codes)"

    def codes(self) -> list[str]:
        """Every code string, valid or not, in list order."""
        return list(self._codes)

    def get(self, code: str) -> Code:
        """The ``Code`` for a code string; ``KeyError`` when the list has no such code."""
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a code of {self.naam}") from None

    def label(self, code: str) -> Tekst:
        """The Dutch label of one code; ``KeyError`` for an unknown code."""
        return self.get(code).label

    label_van = label  # the name the first callers used
    label_voor = label

    def is_geldig(self, code: str, op: date) -> bool:
        """Whether ``code`` is in the list and valid on ``op`` (unknown codes are simply not valid)."""
        return code in self._codes and self._codes[code].is_geldig_op(op)

    def choices(self, op: date | None = None) -> list[tuple[str, Tekst]]:
        """``(code, label)`` pairs for Django choices; only the codes valid on ``op`` when given."""
        return [(c.code, c.label) for c in self if op is None or c.is_geldig_op(op)]


def _lijst(naam: str, label: Tekst, *codes: tuple[str, Tekst, Tekst], **kwargs) -> CodeLijst:
    return CodeLijst(naam, label, tuple(Code(code, lab, definitie) for code, lab, definitie in codes), **kwargs)


# --- Soort contact ------------------------------------------------------------------------------

SOORT_CONTACT = _lijst(
    "soort_contact", _("Soort contact"),
    ("advies", _("Advies"), _("Een geheel van aanwijzingen, adviezen en tips afgestemd op de behoefte van de "
                              "adviesvrager, zodat die zelf kan handelen; Veilig Thuis onderneemt geen actie richting "
                              "de betrokkenen. Heeft een startdatum en een einddatum.")),
    ("melding", _("Melding"), _("Het bij Veilig Thuis bekendmaken van een (vermoeden van) huiselijk geweld of "
                                "kindermishandeling met de identiteit van de betrokkenen; vanaf dan is Veilig Thuis "
                                "verantwoordelijk voor hun veiligheid. Heeft een ontvangstdatum.")),
    bron="StatLine 84848NED (adviezen) / 84849NED (meldingen)",
)

# --- Adviesvrager / melder ----------------------------------------------------------------------

MELDER_ORGANISATIETYPE = _lijst(
    "melder_organisatietype", _("Organisatietype van de beroepsmatige melder"),
    ("huisarts", _("Huisarts"), _("Een huisarts, huisartsenpraktijk of huisartsenpost.")),
    ("ziekenhuis", _("Ziekenhuis"), _("Een ziekenhuis, inclusief de spoedeisende hulp en de kinderarts in het "
                                      "ziekenhuis.")),
    ("jgz_ggd", _("Jeugdgezondheidszorg / GGD"), _("Jeugdgezondheidszorg (consultatiebureau, jeugdarts, "
                                                   "jeugdverpleegkundige) of een andere afdeling van de GGD.")),
    ("verloskunde_kraamzorg", _("Verloskunde / kraamzorg"), _("Een verloskundige of een kraamzorgorganisatie.")),
    ("ambulance", _("Ambulancezorg"), _("Ambulancezorg of de meldkamer ambulancezorg.")),
    ("gezondheidszorg_overig", _("Overige gezondheidszorg"), _("Andere gezondheidszorg, zoals tandarts, "
                                                               "fysiotherapeut, apotheek, thuiszorg of "
                                                               "ouderenzorg (niet de ambulancezorg).")),
    ("ggz", _("GGZ"), _("Geestelijke gezondheidszorg, inclusief verslavingszorg.")),
    ("kinderopvang", _("Kinderopvang"), _("Kinderdagverblijf, peuterspeelzaal, buitenschoolse opvang of "
                                          "gastouder.")),
    ("onderwijs", _("Onderwijs"), _("Een school of andere onderwijsinstelling, van basisonderwijs tot hoger "
                                    "onderwijs.")),
    ("leerplicht", _("Leerplicht"), _("Een leerplichtambtenaar of RMC-consulent.")),
    ("jeugdhulp", _("Jeugdhulp"), _("Een aanbieder van jeugdhulp (ambulant, dagbehandeling of verblijf).")),
    ("gecertificeerde_instelling", _("Gecertificeerde instelling"), _("Een gecertificeerde instelling voor "
                                                                      "jeugdbescherming of jeugdreclassering.")),
    ("politie", _("Politie"), _("De politie, bijvoorbeeld na een zorgmelding of huiselijk-geweldincident.")),
    ("openbaar_ministerie", _("Openbaar Ministerie"), _("Het Openbaar Ministerie.")),
    ("reclassering", _("Reclassering"), _("Een reclasseringsorganisatie (volwassenenreclassering).")),
    ("justitie_overig", _("Justitie overig"), _("Een andere justitiële organisatie, zoals de Raad voor de "
                                                "Kinderbescherming of een justitiële inrichting.")),
    ("maatschappelijk_werk", _("Maatschappelijk werk"), _("Algemeen of bedrijfsmaatschappelijk werk.")),
    ("wijkteam_gemeente", _("Wijkteam / gemeente"), _("Een sociaal wijkteam, lokaal team of andere gemeentelijke "
                                                      "dienst.")),
    ("vt_andere_regio", _("Veilig Thuis andere regio"), _("Een Veilig Thuis-organisatie van een andere regio.")),
    ("vt_regionaal_maatwerk", _("Veilig Thuis regionaal maatwerk"), _("Een contact dat voortkomt uit het "
                                                                      "regionaal maatwerk van Veilig Thuis zelf.")),
    ("organisatie_overig", _("Overige organisatie"), _("Een andere beroepsmatige organisatie, zoals een "
                                                       "woningcorporatie, werkgever of vrouwenopvang.")),
    ("onbekend", _("Onbekend"), _("De melder is beroepsmatig, maar het type organisatie is niet bekend.")),
    bron="eigen registratielijst; StatLine-categorie via STATLINE_ORGANISATIE_PER_ORGANISATIETYPE",
)

MELDER_RELATIE = _lijst(
    "melder_relatie", _("Relatie van de niet-beroepsmatige melder"),
    ("betrokkene_jeugdige", _("Betrokkene zelf (jeugdige)"), _("Een jeugdige (jonger dan 18 jaar) die zelf bij de "
                                                               "situatie betrokken is.")),
    ("betrokkene_volwassene", _("Betrokkene zelf (volwassene)"), _("Een volwassene die zelf bij de situatie "
                                                                   "betrokken is, als slachtoffer, pleger of "
                                                                   "getuige.")),
    ("familielid", _("Familielid"), _("Een familielid van de betrokkenen dat zelf niet bij de situatie betrokken "
                                      "is.")),
    ("sociaal_netwerk", _("Sociaal netwerk"), _("Iemand uit het sociale netwerk van de betrokkenen, zoals een "
                                                "vriend, kennis of collega.")),
    ("buurtbewoner", _("Buurtbewoner"), _("Een buurtbewoner of buur van de betrokkenen.")),
    ("vrijwilliger", _("Vrijwilliger"), _("Iemand die als vrijwilliger contact heeft met de betrokkenen, zoals bij "
                                          "een vereniging of maatjesproject.")),
    ("anders", _("Anders"), _("Een andere niet-beroepsmatige melder die in geen van de andere categorieën past.")),
    ("onbekend", _("Onbekend"), _("De melder is niet beroepsmatig, maar de relatie tot de betrokkenen is niet "
                                  "bekend.")),
    bron="eigen registratielijst; StatLine: organisatie en rol/functie 'niet van toepassing'",
)

MELDER_GROEP = _lijst(
    "melder_groep", _("Meldergroep"),
    ("politie", _("Politie"), _("Beroepsmatige melder van het organisatietype politie. Afgeleid, nooit ingevoerd.")),
    ("overige_professional", _("Overige professional"), _("Elke andere beroepsmatige melder, ook als het "
                                                          "organisatietype onbekend is. Afgeleid, nooit "
                                                          "ingevoerd.")),
    ("niet_professional", _("Niet-professional"), _("Een melder die niet beroepsmatig contact opneemt. Afgeleid, "
                                                    "nooit ingevoerd.")),
    afgeleid=True, bron="onderzoek 2017–2019 (drie meldergroepen)",
)

MELDER_ORGANISATIE = _lijst(
    "melder_organisatie", _("Organisatie van de melder (StatLine)"),
    ("gezondheidszorg", _("Gezondheidszorg"), _("Huisarts, ziekenhuis, jeugdgezondheidszorg en GGD, verloskunde en "
                                                "kraamzorg, ambulancezorg en overige gezondheidszorg.")),
    ("ggz", _("GGZ"), _("Geestelijke gezondheidszorg, inclusief verslavingszorg.")),
    ("kinderopvang", _("Kinderopvang"), _("Kinderdagverblijf, peuterspeelzaal, buitenschoolse opvang of gastouder.")),
    ("onderwijs", _("Onderwijs"), _("Een school of andere onderwijsinstelling.")),
    ("bureau_leerplicht", _("Bureau Leerplicht"), _("Een leerplichtambtenaar of RMC-consulent.")),
    ("jeugdzorg", _("Jeugdzorg"), _("Jeugdhulp en gecertificeerde instellingen (jeugdbescherming, "
                                    "jeugdreclassering).")),
    ("justitie_politie", _("Justitie en veiligheid: politie"), _("De politie.")),
    ("justitie_openbaar_ministerie", _("Justitie en veiligheid: openbaar ministerie"), _("Het Openbaar "
                                                                                         "Ministerie.")),
    ("justitie_reclassering", _("Justitie en veiligheid: reclassering"), _("De reclassering.")),
    ("justitie_anders", _("Justitie en veiligheid: anders"), _("Een andere organisatie van justitie en veiligheid, "
                                                               "zoals de Raad voor de Kinderbescherming.")),
    ("anders_vt_andere_regio", _("Anders: Veilig Thuis andere regio"), _("Een Veilig Thuis-organisatie van een "
                                                                         "andere regio.")),
    ("anders_vt_regionaal_maatwerk", _("Anders: Veilig Thuis inzet regionaal maatwerk"), _(
        "Een contact dat voortkomt uit de inzet van regionaal maatwerk van Veilig Thuis zelf.")),
    ("anders_andere_organisatie", _("Anders: andere organisatie"), _("Elke andere beroepsmatige organisatie, zoals "
                                                                     "maatschappelijk werk, een wijkteam of een "
                                                                     "woningcorporatie.")),
    ("niet_van_toepassing", _("Niet van toepassing"), _("De melder is niet beroepsmatig.")),
    ("onbekend", _("Onbekend"), _("De melder is beroepsmatig, maar de organisatie is niet bekend.")),
    afgeleid=True, bron="StatLine 84848NED / 84849NED, dimensie organisatie melder",
)

MELDER_FUNCTIE = _lijst(
    "melder_functie", _("Rol/functie van de beroepsmatige melder"),
    ("onderwijs", _("Onderwijs"), _("Leerkracht, mentor, intern begeleider, zorgcoördinator of een andere functie "
                                    "in het onderwijs.")),
    ("kinderopvang", _("Kinderopvang"), _("Pedagogisch medewerker, gastouder of een andere functie in de "
                                          "kinderopvang.")),
    ("medisch_huisarts", _("Medisch: huisarts"), _("Een huisarts (ook waarnemend of op de huisartsenpost).")),
    ("medisch_jeugdarts", _("Medisch: jeugdarts"), _("Een jeugdarts (jeugdgezondheidszorg).")),
    ("medisch_verpleegkundige", _("Medisch: verpleegkundige"), _("Een (jeugd)verpleegkundige, ook in de thuiszorg "
                                                                 "of de ambulancezorg.")),
    ("medisch_specialist", _("Medisch: medisch specialist / kinderarts"), _("Een medisch specialist, zoals een "
                                                                             "kinderarts, SEH-arts of "
                                                                             "psychiater.")),
    ("medisch_verloskundige", _("Medisch: verloskundige"), _("Een verloskundige of kraamverzorgende.")),
    ("medisch_overig", _("Medisch: overig"), _("Een andere medische functie, zoals tandarts, apotheker of "
                                               "ambulancemedewerker.")),
    ("psycholoog", _("Psychologen e.a."), _("Psycholoog, orthopedagoog, psychotherapeut of een vergelijkbare "
                                            "behandelaar.")),
    ("paramedisch", _("Paramedisch"), _("Fysiotherapeut, logopedist, ergotherapeut, diëtist of een andere "
                                        "paramedische functie.")),
    ("justitie_politieagent", _("Justitie: politieagent"), _("Een politieagent of andere medewerker van de "
                                                             "politie.")),
    ("justitie_officier", _("Justitie: officier van justitie"), _("Een officier van justitie.")),
    ("justitie_anders", _("Justitie: anders"), _("Een andere justitiële functie, zoals reclasseringswerker of "
                                                 "raadsonderzoeker.")),
    ("beroepsmatig_anders", _("Beroepsmatig anders"), _("Elke andere beroepsmatige functie, zoals maatschappelijk "
                                                        "werker, jeugdhulpverlener of wijkteammedewerker.")),
    ("onbekend", _("Rol/functie onbekend"), _("De melder is beroepsmatig, maar de rol of functie is niet bekend "
                                              "(ook als die niet is ingevuld).")),
    ("niet_van_toepassing", _("Niet van toepassing"), _("De melder is niet beroepsmatig. Afgeleid, nooit "
                                                        "ingevoerd.")),
    bron="StatLine 84848NED / 84849NED, dimensie rol/functie melder",
)
#: The rol/functie a professional melder counts with when none is given; a non-professional has none and counts as
#: ``niet_van_toepassing`` (never stored, never entered).
FUNCTIE_ONBEKEND = "onbekend"
FUNCTIE_NIET_VAN_TOEPASSING = "niet_van_toepassing"

IMPACTMONITOR_GROEP = _lijst(
    "impactmonitor_groep", _("Meldergroep Impactmonitor"),
    ("preventieve_basisvoorzieningen", _("Preventieve basisvoorzieningen"), _("GGD, jeugdgezondheidszorg, "
                                                                              "verloskunde, kraamzorg en "
                                                                              "ambulance.")),
    ("huisarts", _("Huisarts"), _("Organisatietype huisarts.")),
    ("gezondheidszorg_overig", _("Overig gezondheidszorg"), _("Ziekenhuis en overige gezondheidszorg.")),
    ("ggz", _("GGZ"), _("Geestelijke gezondheidszorg.")),
    ("kinderopvang", _("Kinderopvang"), _("Organisatietype kinderopvang.")),
    ("onderwijs", _("Onderwijs"), _("Onderwijs en leerplicht.")),
    ("jeugdhulp", _("Jeugdhulp/zorg"), _("Jeugdhulp en gecertificeerde instellingen.")),
    ("politie", _("Politie"), _("Organisatietype politie.")),
    ("justitie", _("Justitie en veiligheid excl. politie"), _("Openbaar Ministerie, reclassering en overige "
                                                              "justitie.")),
    ("maatschappelijk_werk", _("Maatschappelijk werk"), _("Organisatietype maatschappelijk werk.")),
    ("beroepsmatig_overig", _("Beroepsmatig overig"), _("Elke andere beroepsmatige melder: wijkteam of gemeente, "
                                                        "Veilig Thuis, overige organisatie.")),
    ("burger", _("Burger"), _("Een niet-beroepsmatige melder van wie de relatie tot de betrokkenen bekend is.")),
    ("onbekend", _("Onbekend"), _("Een beroepsmatige melder van onbekend organisatietype, of een niet-beroepsmatige "
                                  "melder van onbekende relatie.")),
    afgeleid=True, bron="CBS Impactmonitor (13 meldergroepen)",
)

# --- Inhoud ---------------------------------------------------------------------------------------

AARD = _lijst(
    "aard", _("Aard van het geweld"),
    ("kindermishandeling", _("Kindermishandeling"), _("Elke vorm van voor een minderjarige bedreigende of "
                                                      "gewelddadige interactie van fysieke, psychische of seksuele "
                                                      "aard door ouders of anderen van wie de minderjarige "
                                                      "afhankelijk is, inclusief verwaarlozing, waardoor ernstige "
                                                      "schade ontstaat of dreigt.")),
    ("geweld_tegen_ouders", _("Geweld tegen ouders"), _("Geweld van een kind (ook een volwassen kind) tegen een "
                                                        "ouder.")),
    ("partnergeweld", _("Partnergeweld"), _("Geweld tussen partners of ex-partners.")),
    ("ouderenmishandeling", _("Ouderenmishandeling"), _("Mishandeling, verwaarlozing of financiële uitbuiting van "
                                                        "iemand van 65 jaar of ouder door iemand met wie een "
                                                        "persoonlijke of professionele relatie bestaat.")),
    ("huiselijk_geweld_overig", _("Overig huiselijk geweld"), _("Ander lichamelijk, psychisch of seksueel geweld "
                                                                "of bedreiging daarmee door iemand uit de "
                                                                "huiselijke kring.")),
    ("andere_problematiek", _("Andere problematiek"), _("Geen huiselijk geweld of kindermishandeling, maar andere "
                                                        "problematiek.")),
    ("geen_hg_km", _("Geen huiselijk geweld of kindermishandeling"), _("Er is geen sprake van huiselijk geweld of "
                                                                       "kindermishandeling.")),
    ("onbekend", _("Onbekend"), _("De aard is (nog) niet bekend.")),
    meervoudig=True, bron="StatLine 84848NED / 84849NED, aard van het geweld",
)

#: The sub-forms of an aard that CBS StatLine 84850NED ("aard van het geweld") publishes: only kindermishandeling
#: is split. Each sub-form belongs to exactly one aard (``AARD_PER_SUBVORM``); a registration may have several.
AARD_SUBVORM = _lijst(
    "aard_subvorm", _("Vorm van het geweld"),
    ("km_lichamelijke_mishandeling", _("Lichamelijke mishandeling"), _(
        "Kindermishandeling: lichamelijk geweld tegen het kind, zoals slaan, schoppen, knijpen of verbranden.")),
    ("km_lichamelijke_verwaarlozing", _("Lichamelijke verwaarlozing"), _(
        "Kindermishandeling: het kind krijgt niet wat het lichamelijk nodig heeft, zoals voeding, kleding, "
        "onderdak, hygiëne of medische zorg.")),
    ("km_emotionele_mishandeling", _("Emotionele of psychische mishandeling"), _(
        "Kindermishandeling: het kind wordt stelselmatig afgewezen, vernederd, uitgescholden, bedreigd of "
        "angst aangejaagd.")),
    ("km_emotionele_verwaarlozing", _("Emotionele verwaarlozing"), _(
        "Kindermishandeling: het kind krijgt stelselmatig te weinig aandacht, steun, liefde en "
        "bevestiging.")),
    ("km_seksueel_misbruik", _("Seksueel misbruik"), _(
        "Kindermishandeling: seksuele handelingen met of in het bijzijn van het kind, of het kind daartoe "
        "dwingen.")),
    ("km_getuige_huiselijk_geweld", _("Getuige van huiselijk geweld"), _(
        "Kindermishandeling: het kind ziet of hoort geweld tussen ouders, verzorgers of andere huisgenoten, "
        "of merkt de gevolgen ervan.")),
    ("km_pcf", _("Pediatric condition falsification (PCF)"), _(
        "Kindermishandeling: een ouder of verzorger verzint, overdrijft of veroorzaakt ziekteverschijnselen "
        "bij het kind, waardoor het onnodig medisch onderzocht of behandeld wordt.")),
    ("km_anders", _("Anders"), _("Kindermishandeling in een andere vorm dan de hierboven genoemde.")),
    meervoudig=True,
    bron="CBS StatLine 84850NED (aard geweld: de vormen van kindermishandeling), zoals issue 15 ze noemt",
)

AANVULLENDE_INFORMATIE = _lijst(
    "aanvullende_informatie", _("Aanvullende informatie"),
    ("mensenhandel", _("Mensenhandel"), _("Er is sprake van (een vermoeden van) mensenhandel: iemand wordt "
                                          "geworven of vastgehouden om uitgebuit te worden.")),
    ("eergerelateerd_geweld", _("Eergerelateerd geweld"), _("Geweld vanuit een collectieve opvatting over eer, "
                                                            "om aantasting van de eer van de familie te voorkomen "
                                                            "of te herstellen.")),
    ("huwelijksdwang", _("Huwelijksdwang"), _("Iemand wordt onder druk gezet of gedwongen tot een huwelijk of om "
                                              "in een huwelijk te blijven.")),
    ("achterlating", _("Achterlating"), _("Iemand wordt tegen de eigen wil in het buitenland achtergelaten.")),
    ("vrouwelijke_genitale_verminking", _("Vrouwelijke genitale verminking"), _("Besnijdenis of andere verminking "
                                                                                 "van de vrouwelijke "
                                                                                 "geslachtsdelen.")),
    meervoudig=True, bron="StatLine 84848NED / 84849NED, aanvullende informatie",
)

#: Labels as CBS StatLine 84848NED/84849NED ("duur geweld") writes the classes; the codes are unchanged.
DUUR_GEWELD = _lijst(
    "duur_geweld", _("Duur van het geweld"),
    ("tot_1_week", _("≤ 1 week"), _("Het geweld duurt een week of korter.")),
    ("1_week_tot_1_maand", _("> 1 week < 1 maand"), _("Het geweld duurt langer dan een week en korter dan een "
                                                      "maand.")),
    ("1_tot_6_maanden", _("≥ 1 maand < 6 maanden"), _("Het geweld duurt een maand of langer en korter dan zes "
                                                      "maanden.")),
    ("6_tot_12_maanden", _("≥ 6 maanden < 1 jaar"), _("Het geweld duurt zes maanden of langer en korter dan een "
                                                      "jaar.")),
    ("1_tot_5_jaar", _("≥ 1 jaar < 5 jaar"), _("Het geweld duurt een jaar of langer en korter dan vijf jaar.")),
    ("meer_dan_5_jaar", _("≥ 5 jaar"), _("Het geweld duurt vijf jaar of langer.")),
    ("onbekend", _("Onbekend"), _("De duur is niet bekend.")),
    bron="CBS StatLine 84848NED en 84849NED (duur geweld): de labels; de codes zijn die van de toepassing",
)

# --- Melding: crisis, veiligheidsbeoordeling, eerdere betrokkenheid ---------------------------------

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
    bron="StatLine 84849NED / 85361NED, uitkomst veiligheidsbeoordeling",
)
NOG_NIET_BEOORDEELD = "nog_niet_beoordeeld"  # the outcome a melding without an assessment date counts as
BEOORDELING_WERKDAGEN = 5  # legal term: within 5 working days after receipt, immediately in a crisis

VERVOLGDIENST = _lijst(
    "vervolgdienst", _("Vervolgdienst"),
    ("onderzoek", _("Onderzoek"), _("Veilig Thuis doet onderzoek naar de situatie.")),
    ("voorwaarden_en_vervolg", _("Voorwaarden en vervolg"), _("Veilig Thuis stelt voorwaarden en volgt of ze worden "
                                                              "nagekomen.")),
    bron="StatLine 84850NED, vervolgdienst",
)

# --- Diensten, overdracht en monitoring (after the veiligheidsbeoordeling) ------------------------------
# A dienst's soort is a code of ``VERVOLGDIENST``; the lists below describe what follows it.

_BRON_DIENSTEN = "CBS StatLine 84853NED (onderzoek), 84854NED en 84855NED (overdracht en vervolg)"

ONDERZOEK_UITKOMST = _lijst(
    "onderzoek_uitkomst", _("Uitkomst onderzoek per aard"),
    ("bevestigd", _("Bevestigd"), _("Het onderzoek bevestigt het vermoeden van deze aard van geweld.")),
    ("niet_bevestigd", _("Niet bevestigd"), _("Het onderzoek kan het vermoeden bevestigen noch weerleggen.")),
    ("weerlegd", _("Weerlegd"), _("Het onderzoek weerlegt het vermoeden van deze aard van geweld.")),
    bron=_BRON_DIENSTEN,
)

VOORTIJDIG_AFGESLOTEN_REDEN = _lijst(
    "voortijdig_afgesloten_reden", _("Reden voortijdig afgesloten onderzoek"),
    ("vertrokken_onbekende_bestemming", _("Vertrokken met onbekende bestemming"),
     _("De betrokkenen zijn vertrokken en hun verblijfplaats is niet bekend.")),
    ("overleden", _("Overleden"), _("Een betrokkene is overleden.")),
    ("verhuisd_andere_regio", _("Overdracht wegens verhuizing naar een andere regio"),
     _("De betrokkenen zijn verhuisd; het onderzoek is overgedragen aan Veilig Thuis van de nieuwe regio.")),
    bron=_BRON_DIENSTEN,
)

OVERDRACHT_BESTEMMING = _lijst(
    "overdracht_bestemming", _("Organisatie van overdracht of vervolg"),
    ("lokaal_veld", _("Lokale veld / wijkteam"), _("Het sociale wijkteam, lokale team of een andere "
                                                   "gemeentelijke voorziening.")),
    ("raad_kinderbescherming", _("Raad voor de Kinderbescherming"), _("Een verzoek tot onderzoek aan de Raad voor "
                                                                      "de Kinderbescherming.")),
    ("politie_om", _("Politie / Openbaar Ministerie"), _("Aangifte of overdracht aan politie of het Openbaar "
                                                         "Ministerie.")),
    ("jeugdhulpaanbieder", _("Jeugdhulpaanbieder"), _("Een aanbieder van jeugdhulp.")),
    ("gecertificeerde_instelling", _("Gecertificeerde instelling"), _("Een gecertificeerde instelling voor "
                                                                      "jeugdbescherming of jeugdreclassering.")),
    ("vrouwenopvang", _("Vrouwenopvang"), _("Vrouwenopvang of maatschappelijke opvang.")),
    ("ggz", _("GGZ"), _("Geestelijke gezondheidszorg.")),
    ("verslavingszorg", _("Verslavingszorg"), _("Een instelling voor verslavingszorg.")),
    ("huisarts", _("Huisarts"), _("De huisarts van de betrokkenen.")),
    ("anders", _("Anders"), _("Een andere organisatie.")),
    bron=_BRON_DIENSTEN,
)

HULP_SOORT = _lijst(
    "hulp_soort", _("Soort hulp na overdracht"),
    ("ambulante_hulp", _("Ambulante hulp"), _("Hulp aan huis of op afspraak, zonder verblijf.")),
    ("verblijf_opvang", _("Verblijf of opvang"), _("Hulp met verblijf, zoals opvang of residentiële jeugdhulp.")),
    ("beschermingsmaatregel", _("Beschermingsmaatregel"), _("Een kinderbeschermingsmaatregel of een onderzoek "
                                                             "daarnaar.")),
    ("strafrechtelijk", _("Strafrechtelijk traject"), _("Aangifte, vervolging of een strafrechtelijke "
                                                        "interventie.")),
    ("anders", _("Anders"), _("Een andere soort hulp.")),
    ("onbekend", _("Onbekend"), _("De soort hulp is niet bekend.")),
    bron=_BRON_DIENSTEN,
)

# --- What the counts of the follow-up distinguish (rapportage/tellingen/dimensies.py, docs/rollup.md) ---------

DIENST_GEBEURTENIS = _lijst(
    "dienst_gebeurtenis", _("Gebeurtenis van een dienst"),
    ("gestart", _("Gestart"), _("De dienst is gestart: geteld in het kwartaal van de startdatum.")),
    ("afgerond", _("Afgerond"), _("De dienst is afgerond: geteld in het kwartaal van de einddatum, zoals CBS StatLine "
                                  "afgeronde diensten telt.")),
    afgeleid=True, bron=_BRON_DIENSTEN,
)

DUUR_MAAT = _lijst(
    "duur_maat", _("Duur"),
    ("wachttijd", _("Wachttijd"), _("Kalenderdagen van de veiligheidsbeoordeling (besluit) tot de start van de "
                                    "dienst; geteld in het kwartaal van de startdatum.")),
    ("doorlooptijd", _("Doorlooptijd"), _("Kalenderdagen van de start tot het einde van de dienst; geteld in het "
                                          "kwartaal van de einddatum.")),
    afgeleid=True, bron="applicatie (maat van de tellingen van diensten)",
)

OVERDRACHT_MOMENT = _lijst(
    "overdracht_moment", _("Moment van overdracht"),
    ("na_beoordeling", _("Na de veiligheidsbeoordeling"), _("Overdracht of vervolg zonder dienst van Veilig Thuis.")),
    ("na_dienst", _("Na een dienst"), _("Overdracht of vervolg na een onderzoek of voorwaarden en vervolg.")),
    afgeleid=True, bron=_BRON_DIENSTEN,
)

VERVOLGMELDING_MOMENT = _lijst(
    "vervolgmelding_moment", _("Moment van de vervolgmelding"),
    ("tijdens_beoordeling", _("Tijdens de veiligheidsbeoordeling"),
     _("Op de ontvangstdatum is een eerdere melding van de casus nog niet beoordeeld.")),
    ("tijdens_monitoring", _("Tijdens monitoring"),
     _("Alle eerdere meldingen van de casus zijn beoordeeld en op de ontvangstdatum loopt een monitoring van de "
       "casus.")),
    ("na_beoordeling", _("Na de veiligheidsbeoordeling"),
     _("Alle eerdere meldingen van de casus zijn beoordeeld en er loopt geen monitoring: Veilig Thuis is nog "
       "betrokken met een dienst, een overdracht of anderszins.")),
    afgeleid=True, bron="CBS StatLine 85361NED (eerdere betrokkenheid, vervolgmeldingen)",
)

EERDERE_BETROKKENHEID = _lijst(
    "eerdere_betrokkenheid", _("Eerdere betrokkenheid"),
    ("eerste_melding", _("Eerste melding"), _("De melding opent een nieuwe casus.")),
    ("hermelding", _("Hermelding"), _("De casus is bekend en de betrokkenheid van Veilig Thuis was beëindigd.")),
    ("vervolgmelding", _("Vervolgmelding"), _("De casus is bekend en Veilig Thuis is nog betrokken.")),
    ("niet_ingedeeld", _("Niet ingedeeld"), _("De melding is niet in te delen als eerste melding, hermelding of "
                                              "vervolgmelding.")),
    afgeleid=True, bron="StatLine 84849NED, eerdere betrokkenheid",
)

# --- Application lists ------------------------------------------------------------------------------

KWARTAAL_STATUS = _lijst(
    "kwartaal_status", _("Status van een kwartaal"),
    ("open", _("Open"), _("Registraties kunnen worden toegevoegd en gewijzigd.")),
    ("voorlopig", _("Voorlopig"), _("Afgesloten door de teamleider; de cijfers zijn voorlopig (*).")),
    ("definitief", _("Definitief"), _("Vastgesteld: registraties in dit kwartaal kunnen niet meer worden "
                                      "toegevoegd, gewijzigd of verwijderd.")),
    bron="applicatie",
)
#: A closed quarter: its counts are complete, shown without the "open" marker and delivered to CBS.
AFGESLOTEN_KWARTAALSTATUSSEN = ("voorlopig", "definitief")

ROL = _lijst(
    "rol", _("Rol"),
    ("intake", _("Intake"), _("Registreert adviezen en meldingen voor de eigen organisatie.")),
    ("teamleider", _("Teamleider"), _("Ziet de exacte kwartaaltellingen van de eigen organisatie, sluit kwartalen af "
                                      "en verzorgt de CBS-aanlevering.")),
    ("gemeente", _("Gemeente"), _("Ziet geaggregeerde analyses over regio's en gemeenten, afgerond; nooit een "
                                  "afzonderlijke registratie.")),
    ("beheer", _("Beheer"), _("Beheert de referentiedata (regio's, gemeenten, inwoners) en de gebruikers.")),
    bron="applicatie",
)

CODELIJSTEN: dict[str, CodeLijst] = {
    lijst.naam: lijst
    for lijst in (
        SOORT_CONTACT, MELDER_ORGANISATIETYPE, MELDER_RELATIE, MELDER_GROEP, MELDER_ORGANISATIE, MELDER_FUNCTIE,
        IMPACTMONITOR_GROEP, AARD, AARD_SUBVORM, AANVULLENDE_INFORMATIE, DUUR_GEWELD, VEILIGHEIDSBEOORDELING_UITKOMST,
        VERVOLGDIENST, ONDERZOEK_UITKOMST, VOORTIJDIG_AFGESLOTEN_REDEN, OVERDRACHT_BESTEMMING, HULP_SOORT,
        DIENST_GEBEURTENIS, DUUR_MAAT, OVERDRACHT_MOMENT, VERVOLGMELDING_MOMENT, EERDERE_BETROKKENHEID,
        KWARTAAL_STATUS, ROL,
    )
}

# --- Derivations: never entered by users -------------------------------------------------------

#: Every professional organisation type onto exactly one StatLine organisatie category (84848/84849NED).
STATLINE_ORGANISATIE_PER_ORGANISATIETYPE: dict[str, str] = {
    "huisarts": "gezondheidszorg",
    "ziekenhuis": "gezondheidszorg",
    "jgz_ggd": "gezondheidszorg",
    "verloskunde_kraamzorg": "gezondheidszorg",
    "ambulance": "gezondheidszorg",
    "gezondheidszorg_overig": "gezondheidszorg",
    "ggz": "ggz",
    "kinderopvang": "kinderopvang",
    "onderwijs": "onderwijs",
    "leerplicht": "bureau_leerplicht",
    "jeugdhulp": "jeugdzorg",
    "gecertificeerde_instelling": "jeugdzorg",
    "politie": "justitie_politie",
    "openbaar_ministerie": "justitie_openbaar_ministerie",
    "reclassering": "justitie_reclassering",
    "justitie_overig": "justitie_anders",
    "maatschappelijk_werk": "anders_andere_organisatie",
    "wijkteam_gemeente": "anders_andere_organisatie",
    "vt_andere_regio": "anders_vt_andere_regio",
    "vt_regionaal_maatwerk": "anders_vt_regionaal_maatwerk",
    "organisatie_overig": "anders_andere_organisatie",
    "onbekend": "onbekend",
}
#: The StatLine organisatie category of every non-professional melder.
ORGANISATIE_NIET_VAN_TOEPASSING = "niet_van_toepassing"

#: Every professional organisation type onto exactly one of CBS's 13 Impactmonitor groups (see docs/definities.md).
IMPACTMONITOR_PER_ORGANISATIETYPE: dict[str, str] = {
    "jgz_ggd": "preventieve_basisvoorzieningen",
    "verloskunde_kraamzorg": "preventieve_basisvoorzieningen",
    "ambulance": "preventieve_basisvoorzieningen",
    "huisarts": "huisarts",
    "ziekenhuis": "gezondheidszorg_overig",
    "gezondheidszorg_overig": "gezondheidszorg_overig",
    "ggz": "ggz",
    "kinderopvang": "kinderopvang",
    "onderwijs": "onderwijs",
    "leerplicht": "onderwijs",
    "jeugdhulp": "jeugdhulp",
    "gecertificeerde_instelling": "jeugdhulp",
    "politie": "politie",
    "openbaar_ministerie": "justitie",
    "reclassering": "justitie",
    "justitie_overig": "justitie",
    "maatschappelijk_werk": "maatschappelijk_werk",
    "wijkteam_gemeente": "beroepsmatig_overig",
    "vt_andere_regio": "beroepsmatig_overig",
    "vt_regionaal_maatwerk": "beroepsmatig_overig",
    "organisatie_overig": "beroepsmatig_overig",
    "onbekend": "onbekend",
}

#: Every non-professional relation onto one Impactmonitor group: a citizen, unless the relation is unknown.
IMPACTMONITOR_PER_RELATIE: dict[str, str] = {
    "betrokkene_jeugdige": "burger",
    "betrokkene_volwassene": "burger",
    "familielid": "burger",
    "sociaal_netwerk": "burger",
    "buurtbewoner": "burger",
    "vrijwilliger": "burger",
    "anders": "burger",
    "onbekend": "onbekend",
}

def _controleer_afleiding(mapping: dict[str, str], bron: CodeLijst, doel: CodeLijst) -> None:
    """Fail at import when a mapping is not total over its source list or points outside its target list."""
    if set(mapping) != set(bron.codes()):
        raise RuntimeError(f"mapping onto {doel.naam} does not cover exactly the codes of {bron.naam}")
    if not set(mapping.values()) <= set(doel.codes()):
        raise RuntimeError(f"mapping of {bron.naam} onto {doel.naam} names an unknown code")


_controleer_afleiding(STATLINE_ORGANISATIE_PER_ORGANISATIETYPE, MELDER_ORGANISATIETYPE, MELDER_ORGANISATIE)
_controleer_afleiding(IMPACTMONITOR_PER_ORGANISATIETYPE, MELDER_ORGANISATIETYPE, IMPACTMONITOR_GROEP)
_controleer_afleiding(IMPACTMONITOR_PER_RELATIE, MELDER_RELATIE, IMPACTMONITOR_GROEP)


# --- Aard: sub-forms and contradictory combinations ------------------------------------------------

#: Every sub-form onto the one aard it belongs to: a sub-form implies its aard (docs/definities.md).
AARD_PER_SUBVORM: dict[str, str] = {
    "km_lichamelijke_mishandeling": "kindermishandeling",
    "km_lichamelijke_verwaarlozing": "kindermishandeling",
    "km_emotionele_mishandeling": "kindermishandeling",
    "km_emotionele_verwaarlozing": "kindermishandeling",
    "km_seksueel_misbruik": "kindermishandeling",
    "km_getuige_huiselijk_geweld": "kindermishandeling",
    "km_pcf": "kindermishandeling",
    "km_anders": "kindermishandeling",
}

#: The aarden that say there is no (known) violence: each stands alone, never together with another aard.
#: Together with ``AARD_PER_SUBVORM`` this is the whole contradiction rule (``tegenstrijdigheden``).
AARD_ALLEENSTAAND: tuple[str, ...] = ("andere_problematiek", "geen_hg_km", "onbekend")


def _controleer_aard_regels() -> None:
    """Fail at import when the sub-form mapping or the stand-alone aarden do not fit the code lists."""
    if set(AARD_PER_SUBVORM) != set(AARD_SUBVORM.codes()):
        raise RuntimeError("AARD_PER_SUBVORM does not cover exactly the codes of aard_subvorm")
    if not set(AARD_PER_SUBVORM.values()) <= set(AARD.codes()) - set(AARD_ALLEENSTAAND):
        raise RuntimeError("a sub-form belongs to an unknown or a stand-alone aard")
    if not set(AARD_ALLEENSTAAND) <= set(AARD.codes()):
        raise RuntimeError("AARD_ALLEENSTAAND names an unknown aard")


_controleer_aard_regels()


def subvormen_van(aard: str) -> list[Code]:
    """The sub-forms of one aard, in list order (none for an aard StatLine does not split)."""
    return [code for code in AARD_SUBVORM if AARD_PER_SUBVORM[code.code] == aard]


@dataclass(frozen=True)
class Tegenstrijdigheid:
    """One contradiction in the aard of a registration: the field it belongs to and a Dutch message."""

    veld: str  # "aard" or "aard_subvorm"
    bericht: str


def tegenstrijdigheden(*, aard: Iterable[str], subvormen: Iterable[str] = ()) -> list[Tegenstrijdigheid]:
    """Every contradiction in a combination of aarden and sub-forms; empty when the combination is consistent.

    Contradictory: a stand-alone aard (``AARD_ALLEENSTAAND``) together with any other aard, and a sub-form
    without its aard. Codes outside the lists are left to the code check; that at least one aard is chosen
    is the services' rule, not a contradiction.
    """
    aarden = set(aard)
    fouten = []
    if len(aarden) > 1:
        for code in (c for c in AARD_ALLEENSTAAND if c in aarden):
            fouten.append(Tegenstrijdigheid("aard", gettext(
                "'%(aard)s' kan niet samen met een andere aard worden gekozen: kies alleen '%(aard)s', of laat "
                "het weg.") % {"aard": AARD.label(code)}))
    for code in dict.fromkeys(subvormen):
        hoort_bij = AARD_PER_SUBVORM.get(code)
        if hoort_bij is not None and hoort_bij not in aarden:
            fouten.append(Tegenstrijdigheid("aard_subvorm", gettext(
                "'%(vorm)s' is een vorm van %(aard)s: kies ook de aard '%(aard)s', of haal de vorm weg.") % {
                "vorm": AARD_SUBVORM.label(code), "aard": AARD.label(hoort_bij)}))
    return fouten


def _organisatietype(organisatietype: str | None) -> str:
    if not organisatietype:
        raise ValueError("a professional melder needs an organisation type")
    if organisatietype not in MELDER_ORGANISATIETYPE:
        raise ValueError(f"unknown organisation type {organisatietype!r}")
    return organisatietype


def _relatie(relatie: str | None) -> str:
    if not relatie:
        raise ValueError("a non-professional melder needs a relation")
    if relatie not in MELDER_RELATIE:
        raise ValueError(f"unknown relation {relatie!r}")
    return relatie


def melder_groep(*, beroepsmatig: bool, organisatietype: str | None) -> str:
    """The three groups of the 2017–2019 research: ``politie``, ``overige_professional``, ``niet_professional``.

    A non-professional is ``niet_professional`` whatever the organisation type says. ``ValueError`` for a
    professional without an organisation type or with an unknown one.
    """
    if not beroepsmatig:
        return "niet_professional"
    return "politie" if _organisatietype(organisatietype) == "politie" else "overige_professional"


def impactmonitor_groep(*, beroepsmatig: bool, organisatietype: str | None, relatie: str | None) -> str:
    """One of the 13 melder groups of the CBS Impactmonitor (``IMPACTMONITOR_GROEP``).

    Professionals are mapped by organisation type (``IMPACTMONITOR_PER_ORGANISATIETYPE``), everyone else
    by relation (``IMPACTMONITOR_PER_RELATIE``); the other field is ignored. ``ValueError`` when the field
    that counts is missing or unknown.
    """
    if beroepsmatig:
        return IMPACTMONITOR_PER_ORGANISATIETYPE[_organisatietype(organisatietype)]
    return IMPACTMONITOR_PER_RELATIE[_relatie(relatie)]


def melder_categorie(*, beroepsmatig: bool, organisatietype: str | None, relatie: str | None) -> str:
    """The organisation type of a professional melder, or the relation of any other: one count dimension.

    Read together with the melder groep, because ``onbekend`` occurs in both source lists. Matches the
    rollup's ``CASE WHEN beroepsmatig THEN melder_organisatietype ELSE melder_relatie END``. ``ValueError``
    when the field that counts is missing or unknown.
    """
    return _organisatietype(organisatietype) if beroepsmatig else _relatie(relatie)


def melder_organisatie(*, beroepsmatig: bool, organisatietype: str | None) -> str:
    """The StatLine organisatie category: by organisation type for a professional, ``niet_van_toepassing`` for
    anyone else (``STATLINE_ORGANISATIE_PER_ORGANISATIETYPE``). ``ValueError`` for a professional without a valid
    organisation type."""
    if not beroepsmatig:
        return ORGANISATIE_NIET_VAN_TOEPASSING
    return STATLINE_ORGANISATIE_PER_ORGANISATIETYPE[_organisatietype(organisatietype)]


def melder_functie(*, beroepsmatig: bool, functie: str | None) -> str:
    """The counted rol/functie: the one given for a professional (``onbekend`` when none), ``niet_van_toepassing``
    for anyone else. ``ValueError`` for a code not in ``MELDER_FUNCTIE`` or the derived one entered."""
    if not beroepsmatig:
        return FUNCTIE_NIET_VAN_TOEPASSING
    if not functie:
        return FUNCTIE_ONBEKEND
    if functie not in MELDER_FUNCTIE or functie == FUNCTIE_NIET_VAN_TOEPASSING:
        raise ValueError(f"unknown rol/functie {functie!r}")
    return functie


def beoordeling(*, datum: date | None, uitkomst: str | None) -> str:
    """The counted outcome of the veiligheidsbeoordeling: ``nog_niet_beoordeeld`` without a date.

    ``ValueError`` when there is a date but no outcome, or the outcome is unknown or the derived one.
    """
    if datum is None:
        return NOG_NIET_BEOORDEELD
    if not uitkomst or uitkomst == NOG_NIET_BEOORDEELD or uitkomst not in VEILIGHEIDSBEOORDELING_UITKOMST:
        raise ValueError(f"an assessment dated {datum} needs a real outcome, not {uitkomst!r}")
    return uitkomst
