"""Landelijke ontwikkeling: totals and growth over the complete organisations, exclusions and the estimate.

Fixture (adviezen, per quarter), computed by hand:
  VT02  2023: 25 (=100)  2024: 30 (=120)   complete both years
  VT03  2023: 50 (=200)  2024: 70 (=280)   complete both years; 2024-K4 only voorlopig
  VT04  2023: 20 (=80)   2024: 25 in K1, K2; K3 and K4 still open → not complete
Complete set {VT02, VT03}: 2023 = 300, 2024 = 400, growth +33.3 %.
Estimate VT04 2024 = 80 × 400 / 300 = 106.67 → 107; total incl. estimate 507.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rapportage.analyses.landelijk import landelijke_ontwikkeling
from rapportage.analyses.models import DatakwaliteitNotitie
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drie_regios(referentiedata, per_kwartaal, sluit):
    per_kwartaal("VT02", 2023, 25)
    per_kwartaal("VT02", 2024, 30)
    per_kwartaal("VT03", 2023, 50)
    per_kwartaal("VT03", 2024, 70)
    per_kwartaal("VT04", 2023, 20)
    per_kwartaal("VT04", 2024, 25, kwartalen=(1, 2))
    sluit("VT02", 2023)
    sluit("VT02", 2024)
    sluit("VT03", 2023)
    sluit("VT03", 2024, (1, 2, 3))
    sluit("VT03", 2024, (4,), status="voorlopig")
    sluit("VT04", 2023)
    sluit("VT04", 2024, (1, 2))


def test_totals_and_growth_over_the_complete_organisations(drie_regios, filters, org, rij, waarden):
    analyse = landelijke_ontwikkeling(filters(2023, 2024, "VT02", "VT03", "VT04", soorten=("advies",)))
    jaar = waarden(analyse, "jaar", eigen=None)
    # growth from a provisional figure is provisional too; totals over two regions are derived (a)
    assert jaar == [["2023", "300 (a)", "–"], ["2024", "400 * (a)", "33.3 * (a)"]]
    kwartaal = waarden(analyse, "kwartaal")
    assert rij(kwartaal, "2024-K1") == ["2024-K1", "100 (a)", "33.3 (a)"]  # 30 + 70 against 25 + 50
    assert rij(kwartaal, "2024-K4") == ["2024-K4", "100 * (a)", "33.3 * (a)"]
    assert [u.organisatie for u in analyse.uitgesloten] == [str(org("VT04"))]
    assert "2024 (K3, K4)" in analyse.uitgesloten[0].reden


def test_the_estimate_for_a_missing_organisation_is_separate_and_labelled(drie_regios, filters, org, rij, waarden):
    analyse = landelijke_ontwikkeling(filters(2023, 2024, "VT02", "VT03", "VT04", soorten=("advies",)))
    schatting = waarden(analyse, "schatting_advies", eigen=org("VT04").pk)
    # own organisation: exact; the last column says what each year is based on
    assert rij(schatting, str(org("VT04"))) == [str(org("VT04")), 80, "107 (s)",
                                                "2023 eigen cijfers; 2024 geschat uit 2023"]
    assert rij(schatting, "Volledige organisaties (2)") == ["Volledige organisaties (2)", "300 (a)", "400 * (a)",
                                                            "eigen cijfers"]
    totaal = schatting[-1]
    # an aggregate over several organisations is rounded, also for a team lead of one of them
    assert totaal[1:3] == ["380 (a)", "505 * (s) (a)"]  # sums of published cells: 300 + 80, 400 + 105
    # for a gemeente user the estimate itself is rounded too
    assert rij(waarden(analyse, "schatting_advies"), str(org("VT04")))[1:3] == [80, "105 (s)"]


def test_a_note_with_the_exclude_flag_takes_an_organisation_out_of_the_trend(drie_regios, filters, org, rij, waarden):
    notitie = DatakwaliteitNotitie.objects.create(organisatie=org("VT03"), van_jaar=2024, van_kwartaal=1, tot_jaar=2024,
                                                  tot_kwartaal=2, tekst="Nieuwe registratiewijze",
                                                  uitsluiten_landelijke_trend=True)
    analyse = landelijke_ontwikkeling(filters(2023, 2024, "VT02", "VT03", "VT04", soorten=("advies",)))
    assert waarden(analyse, "jaar") == [["2023", 100, "–"], ["2024", 120, 20.0]]
    uitgesloten = {u.organisatie: u.reden for u in analyse.uitgesloten}
    assert f"datakwaliteitsnotitie [{notitie.pk}]" in uitgesloten[str(org("VT03"))]
    # VT03's data is complete, so the national estimate counts its own figures (not 200 × 120 / 100 = 240)
    assert rij(waarden(analyse, "schatting_advies"), str(org("VT03")))[1:] == [
        200, f"280 * [{notitie.pk}]", "2023 eigen cijfers; 2024 eigen cijfers"]
    # and is counted in the total with the estimates: 100 (VT02) + 200 (VT03) + 80 (VT04) in 2023
    assert waarden(analyse, "schatting_advies")[-1][1] == "380 (a)"
    assert analyse.notities[0].tekst == "Nieuwe registratiewijze"


def test_a_note_without_the_flag_only_marks_the_cells(drie_regios, filters, org, rij, waarden):
    notitie = DatakwaliteitNotitie.objects.create(organisatie=org("VT02"), van_jaar=2023, van_kwartaal=3, tot_jaar=2023,
                                                  tot_kwartaal=3, tekst="Storing in september")
    analyse = landelijke_ontwikkeling(filters(2023, 2024, "VT02", "VT03", "VT04", soorten=("advies",)))
    assert waarden(analyse, "jaar")[0] == ["2023", f"300 [{notitie.pk}] (a)", "–"]
    assert rij(waarden(analyse, "kwartaal"), "2023-K3")[1] == f"75 [{notitie.pk}] (a)"
    assert rij(waarden(analyse, "kwartaal"), "2023-K2")[1] == "75 (a)"


def test_melder_groep_filter(drie_regios, filters, per_kwartaal, waarden):
    per_kwartaal("VT02", 2023, 5, melder_groep="niet_professional")
    analyse = landelijke_ontwikkeling(filters(2023, 2024, "VT02", "VT03", soorten=("advies",),
                                              melder_groepen=("niet_professional",)))
    assert waarden(analyse, "jaar", eigen=None)[0] == ["2023", 20, "–"]


def test_the_page_and_its_downloads(client, drie_regios, org):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    url = reverse("rapportage:analyse_landelijk")
    codes = "&".join(f"regio={c}" for c in ("VT02", "VT03", "VT04"))
    pagina = client.get(f"{url}?van=2023&tot=2024&soort=advies&{codes}")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert '<canvas id="grafiek-jaar" role="img"' in html and 'id="grafiek-jaar-gegevens"' in html
    assert "Niet meegeteld" in html and str(org("VT04")) in html


def test_the_downloads_are_made_to_compute_with(client, drie_regios, org):
    """CSV like the team lead's exports (BOM, ";", decimal comma) and XLSX with numeric cells; each marker in
    the column after its value; the period, the markers and the notes after the table."""
    notitie = DatakwaliteitNotitie.objects.create(organisatie=org("VT02"), van_jaar=2023, van_kwartaal=3,
                                                  tot_jaar=2023, tot_kwartaal=3, tekst="Storing in september")
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    codes = "&".join(f"regio={c}" for c in ("VT02", "VT03", "VT04"))
    url = f"{reverse('rapportage:analyse_landelijk')}?van=2023&tot=2024&soort=advies&{codes}&tabel=jaar"

    csv = client.get(url + "&formaat=csv")
    assert csv["Content-Type"].startswith("text/csv")
    tekst = csv.content.decode("utf-8")
    assert tekst.startswith("\ufeff") and "\r\n" in tekst
    regels = tekst.removeprefix("\ufeff").splitlines()
    assert regels[:4] == [
        "Jaar;Adviezen;Adviezen (tekens);Groei adviezen t.o.v. vorig jaar (%);"
        "Groei adviezen t.o.v. vorig jaar (%) (tekens)",
        f"2023;300;[{notitie.pk}] (a);;–",  # (a): a sum of protected cells
        f"2024;400;* (a);33,3;[{notitie.pk}] * (a)",  # growth from a noted and to a provisional year
        "",
    ]
    toelichting = regels[4:]
    assert "Periode;2023 tot en met 2024" in toelichting
    assert (f"[{notitie.pk}];VT02 Drenthe, 2023-K3 – 2023-K3, adviezen en meldingen: Storing in september"
            in toelichting)
    assert any(r.startswith("Teken *;voorlopig") for r in toelichting)

    xlsx = load_workbook(io.BytesIO(client.get(url + "&formaat=xlsx").content))
    tabel = list(xlsx.worksheets[0].values)
    assert tabel[1:] == [("2023", 300, f"[{notitie.pk}] (a)", None, "–"),
                         ("2024", 400, "* (a)", 33.3, f"[{notitie.pk}] * (a)")]
    assert isinstance(tabel[2][1], int) and isinstance(tabel[2][3], float)
    assert xlsx.worksheets[0]["D3"].number_format == "0.0"
    uitleg = dict(xlsx.worksheets[1].values)
    assert uitleg["Periode"] == "2023 tot en met 2024" and "Storing in september" in uitleg[f"[{notitie.pk}]"]
