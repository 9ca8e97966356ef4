"""Validating a delivery file before it is offered: read it back, record by record, and check it.

The file is read as a stream (one record at a time, hashing as it goes) and checked on:

- structure: every record ``RECORDLENGTE`` ASCII characters and CR LF, header first, trailer last,
  known record types, reserve positions blank;
- fields: required fields present, numbers, dates (JJJJMMDD), J/N and flag positions well-formed;
- codes: every code in its list and valid on the record's counting date (``CodeLijst.is_geldig``),
  gemeente codes existing on that date;
- consistency: header matches the delivery, counting dates within a delivered quarter, melder fields
  consistent, derived groups correct, every melding's casus present with the right count;
- trailer: record counts and the SHA-256 of all preceding bytes; the whole file's SHA-256 as stored;
- counts: the records per quarter × every declared dimension that a record carries (rapportage/tellingen/dimensies.py)
  equal the quarterly counts of both count tables (the service recomputes stale quarters first).

Every problem names the record (line number) and registration number it concerns.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, datetime

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from rapportage.cbs import layout
from rapportage.cbs.bestand import MAX_PROBLEMEN
from rapportage.cbs.models import Aanlevering
from rapportage.tellingen.dimensies import (
    BRONNEN,
    GEBEURTENIS,
    SOORT,
    TELLING,
    TELLING_DIENST,
    TELTABELLEN,
    VOLGTABELLEN,
    Dimensie,
    Teltabel,
)
from rapportage.tellingen.dimensies import teldatum as teldatumveld
from vtregistratie import definities
from vtregistratie.models import Gemeente

LEES_BLOK = 1 << 16


class _Rapport:
    def __init__(self):
        self.problemen: list[dict] = []
        self.aantal = 0
        self.controles: list[dict] = []

    def probleem(self, record: int | None, soort: str, sleutel: str, veld: str, melding: str) -> None:
        self.aantal += 1
        if len(self.problemen) < MAX_PROBLEMEN:
            self.problemen.append({"record": record, "soort": soort, "sleutel": sleutel, "veld": veld,
                                   "melding": str(melding)})

    def controle(self, omschrijving: str, bestand, verwacht, in_orde: bool | None = None) -> None:
        self.controles.append({"controle": str(omschrijving), "bestand": bestand, "verwacht": verwacht,
                               "in_orde": bestand == verwacht if in_orde is None else in_orde})


def _datum(tekst: str) -> date | None:
    """A JJJJMMDD date, None for blanks; ValueError when malformed."""
    if not tekst.strip():
        return None
    if not (len(tekst) == 8 and tekst.isdigit()):
        raise ValueError(tekst)
    return date(int(tekst[:4]), int(tekst[4:6]), int(tekst[6:]))


#: The follow-up's sources (rapportage/tellingen/dimensies.py, BRONNEN) that a record carries, and its field with
#: the counting date. The waiting list (a stock) and the casussen have no record of their own and are not compared.
RECORD_BRONNEN = {
    bron: (recordsoort, BRONNEN[bron].teldatum.rsplit("__", 1)[-1])
    for bron, recordsoort in (("dienst_gestart", layout.DIENST), ("dienst_afgerond", layout.DIENST),
                              ("uitkomst", layout.DIENST), ("overdracht", layout.OVERDRACHT))
}
#: The follow-up tables whose every source a record carries: compared like the tables of adviezen and meldingen.
VERGELEKEN_VOLGTABELLEN = tuple(t for t in VOLGTABELLEN if set(t.bronnen) <= set(RECORD_BRONNEN))


def _volgwaarde(dimensie: Dimensie, bron: str, rij: dict):
    """A follow-up dimension's value in a record row: its field (or a function of the fields), or, where the
    declaration counts a fixed value for this source (gebeurtenis, maat, no afsluitreden when started), that value."""
    if bron not in dimensie.geldt_voor or dimensie.cbs_veld is None:
        return dimensie.voor(bron).value
    return dimensie.cbs_veld(rij) if callable(dimensie.cbs_veld) else rij[dimensie.cbs_veld]


for _tabel in VERGELEKEN_VOLGTABELLEN:  # every compared dimension is in the record or fixed per source
    for _bron in _tabel.bronnen:
        for _d in _tabel.kenmerken:
            if (_bron in _d.geldt_voor and _d.cbs_veld is None) and not hasattr(_d.voor(_bron), "value"):
                raise RuntimeError(f"{_tabel.model.__name__}.{_d.naam} has no cbs_veld for {_bron}")


class _Lezer:
    """Checks one record at a time; keeps only counters and the casus numbers seen."""

    def __init__(self, aanlevering: Aanlevering, rapport: _Rapport):
        self.a, self.r = aanlevering, rapport
        self.geleverd = {Kwartaal(aanlevering.jaar, k["kwartaal"]) for k in aanlevering.kwartalen if k["geleverd"]}
        self.aantallen: Counter = Counter()  # record type -> records
        # per count table: (kwartaal, value of every compared dimension) -> records
        self.tellingen: dict[Teltabel, Counter] = {
            tabel: Counter() for tabel in (*TELTABELLEN, *VERGELEKEN_VOLGTABELLEN)}
        self.casus_meldingen: Counter = Counter()  # casusnummer -> M records
        self.casus_records: dict[str, tuple[int, int]] = {}  # casusnummer -> (record, aantal_meldingen)
        self.gemeenten = {
            code: (van, tot) for code, van, tot in Gemeente.objects.values_list("code", "geldig_van", "geldig_tot")
        }
        self.header_gezien = False
        self.trailer: int | None = None  # record number of the trailer

    # --- fields ------------------------------------------------------------------------------------

    def _velden(self, nr: int, soort: layout.Recordsoort, regel: str, sleutel: str,
                teldatum: date | None) -> dict[str, str]:
        """Field-level checks, the same for every record type; returns the stripped values."""
        ruw = soort.lees(regel)
        waarden = {}
        for veld in soort.velden:
            tekst = ruw[veld.naam]
            waarde = tekst.strip()
            waarden[veld.naam] = waarde
            fout = None
            if not waarde:
                if veld.verplicht and veld.type != layout.V:
                    fout = _("Verplicht veld is leeg.")
            elif veld.type == layout.N and not tekst.isdigit():
                fout = _("'%(w)s' is geen getal.") % {"w": tekst}
            elif veld.type == layout.D:
                try:
                    _datum(tekst)
                except ValueError:
                    fout = _("'%(w)s' is geen datum JJJJMMDD.") % {"w": tekst}
            elif veld.type == layout.DT:
                try:
                    datetime.strptime(tekst, "%Y%m%d%H%M%S")
                except ValueError:
                    fout = _("'%(w)s' is geen datum en tijd JJJJMMDDUUMMSS.") % {"w": tekst}
            elif veld.type == layout.JN and waarde not in ("J", "N"):
                fout = _("'%(w)s' is geen J of N.") % {"w": tekst}
            elif veld.type == layout.V:
                n = len(veld.codelijst)
                if set(tekst) - {"0", "1"} or set(tekst[n:]) - {"0"}:
                    fout = _("'%(w)s': alleen 0 en 1 op de codeposities, 0 op de reserveposities.") % {"w": tekst}
                elif teldatum is not None:
                    for code, vlag in zip(veld.codelijst.codes(), tekst, strict=False):
                        if vlag == "1" and not veld.codelijst.is_geldig(code, teldatum):
                            self.r.probleem(nr, soort.code, sleutel, veld.naam, _(
                                "Code '%(code)s' is niet geldig op %(datum)s.") % {"code": code, "datum": teldatum})
            elif veld.type == layout.C and veld.codelijst is not None:
                if waarde not in veld.codelijst:
                    fout = _("Onbekende code '%(code)s' (codelijst %(lijst)s).") % {
                        "code": waarde, "lijst": veld.codelijst.naam}
                elif teldatum is not None and not veld.codelijst.is_geldig(waarde, teldatum):
                    fout = _("Code '%(code)s' is niet geldig op %(datum)s.") % {"code": waarde, "datum": teldatum}
            if fout:
                self.r.probleem(nr, soort.code, sleutel, veld.naam, fout)
        if regel[soort.gebruikt:].strip():
            self.r.probleem(nr, soort.code, sleutel, "reserve", _("De reserveposities zijn niet leeg."))
        return waarden

    def _organisatie(self, nr: int, soort: str, sleutel: str, w: dict) -> None:
        if w["organisatie"] != self.a.organisatie.code:
            self.r.probleem(nr, soort, sleutel, "organisatie", _("Organisatie %(w)s, verwacht %(v)s.") % {
                "w": w["organisatie"], "v": self.a.organisatie.code})

    def _teldatum(self, nr: int, soort: layout.Recordsoort, regel: str, veld: str) -> date | None:
        try:
            return _datum(regel[soort.veld[veld].slice])
        except ValueError:
            return None  # reported by the field checks

    def _melder(self, nr: int, soort: str, sleutel: str, w: dict, teldatum: date) -> None:
        beroepsmatig = w["beroepsmatig"] == "J"
        if beroepsmatig and (not w["melder_organisatietype"] or w["melder_relatie"]):
            self.r.probleem(nr, soort, sleutel, "melder_organisatietype", _(
                "Een beroepsmatige melder heeft een organisatietype en geen relatie."))
        elif not beroepsmatig and (w["melder_organisatietype"] or not w["melder_relatie"]):
            self.r.probleem(nr, soort, sleutel, "melder_relatie", _(
                "Een niet-beroepsmatige melder heeft een relatie en geen organisatietype."))
        else:
            try:
                groep = definities.melder_groep(beroepsmatig=beroepsmatig, organisatietype=w["melder_organisatietype"])
                impact = definities.impactmonitor_groep(beroepsmatig=beroepsmatig,
                                                        organisatietype=w["melder_organisatietype"],
                                                        relatie=w["melder_relatie"])
            except ValueError:
                return  # an unknown code, reported by the field checks
            if w["melder_groep"] != groep:
                self.r.probleem(nr, soort, sleutel, "melder_groep", _(
                    "Meldergroep %(w)s past niet bij de melder (%(v)s).") % {"w": w["melder_groep"], "v": groep})
            functie_nvt = w["melder_functie"] == definities.FUNCTIE_NIET_VAN_TOEPASSING
            if w["melder_functie"] and functie_nvt == beroepsmatig:
                self.r.probleem(nr, soort, sleutel, "melder_functie", _(
                    "Rol/functie %(w)s past niet bij de melder: 'niet_van_toepassing' is er alleen voor een "
                    "niet-beroepsmatige melder, en voor die altijd.") % {"w": w["melder_functie"]})
            if w["impactmonitor_groep"] != impact:
                self.r.probleem(nr, soort, sleutel, "impactmonitor_groep", _(
                    "Impactmonitorgroep %(w)s past niet bij de melder (%(v)s).") % {
                        "w": w["impactmonitor_groep"], "v": impact})
        gemeente = w["gemeente"]
        if gemeente:
            periode = self.gemeenten.get(gemeente)
            if periode is None:
                self.r.probleem(nr, soort, sleutel, "gemeente", _("Onbekende gemeentecode '%(code)s'.") % {
                    "code": gemeente})
            elif not ((periode[0] is None or periode[0] <= teldatum) and (periode[1] is None or teldatum < periode[1])):
                self.r.probleem(nr, soort, sleutel, "gemeente", _(
                    "Gemeente '%(code)s' bestaat niet op %(datum)s.") % {"code": gemeente, "datum": teldatum})

    def _aard(self, nr: int, soort: str, sleutel: str, w: dict) -> None:
        """A flagged sub-form needs its aard flagged too (``definities.tegenstrijdigheden``). A stand-alone aard
        next to another is not refused here: registrations stored before that rule keep it (docs/definities.md)."""
        def codes(veld: str) -> list[str]:
            return [code for code, vlag in zip(definities.CODELIJSTEN[veld].codes(), w[veld], strict=False)
                    if vlag == "1"]

        for fout in definities.tegenstrijdigheden(aard=codes("aard"), subvormen=codes("aard_subvorm")):
            if fout.veld == "aard_subvorm":
                self.r.probleem(nr, soort, sleutel, fout.veld, fout.bericht)

    def _kwartaal(self, nr: int, soort: str, sleutel: str, veld: str, teldatum: date) -> Kwartaal:
        kwartaal = Kwartaal.van_datum(teldatum)
        if kwartaal not in self.geleverd:
            self.r.probleem(nr, soort, sleutel, veld, _(
                "%(datum)s valt niet in een geleverd kwartaal van %(periode)s.") % {
                    "datum": teldatum, "periode": self.a.periode})
        return kwartaal

    def _tel(self, recordsoort: layout.Recordsoort, soort: str, kwartaal: Kwartaal, w: dict[str, str]) -> None:
        """Count the record under its value of every compared dimension, for each count table."""
        waarden = _recordwaarden(recordsoort, soort, w)
        for tabel in TELTABELLEN:
            teller = self.tellingen[tabel]
            try:
                sleutels = [[kwartaal.kwartaal]]
                for dimensie in vergeleken(tabel):
                    waarde = _dimensiewaarde(dimensie, soort, waarden)
                    # a multi-valued dimension: the record counts once under each of its codes
                    sleutels = [[*s, v] for s in sleutels for v in (waarde if isinstance(waarde, list) else [waarde])]
            except ValueError:
                continue  # an inconsistent record, reported by the field and melder checks
            for sleutel in sleutels:
                teller[tuple(sleutel)] += 1

    # --- records -----------------------------------------------------------------------------------

    def header(self, nr: int, regel: str) -> None:
        w = self._velden(nr, layout.HEADER, regel, "", None)
        self._organisatie(nr, "H", "", w)
        verwacht = {
            "jaar": f"{self.a.jaar:04d}", "halfjaar": str(self.a.halfjaar), "versie": f"{self.a.versie:03d}",
            "layoutversie": f"{layout.LAYOUTVERSIE:02d}", "recordlengte": f"{layout.RECORDLENGTE:04d}",
        }
        for i, kw in enumerate(self.a.kwartalen, start=1):
            verwacht |= {f"kwartaal_{i}": str(kw["kwartaal"]), f"kwartaal_{i}_status": kw["status"],
                         f"kwartaal_{i}_geleverd": "J" if kw["geleverd"] else "N"}
        for veld, waarde in verwacht.items():
            if w[veld] != waarde:
                self.r.probleem(nr, "H", "", veld, _("%(w)s, verwacht %(v)s.") % {"w": w[veld] or "–", "v": waarde})
        for i in (1, 2):
            afgesloten = w[f"kwartaal_{i}_status"] in definities.AFGESLOTEN_KWARTAALSTATUSSEN
            if w[f"kwartaal_{i}_geleverd"] == "J" and not afgesloten:
                self.r.probleem(nr, "H", "", f"kwartaal_{i}_geleverd", _(
                    "Alleen een voorlopig of definitief kwartaal wordt geleverd."))

    def advies(self, nr: int, regel: str) -> None:
        soort = layout.ADVIES
        sleutel = regel[soort.veld["nummer"].slice].strip()
        teldatum = self._teldatum(nr, soort, regel, teldatumveld("advies"))
        w = self._velden(nr, soort, regel, sleutel, teldatum)
        self._organisatie(nr, "A", sleutel, w)
        if teldatum is None:
            return
        kwartaal = self._kwartaal(nr, "A", sleutel, teldatumveld("advies"), teldatum)
        self._melder(nr, "A", sleutel, w, teldatum)
        self._aard(nr, "A", sleutel, w)
        try:
            eind = _datum(regel[soort.veld["einddatum"].slice])
        except ValueError:
            eind = None
        if eind is not None and eind < teldatum:
            self.r.probleem(nr, "A", sleutel, "einddatum", _("De einddatum ligt vóór de startdatum."))
        self._tel(layout.ADVIES, "advies", kwartaal, w)

    def melding(self, nr: int, regel: str) -> None:
        soort = layout.MELDING
        sleutel = regel[soort.veld["nummer"].slice].strip()
        teldatum = self._teldatum(nr, soort, regel, teldatumveld("melding"))
        w = self._velden(nr, soort, regel, sleutel, teldatum)
        self._organisatie(nr, "M", sleutel, w)
        if w["casusnummer"]:
            self.casus_meldingen[w["casusnummer"]] += 1
        if w["anoniem"] != "N":
            self.r.probleem(nr, "M", sleutel, "anoniem", _("Een melding kan niet anoniem zijn."))
        if teldatum is None:
            return
        kwartaal = self._kwartaal(nr, "M", sleutel, teldatumveld("melding"), teldatum)
        self._melder(nr, "M", sleutel, w, teldatum)
        self._aard(nr, "M", sleutel, w)
        beoordeeld = bool(w["beoordeling_datum"])
        try:
            telt_als = definities.beoordeling(datum=w["beoordeling_datum"] or None, uitkomst=w["beoordeling"])
        except ValueError:
            telt_als = None
        if telt_als != w["beoordeling"]:
            self.r.probleem(nr, "M", sleutel, "beoordeling", _(
                "Met een beoordelingsdatum hoort een uitkomst, zonder datum 'nog_niet_beoordeeld'."))
        if bool(w["vervolgdienst"]) != (w["beoordeling"] == "vervolgstappen_vt"):
            self.r.probleem(nr, "M", sleutel, "vervolgdienst", _(
                "Alleen bij vervolgstappen_vt hoort (en verplicht) een vervolgdienst."))
        if beoordeeld != bool(w["binnen_termijn"]):
            self.r.probleem(nr, "M", sleutel, "binnen_termijn", _(
                "Binnen termijn is J of N bij een beoordeling, anders een spatie."))
        self._tel(layout.MELDING, "melding", kwartaal, w)

    def _datums(self, soort: layout.Recordsoort, regel: str) -> dict[str, date | None]:
        datums = {}
        for veld in soort.velden:
            if veld.type == layout.D:
                try:
                    datums[veld.naam] = _datum(regel[veld.slice])
                except ValueError:
                    datums[veld.naam] = None  # reported by the field checks
        return datums

    def _tel_volg(self, soort: layout.Recordsoort, w: dict[str, str], datums: dict[str, date | None]) -> None:
        """Count a D or O record under every follow-up source it carries, in the quarter of that source's date when
        delivered, for each compared follow-up table (an onderzoek once per aard with its outcome)."""
        waarden = _recordwaarden(soort, "", w) | datums
        for bron, (recordsoort, datumveld) in RECORD_BRONNEN.items():
            datum = datums.get(datumveld)
            if recordsoort is not soort or datum is None or Kwartaal.van_datum(datum) not in self.geleverd:
                continue
            rijen = [waarden | {"bron": bron}]
            if bron == "uitkomst":
                rijen = [rijen[0] | {"aard": aard, "uitkomst": uitkomst}
                         for uitkomst in definities.ONDERZOEK_UITKOMST.codes()
                         for aard in waarden[f"uitkomst_{uitkomst}"]]
            for tabel in VERGELEKEN_VOLGTABELLEN:
                if bron not in tabel.bronnen:
                    continue
                for rij in rijen:
                    try:
                        sleutel = (Kwartaal.van_datum(datum).kwartaal,
                                   *(_volgwaarde(d, bron, rij) for d in tabel.kenmerken))
                    except (TypeError, KeyError):
                        continue  # a missing date, reported by the field checks
                    self.tellingen[tabel][sleutel] += 1

    def dienst(self, nr: int, regel: str) -> None:
        soort = layout.DIENST
        sleutel = regel[soort.veld["nummer"].slice].strip()
        datums = self._datums(soort, regel)
        w = self._velden(nr, soort, regel, sleutel, datums.get("startdatum"))
        self._organisatie(nr, "D", sleutel, w)
        besluit, start, eind = datums["besluitdatum"], datums["startdatum"], datums["einddatum"]
        if start is None:
            return
        if besluit is not None and start < besluit:
            self.r.probleem(nr, "D", sleutel, "startdatum", _("De startdatum ligt vóór de besluitdatum."))
        if eind is not None and eind < start:
            self.r.probleem(nr, "D", sleutel, "einddatum", _("De einddatum ligt vóór de startdatum."))
        if not any(d is not None and Kwartaal.van_datum(d) in self.geleverd for d in (start, eind)):
            self.r.probleem(nr, "D", sleutel, "startdatum", _(
                "De dienst is niet gestart of afgerond in een geleverd kwartaal van %(periode)s.") % {
                    "periode": self.a.periode})
        onderzoek_afgerond = w["soort"] == "onderzoek" and eind is not None
        if w["afsluitreden"] and not onderzoek_afgerond:
            self.r.probleem(nr, "D", sleutel, "afsluitreden", _(
                "Alleen een afgerond onderzoek kan voortijdig zijn afgesloten."))
        per_uitkomst = {u: soort.veld[f"uitkomst_{u}"] for u in definities.ONDERZOEK_UITKOMST.codes()}
        aarden = Counter(code for u, veld in per_uitkomst.items()
                         for code, vlag in zip(veld.codelijst.codes(), w[veld.naam], strict=False) if vlag == "1")
        if aarden and (not onderzoek_afgerond or w["afsluitreden"]):
            self.r.probleem(nr, "D", sleutel, "uitkomst_bevestigd", _(
                "Alleen een afgerond, niet voortijdig afgesloten onderzoek heeft een uitkomst per aard."))
        elif onderzoek_afgerond and not w["afsluitreden"] and not aarden:
            self.r.probleem(nr, "D", sleutel, "uitkomst_bevestigd", _(
                "Een afgerond onderzoek heeft een uitkomst per aard, of een reden van voortijdig afsluiten."))
        dubbel = sorted(code for code, n in aarden.items() if n > 1)
        if dubbel:
            self.r.probleem(nr, "D", sleutel, "uitkomst_bevestigd", _(
                "Eén uitkomst per aard; meer dan één voor: %(aarden)s.") % {"aarden": ", ".join(dubbel)})
        self._tel_volg(soort, w, datums)

    def overdracht(self, nr: int, regel: str) -> None:
        soort = layout.OVERDRACHT
        sleutel = regel[soort.veld["nummer"].slice].strip()
        datums = self._datums(soort, regel)
        w = self._velden(nr, soort, regel, sleutel, datums.get("datum"))
        self._organisatie(nr, "O", sleutel, w)
        if datums["datum"] is None:
            return
        self._kwartaal(nr, "O", sleutel, "datum", datums["datum"])
        self._tel_volg(soort, w, datums)

    def casus(self, nr: int, regel: str) -> None:
        w = self._velden(nr, layout.CASUS, regel, regel[layout.CASUS.veld["casusnummer"].slice].strip(), None)
        self._organisatie(nr, "C", w["casusnummer"], w)
        if w["casusnummer"] in self.casus_records:
            self.r.probleem(nr, "C", w["casusnummer"], "casusnummer", _("Deze casus staat er meer dan eens in."))
        aantal = int(w["aantal_meldingen"]) if w["aantal_meldingen"].isdigit() else -1
        self.casus_records[w["casusnummer"]] = (nr, aantal)

    def slot(self, nr: int, regel: str, voorafgaand_sha256: str) -> None:
        w = self._velden(nr, layout.TRAILER, regel, "", None)
        self._organisatie(nr, "T", "", w)
        verwacht = {
            "jaar": f"{self.a.jaar:04d}", "halfjaar": str(self.a.halfjaar), "versie": f"{self.a.versie:03d}",
            "aantal_adviezen": f"{self.aantallen['A']:09d}", "aantal_meldingen": f"{self.aantallen['M']:09d}",
            "aantal_casussen": f"{self.aantallen['C']:09d}", "aantal_diensten": f"{self.aantallen['D']:09d}",
            "aantal_overdrachten": f"{self.aantallen['O']:09d}", "aantal_records": f"{nr:09d}",
            "sha256": voorafgaand_sha256,
        }
        for veld, waarde in verwacht.items():
            if w[veld] != waarde:
                self.r.probleem(nr, "T", "", veld, _("%(w)s, verwacht %(v)s.") % {"w": w[veld] or "–", "v": waarde})
        self.r.controle(_("Controlegetal (SHA-256) in de trailer"), w["sha256"][:12], voorafgaand_sha256[:12])
        self.r.controle(_("Aantal records volgens de trailer"), w["aantal_records"].lstrip("0") or "0", str(nr))


def _lees(aanlevering: Aanlevering, lezer: _Lezer, rapport: _Rapport) -> tuple[str, int]:
    """Read the file record by record; returns its SHA-256 and size."""
    geheel, voorafgaand = hashlib.sha256(), hashlib.sha256()
    grootte, nr, vorige_soort = 0, 0, ""
    volgorde = layout.VOLGORDE
    with aanlevering.bestand.open("rb") as f:
        for ruw in f:
            nr += 1
            grootte += len(ruw)
            geheel.update(ruw)
            if lezer.trailer is not None:
                rapport.probleem(nr, "", "", "", _("Na de trailer staan nog records."))
            if not ruw.endswith(layout.REGELEINDE):
                rapport.probleem(nr, "", "", "", _("Het record eindigt niet op CR LF."))
            inhoud = ruw.rstrip(b"\r\n")
            if not inhoud.isascii():
                rapport.probleem(nr, "", "", "", _("Het record bevat tekens buiten ASCII."))
            regel = inhoud.decode("ascii", "replace")
            if len(regel) != layout.RECORDLENGTE:
                rapport.probleem(nr, regel[:1], "", "", _("Het record is %(n)s tekens lang, niet %(l)s.") % {
                    "n": len(regel), "l": layout.RECORDLENGTE})
                regel = regel.ljust(layout.RECORDLENGTE)[:layout.RECORDLENGTE]
            soort = regel[:1]
            if soort not in layout.RECORDSOORTEN:
                rapport.probleem(nr, soort, "", "recordsoort", _("Onbekende recordsoort '%(s)s'.") % {"s": soort})
                voorafgaand.update(ruw)
                continue
            if nr == 1 and soort != "H":
                rapport.probleem(nr, soort, "", "recordsoort", _("Het eerste record is geen header."))
            elif soort == "H" and nr != 1:
                rapport.probleem(nr, soort, "", "recordsoort", _("Een header hoort alleen als eerste record."))
            elif vorige_soort and volgorde.index(soort) < volgorde.index(vorige_soort):
                rapport.probleem(nr, soort, "", "recordsoort", _(
                    "Recordsoort %(s)s staat na %(v)s; de volgorde is H, A, M, C, D, O, T.")
                    % {"s": soort, "v": vorige_soort})
            vorige_soort = soort
            lezer.aantallen[soort] += 1
            if soort == "T":
                lezer.slot(nr, regel, voorafgaand.hexdigest())
                lezer.trailer = nr
            elif soort == "H":
                lezer.header(nr, regel)
            elif soort == "A":
                lezer.advies(nr, regel)
            elif soort == "M":
                lezer.melding(nr, regel)
            elif soort == "D":
                lezer.dienst(nr, regel)
            elif soort == "O":
                lezer.overdracht(nr, regel)
            else:
                lezer.casus(nr, regel)
            voorafgaand.update(ruw)
    if nr == 0:
        rapport.probleem(None, "", "", "", _("Het bestand is leeg."))
    elif lezer.trailer is None:
        rapport.probleem(None, "T", "", "", _("Het bestand heeft geen trailer."))
    return geheel.hexdigest(), grootte


def vergeleken(tabel: Teltabel) -> tuple[Dimensie, ...]:
    """The dimensions of a count table that a record carries: every one but the key (the file is one
    organisation's, and its year is the delivery's); of a follow-up table every one, carried or fixed per source."""
    if tabel in VERGELEKEN_VOLGTABELLEN:
        return tabel.kenmerken
    return tuple(d for d in tabel.kenmerken if d.cbs_veld is not None)


def _recordwaarden(recordsoort: layout.Recordsoort, soort: str, w: dict[str, str]) -> dict[str, object]:
    """The record's fields as values: J/N as booleans (blank None), flag fields as their list of codes."""
    waarden: dict[str, object] = {"soort": soort}
    for veld in recordsoort.velden:
        tekst = w[veld.naam]
        if veld.type == layout.JN:
            waarden[veld.naam] = {"J": True, "N": False}.get(tekst)
        elif veld.type == layout.V:
            waarden[veld.naam] = [code for code, vlag in zip(veld.codelijst.codes(), tekst, strict=False)
                                  if vlag == "1"]
        else:
            waarden[veld.naam] = tekst
    return waarden


