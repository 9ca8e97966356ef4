"""The StatLine-style aggregate file of a half-year: from the count tables, rounded and suppressed."""

import csv
import io
from datetime import date

import pytest

from diensten.services import registreer_dienst
from rapportage.cbs.aggregaat import KOLOMMEN, schrijf_aggregaat, tekst
from rapportage.cbs.periode import Halfjaar
from rapportage.onthulling import Aantal, beveilig, publicatiecellen
from rapportage.tellingen.services.herberekening import herbereken_verouderde
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

H1 = Halfjaar(2025, 1)


@pytest.mark.parametrize(("waarde", "getoond"), [
    (0, "0"), (1, "."), (4, "."), (9, "."), (10, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20"),
    (22, "20"), (23, "25"), (1234, "1235"),
])
def test_a_cell_is_what_the_analyses_show_an_outside_viewer(waarde, getoond):
    # the test settings switch the perturbation off, so this is the rounding and suppression alone
    cel = Aantal(waarde, frozenset({1}), (), publicatiecellen(
        {(1, 2025, 1, "advies", ()): waarde} if waarde else {}, [(2025, 1), (2025, 2)]))
    assert tekst(cel) == getoond == str(beveilig(cel, eigen_organisatie=None).waarde)


def test_the_file_uses_the_one_disclosure_rule_with_its_perturbation(settings):
    settings.ONTHULLING_PTABEL = ((-2, 0.1), (-1, 0.2), (0, 0.4), (1, 0.2), (2, 0.1))
    for regio in range(1, 40):
        cel = Aantal(1237, frozenset({regio}), (), publicatiecellen(
            {(regio, 2025, 1, "melding", ()): 1237}, [(2025, 1), (2025, 2)]))
        assert tekst(cel) == str(beveilig(cel, eigen_organisatie=None).waarde)
        assert cel.cellen == (((("regio", regio), ("halfjaar", 2025, 1), "melding", ()), 1237),)


def _lees(halfjaar, **kwargs) -> list[dict]:
    uit = io.StringIO()
    schrijf_aggregaat(uit, halfjaar=halfjaar, **kwargs)
    rijen = list(csv.reader(io.StringIO(uit.getvalue()), delimiter=";"))
    assert tuple(rijen[0]) == KOLOMMEN
    return [dict(zip(KOLOMMEN, r, strict=True)) for r in rijen[1:]]


@pytest.mark.django_db
def test_the_aggregate_sums_delivered_quarters_from_the_counts_and_protects_every_cell(referentiedata):
    intake = GebruikerFactory(rol="intake")
    teamleider = GebruikerFactory(rol="teamleider")
    for dag in range(1, 13):  # 12 adviezen of one kind in Q1 ...
        AdviesFactory(door=intake, startdatum=date(2025, 1, dag))
    AdviesFactory(door=intake, startdatum=date(2025, 4, 1))  # ... and 1 in Q2: 13 in the half-year
    for dag in (3, 4, 5):
        MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, dag))
    AdviesFactory(door=GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18")),
                  startdatum=date(2025, 2, 1), gemeente="GM0599")  # Rotterdam; its quarters stay open
    herbereken_verouderde()
    assert _lees(H1) == []  # every quarter open: nothing delivered
    eerste, tweede = H1.kwartalen
    zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=eerste, door=teamleider, naar="voorlopig")
    assert [r["Aantal"] for r in _lees(H1, organisaties=[teamleider.organisatie])
            if r["Soort"] == "advies" and r["OrganisatieMelder"] == "totaal"] == ["10"]  # Q1 only: 12 rounded to 10
    zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=tweede, door=teamleider, naar="voorlopig")

    rijen = _lees(H1)
    assert {r["Perioden"] for r in rijen} == {"2025HJ01"}
    assert {r["Regio"] for r in rijen} == {"VT01"}  # VT18's quarters are open: not delivered
    # StatLine's melder dimensions (84848/84849NED), not the application's melder groups
    advies = [r for r in rijen if r["Soort"] == "advies" and r["OrganisatieMelder"] == "gezondheidszorg"]
    assert advies == [{"Perioden": "2025HJ01", "Regio": "VT01", "Soort": "advies",
                       "OrganisatieMelder": "gezondheidszorg", "RolFunctieMelder": "medisch_huisarts",
                       "Crisis": "", "Veiligheidsbeoordeling": "",
                       "EerdereBetrokkenheid": "", "Aantal": "15"}]  # 13 rounded to 15
    melding = [r for r in rijen if r["Soort"] == "melding" and r["OrganisatieMelder"] != "totaal"]
    assert melding == [{"Perioden": "2025HJ01", "Regio": "VT01", "Soort": "melding",
                        "OrganisatieMelder": "justitie_politie", "RolFunctieMelder": "justitie_politieagent",
                        "Crisis": "nee", "Veiligheidsbeoordeling": "nog_niet_beoordeeld",
                        "EerdereBetrokkenheid": "eerste_melding", "Aantal": "."}]  # 3: suppressed
    totalen = {r["Soort"]: r["Aantal"] for r in rijen if r["OrganisatieMelder"] == "totaal"}
    assert totalen == {"advies": "15", "melding": "."}



