"""The 2017–2019 study's figures 1–8 and 14–17, reproduced from imported history with the study's own exclusions
(issue 15, "Done when"; the table per figure is in docs/analyses.md, "The 2017–2019 study, figure by figure").

A small synthetic history, imported through the history import service (a quarter is a quarter of the yearly
figure). Seven regions, one gemeente each with inhabitants (2017) and density (2019):

  region  gemeente     density  inhab.   adviezen 2017  2018  2019    meldingen 2017  2018  2019
  VT02    Assen            100  100,000            400   440   600                200   200   240   by melder groep
  VT04    Leeuwarden       200  100,000            800   800  1000                400   440   480   by melder groep
  VT19    Enschede         400  100,000           1200  1320  1560                600   600   720
  VT05    Arnhem           500  100,000           1600  1760  2000                800   880  1040
  VT06    Nijmegen        1000  100,000              ?  1000  1200                  ?   400   480   2017 not delivered
  VT18    Rotterdam       3000  100,000           2000  2400  2800               1200  1320  1600
  VT01    Amsterdam       5000  200,000           4000  2000  6000               2000  2200  2800   adviezen excluded

As in the study: Amsterdam-Amstelland's adviezen are left out of the national trend by a data-quality note that
concerns adviezen only (its meldingen count), and Gelderland-Zuid has no 2017 (unknown, not 0), so it is outside
both trends but on the per-region pages for the years it delivered.

By hand:
- national adviezen over {VT02, VT04, VT19, VT05, VT18}: 6000, 6720, 7960 (+12.0 %, +18.5 %; 2017–2019 +32.7 %);
  national meldingen over the six without VT06: 5200, 5640, 6880 (+8.5 %, +22.0 %; 2017–2019 +32.3 %).
- melder groep (VT02 + VT04), adviezen politie 240, 200, 160; overige 720, 800, 1120; niet-prof. 240, 240, 320;
  meldingen politie 360, 360, 360; overige 120, 160, 240; niet-prof. 120, 120, 120.
- density thirds of the seven (round(7/3) = 2): low {VT02, VT04}, average {VT19, VT05, VT06}, high {VT18, VT01}.
"""

import re

import pytest

from rapportage.analyses.filters import Filters
from rapportage.analyses.landelijk import landelijke_ontwikkeling
from rapportage.analyses.melders import per_melder_groep
from rapportage.analyses.models import DatakwaliteitNotitie
from rapportage.analyses.regio import per_regio
from rapportage.analyses.vergelijking import vergelijkingen
from rapportage.historie.services import importeer_historie
from vtregistratie.models import Gemeente, Inwoners, Organisatie, Stedelijkheid

pytestmark = pytest.mark.django_db

#: code: (gemeente, density 2019, inhabitants 2017, {year: adviezen}, {year: meldingen})
REGIOS = {
    "VT02": ("GM0106", 100, 100_000, {2017: 400, 2018: 440, 2019: 600}, {2017: 200, 2018: 200, 2019: 240}),
    "VT04": ("GM0080", 200, 100_000, {2017: 800, 2018: 800, 2019: 1000}, {2017: 400, 2018: 440, 2019: 480}),
    "VT19": ("GM0153", 400, 100_000, {2017: 1200, 2018: 1320, 2019: 1560}, {2017: 600, 2018: 600, 2019: 720}),
    "VT05": ("GM0202", 500, 100_000, {2017: 1600, 2018: 1760, 2019: 2000}, {2017: 800, 2018: 880, 2019: 1040}),
    "VT06": ("GM0268", 1000, 100_000, {2018: 1000, 2019: 1200}, {2018: 400, 2019: 480}),
    "VT18": ("GM0599", 3000, 100_000, {2017: 2000, 2018: 2400, 2019: 2800}, {2017: 1200, 2018: 1320, 2019: 1600}),
    "VT01": ("GM0363", 5000, 200_000, {2017: 4000, 2018: 2000, 2019: 6000}, {2017: 2000, 2018: 2200, 2019: 2800}),
}
#: Two regions deliver by melder groep (politie, overige professional, niet-professional) per soort and year.
MELDERGROEPEN = {
    ("VT02", "advies"): {2017: (80, 240, 80), 2018: (80, 280, 80), 2019: (40, 440, 120)},
    ("VT04", "advies"): {2017: (160, 480, 160), 2018: (120, 520, 160), 2019: (120, 680, 200)},
    ("VT02", "melding"): {2017: (120, 40, 40), 2018: (120, 40, 40), 2019: (120, 80, 40)},
    ("VT04", "melding"): {2017: (240, 80, 80), 2018: (240, 120, 80), 2019: (240, 160, 80)},
}
GROEPEN = ("politie", "overige_professional", "niet_professional")
GETAL = re.compile(r"^[-−]?\d+(\.\d+)?")