def _dimensiewaarde(dimensie: Dimensie, soort: str, waarden: dict[str, object]):
    """A dimension's value in a record: its field, a derivation from the fields, or, for a dimension a record of
    this soort does not carry (crisis of an advies), the fixed value the declaration counts it with."""
    if callable(dimensie.cbs_veld):
        return dimensie.cbs_veld(waarden)
    if dimensie.cbs_veld in waarden:
        return waarden[dimensie.cbs_veld]
    return dimensie.voor(soort).value


def _omschrijf(tabel: Teltabel, sleutel: tuple) -> str:
    delen = []
    for dimensie, waarde in zip(vergeleken(tabel), sleutel[1:], strict=True):
        if isinstance(waarde, bool):
            waarde = _("ja") if waarde else _("nee")
        delen.append(f"{dimensie.label} {'–' if waarde in (None, '') else waarde}")
    return ", ".join(delen)


def _vergelijk_met_tellingen(aanlevering: Aanlevering, lezer: _Lezer, rapport: _Rapport) -> None:
    """Records per quarter × every compared dimension against the quarterly counts of every compared count table."""
    kwartalen = sorted(kw.kwartaal for kw in lezer.geleverd)
    for tabel in (*TELTABELLEN, *VERGELEKEN_VOLGTABELLEN):
        namen = ["kwartaal", *(d.naam for d in vergeleken(tabel))]
        telling = Counter({
            tuple(sleutel): n for *sleutel, n in tabel.model.objects.filter(
                organisatie=aanlevering.organisatie, jaar=aanlevering.jaar, kwartaal__in=kwartalen,
            ).values(*namen).annotate(n=Sum("aantal")).order_by().values_list(*namen, "n")
        })
        in_bestand = lezer.tellingen[tabel]
        if tabel is TELLING:
            plaats = namen.index(SOORT.naam)
            for kw in kwartalen:
                for soort, label in (("advies", _("adviezen")), ("melding", _("meldingen"))):
                    rapport.controle(_("%(jaar)s-K%(kw)s %(soort)s: bestand tegen kwartaaltelling") % {
                        "jaar": aanlevering.jaar, "kw": kw, "soort": label},
                        sum(n for k, n in in_bestand.items() if k[0] == kw and k[plaats] == soort),
                        sum(n for k, n in telling.items() if k[0] == kw and k[plaats] == soort))
        if tabel is TELLING_DIENST:
            plaats = namen.index(GEBEURTENIS.naam)
            for kw in kwartalen:
                for gebeurtenis, label in (("gestart", _("diensten gestart")), ("afgerond", _("diensten afgerond"))):
                    rapport.controle(_("%(jaar)s-K%(kw)s %(soort)s: bestand tegen kwartaaltelling") % {
                        "jaar": aanlevering.jaar, "kw": kw, "soort": label},
                        sum(n for k, n in in_bestand.items() if k[0] == kw and k[plaats] == gebeurtenis),
                        sum(n for k, n in telling.items() if k[0] == kw and k[plaats] == gebeurtenis))
        for sleutel in sorted(set(telling) | set(in_bestand), key=str):
            if telling[sleutel] != in_bestand[sleutel]:
                rapport.probleem(None, "", f"{aanlevering.jaar}-K{sleutel[0]}", "aantal", _(
                    "%(sleutel)s: %(bestand)s in het bestand, %(telling)s in de kwartaaltelling.") % {
                        "sleutel": _omschrijf(tabel, sleutel), "bestand": in_bestand[sleutel],
                        "telling": telling[sleutel]})


