"""Completeness per organisation × quarter × soort, as the 2017–2019 study needed it (issue 15, point 4).

History 2017–2019, imported (per quarter a quarter of the yearly figure):
  region  adviezen 2017  2018  2019      meldingen 2017  2018  2019
  VT05            400   440   600                  200   220   240   note: adviezen out of the national trend
  VT06            800   880   960                  400   400   480
  VT07           1200  1320     ?                  600   660   720   2019: only meldingen in the file
  VT08            200   200   240                  100   100   120
National adviezen over {VT06, VT08}: 1000, 1080, 1200 (+8.0 %, +11.1 %);
national meldingen over all four: 1300, 1380, 1560 (+6.2 %, +13.0 %).
Estimate VT07 adviezen 2019 = 1320 × 1200 / 1080 = 1466.7 → 1467 (1465 protected).
"""

import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rapportage.analyses.landelijk import landelijke_ontwikkeling
from rapportage.analyses.models import DatakwaliteitNotitie
from rapportage.analyses.regio import per_regio
from rapportage.historie.models import HistorischeTelling
from rapportage.historie.services import importeer_historie
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

CODES = ("VT05", "VT06", "VT07", "VT08")
JAARCIJFERS = {  # code: ({jaar: adviezen}, {jaar: meldingen})
    "VT05": ({2017: 400, 2018: 440, 2019: 600}, {2017: 200, 2018: 220, 2019: 240}),
    "VT06": ({2017: 800, 2018: 880, 2019: 960}, {2017: 400, 2018: 400, 2019: 480}),
    "VT07": ({2017: 1200, 2018: 1320}, {2017: 600, 2018: 660, 2019: 720}),
    "VT08": ({2017: 200, 2018: 200, 2019: 240}, {2017: 100, 2018: 100, 2019: 120}),
}
REGIO = "&".join(f"regio={c}" for c in CODES)


def _bestand(tmp_path, regels: list[str], naam="historie.csv"):
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


@pytest.fixture
def studie(referentiedata, org, tmp_path):
    regels = []
    for code, (adviezen, meldingen) in JAARCIJFERS.items():
        for soort, cijfers in (("advies", adviezen), ("melding", meldingen)):
            for jaar, n in cijfers.items():
                regels += [f"{code};{jaar};{kw};{soort};;;{n // 4}" for kw in (1, 2, 3, 4)]
    importeer_historie(pad=_bestand(tmp_path, regels))
    return DatakwaliteitNotitie.objects.create(
        organisatie=org("VT05"), van_jaar=2017, van_kwartaal=1, tot_jaar=2019, tot_kwartaal=4, soort="advies",
        tekst="Adviezen anders geregistreerd", uitsluiten_landelijke_trend=True)


def _filters(filters, **kwargs):
    return filters(2017, 2019, *CODES, **kwargs)


def test_the_import_accepts_one_soort_and_leaves_the_other_unknown(studie, org):
    vt07_2019 = HistorischeTelling.objects.filter(organisatie=org("VT07"), jaar=2019)
    assert set(vt07_2019.values_list("soort", flat=True)) == {"melding"}  # adviezen: no row, not a 0


def test_a_file_with_one_soort_replaces_that_soort_only(studie, org, tmp_path):
    importeer_historie(pad=_bestand(tmp_path, ["VT07;2019;1;advies;;;333"], "aanvulling.csv"))
    kwartaal = HistorischeTelling.objects.filter(organisatie=org("VT07"), jaar=2019, kwartaal=1, melder_groep="",
                                                 crisis="")
    assert dict(kwartaal.values_list("soort", "aantal")) == {"advies": 333, "melding": 180}


