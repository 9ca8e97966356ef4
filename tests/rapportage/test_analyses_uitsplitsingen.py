"""Uitsplitsingen: every collected breakdown, the chosen regions side by side and per gemeente.

Meldingen of 2024, all quarters closed, per quarter:
              structureel (crisis)   niet structureel   aanvullende informatie
  VT02 GM0106        5                     10            mensenhandel 3, huwelijksdwang 1
  VT03 GM0034       10                      2            –
So per year VT02 20 / 40 (total 60), VT03 40 / 8 (total 48); VT02 mensenhandel 12, huwelijksdwang 4.
"""

import pytest
from rest_framework.test import APIClient

from rapportage.analyses.filters import AnalyseFilterForm
from rapportage.analyses.meldingen import meldingen
from rapportage.analyses.uitsplitsingen import uitsplitsingen
from rapportage.tellingen.dimensies import UITSPLITSINGEN
from rapportage.tellingen.models import Telling, TellingAanvullendeInformatie
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

ECHTE_PTABEL = ((-2, 0.1), (-1, 0.2), (0, 0.4), (1, 0.2), (2, 0.1))


@pytest.fixture
def meldingen_2024(referentiedata, org, sluit):
    for code, gemeente, structureel, niet in (("VT02", "GM0106", 5, 10), ("VT03", "GM0034", 10, 2)):
        for kw in (1, 2, 3, 4):
            for waarde, n in ((True, structureel), (False, niet)):
                Telling.objects.create(
                    organisatie=org(code), jaar=2024, kwartaal=kw, gemeente_code=gemeente, soort="melding",
                    melder_groep="politie", melder_categorie="politie", crisis=waarde,
                    structurele_onveiligheid=waarde, beoordeling="overdracht", eerdere_betrokkenheid="eerste_melding",
                    impactmonitor_groep="politie", aantal=n)
        sluit(code, 2024)
    for kw in (1, 2, 3, 4):
        for code, n in (("mensenhandel", 3), ("huwelijksdwang", 1)):
            TellingAanvullendeInformatie.objects.create(
                organisatie=org("VT02"), jaar=2024, kwartaal=kw, gemeente_code="GM0106", soort="melding",
                aanvullende_informatie=code, aantal=n)


def test_the_chosen_regions_side_by_side_exact_for_the_own_region(meldingen_2024, filters, org, waarden):
    analyse = uitsplitsingen(filters(2024, 2024, "VT02", "VT03", soorten=("melding",),
                                     uitsplitsing="structurele_onveiligheid"))
    tabel = analyse.tabel("regio_melding")
    assert [k.label for k in tabel.kolommen] == ["Jaar", "Regio", "Ja", "Nee", "Totaal registraties"]
    assert waarden(analyse, "regio_melding", eigen=org("VT02").pk) == [
        ["2024", str(org("VT02")), 20, 40, 60],
        ["2024", str(org("VT03")), 40, ".", 50],  # another region: protected, 8 is suppressed
    ]
    # a single-valued breakdown adds up to the total
    assert waarden(analyse, "regio_melding", eigen=org("VT03").pk)[1][2:] == [40, 8, 48]


def test_a_multi_valued_breakdown_counts_each_code_and_keeps_the_total_of_registrations(
        meldingen_2024, filters, org, waarden):
    analyse = uitsplitsingen(filters(2024, 2024, "VT02", soorten=("melding",), uitsplitsing="aanvullende_informatie"))
    assert [k.label for k in analyse.tabel("regio_melding").kolommen][2:] == [
        "Mensenhandel", "Eergerelateerd geweld", "Huwelijksdwang", "Achterlating", "Vrouwelijke genitale verminking",
        "Totaal registraties"]
    assert waarden(analyse, "regio_melding", eigen=org("VT02").pk) == [["2024", str(org("VT02")), 12, 0, 4, 0, 0, 60]]
    assert waarden(analyse, "regio_melding") == [["2024", str(org("VT02")), 10, 0, ".", 0, 0, 60]]
    # per gemeente the same, with the gemeente as the published unit
    (rij,) = waarden(analyse, "gemeente_melding", eigen=org("VT02").pk)
    assert rij[0] == "2024" and "(GM0106)" in rij[1] and rij[2:] == [str(org("VT02")), 12, 0, 4, 0, 0, 60]


def test_a_cell_has_the_same_value_as_on_the_meldingen_page(meldingen_2024, filters, settings, waarden):
    """Same published cell (region × year × soort × crisis value), same protected value — also with the
    perturbation of the cell-key method switched on."""
    settings.ONTHULLING_PTABEL = ECHTE_PTABEL
    for code in ("VT02", "VT03"):
        crisis = waarden(meldingen(filters(2024, 2024, code)), "crisis")
        uitgesplitst = waarden(uitsplitsingen(filters(2024, 2024, code, soorten=("melding",),
                                                      uitsplitsing="crisis")), "regio_melding")
        assert crisis[0][1:3] == uitgesplitst[0][2:4]


def test_a_breakdown_for_meldingen_only_leaves_the_adviezen_out(meldingen_2024, filters):
    analyse = uitsplitsingen(filters(2024, 2024, "VT02", uitsplitsing="vervolgdienst"))
    assert [t.sleutel for t in analyse.tabellen] == ["regio_melding", "gemeente_melding"]
    assert any("alleen voor meldingen" in str(o) for o in analyse.opmerkingen)