@pytest.fixture
def studie(vervang_referentiedata, tmp_path):
    gemeenten = {g.code: g for g in Gemeente.objects.filter(code__in=[r[0] for r in REGIOS.values()])}
    vervang_referentiedata(Inwoners, [Inwoners(gemeente=gemeenten[gm], jaar=2017, aantal=inw)
                                      for gm, _d, inw, _a, _m in REGIOS.values()])
    vervang_referentiedata(Stedelijkheid, [Stedelijkheid(gemeente=gemeenten[gm], jaar=2019, bevolkingsdichtheid=d)
                                           for gm, d, _i, _a, _m in REGIOS.values()])
    regels = []
    for code, (_gm, _d, _i, adviezen, meldingen) in REGIOS.items():
        for soort, cijfers in (("advies", adviezen), ("melding", meldingen)):
            for jaar, n in cijfers.items():
                for kw in (1, 2, 3, 4):
                    if (code, soort) in MELDERGROEPEN:  # the total is derived from the breakdown
                        groepen = MELDERGROEPEN[(code, soort)][jaar]
                        assert sum(groepen) == n
                        regels += [f"{code};{jaar};{kw};{soort};{groep};;{m // 4}"
                                   for groep, m in zip(GROEPEN, groepen, strict=True)]
                    else:
                        regels.append(f"{code};{jaar};{kw};{soort};;;{n // 4}")
    pad = tmp_path / "historie.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    importeer_historie(pad=pad)
    return DatakwaliteitNotitie.objects.create(
        organisatie=Organisatie.objects.get(code="VT01"), van_jaar=2017, van_kwartaal=1, tot_jaar=2019,
        tot_kwartaal=4, soort="advies", tekst="Adviezen door registratie-effecten niet vergelijkbaar",
        uitsluiten_landelijke_trend=True)


def _filters(**kwargs) -> Filters:
    ids = tuple(Organisatie.objects.filter(code__in=REGIOS).order_by("code").values_list("pk", flat=True))
    return Filters(van_jaar=2017, tot_jaar=2019, organisaties=ids, **kwargs)


def getal(cel):
    """The number a cell shows, without its markers; None for – (unknown, not computable)."""
    if isinstance(cel, int | float):
        return cel
    gevonden = GETAL.match(str(cel))
    if gevonden is None:
        return None
    tekst = gevonden.group().replace("−", "-")
    return float(tekst) if "." in tekst else int(tekst)


def getallen(tabel: list[list], label: str) -> list:
    return [getal(c) for c in next(r for r in tabel if r[0] == label)[1:]]


def naam(code: str) -> str:
    return str(Organisatie.objects.get(code=code))


def test_figures_1_and_5_the_national_trend_with_the_studys_exclusions(studie, waarden, rij):
    analyse = landelijke_ontwikkeling(_filters())
    # year, adviezen, growth, meldingen, growth
    assert [[getal(c) for c in r] for r in waarden(analyse, "jaar")] == [
        [2017, 6000, None, 5200, None],
        [2018, 6720, 12.0, 5640, 8.5],
        [2019, 7960, 18.5, 6880, 22.0],
    ]
    uitgesloten = {(u.organisatie, u.soort): u.reden for u in analyse.uitgesloten}
    assert uitgesloten[(naam("VT01"), "advies")] == f"uitgesloten door datakwaliteitsnotitie [{studie.pk}]"
    assert (naam("VT01"), "melding") not in uitgesloten  # its meldingen count, as in the study
    assert {s for (o, s) in uitgesloten if o == naam("VT06")} == {""}  # both soorten: no 2017
    assert any("5 voor de adviezen, 6 voor de meldingen" in o for o in analyse.opmerkingen)
    # the study's estimate of the national total: the missing regions' own figures, the unknown year estimated
    # (VT06 2017 = 1000 × 6000 / 6720 = 892.9 adviezen, 400 × 5200 / 5640 = 368.8 meldingen)
    schatting = waarden(analyse, "schatting_advies")
    assert getallen(schatting, naam("VT01"))[:3] == [4000, 2000, 6000]
    vt06 = rij(schatting, naam("VT06"))
    assert getal(vt06[1]) in (890, 895) and "(s)" in vt06[1] and vt06[4].startswith("2017 geschat uit 2018")
    assert getallen(schatting, naam("VT06"))[1:3] == [1000, 1200]
    vt06 = rij(waarden(analyse, "schatting_melding"), naam("VT06"))
    assert getal(vt06[1]) in (365, 370) and "(s)" in vt06[1]


