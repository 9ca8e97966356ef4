"""Validation of a delivery before it is offered: fields, codes on their dates, structure, and the counts."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kwartalen.models import VerouderdeSleutel
from rapportage.cbs import layout
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import maak_aanlevering, valideer_aanlevering
from rapportage.tellingen.models import Telling
from rapportage.tellingen.services.herberekening import herbereken_verouderde
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie import definities

pytestmark = pytest.mark.django_db
H1 = Halfjaar(2025, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


@pytest.fixture
def aanlevering(teamleider):
    """A delivery of 2025-H1 with 2 adviezen and 2 meldingen; the counts are left stale on purpose."""
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 1, 6))
    AdviesFactory(door=intake, startdatum=date(2025, 5, 6), beroepsmatig=False, melder_organisatietype="",
                  melder_relatie="familielid")
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3), acute_onveiligheid=True)
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 6, 30), casus=melding.casus)
    for kw in H1.kwartalen:
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="voorlopig")
    return maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)


def _pad(aanlevering) -> Path:
    return Path(aanlevering.bestand.path)


def _vervang_in_record(aanlevering, soort: str, veld: str, waarde: str) -> int:
    """Overwrite one field of the first record of a type in the stored file; returns that record's number."""
    regels = _pad(aanlevering).read_bytes().decode("ascii").split("\r\n")
    for nr, regel in enumerate(regels, start=1):
        if regel.startswith(soort):
            s = layout.RECORDSOORTEN[soort].veld[veld].slice
            regels[nr - 1] = regel[:s.start] + waarde.ljust(s.stop - s.start) + regel[s.stop:]
            _pad(aanlevering).write_bytes("\r\n".join(regels).encode("ascii"))
            return nr
    raise AssertionError(f"no {soort} record")


def _problemen(aanlevering, **kenmerken) -> list[dict]:
    return [p for p in aanlevering.problemen if all(p[k] == v for k, v in kenmerken.items())]


def test_a_correct_delivery_is_validated_after_recomputing_stale_counts(aanlevering, teamleider):
    assert VerouderdeSleutel.objects.filter(organisatie=teamleider.organisatie, jaar=2025).count() == 2
    gevalideerd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert gevalideerd.problemen == [], gevalideerd.problemen
    assert gevalideerd.status == Aanlevering.Status.GEVALIDEERD and gevalideerd.gevalideerd_op
    assert not VerouderdeSleutel.objects.filter(organisatie=teamleider.organisatie, jaar=2025).exists()
    rapport = gevalideerd.validatierapport
    assert rapport["geslaagd"] is True and rapport["records"] == {"H": 1, "A": 2, "M": 2, "C": 1, "T": 1}
    vergelijking = {c["controle"]: (c["bestand"], c["verwacht"]) for c in rapport["controles"]}
    assert vergelijking["2025-K1 adviezen: bestand tegen kwartaaltelling"] == (1, 1)
    assert vergelijking["2025-K2 meldingen: bestand tegen kwartaaltelling"] == (1, 1)
    assert all(c["in_orde"] for c in rapport["controles"])


def test_a_tampered_count_makes_the_validation_report_a_problem(aanlevering, teamleider):
    herbereken_verouderde()
    rij = Telling.objects.filter(organisatie=teamleider.organisatie, jaar=2025, kwartaal=1, soort="melding").get()
    rij.aantal += 4
    rij.save()
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert afgekeurd.status == Aanlevering.Status.AFGEKEURD
    (probleem,) = afgekeurd.problemen
    assert probleem["sleutel"] == "2025-K1" and probleem["veld"] == "aantal"
    assert "1 in het bestand, 5 in de kwartaaltelling" in probleem["melding"]
    assert "crisis" in probleem["melding"] and "politie" in probleem["melding"]
    controle = next(c for c in afgekeurd.validatierapport["controles"] if c["controle"].startswith("2025-K1 meld"))
    assert (controle["bestand"], controle["verwacht"], controle["in_orde"]) == (1, 5, False)


def test_a_registration_changed_after_creation_shows_up_as_a_count_difference(aanlevering, teamleider):
    AdviesFactory(door=GebruikerFactory(rol="intake"), startdatum=date(2025, 6, 2))  # quarter is only voorlopig
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert afgekeurd.status == Aanlevering.Status.AFGEKEURD
    assert any("0 in het bestand, 1 in de kwartaaltelling" in p["melding"] for p in afgekeurd.problemen)