def test_the_breakdowns_are_the_declared_dimensions(referentiedata):
    keuzes = [code for code, _label in AnalyseFilterForm({}).fields["uitsplitsing"].choices]
    assert keuzes == list(UITSPLITSINGEN)
    assert {"aard", "aanvullende_informatie", "structurele_onveiligheid", "vervolgdienst", "impactmonitor_groep",
            "crisis", "beoordeling", "eerdere_betrokkenheid", "melder_groep"} <= set(keuzes)


def test_every_breakdown_shows_as_page_and_api_for_a_gemeente_user(meldingen_2024, client):
    gebruiker = GebruikerFactory(rol="gemeente", organisatie=None)
    client.force_login(gebruiker)
    api = APIClient()
    api.force_authenticate(gebruiker)
    for naam in UITSPLITSINGEN:
        assert client.get(f"/rapportage/analyses/uitsplitsingen/?van=2024&tot=2024&uitsplitsing={naam}"
                          ).status_code == 200, naam
        antwoord = api.get(f"/api/v1/analyses/uitsplitsingen/?van=2024&tot=2024&uitsplitsing={naam}")
        assert antwoord.status_code == 200, naam
        assert antwoord.json()["tabellen"], naam


@pytest.mark.parametrize(("parameters", "veld"), [
    ("uitsplitsing=bakker", "uitsplitsing"),
    ("uitsplitsing=vervolgdienst&soort=advies", "soort"),
])
def test_a_bad_breakdown_is_a_400(meldingen_2024, client, parameters, veld):
    gebruiker = GebruikerFactory(rol="gemeente", organisatie=None)
    client.force_login(gebruiker)
    pagina = client.get(f"/rapportage/analyses/uitsplitsingen/?van=2024&tot=2024&{parameters}")
    assert pagina.status_code == 400 and veld in pagina.context["form"].errors
    api = APIClient()
    api.force_authenticate(gebruiker)
    antwoord = api.get(f"/api/v1/analyses/uitsplitsingen/?van=2024&tot=2024&{parameters}")
    assert antwoord.status_code == 400 and veld in antwoord.json()


def test_the_meldingen_page_shows_the_chosen_regions_side_by_side(meldingen_2024, filters, org, waarden):
    analyse = meldingen(filters(2024, 2024, "VT02", "VT03"))
    som = waarden(analyse, "crisis", eigen=org("VT02").pk)[0][:3]
    assert som == ["2024", "60 (a)", "45 (a)"]  # the sum over the regions: 40 + 5 for the suppressed 8
    per_regio = waarden(analyse, "crisis_regio", eigen=org("VT02").pk)
    assert [r[:4] for r in per_regio] == [["2024", str(org("VT02")), 20, 40], ["2024", str(org("VT03")), 40, "."]]
    assert per_regio[0][4:] == [60, 33.3]
    beoordeling = waarden(analyse, "beoordeling_regio", eigen=org("VT02").pk)
    assert [r[:2] for r in beoordeling[:2]] == [["2024-K1", str(org("VT02"))], ["2024-K1", str(org("VT03"))]]
    assert beoordeling[0][2:] == [0, 15, 0, 0, 0, 15]  # every melding of VT02 in K1 went to overdracht


def test_a_gemeente_registered_by_two_regions_is_one_published_cell_per_region(meldingen_2024, filters, org, waarden):
    """A melding may name a gemeente outside the registering region. The gemeente rows here are per registering
    region (and the regions filter of every page selects registering regions), so the published unit of a gemeente
    count must be gemeente × registering region: before, VT02's slice (60), VT03's slice (1) and the whole gemeente
    (61, on "Per gemeente") were three different true counts under one cell identity — the same cell with
    different values, and VT03's suppressed 1 recoverable up to the noise as 61 − 60."""
    from rapportage.analyses.gemeenten import per_gemeente
    from rapportage.onthulling import Aantal

    Telling.objects.create(
        organisatie=org("VT03"), jaar=2024, kwartaal=1, gemeente_code="GM0106", soort="melding",
        melder_groep="politie", melder_categorie="politie", crisis=True, structurele_onveiligheid=True,
        beoordeling="overdracht", eerdere_betrokkenheid="eerste_melding", impactmonitor_groep="politie", aantal=1)
    analyses = [uitsplitsingen(filters(2024, 2024, soorten=("melding",), uitsplitsing="crisis")),
                uitsplitsingen(filters(2024, 2024, "VT03", soorten=("melding",), uitsplitsing="crisis")),
                per_gemeente(filters(2024, 2024, soorten=("melding",))),
                per_gemeente(filters(2024, 2024, "VT03", soorten=("melding",)))]
    tellingen: dict = {}
    for analyse in analyses:
        for tabel in analyse.tabellen:
            for rij in tabel.rijen:
                for cel in rij:
                    if isinstance(cel, Aantal):
                        for identiteit, n in cel.gepubliceerd():
                            tellingen.setdefault(identiteit, set()).add(n)
    assert {i: n for i, n in tellingen.items() if len(n) > 1} == {}
    # the whole gemeente is the sum of its regions' protected cells, marked (a); VT03's 1 stays suppressed
    gemeente = next(r for r in waarden(analyses[2], "gemeenten_melding") if "(GM0106)" in r[0])
    assert gemeente[2] == "65 (a)"  # 60 + a suppressed cell's 5