def test_figures_2_3_6_7_16_17_per_region(studie, waarden):
    analyse = per_regio(_filters())
    n = studie.pk
    # figures 3 and 7: every region's own counts, also the excluded one, unknown as –
    adviezen = waarden(analyse, "aantallen_advies")
    assert getallen(adviezen, naam("VT01")) == [4000, 2000, 6000]
    assert all(f"[{n}]" in c for c in next(r for r in adviezen if r[0] == naam("VT01"))[1:])
    assert getallen(adviezen, naam("VT06")) == [None, 1000, 1200]
    assert getallen(waarden(analyse, "aantallen_melding"), naam("VT06")) == [None, 400, 480]
    # figures 2 and 6: growth per region per pair of years, and the national (weighted) total
    groei = waarden(analyse, "groei_advies")
    verwacht = {"VT02": [10.0, 36.4, 50.0], "VT04": [0.0, 25.0, 25.0], "VT19": [10.0, 18.2, 30.0],
                "VT05": [10.0, 13.6, 25.0], "VT18": [20.0, 16.7, 40.0],
                "VT01": [-50.0, 200.0, 50.0],  # left out of the trend, keeps its own growth
                "VT06": [None, 20.0, None]}
    assert {c: getallen(groei, naam(c)) for c in verwacht} == verwacht
    assert getallen(groei, "Landelijk (5 volledige organisaties)") == [12.0, 18.5, 32.7]
    groei = waarden(analyse, "groei_melding")
    verwacht = {"VT02": [0.0, 20.0, 20.0], "VT04": [10.0, 9.1, 20.0], "VT19": [0.0, 20.0, 20.0],
                "VT05": [10.0, 18.2, 30.0], "VT18": [10.0, 21.2, 33.3], "VT01": [10.0, 27.3, 40.0],
                "VT06": [None, 20.0, None]}
    assert {c: getallen(groei, naam(c)) for c in verwacht} == verwacht
    assert getallen(groei, "Landelijk (6 volledige organisaties)") == [8.5, 22.0, 32.3]
    # figures 16 and 17: per 10,000 inhabitants (the inhabitants of 2017 for every year)
    per10000 = waarden(analyse, "per10000_advies")
    assert getallen(per10000, naam("VT02")) == [40.0, 44.0, 60.0]
    assert getallen(per10000, naam("VT01")) == [200.0, 100.0, 300.0]
    assert getallen(per10000, naam("VT06")) == [None, 100.0, 120.0]
    assert getallen(per10000, "Landelijk (5 volledige organisaties)") == [120.0, 134.4, 159.2]
    per10000 = waarden(analyse, "per10000_melding")
    assert getallen(per10000, naam("VT18")) == [120.0, 132.0, 160.0]
    assert getallen(per10000, "Landelijk (6 volledige organisaties)") == [74.3, 80.6, 98.3]


