"""The follow-up in the CBS delivery: dienst (D) and overdracht (O) records, checked against the counts."""

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from diensten.services import registreer_dienst, registreer_overdracht
from rapportage.cbs import layout, validatie
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import maak_aanlevering, valideer_aanlevering
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie import definities

pytestmark = pytest.mark.django_db
H1 = Halfjaar(2025, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


def _vervolgstappen(intake, ontvangst: date, besluit: date, dienst: str, **velden):
    return MeldingFactory(door=intake, ontvangstdatum=ontvangst, beoordeling_datum=besluit,
                          beoordeling_uitkomst="vervolgstappen_vt", vervolgdienst=dienst, **velden)


@pytest.fixture
def gegevens(teamleider):
    """2025-H1 with: an onderzoek started in K1 and ended in K2 with two outcomes and an overdracht; voorwaarden en
    vervolg started in 2024-K4 and ended in K1; an onderzoek closed early in K2; an overdracht after a
    beoordeling; a melding still waiting (no dienst, so no D record)."""
    intake = GebruikerFactory(rol="intake", organisatie=teamleider.organisatie)
    m1 = _vervolgstappen(intake, date(2025, 1, 10), date(2025, 1, 14), "onderzoek",
                         aard=["kindermishandeling", "partnergeweld"])
    d1 = registreer_dienst(melding=m1, door=intake, startdatum=date(2025, 2, 3), einddatum=date(2025, 4, 20),
                           uitkomsten={"partnergeweld": "bevestigd", "kindermishandeling": "niet_bevestigd"})
    registreer_overdracht(melding=m1, door=intake, dienst=d1, datum=date(2025, 4, 22), bestemming="lokaal_veld",
                          hulp="ambulante_hulp")
    m2 = _vervolgstappen(intake, date(2024, 11, 5), date(2024, 11, 8), "voorwaarden_en_vervolg")
    registreer_dienst(melding=m2, door=intake, startdatum=date(2024, 12, 2), einddatum=date(2025, 3, 1))
    m3 = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3), beoordeling_datum=date(2025, 3, 5),
                        beoordeling_uitkomst="overdracht", gemeente="")
    registreer_overdracht(melding=m3, door=intake, datum=date(2025, 3, 5), bestemming="politie_om")
    m4 = _vervolgstappen(intake, date(2025, 5, 1), date(2025, 5, 2), "onderzoek")
    registreer_dienst(melding=m4, door=intake, startdatum=date(2025, 5, 10), einddatum=date(2025, 6, 1),
                      afsluitreden="verhuisd_andere_regio")
    _vervolgstappen(intake, date(2025, 6, 5), date(2025, 6, 10), "onderzoek")
    for kw in H1.kwartalen:
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="voorlopig")
    return {"m1": m1, "m2": m2, "m3": m3, "m4": m4}


@pytest.fixture
def aanlevering(teamleider, gegevens):
    return maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)


def _regels(aanlevering) -> list[str]:
    return Path(aanlevering.bestand.path).read_bytes().decode("ascii").split("\r\n")[:-1]


def _records(aanlevering, soort: str) -> list[dict[str, str]]:
    recordsoort = layout.RECORDSOORTEN[soort]
    return [{k: v.strip() for k, v in recordsoort.lees(r).items()} for r in _regels(aanlevering) if r[0] == soort]


def _vlaggen(*aarden: str) -> str:
    codes = definities.AARD.codes()
    return "".join("1" if code in aarden else "0" for code in codes).ljust(12, "0")


def test_dienst_records_carry_the_follow_up_field_by_field(aanlevering, gegevens, teamleider):
    m1, m2, m4 = gegevens["m1"], gegevens["m2"], gegevens["m4"]
    diensten = _records(aanlevering, "D")
    # one record per dienst started or ended in a delivered quarter, by start date; the waiting melding has none
    assert [d["nummer"] for d in diensten] == [m2.nummer, m1.nummer, m4.nummer]
    vv, onderzoek, voortijdig = diensten
    assert vv == {"recordsoort": "D", "organisatie": teamleider.organisatie.code, "nummer": m2.nummer,
                  "casusnummer": m2.casus.nummer, "gemeente": "GM0363", "soort": "voorwaarden_en_vervolg",
                  "besluitdatum": "20241108", "startdatum": "20241202", "einddatum": "20250301", "afsluitreden": "",
                  "uitkomst_bevestigd": _vlaggen(), "uitkomst_niet_bevestigd": _vlaggen(),
                  "uitkomst_weerlegd": _vlaggen()}
    assert (onderzoek["uitkomst_bevestigd"], onderzoek["uitkomst_niet_bevestigd"]) == (
        _vlaggen("partnergeweld"), _vlaggen("kindermishandeling"))
    assert voortijdig["afsluitreden"] == "verhuisd_andere_regio" and voortijdig["uitkomst_bevestigd"] == _vlaggen()
    overdrachten = _records(aanlevering, "O")
    velden = ("nummer", "moment", "datum", "bestemming", "hulp", "gemeente")
    assert [tuple(o[v] for v in velden) for o in overdrachten] == [
        (gegevens["m3"].nummer, "na_beoordeling", "20250305", "politie_om", "", ""),
        (m1.nummer, "na_dienst", "20250422", "lokaal_veld", "ambulante_hulp", "GM0363"),
    ]
    regels = _regels(aanlevering)
    assert re.fullmatch("HM{4}C{4}D{3}O{2}T", "".join(r[0] for r in regels))  # after the casussen, in this order
    trailer = _records(aanlevering, "T")[0]
    assert (trailer["aantal_diensten"], trailer["aantal_overdrachten"]) == ("000000003", "000000002")
    assert all(len(r) == layout.RECORDLENGTE for r in regels)


