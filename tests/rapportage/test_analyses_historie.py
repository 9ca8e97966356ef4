"""Importing history: `manage.py importeer_historie FILE` (CSV or XLSX), all or nothing, replace per
organisation × quarter, and imported figures labelled in the analyses."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from rapportage.analyses.landelijk import landelijke_ontwikkeling
from rapportage.analyses.melders import per_melder_groep
from rapportage.historie.models import HistorischeTelling
from rapportage.historie.services import HistorieFout, importeer_historie

pytestmark = pytest.mark.django_db

GOED = """organisatie;jaar;kwartaal;soort;melder_groep;crisis;aantal
VT05;2018;1;advies;;;400
VT05;2018;1;melding;politie;ja;20
VT05;2018;1;melding;politie;nee;100
VT05;2018;1;melding;overige_professional;ja;5
VT05;2018;1;melding;overige_professional;nee;70
VT05;2018;1;melding;niet_professional;ja;0
VT05;2018;1;melding;niet_professional;nee;35
VT06;2018;1;advies;;;300
VT06;2018;1;advies;politie;;100
VT06;2018;1;advies;overige_professional;;150
VT06;2018;1;advies;niet_professional;;50
VT06;2018;1;melding;;;200
"""


def bestand(tmp_path: Path, tekst: str, naam="historie.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def figuren(code: str) -> dict:
    return {(h.kwartaal, h.soort, h.melder_groep, h.crisis): h.aantal
            for h in HistorischeTelling.objects.filter(organisatie__code=code)}


def test_a_good_file_is_imported_with_every_derivable_margin(tmp_path, referentiedata, org):
    uit = io.StringIO()
    call_command("importeer_historie", str(bestand(tmp_path, GOED)), stdout=uit)
    assert "12 regels gelezen: 2 kwartalen van VT05, VT06 geïmporteerd" in uit.getvalue()
    vt05 = figuren("VT05")
    assert vt05[(1, "melding", "", "")] == 230  # total derived from the cross breakdown
    assert vt05[(1, "melding", "politie", "")] == 120
    assert vt05[(1, "melding", "", "ja")] == 25
    assert vt05[(1, "melding", "overige_professional", "nee")] == 70
    assert vt05[(1, "advies", "", "")] == 400 and (1, "advies", "politie", "") not in vt05
    vt06 = figuren("VT06")
    assert vt06[(1, "advies", "", "")] == 300 and vt06[(1, "advies", "niet_professional", "")] == 50
    assert HistorischeTelling.objects.filter(organisatie=org("VT06")).first().bestand == "historie.csv"


def test_the_same_file_twice_does_not_double(tmp_path, referentiedata):
    pad = bestand(tmp_path, GOED)
    importeer_historie(pad=pad)
    voor = figuren("VT05"), figuren("VT06"), HistorischeTelling.objects.count()
    rapport = importeer_historie(pad=pad)
    assert (figuren("VT05"), figuren("VT06"), HistorischeTelling.objects.count()) == voor
    assert rapport.vervangen == voor[2]
    # a corrected file replaces the whole quarter of that organisation, and leaves the others alone
    importeer_historie(pad=bestand(tmp_path, "VT05;2018;1;advies;;;410\nVT05;2018;1;melding;;;231\n", "fix.csv"))
    assert figuren("VT05") == {(1, "advies", "", ""): 410, (1, "melding", "", ""): 231}
    assert figuren("VT06") == voor[1]


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_line(tmp_path, referentiedata):
    importeer_historie(pad=bestand(tmp_path, "VT06;2017;4;advies;;;10\nVT06;2017;4;melding;;;10\n", "oud.csv"))
    slecht = GOED.replace("VT06;2018;1;advies;overige_professional;;150", "VT06;2018;1;advies;overige_prof;;150")
    with pytest.raises(CommandError, match="er is niets geïmporteerd"):
        call_command("importeer_historie", str(bestand(tmp_path, slecht)), stderr=(fouten := io.StringIO()))
    assert fouten.getvalue().splitlines() == [
        # the breakdown of VT06's adviezen now lacks a group, which is reported at its first line
        "regel 10: onvolledige uitsplitsing naar meldergroep: ontbreekt overige_professional",
        "regel 11: onbekende meldergroep 'overige_prof' (politie, overige_professional, niet_professional of leeg)",
    ]
    assert set(HistorischeTelling.objects.values_list("jaar", flat=True)) == {2017}  # the earlier file untouched


@pytest.mark.parametrize(("regels", "fout"), [
    ("VT99;2018;1;advies;;;1", "regel 1: onbekende organisatie 'VT99'"),
    ("VT05;2018;5;advies;;;1", "regel 1: ongeldig jaar of kwartaal '2018', '5'"),
    ("VT05;2018;1;advies;;ja;1", "regel 1: crisis geldt alleen voor meldingen"),
    ("VT05;2018;1;advies;;;-3", "regel 1: aantal mag niet negatief zijn"),
    ("VT05;2018;1;advies;;;veel", "regel 1: aantal 'veel' is geen geheel getal"),
    ("VT27;2018;1;advies;;;5", "regel 1: VT27 bestond niet in 2018-K1"),
    ("VT05;2018;1;advies;;;5\nVT05;2018;1;advies;;;6", "regel 2: dubbel"),
    ("VT05;2018;1;advies;;;5\nVT05;2018;1;melding;politie;;3", "onvolledige uitsplitsing naar meldergroep: ontbreekt "
                                                               "niet_professional, overige_professional"),
    ("VT05;2018;1;advies;;;5\nVT05;2018;1;melding;;;9\nVT05;2018;1;melding;;ja;3\nVT05;2018;1;melding;;nee;5",
     "regel 2: de uitsplitsing naar crisis telt op tot 8, niet tot 9"),
])
def test_bad_rows_are_reported_with_line_and_reason(tmp_path, referentiedata, regels, fout):
    with pytest.raises(HistorieFout) as exc:
        importeer_historie(pad=bestand(tmp_path, regels + "\n"))
    assert fout in str(exc.value)
    assert not HistorischeTelling.objects.exists()


def test_a_quarter_with_counts_in_the_application_cannot_be_imported(tmp_path, referentiedata, telling):
    telling("VT05", 2018, 1, 3)
    with pytest.raises(HistorieFout, match="VT05 2018-K1 heeft al tellingen in de applicatie"):
        importeer_historie(pad=bestand(tmp_path, "VT05;2018;1;advies;;;5\nVT05;2018;1;melding;;;5\n"))


def test_xlsx_and_the_figures_are_labelled_imported_in_the_analyses(tmp_path, referentiedata, filters, rij, sluit,
                                                                    telling, waarden):
    wb = Workbook()
    blad = wb.active
    blad.append(["organisatie", "jaar", "kwartaal", "soort", "melder_groep", "crisis", "aantal"])
    for kw in (1, 2, 3, 4):
        blad.append(["VT05", 2018, kw, "advies", None, None, 100])
        blad.append(["VT05", 2018, kw, "melding", None, None, 50])
    pad = tmp_path / "historie.xlsx"
    wb.save(pad)
    importeer_historie(pad=pad)
    for kw in (1, 2, 3, 4):
        telling("VT05", 2019, kw, 110)
    sluit("VT05", 2019)
    analyse = landelijke_ontwikkeling(filters(2018, 2019, "VT05", soorten=("advies",)))
    assert waarden(analyse, "jaar") == [["2018", "400 (i)", "–"], ["2019", 440, "10.0 (i)"]]
    # without a breakdown by melder groep the imported year is not complete for that analysis
    assert rij(waarden(per_melder_groep(filters(2018, 2019, "VT05", soorten=("advies",))), "melders_advies"),
               "Totaal")[1:] == ["–", "–", "–"]  # no organisation to count: unknown, not 0