def valideer(aanlevering: Aanlevering) -> dict:
    """Check a delivery's file; returns the report to store on it (JSON)."""
    rapport = _Rapport()
    for p in aanlevering.validatierapport.get("aanmaak", []):
        rapport.probleem(p["record"], p["soort"], p["sleutel"], p["veld"], p["melding"])
    lezer = _Lezer(aanlevering, rapport)
    try:
        sha256, grootte = _lees(aanlevering, lezer, rapport)
    except OSError as exc:
        rapport.probleem(None, "", "", "bestand", _("Het bestand is niet te lezen: %(fout)s") % {"fout": exc})
    else:
        rapport.controle(_("SHA-256 van het hele bestand tegen de registratie"), sha256[:12], aanlevering.sha256[:12],
                         in_orde=sha256 == aanlevering.sha256 and grootte == aanlevering.grootte)
        if sha256 != aanlevering.sha256 or grootte != aanlevering.grootte:
            rapport.probleem(None, "", "", "sha256", _("Het bestand is gewijzigd sinds het aanmaken."))
        for nummer, aantal in lezer.casus_meldingen.items():
            if nummer not in lezer.casus_records:
                rapport.probleem(None, "M", nummer, "casusnummer", _(
                    "Casus %(c)s van %(n)s melding(en) heeft geen C-record.") % {"c": nummer, "n": aantal})
        for nummer, (nr, aantal) in lezer.casus_records.items():
            if lezer.casus_meldingen[nummer] != aantal:
                rapport.probleem(nr, "C", nummer, "aantal_meldingen", _(
                    "%(a)s meldingen volgens het record, %(b)s in het bestand.") % {
                        "a": aantal, "b": lezer.casus_meldingen[nummer]})
        _vergelijk_met_tellingen(aanlevering, lezer, rapport)
    return {
        "geslaagd": rapport.aantal == 0,
        "gecontroleerd_op": timezone.now().isoformat(),
        "aantal_problemen": rapport.aantal,
        "problemen": rapport.problemen,
        "controles": rapport.controles,
        "records": dict(lezer.aantallen),
    }
