"""The CBS delivery file: layout, encoding, header and trailer, delivered quarters, versions."""

import hashlib
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kwartalen.kwartaal import Kwartaal
from rapportage.cbs import layout
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import maak_aanlevering
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie import definities
from vtregistratie.models import Organisatie

H1 = Halfjaar(2025, 1)
Q1, Q2 = H1.kwartalen


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def sluit(teamleider, *kwartalen: Kwartaal, definitief: bool = False) -> None:
    for kw in kwartalen:
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="voorlopig")
        if definitief:
            zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="definitief")


def regels(aanlevering: Aanlevering) -> list[str]:
    with aanlevering.bestand.open("rb") as f:
        data = f.read()
    assert data.endswith(b"\r\n")
    return [r.decode("ascii") for r in data[:-2].split(b"\r\n")]


def velden(regel: str) -> dict[str, str]:
    return layout.RECORDSOORTEN[regel[0]].lees(regel)


@pytest.fixture
def gegevens(intake):
    """Two adviezen and three meldingen (two in one casus) in 2025-H1, one advies in Q2."""
    a1 = AdviesFactory(door=intake, startdatum=date(2025, 1, 6), einddatum=date(2025, 1, 20),
                       aard=["partnergeweld", "kindermishandeling"], aanvullende_informatie=["huwelijksdwang"])
    a2 = AdviesFactory(door=intake, startdatum=date(2025, 4, 2), beroepsmatig=False, melder_organisatietype="",
                       melder_relatie="buurtbewoner", gemeente="")
    m1 = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3), acute_onveiligheid=True,
                        beoordeling_datum=date(2025, 2, 3), beoordeling_uitkomst="vervolgstappen_vt",
                        vervolgdienst="onderzoek")
    m2 = MeldingFactory(door=intake, ontvangstdatum=date(2025, 5, 12), casus=m1.casus)
    m3 = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 31), melder_organisatietype="huisarts")
    return {"a1": a1, "a2": a2, "m1": m1, "m2": m2, "m3": m3}


class TestLayout:
    def test_every_record_type_fits_the_record_length_and_starts_with_its_type(self):
        assert set(layout.RECORDSOORTEN) == set(layout.VOLGORDE) == set("HAMCDOT")
        for soort in layout.RECORDSOORTEN.values():
            assert soort.velden[0].naam == "recordsoort" and soort.velden[0].vast == soort.code
            positie = 1
            for veld in soort.velden:
                assert veld.positie == positie
                positie += veld.lengte
            assert soort.gebruikt == positie - 1 <= layout.RECORDLENGTE

    def test_fields_are_padded_by_type(self):
        casus = layout.CASUS
        regel = casus.regel(("VT01", "C-2025-000001", date(2025, 2, 3), None, 7))
        assert len(regel) == layout.RECORDLENGTE
        w = casus.lees(regel)
        assert w["casusnummer"] == "C-2025-000001   "  # left-aligned, spaces
        assert w["geopend_op"] == "20250203"  # JJJJMMDD
        assert w["afgesloten_op"] == " " * 8  # empty date: spaces
        assert w["aantal_meldingen"] == "000007"  # right-aligned, zeros
        assert regel[casus.gebruikt:] == " " * (layout.RECORDLENGTE - casus.gebruikt)

    def test_multi_valued_codes_are_flags_in_the_order_of_the_code_list(self):
        aard = layout.ADVIES.veld["aard"]
        vlaggen = aard.schrijf(["partnergeweld", "kindermishandeling"])
        assert len(vlaggen) == aard.lengte
        for i, code in enumerate(definities.AARD.codes()):
            assert vlaggen[i] == ("1" if code in ("partnergeweld", "kindermishandeling") else "0")
        assert set(vlaggen[len(definities.AARD):]) == {"0"}  # reserve positions
        with pytest.raises(layout.Veldfout):
            aard.schrijf(["verzonnen_code"])

    def test_text_is_transliterated_to_ascii_and_codes_outside_ascii_are_refused(self):
        naam = layout.HEADER.veld["organisatienaam"]
        assert naam.schrijf("Fryslân – Zuid").rstrip() == "Fryslan ? Zuid"
        assert naam.schrijf("Fryslân").isascii()
        with pytest.raises(layout.Veldfout):
            layout.ADVIES.veld["duur_geweld"].schrijf("onbekénd")
        with pytest.raises(layout.Veldfout):  # never cut short
            layout.ADVIES.veld["nummer"].schrijf("A" * 17)
        with pytest.raises(layout.Veldfout):
            layout.CASUS.veld["aantal_meldingen"].schrijf(1_000_000)

    def test_a_field_that_cannot_be_written_is_left_blank_and_reported(self):
        regel, fouten = layout.CASUS.regel_met_fouten(("VT01", "C" * 20, date(2025, 1, 1), None, 1))
        assert len(regel) == layout.RECORDLENGTE
        assert layout.CASUS.lees(regel)["casusnummer"] == " " * 16
        assert [f.veld for f in fouten] == ["casusnummer"]