def test_figures_4_and_8_per_melder_groep_over_the_regions_that_had_the_breakdown(studie, waarden):
    analyse = per_melder_groep(_filters())
    # counts 2017, 2018, 2019, growth 2017–2018, 2018–2019, 2017–2019
    adviezen = waarden(analyse, "melders_advies")
    assert getallen(adviezen, "Politie") == [240, 200, 160, -16.7, -20.0, -33.3]
    assert getallen(adviezen, "Overige professional") == [720, 800, 1120, 11.1, 40.0, 55.6]
    assert getallen(adviezen, "Niet-professional") == [240, 240, 320, 0.0, 33.3, 33.3]
    assert getallen(adviezen, "Totaal") == [1200, 1240, 1600, 3.3, 29.0, 33.3]
    meldingen = waarden(analyse, "melders_melding")
    assert getallen(meldingen, "Politie") == [360, 360, 360, 0.0, 0.0, 0.0]
    assert getallen(meldingen, "Overige professional") == [120, 160, 240, 33.3, 50.0, 100.0]
    assert getallen(meldingen, "Niet-professional") == [120, 120, 120, 0.0, 0.0, 0.0]
    assert analyse.opmerkingen[0].startswith("Berekend over 2 organisaties met een uitsplitsing naar meldergroep")


def test_figure_14_urbanisation_classes_and_g4_weighted_and_unweighted(studie, waarden):
    analyse = vergelijkingen(_filters())
    # 2017, 2019, weighted growth, unweighted mean of the regions' growth
    adviezen = waarden(analyse, "stedelijkheid_advies")
    assert getallen(adviezen, "Lage bevolkingsdichtheid (2 regio's)") == [1200, 1600, 33.3, 37.5]
    assert getallen(adviezen, "Gemiddelde bevolkingsdichtheid (2 regio's)") == [2800, 3560, 27.1, 27.5]
    # the study's G4 adviezen without Amsterdam-Amstelland (its footnote 15): here Rotterdam alone
    assert getallen(adviezen, "Hoge bevolkingsdichtheid (1 regio)") == [2000, 2800, 40.0, 40.0]
    assert getallen(adviezen, "G4 (1 regio)") == [2000, 2800, 40.0, 40.0]
    assert getallen(adviezen, "Overige regio's (4)") == [4000, 5160, 29.0, 32.5]
    assert getallen(adviezen, "Landelijk (5 volledige organisaties)") == [6000, 7960, 32.7, 34.0]
    meldingen = waarden(analyse, "stedelijkheid_melding")
    assert getallen(meldingen, "Lage bevolkingsdichtheid (2 regio's)") == [600, 720, 20.0, 20.0]
    assert getallen(meldingen, "Gemiddelde bevolkingsdichtheid (2 regio's)") == [1400, 1760, 25.7, 25.0]
    assert getallen(meldingen, "Hoge bevolkingsdichtheid (2 regio's)") == [3200, 4400, 37.5, 36.7]
    assert getallen(meldingen, "G4 (2 regio's)") == [3200, 4400, 37.5, 36.7]  # Amsterdam's meldingen do count
    assert getallen(meldingen, "Landelijk (6 volledige organisaties)") == [5200, 6880, 32.3, 27.2]
    assert any("laag tot en met 200, hoog vanaf 3000" in o for o in analyse.opmerkingen)


def test_figure_15_top_and_bottom_by_rate_in_2017(studie, waarden):
    analyse = vergelijkingen(_filters(basisjaar=2017))
    # per 10,000 in 2017, 2017, 2019, weighted growth, unweighted mean
    adviezen = waarden(analyse, "top_advies")
    assert [r[0] for r in adviezen] == [naam("VT18"), naam("VT05"), "Samen: 2 hoogste", naam("VT04"), naam("VT02"),
                                        "Samen: 2 laagste", "Landelijk (5 regio's)"]
    assert getallen(adviezen, "Samen: 2 hoogste")[1:] == [180.0, 3600, 4800, 33.3, 32.5]
    assert getallen(adviezen, "Samen: 2 laagste")[1:] == [60.0, 1200, 1600, 33.3, 37.5]
    assert getallen(adviezen, "Landelijk (5 regio's)")[1:] == [120.0, 6000, 7960, 32.7, 34.0]
    meldingen = waarden(analyse, "top_melding")
    assert [r[0] for r in meldingen][:3] == [naam("VT18"), naam("VT01"), naam("VT05")]
    assert getallen(meldingen, "Samen: 3 hoogste")[1:] == [100.0, 4000, 5440, 36.0, 34.4]
    assert getallen(meldingen, "Samen: 3 laagste")[1:] == [40.0, 1200, 1440, 20.0, 20.0]
    assert getallen(meldingen, "Landelijk (6 regio's)")[1:] == [74.3, 5200, 6880, 32.3, 27.2]