def test_the_study_excludes_one_regions_adviezen_and_keeps_its_meldingen(studie, filters, org, rij, waarden):
    n = studie.pk
    analyse = landelijke_ontwikkeling(_filters(filters))
    # adviezen over VT06 and VT08, meldingen over all four
    assert waarden(analyse, "jaar") == [
        ["2017", "1000 (i) (a)", "–", "1300 (i) (a)", "–"],
        ["2018", "1080 (i) (a)", "8.0 (i) (a)", "1380 (i) (a)", "6.2 (i) (a)"],
        ["2019", "1200 (i) (a)", "11.1 (i) (a)", "1560 (i) (a)", "13.0 (i) (a)"],
    ]
    uitgesloten = {(u.organisatie, u.soort): u.reden for u in analyse.uitgesloten}
    assert uitgesloten == {
        (str(org("VT05")), "advies"): f"uitgesloten door datakwaliteitsnotitie [{n}]",
        (str(org("VT07")), "advies"): "geen volledige gegevens over 2019",
    }
    assert any("2 voor de adviezen, 4 voor de meldingen" in o for o in analyse.opmerkingen)
    # the estimate counts VT05 with its own figures, VT07 with its own years and one estimated year
    schatting = waarden(analyse, "schatting_advies")
    assert rij(schatting, str(org("VT05")))[1:] == [f"400 (i) [{n}]", f"440 (i) [{n}]", f"600 (i) [{n}]",
                                                   "2017 eigen cijfers; 2018 eigen cijfers; 2019 eigen cijfers"]
    assert rij(schatting, str(org("VT07")))[1:] == ["1200 (i)", "1320 (i)", "1465 (s)",
                                                   "2017 eigen cijfers; 2018 eigen cijfers; 2019 geschat uit 2018"]
    totaal = schatting[-1]
    assert [int(w.split()[0]) for w in totaal[1:4]] == [2600, 2840, 3265]  # 1200 + 600 + 1465
    assert "schatting_melding" not in {t.sleutel for t in analyse.tabellen}  # nobody is missing there


def test_an_excluded_region_keeps_its_own_figures_and_growth_per_region(studie, filters, org, rij, waarden):
    n = studie.pk
    analyse = per_regio(_filters(filters))
    vt05, vt07 = str(org("VT05")), str(org("VT07"))
    assert rij(waarden(analyse, "aantallen_advies"), vt05)[1:] == [f"400 (i) [{n}]", f"440 (i) [{n}]",
                                                                   f"600 (i) [{n}]"]
    assert rij(waarden(analyse, "groei_advies"), vt05)[1:] == [f"10.0 (i) [{n}]", f"36.4 (i) [{n}]",
                                                               f"50.0 (i) [{n}]"]
    # the note is about adviezen: VT05's meldingen carry no marker
    assert rij(waarden(analyse, "aantallen_melding"), vt05)[1:] == ["200 (i)", "220 (i)", "240 (i)"]
    # unknown is –, never 0; its meldingen of the same year are there
    assert rij(waarden(analyse, "aantallen_advies"), vt07)[1:] == ["1200 (i)", "1320 (i)", "– (o)"]
    assert rij(waarden(analyse, "groei_advies"), vt07)[1:] == ["10.0 (i)", "–", "–"]
    assert rij(waarden(analyse, "per10000_advies"), vt07)[3] == "– (o)"
    assert rij(waarden(analyse, "aantallen_melding"), vt07)[1:] == ["600 (i)", "660 (i)", "720 (i)"]


def test_unknown_is_a_dash_in_the_csv_and_on_the_page(client, studie, org):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    url = f"{reverse('rapportage:analyse_regio')}?van=2017&tot=2019&soort=advies&{REGIO}"
    csv = client.get(url + "&tabel=aantallen_advies&formaat=csv").content.decode("utf-8-sig").splitlines()
    vt07 = next(r for r in csv if r.startswith(str(org("VT07"))))
    assert vt07.split(";")[5:7] == ["", "– (o)"]  # 2019: no value, the symbol in the tekens column
    toelichting = csv[csv.index(""):]
    assert any(r.startswith(f"[{studie.pk}];") and "adviezen" in r and "buiten de landelijke ontwikkeling" in r
               for r in toelichting)
    html = client.get(f"{reverse('rapportage:analyse_landelijk')}?van=2017&tot=2019&{REGIO}").content.decode()
    assert f"<strong>{org('VT05')}</strong> (alleen adviezen)" in html  # the exclusion names its soort


