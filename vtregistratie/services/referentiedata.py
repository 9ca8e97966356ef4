"""Loading the shipped reference data (CBS regions, gemeenten, memberships, inhabitants).

Idempotent: rows are matched on their natural key, new ones are added, changed ones updated,
identical ones left alone, and nothing is deleted (history is never rewritten). The whole load is
one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import models, transaction

from vtregistratie.models import (
    Gemeente,
    Herindeling,
    Inwoners,
    Lidmaatschap,
    Organisatie,
    OrganisatieNaam,
    Stedelijkheid,
)
from vtregistratie.signals import referentiedata_gewijzigd

REFERENTIEDATA_MAP = Path(__file__).resolve().parent.parent / "referentiedata"


@dataclass
class Tabelresultaat:
    toegevoegd: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0


@dataclass
class Laadrapport:
    tabellen: dict[str, Tabelresultaat] = field(default_factory=dict)

    @property
    def iets_gewijzigd(self) -> bool:
        return any(t.toegevoegd or t.gewijzigd for t in self.tabellen.values())


def _datum(waarde: str) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _int(waarde: str) -> int | None:
    return int(waarde) if waarde else None


def _lees(map_: Path, naam: str) -> list[dict[str, str]]:
    with open(map_ / naam, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _synchroniseer(
    model: type[models.Model],
    gewenst: dict[tuple, dict],
    sleutel: Callable[[models.Model], tuple],
    bestaand: Iterable[models.Model],
) -> Tabelresultaat:
    """Bring ``model`` in line with ``gewenst`` (natural key -> field values) without deleting."""
    resultaat = Tabelresultaat()
    per_sleutel = {sleutel(obj): obj for obj in bestaand}
    nieuw, gewijzigd, gewijzigde_velden = [], [], set()
    for key, velden in gewenst.items():
        obj = per_sleutel.get(key)
        if obj is None:
            nieuw.append(model(**velden))
            continue
        verschil = {naam for naam, waarde in velden.items() if getattr(obj, naam) != waarde}
        if verschil:
            for naam in verschil:
                setattr(obj, naam, velden[naam])
            gewijzigd.append(obj)
            gewijzigde_velden |= verschil
        else:
            resultaat.ongewijzigd += 1
    model.objects.bulk_create(nieuw, batch_size=500)
    if gewijzigd:
        model.objects.bulk_update(gewijzigd, sorted(gewijzigde_velden), batch_size=500)
    resultaat.toegevoegd, resultaat.gewijzigd = len(nieuw), len(gewijzigd)
    return resultaat


@transaction.atomic
def laad_referentiedata(
    *, map_: Path = REFERENTIEDATA_MAP, voortgang: Callable[[str], None] | None = None
) -> Laadrapport:
    rapport = Laadrapport()
    stap = voortgang or (lambda naam: None)

    # Organisaties: one row per name period in the source; the organisation spans them all.
    regio_rijen = _lees(map_, "vt_regios.csv")
    per_code: dict[str, list[dict]] = {}
    for rij in regio_rijen:
        per_code.setdefault(rij["code"], []).append(rij)
    organisaties: dict[tuple, dict] = {}
    for code, rijen in per_code.items():
        vanaf = [_datum(r["geldig_van"]) for r in rijen]
        tot = [_datum(r["geldig_tot"]) for r in rijen]
        laatste = max(rijen, key=lambda r: r["geldig_van"])  # ISO dates sort as text; "" first
        organisaties[(code,)] = {
            "code": code,
            "naam": laatste["naam"],
            "geldig_van": None if None in vanaf else min(vanaf),
            "geldig_tot": None if None in tot else max(tot),
        }
    rapport.tabellen["organisaties"] = _synchroniseer(
        Organisatie, organisaties, lambda o: (o.code,), Organisatie.objects.all()
    )
    stap("organisaties")
    org_per_code = {o.code: o for o in Organisatie.objects.all()}

    namen = {
        (rij["code"], _datum(rij["geldig_van"])): {
            "organisatie": org_per_code[rij["code"]],
            "naam": rij["naam"],
            "geldig_van": _datum(rij["geldig_van"]),
            "geldig_tot": _datum(rij["geldig_tot"]),
        }
        for rij in regio_rijen
    }
    rapport.tabellen["namen van organisaties"] = _synchroniseer(
        OrganisatieNaam,
        namen,
        lambda n: (n.organisatie.code, n.geldig_van),
        OrganisatieNaam.objects.select_related("organisatie"),
    )
    stap("namen van organisaties")

    gemeenten = {
        (rij["gemeentecode"],): {
            "code": rij["gemeentecode"],
            "naam": rij["naam"],
            "provincie": rij["provincie"],
            "geldig_van": _datum(rij["geldig_van"]),
            "geldig_tot": _datum(rij["geldig_tot"]),
        }
        for rij in _lees(map_, "gemeenten.csv")
    }
    rapport.tabellen["gemeenten"] = _synchroniseer(Gemeente, gemeenten, lambda g: (g.code,), Gemeente.objects.all())
    stap("gemeenten")
    gem_per_code = {g.code: g for g in Gemeente.objects.all()}

    lidmaatschappen = {
        (rij["gemeentecode"], _datum(rij["geldig_van"])): {
            "gemeente": gem_per_code[rij["gemeentecode"]],
            "organisatie": org_per_code[rij["vt_regio_code"]],
            "geldig_van": _datum(rij["geldig_van"]),
            "geldig_tot": _datum(rij["geldig_tot"]),
            "methode": rij["methode"],
        }
        for rij in _lees(map_, "gemeente_vt_regio.csv")
    }
    rapport.tabellen["lidmaatschappen"] = _synchroniseer(
        Lidmaatschap,
        lidmaatschappen,
        lambda lm: (lm.gemeente.code, lm.geldig_van),
        Lidmaatschap.objects.select_related("gemeente", "organisatie"),
    )
    stap("lidmaatschappen")

    inwoners = {
        (rij["gemeentecode"], int(rij["jaar"])): {
            "gemeente": gem_per_code[rij["gemeentecode"]],
            "jaar": int(rij["jaar"]),
            "aantal": int(rij["inwoners"]),
            "status": rij["status"],
        }
        for rij in _lees(map_, "inwoners.csv")
    }
    rapport.tabellen["inwoners"] = _synchroniseer(
        Inwoners, inwoners, lambda i: (i.gemeente.code, i.jaar), Inwoners.objects.select_related("gemeente")
    )
    stap("inwoners")

    herindelingen = {
        (rij["oude_gemeentecode"], rij["nieuwe_gemeentecode"]): {
            "oude_gemeente": gem_per_code[rij["oude_gemeentecode"]],
            "nieuwe_gemeente": gem_per_code[rij["nieuwe_gemeentecode"]],
            "datum": _datum(rij["datum"]),
            "aandeel_adressen": Decimal(rij["aandeel_adressen"]),
        }
        for rij in _lees(map_, "herindelingen.csv")
    }
    rapport.tabellen["herindelingen"] = _synchroniseer(
        Herindeling,
        herindelingen,
        lambda h: (h.oude_gemeente.code, h.nieuwe_gemeente.code),
        Herindeling.objects.select_related("oude_gemeente", "nieuwe_gemeente"),
    )
    stap("herindelingen")

    stedelijkheid = {
        (rij["gemeentecode"], int(rij["jaar"])): {
            "gemeente": gem_per_code[rij["gemeentecode"]],
            "jaar": int(rij["jaar"]),
            "stedelijkheid": _int(rij["stedelijkheid"]),
            "omgevingsadressendichtheid": _int(rij["omgevingsadressendichtheid"]),
            "bevolkingsdichtheid": _int(rij["bevolkingsdichtheid"]),
        }
        for rij in _lees(map_, "stedelijkheid.csv")
    }
    rapport.tabellen["stedelijkheid"] = _synchroniseer(
        Stedelijkheid,
        stedelijkheid,
        lambda s: (s.gemeente.code, s.jaar),
        Stedelijkheid.objects.select_related("gemeente"),
    )
    stap("stedelijkheid")
    if rapport.iets_gewijzigd:
        referentiedata_gewijzigd.send(sender=laad_referentiedata)
    return rapport