def test_the_follow_up_passes_the_validation_against_the_counts(aanlevering, teamleider):
    gevalideerd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert gevalideerd.problemen == [], gevalideerd.problemen
    assert gevalideerd.status == Aanlevering.Status.GEVALIDEERD
    rapport = gevalideerd.validatierapport
    assert rapport["records"]["D"] == 3 and rapport["records"]["O"] == 2
    vergelijking = {c["controle"]: (c["bestand"], c["verwacht"]) for c in rapport["controles"]}
    assert vergelijking["2025-K1 diensten gestart: bestand tegen kwartaaltelling"] == (1, 1)  # not the 2024 one
    assert vergelijking["2025-K1 diensten afgerond: bestand tegen kwartaaltelling"] == (1, 1)
    assert vergelijking["2025-K2 diensten afgerond: bestand tegen kwartaaltelling"] == (2, 2)


def _vervang(aanlevering, nummer: str, veld: str, waarde: str) -> None:
    """Overwrite one field of the D record of a melding and store the file's new checksum, as if the file had been
    written so: only the content checks can catch it."""
    pad = Path(aanlevering.bestand.path)
    regels = pad.read_bytes().decode("ascii").split("\r\n")
    for i, regel in enumerate(regels):
        if regel.startswith("D") and layout.DIENST.lees(regel)["nummer"].strip() == nummer:
            s = layout.DIENST.veld[veld].slice
            regels[i] = regel[:s.start] + waarde.ljust(s.stop - s.start) + regel[s.stop:]
    data = "\r\n".join(regels).encode("ascii")
    pad.write_bytes(data)
    Aanlevering.objects.filter(pk=aanlevering.pk).update(sha256=hashlib.sha256(data).hexdigest(), grootte=len(data))
    aanlevering.refresh_from_db()


@pytest.mark.parametrize(("veld", "waarde", "tabel"), [
    ("soort", "onderzoek", "dienst"),  # voorwaarden en vervolg reported as an onderzoek
    ("einddatum", "20250320", "doorlooptijd"),  # a doorlooptijd of 108 instead of 89 days: the histogram differs
    ("afsluitreden", "overleden", "voortijdig afgesloten"),  # an afgeronde dienst moved to closed early
])
def test_a_tampered_dienst_record_is_caught_by_the_counts(aanlevering, gegevens, teamleider, veld, waarde, tabel,
                                                         monkeypatch):
    _vervang(aanlevering, gegevens["m2"].nummer, veld, waarde)
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert afgekeurd.status == Aanlevering.Status.AFGEKEURD
    telverschillen = [p for p in afgekeurd.problemen if p["veld"] == "aantal"]
    assert telverschillen and all(p["sleutel"] == "2025-K1" for p in telverschillen)
    # Against the broken version, a validation that does not compare the follow-up with its counts, the same
    # tampering passes the count checks.
    monkeypatch.setattr(validatie, "VERGELEKEN_VOLGTABELLEN", ())
    opnieuw = valideer_aanlevering(aanlevering=afgekeurd, door=teamleider)
    assert not [p for p in opnieuw.problemen if p["veld"] == "aantal"]


def test_a_tampered_outcome_is_caught_by_the_outcome_counts(aanlevering, gegevens, teamleider):
    _vervang(aanlevering, gegevens["m1"].nummer, "uitkomst_bevestigd", _vlaggen())
    _vervang(aanlevering, gegevens["m1"].nummer, "uitkomst_weerlegd", _vlaggen("partnergeweld"))
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    meldingen = [p["melding"] for p in afgekeurd.problemen if p["veld"] == "aantal"]
    assert any("weerlegd" in m and "1 in het bestand, 0 in de kwartaaltelling" in m for m in meldingen), meldingen
    assert any("bevestigd" in m and "0 in het bestand, 1 in de kwartaaltelling" in m for m in meldingen), meldingen


def test_a_dienst_record_that_breaks_the_rules_is_reported_with_its_record(aanlevering, gegevens, teamleider):
    _vervang(aanlevering, gegevens["m2"].nummer, "uitkomst_bevestigd", _vlaggen("partnergeweld"))
    _vervang(aanlevering, gegevens["m4"].nummer, "einddatum", "20250501")
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    regels = {p["sleutel"]: p for p in afgekeurd.problemen if p["soort"] == "D"}
    assert "afgerond, niet voortijdig afgesloten onderzoek" in regels[gegevens["m2"].nummer]["melding"]
    assert regels[gegevens["m4"].nummer]["veld"] == "einddatum"
    assert regels[gegevens["m2"].nummer]["record"] == 1 + 4 + 4 + 1  # after the header, 4 M and 4 C records