def test_the_api_carries_the_notes_exclusions_estimate_basis_and_markers(studie, org):
    api = APIClient()
    api.force_authenticate(GebruikerFactory(rol="gemeente", organisatie=None))
    data = api.get(f"/api/v1/analyses/landelijk/?van=2017&tot=2019&{REGIO}").json()
    assert data["notities"] == [{
        "nummer": studie.pk, "teken": f"[{studie.pk}]", "organisatie": str(org("VT05")), "van": "2017-K1",
        "tot": "2019-K4", "soort": "advies", "uitsluiten_landelijke_trend": True,
        "tekst": "Adviezen anders geregistreerd"}]
    assert {(u["organisatie"], u["soort"]) for u in data["uitgesloten"]} == {
        (str(org("VT05")), "advies"), (str(org("VT07")), "advies")}
    assert {t["teken"] for t in data["tekens"]} >= {"*", "(i)", "(o)", "(s)", "[n]", "(a)", ".", "–"}
    assert any("Berekend over" in o for o in data["opmerkingen"])
    schatting = next(t for t in data["tabellen"] if t["sleutel"] == "schatting_advies")
    assert "2 volledige organisaties" in schatting["toelichting"] and schatting["kolommen"][-1] == "Basis"
    vt07 = next(i for i, r in enumerate(schatting["rijen"]) if r[0] == str(org("VT07")))
    assert schatting["waarden"][vt07][1:4] == [1200, 1320, 1465]
    assert schatting["tekens"][vt07][1:4] == [["(i)"], ["(i)"], ["(s)"]]
    assert schatting["rijen"][vt07][4].endswith("2019 geschat uit 2018")
    regio = api.get(f"/api/v1/analyses/regio/?van=2017&tot=2019&soort=advies&{REGIO}").json()
    aantallen = next(t for t in regio["tabellen"] if t["sleutel"] == "aantallen_advies")
    rij = next(i for i, r in enumerate(aantallen["rijen"]) if r[0] == str(org("VT07")))
    assert aantallen["waarden"][rij][3] is None and aantallen["tekens"][rij][3] == ["–", "(o)"]


def test_a_team_lead_limits_a_note_to_one_soort(client, studie, org):
    leider = GebruikerFactory(rol="teamleider", organisatie=org("VT06"))
    client.force_login(leider)
    client.post(reverse("rapportage:notitie_toevoegen"), {
        "van": "2018-K1", "tot": "2018-K4", "soort": "melding", "tekst": "Meldingen dubbel geteld",
        "uitsluiten_landelijke_trend": "on"})
    notitie = DatakwaliteitNotitie.objects.get(organisatie=org("VT06"))
    assert notitie.soort == "melding"
    index = client.get(reverse("rapportage:analyses")).content.decode()
    assert "Meldingen dubbel geteld" in index and "Melding" in index
    # VT06 leaves the meldingen trend only
    analyse = client.get(f"{reverse('rapportage:analyse_landelijk')}?van=2017&tot=2019&{REGIO}").context["analyse"]
    assert {(u.organisatie, u.soort) for u in analyse.uitgesloten} >= {(str(org("VT06")), "melding")}
    assert (str(org("VT06")), "advies") not in {(u.organisatie, u.soort) for u in analyse.uitgesloten}


def test_the_admin_keeps_the_soort(client, studie, org):
    beheerder = GebruikerFactory(rol="beheer", organisatie=None, is_staff=True)
    client.force_login(beheerder)
    pagina = client.get(reverse("admin:rapportage_datakwaliteitnotitie_change", args=[studie.pk]))
    assert pagina.status_code == 200 and 'name="soort"' in pagina.content.decode()
    lijst = client.get(reverse("admin:rapportage_datakwaliteitnotitie_changelist") + "?soort=advies")
    assert "Adviezen anders geregistreerd" in lijst.content.decode()


def test_the_import_command_reports_one_soort(tmp_path, referentiedata):
    from django.core.management import call_command

    uit = io.StringIO()
    call_command("importeer_historie", str(_bestand(tmp_path, ["VT05;2018;1;melding;;;9"])), stdout=uit)
    assert HistorischeTelling.objects.filter(soort="advies").count() == 0