def test_a_code_not_valid_on_its_counting_date_is_reported_with_its_record(aanlevering, teamleider, monkeypatch):
    # Suppose the protocol ended 'familielid' on 1 April 2025: the Q2 advies uses it afterwards.
    oud = definities.MELDER_RELATIE.get("familielid")
    monkeypatch.setitem(definities.MELDER_RELATIE._codes, "familielid", replace(oud, geldig_tot=date(2025, 4, 1)))
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    (probleem,) = _problemen(afgekeurd, veld="melder_relatie")
    assert probleem["record"] == 3 and probleem["soort"] == "A" and probleem["sleutel"].startswith("A-2025-")
    assert probleem["melding"] == "Code 'familielid' is niet geldig op 2025-05-06."


def test_a_missing_required_field_and_a_changed_file_are_reported(aanlevering, teamleider):
    nr = _vervang_in_record(aanlevering, "M", "eerdere_betrokkenheid", "")
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    (leeg,) = _problemen(afgekeurd, veld="eerdere_betrokkenheid")
    assert (leeg["record"], leeg["soort"], leeg["melding"]) == (nr, "M", "Verplicht veld is leeg.")
    assert _problemen(afgekeurd, veld="sha256", soort="T")  # the trailer's checksum no longer matches
    assert _problemen(afgekeurd, veld="sha256", soort="")  # nor the stored checksum


def test_a_sub_form_flagged_without_its_aard_is_reported(aanlevering, teamleider):
    # the first advies has aard kindermishandeling only; flag PCF and drop the aard: partnergeweld instead
    def vlaggen(lijst, code: str) -> str:
        veld = layout.ADVIES.veld[lijst.naam]
        return "".join("1" if c == code else "0" for c in lijst.codes()).ljust(veld.lengte, "0")

    nr = _vervang_in_record(aanlevering, "A", "aard_subvorm", vlaggen(definities.AARD_SUBVORM, "km_pcf"))
    _vervang_in_record(aanlevering, "A", "aard", vlaggen(definities.AARD, "partnergeweld"))
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    (fout,) = _problemen(afgekeurd, veld="aard_subvorm")
    assert (fout["record"], fout["soort"]) == (nr, "A")
    assert "is een vorm van Kindermishandeling" in fout["melding"]


def test_an_unknown_code_and_a_bad_date_are_reported(aanlevering, teamleider):
    _vervang_in_record(aanlevering, "A", "duur_geweld", "eeuwig")
    _vervang_in_record(aanlevering, "C", "geopend_op", "20251340")
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert "Onbekende code 'eeuwig'" in _problemen(afgekeurd, veld="duur_geweld")[0]["melding"]
    assert "geen datum JJJJMMDD" in _problemen(afgekeurd, veld="geopend_op", soort="C")[0]["melding"]


def test_records_of_the_wrong_length_or_outside_ascii_are_reported(aanlevering, teamleider):
    data = _pad(aanlevering).read_bytes().split(b"\r\n")
    data[1] = data[1][:-1]
    data[2] = data[2][:-2] + "é".encode()
    _pad(aanlevering).write_bytes(b"\r\n".join(data))
    meldingen = [p["melding"] for p in valideer_aanlevering(aanlevering=aanlevering, door=teamleider).problemen]
    assert f"Het record is {layout.RECORDLENGTE - 1} tekens lang, niet {layout.RECORDLENGTE}." in meldingen
    assert "Het record bevat tekens buiten ASCII." in meldingen


def test_a_replaced_delivery_is_not_validated_again(aanlevering, teamleider):
    maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
    aanlevering.refresh_from_db()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        valideer_aanlevering(aanlevering=aanlevering, door=teamleider)


def test_a_value_that_cannot_be_written_is_blanked_and_fails_the_validation(teamleider):
    from adviezen.models import Advies

    advies = AdviesFactory(door=GebruikerFactory(rol="intake"), startdatum=date(2025, 3, 3))
    Advies.objects.filter(pk=advies.pk).update(aard=["kindermishandeling", "verzonnen"])  # bypassing the service
    for kw in H1.kwartalen:
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="voorlopig")
    aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
    (probleem,) = aanlevering.validatierapport["aanmaak"]
    assert (probleem["record"], probleem["sleutel"], probleem["veld"]) == (2, advies.nummer, "aard")
    afgekeurd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert afgekeurd.status == Aanlevering.Status.AFGEKEURD
    assert "'verzonnen' is geen code van aard" in _problemen(afgekeurd, veld="aard")[0]["melding"]