@pytest.mark.django_db
class TestBestand:
    def test_records_are_fixed_length_ascii_with_crlf_and_dates_as_jjjjmmdd(self, teamleider, gegevens):
        sluit(teamleider, Q1, Q2)
        aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        with aanlevering.bestand.open("rb") as f:
            data = f.read()
        assert data.isascii()
        assert data.count(b"\r\n") == data.count(b"\n") == aanlevering.aantal_records
        assert all(len(r) == layout.RECORDLENGTE for r in data.split(b"\r\n")[:-1])
        soorten = "".join(r[0] for r in regels(aanlevering))
        assert soorten == "HAAMMMCCT"

        a1 = velden(regels(aanlevering)[1])
        assert a1["nummer"].rstrip() == gegevens["a1"].nummer
        assert (a1["startdatum"], a1["einddatum"]) == ("20250106", "20250120")
        assert a1["gemeente"] == "GM0363"
        assert a1["beroepsmatig"] == "J" and a1["melder_organisatietype"].rstrip() == "huisarts"
        assert a1["melder_relatie"] == " " * 30
        assert a1["melder_groep"].rstrip() == "overige_professional"
        assert a1["impactmonitor_groep"].rstrip() == "huisarts"
        assert a1["aard"] == "101000000000"
        assert a1["aanvullende_informatie"] == "00100000"
        a2 = velden(regels(aanlevering)[2])
        assert a2["einddatum"] == " " * 8 and a2["gemeente"] == " " * 6
        assert a2["melder_groep"].rstrip() == "niet_professional"

        m1 = velden(regels(aanlevering)[3])
        assert m1["nummer"].rstrip() == gegevens["m1"].nummer
        assert m1["casusnummer"].rstrip() == gegevens["m1"].casus.nummer
        assert (m1["ontvangstdatum"], m1["beoordeling_datum"]) == ("20250203", "20250203")
        assert (m1["crisis"], m1["beoordeling"].rstrip(), m1["vervolgdienst"].rstrip()) == (
            "J", "vervolgstappen_vt", "onderzoek")
        assert m1["binnen_termijn"] == "J" and m1["eerdere_betrokkenheid"].rstrip() == "eerste_melding"
        m2 = velden(regels(aanlevering)[5])
        assert m2["beoordeling"].rstrip() == "nog_niet_beoordeeld" and m2["binnen_termijn"] == " "
        assert m2["eerdere_betrokkenheid"].rstrip() == "vervolgmelding"

    def test_casus_records_link_the_meldingen_by_casus_number(self, teamleider, gegevens):
        sluit(teamleider, Q1, Q2)
        aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        casussen = {velden(r)["casusnummer"].rstrip(): velden(r) for r in regels(aanlevering) if r[0] == "C"}
        gedeeld = casussen[gegevens["m1"].casus.nummer]
        assert gedeeld["aantal_meldingen"] == "000002" and gedeeld["geopend_op"] == "20250203"
        assert casussen[gegevens["m3"].casus.nummer]["aantal_meldingen"] == "000001"

    def test_header_names_organisation_period_version_and_quarter_states(self, teamleider, gegevens):
        sluit(teamleider, Q1, definitief=True)
        sluit(teamleider, Q2)
        aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        h = velden(regels(aanlevering)[0])
        assert h["organisatie"] == "VT01" and h["organisatienaam"].rstrip() == "Amsterdam-Amstelland"
        assert (h["jaar"], h["halfjaar"], h["versie"]) == ("2025", "1", "001")
        assert (h["kwartaal_1"], h["kwartaal_1_status"].rstrip(), h["kwartaal_1_geleverd"]) == ("1", "definitief", "J")
        assert (h["kwartaal_2"], h["kwartaal_2_status"].rstrip(), h["kwartaal_2_geleverd"]) == ("2", "voorlopig", "J")
        assert h["definities_versie"].rstrip() == definities.VERSIE
        assert (h["layoutversie"], h["recordlengte"]) == (f"{layout.LAYOUTVERSIE:02d}", f"{layout.RECORDLENGTE:04d}")
        moment = datetime.strptime(h["aanmaakmoment"], "%Y%m%d%H%M%S")
        assert abs((moment - aanlevering.aangemaakt_op.astimezone().replace(tzinfo=None)).total_seconds()) < 3600 * 2

    def test_trailer_counts_each_record_type_and_checksums_all_preceding_bytes(self, teamleider, gegevens):
        sluit(teamleider, Q1, Q2)
        aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        with aanlevering.bestand.open("rb") as f:
            data = f.read()
        laatste = data[:-2].rfind(b"\r\n") + 2
        t = velden(data[laatste:-2].decode())
        assert (t["aantal_adviezen"], t["aantal_meldingen"], t["aantal_casussen"], t["aantal_records"]) == (
            "000000002", "000000003", "000000002", "000000009")
        assert t["sha256"] == hashlib.sha256(data[:laatste]).hexdigest()
        assert aanlevering.sha256 == hashlib.sha256(data).hexdigest() and aanlevering.grootte == len(data)
        assert (aanlevering.aantal_adviezen, aanlevering.aantal_meldingen, aanlevering.aantal_casussen,
                aanlevering.aantal_records) == (2, 3, 2, 9)

    def test_only_voorlopig_or_definitief_quarters_are_delivered(self, teamleider, gegevens):
        with pytest.raises(ValidationError):  # both quarters open
            maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        sluit(teamleider, Q1)
        aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        inhoud = regels(aanlevering)
        h = velden(inhoud[0])
        assert (h["kwartaal_1_geleverd"], h["kwartaal_2_status"].rstrip(), h["kwartaal_2_geleverd"]) == (
            "J", "open", "N")
        nummers = {velden(r)["nummer"].rstrip() for r in inhoud if r[0] in "AM"}
        assert nummers == {gegevens["a1"].nummer, gegevens["m1"].nummer, gegevens["m3"].nummer}
        assert aanlevering.kwartalen == [{"kwartaal": 1, "status": "voorlopig", "geleverd": True},
                                         {"kwartaal": 2, "status": "open", "geleverd": False}]

    def test_a_correction_is_the_next_version_and_replaces_the_previous_whole(self, teamleider, intake, gegevens):
        sluit(teamleider, Q1)
        eerste = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        sluit(teamleider, Q2)
        tweede = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        eerste.refresh_from_db()
        assert (eerste.versie, tweede.versie) == (1, 2)
        assert eerste.status == Aanlevering.Status.VERVANGEN and eerste.vervangen_door == tweede
        assert tweede.status == Aanlevering.Status.AANGEMAAKT
        assert velden(regels(tweede)[0])["versie"] == "002"
        assert tweede.aantal_adviezen == 2 and eerste.aantal_adviezen == 1  # the whole period again
        assert eerste.bestand.name != tweede.bestand.name and eerste.bestand.storage.exists(eerste.bestand.name)
        assert list(Aanlevering.objects.geldig().filter(jaar=2025, halfjaar=1)) == [tweede]

    def test_only_a_team_lead_of_the_organisation_creates_its_delivery(self, teamleider, intake):
        sluit(teamleider, Q1, Q2)
        with pytest.raises(PermissionDenied):
            maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=intake)
        with pytest.raises(PermissionDenied):
            maak_aanlevering(organisatie=Organisatie.objects.get(code="VT18"), halfjaar=H1, door=teamleider)
        assert not Aanlevering.objects.exists()

    def test_an_empty_half_year_still_has_header_and_trailer(self, teamleider):
        sluit(teamleider, Q1, Q2)
        aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
        assert [r[0] for r in regels(aanlevering)] == ["H", "T"]


class TestHalfjaar:
    def test_parse_and_dates(self):
        assert Halfjaar.parse("2025-H1") == Halfjaar.parse("2025H1") == Halfjaar.parse("2025-1") == H1
        assert str(Halfjaar.parse("2025-h2")) == "2025-H2"
        with pytest.raises(ValueError):
            Halfjaar.parse("2025-H3")
        assert H1.kwartalen == (Kwartaal(2025, 1), Kwartaal(2025, 2))
        assert (H1.begin, H1.einde, H1.uiterste_datum) == (date(2025, 1, 1), date(2025, 7, 1), date(2025, 7, 21))
        assert Halfjaar.laatst_afgelopen(date(2026, 1, 2)) == Halfjaar(2025, 2)
        assert Halfjaar.laatst_afgelopen(date(2025, 7, 1)) == H1
        assert H1.statline == "2025HJ01"