@pytest.mark.django_db
def test_the_aggregate_has_afgeronde_diensten_and_casussen_per_region(referentiedata, settings):
    settings.ONTHULLING_AFRONDING, settings.ONTHULLING_DREMPEL = 1, 1  # exact: about what is counted
    intake = GebruikerFactory(rol="intake")
    teamleider = GebruikerFactory(rol="teamleider")
    meldingen = []
    for dag in range(1, 8):  # 7 meldingen in Q1, each its own casus; 4 onderzoeken and 1 v&v end in the half-year
        dienst = "onderzoek" if dag <= 5 else "voorwaarden_en_vervolg"
        meldingen.append(MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, dag),
                                        beoordeling_datum=date(2025, 1, dag + 1),
                                        beoordeling_uitkomst="vervolgstappen_vt", vervolgdienst=dienst))
    for i, melding in enumerate(meldingen[:4]):  # ended in Q1 and Q2; the fifth runs into H2
        registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 2, 1),
                          einddatum=date(2025, 3 + 2 * (i % 2), 1), uitkomsten={"partnergeweld": "bevestigd"})
    registreer_dienst(melding=meldingen[4], door=intake, startdatum=date(2025, 2, 1))
    registreer_dienst(melding=meldingen[5], door=intake, startdatum=date(2025, 2, 1), einddatum=date(2025, 6, 30))
    # Q2: two more meldingen in casussen of Q1 and one new casus: 8 unique casussen in the half-year, not 7 + 3
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 4, 2), casus=meldingen[0].casus)
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 4, 3), casus=meldingen[1].casus)
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 5, 3))
    herbereken_verouderde()
    for kw in H1.kwartalen:
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="voorlopig")

    rijen = {r["Soort"]: r for r in _lees(H1) if r["Regio"] == "VT01"}
    assert {soort: rijen[soort]["Aantal"] for soort in (
        "afgeronde_diensten_onderzoek", "afgeronde_diensten_voorwaarden_en_vervolg",
        "casussen_met_ontvangen_meldingen")} == {
        "afgeronde_diensten_onderzoek": "4", "afgeronde_diensten_voorwaarden_en_vervolg": "1",
        "casussen_met_ontvangen_meldingen": "8"}
    assert rijen["casussen_met_ontvangen_meldingen"]["OrganisatieMelder"] == ""  # not a breakdown
    # protected like every cell when the rule applies: 4 afgeronde onderzoeken are suppressed
    settings.ONTHULLING_AFRONDING, settings.ONTHULLING_DREMPEL = 5, 10
    rijen = {r["Soort"]: r["Aantal"] for r in _lees(H1) if r["Regio"] == "VT01"}
    assert rijen["afgeronde_diensten_onderzoek"] == "." and rijen["casussen_met_ontvangen_meldingen"] == "."
