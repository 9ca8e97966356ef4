"""StatLine-shaped tables: CBS's tables as data, filled from the counts, laid out line by line as StatLine does.

VT02, 2024, every quarter closed; per quarter:
  adviezen   politie 5 (politieagent, duur ≤ 1 week), overige professional 4 (huisarts, 1 to 6 months),
             niet-professional 3 (duur onbekend) (GM0106)
  meldingen  all by the politie (rol/functie not given);
             crisis, overdracht, vervolgmelding (after the assessment), ≤ 1 week 6; vervolgstappen (onderzoek),
             eerste melding, 5 years or more 5; structureel, nog niet beoordeeld, eerste melding, duur onbekend 4
             (GM0106)
  per aard   meldingen kindermishandeling 10 (of which seksueel misbruik 3), partnergeweld 7; aanvullende
             informatie mensenhandel 2
  diensten   onderzoeken afgerond 5 (of which voortijdig afgesloten: overleden 1, verhuisd 1), voorwaarden en
             vervolg afgerond 2, onderzoeken gestart 6; uitkomsten: kindermishandeling bevestigd 2 and weerlegd 1,
             partnergeweld niet bevestigd 2; overdrachten na beoordeling: lokaal veld 4, politie/OM 2, na dienst:
             jeugdhulpaanbieder 3
"""

import csv
import io
from collections import defaultdict

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rapportage.analyses.statline import statline
from rapportage.analyses.statline_tabellen import TABELLEN
from rapportage.analyses.tabel import toon
from rapportage.analyses.uitsplitsingen import uitsplitsingen
from rapportage.cbs.aggregaat import aggregaat_regels
from rapportage.cbs.periode import Halfjaar
from rapportage.tellingen.models import (
    Telling,
    TellingAanvullendeInformatie,
    TellingAard,
    TellingDienst,
    TellingOverdracht,
    TellingSubvorm,
    TellingUitkomst,
)
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

ECHTE_PTABEL = ((-2, 0.1), (-1, 0.2), (0, 0.4), (1, 0.2), (2, 0.1))


@pytest.fixture
def vt02(referentiedata, org, sluit):
    o = org("VT02")
    basis = {"organisatie": o, "jaar": 2024, "gemeente_code": "GM0106"}
    for kw in (1, 2, 3, 4):
        for groep, categorie, organisatie, functie, duur, n in (
                ("politie", "politie", "justitie_politie", "justitie_politieagent", "tot_1_week", 5),
                ("overige_professional", "huisarts", "gezondheidszorg", "medisch_huisarts", "1_tot_6_maanden", 4),
                ("niet_professional", "familielid", "niet_van_toepassing", "niet_van_toepassing", "onbekend", 3)):
            Telling.objects.create(**basis, kwartaal=kw, soort="advies", melder_groep=groep,
                                   melder_categorie=categorie, melder_organisatie=organisatie, melder_functie=functie,
                                   crisis=False, duur_geweld=duur, aantal=n)
        for crisis, structureel, beoordeling, dienst, eerder, duur, n in (
                (True, False, "overdracht", "", "vervolgmelding", "tot_1_week", 6),  # after the assessment
                (False, False, "vervolgstappen_vt", "onderzoek", "eerste_melding", "meer_dan_5_jaar", 5),
                (False, True, "nog_niet_beoordeeld", "", "eerste_melding", "onbekend", 4)):
            Telling.objects.create(**basis, kwartaal=kw, soort="melding", melder_groep="politie", duur_geweld=duur,
                                   melder_categorie="politie", melder_organisatie="justitie_politie",
                                   melder_functie="onbekend", crisis=crisis, structurele_onveiligheid=structureel,
                                   beoordeling=beoordeling, vervolgdienst=dienst, eerdere_betrokkenheid=eerder,
                                   vervolgmelding_moment="na_beoordeling" if eerder == "vervolgmelding" else "",
                                   aantal=n)
        for aard, n in (("kindermishandeling", 10), ("partnergeweld", 7)):
            TellingAard.objects.create(**basis, kwartaal=kw, soort="melding", aard=aard, aantal=n)
        TellingAanvullendeInformatie.objects.create(**basis, kwartaal=kw, soort="melding",
                                                    aanvullende_informatie="mensenhandel", aantal=2)
        TellingSubvorm.objects.create(**basis, kwartaal=kw, soort="melding", aard_subvorm="km_seksueel_misbruik",
                                      aantal=3)
        for dienst, gebeurtenis, reden, n in (("onderzoek", "afgerond", "", 3),
                                              ("onderzoek", "afgerond", "overleden", 1),
                                              ("onderzoek", "afgerond", "verhuisd_andere_regio", 1),
                                              ("voorwaarden_en_vervolg", "afgerond", "", 2),
                                              ("onderzoek", "gestart", "", 6)):
            TellingDienst.objects.create(**basis, kwartaal=kw, dienst=dienst, gebeurtenis=gebeurtenis,
                                         afsluitreden=reden, aantal=n)
        for aard, uitkomst, n in (("kindermishandeling", "bevestigd", 2), ("kindermishandeling", "weerlegd", 1),
                                  ("partnergeweld", "niet_bevestigd", 2)):
            TellingUitkomst.objects.create(**basis, kwartaal=kw, aard=aard, uitkomst=uitkomst, aantal=n)
        for moment, bestemming, hulp, n in (("na_beoordeling", "lokaal_veld", "ambulante_hulp", 4),
                                            ("na_beoordeling", "politie_om", "", 2),
                                            ("na_dienst", "jeugdhulpaanbieder", "", 3)):
            TellingOverdracht.objects.create(**basis, kwartaal=kw, moment=moment, bestemming=bestemming, hulp=hulp,
                                             aantal=n)
    sluit("VT02", 2024)
    return o


def _rijen(analyse, eigen):
    tabel = toon(analyse, eigen_organisatie=eigen).tabellen[0]
    return [k.label for k in tabel.kolommen], tabel.download_rijen()


def test_a_row_per_period_region_and_category_with_cbs_labels(vt02, filters):
    kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84848NED")), vt02.pk)
    assert kolommen == ["Perioden", "Regio's", "Kenmerken adviezen/meldingen", "Gestarte adviezen (aantal)",
                        "Ontvangen meldingen (aantal)"]
    regio = f"{vt02.naam} (VT)"
    jaar = {r[2]: r[3:] for r in rijen if r[0] == "2024JJ00"}
    assert jaar["Justitie en veiligheid: totaal"] == jaar["Justitie en veiligheid: politie"] == [20, 60]
    assert jaar["Gezondheidszorg: totaal"] == [16, 0] and jaar["Kinderopvang"] == [0, 0]
    assert jaar["Beroep: medisch: huisarts"] == [16, 0] and jaar["Beroep: rol/functie onbekend"] == [0, 60]
    # the duur van het geweld in StatLine's classes (issue 15: every registered field in some analysis)
    assert jaar["Duur geweld: ≤ 1 week"] == [20, 24] and jaar["Duur geweld: ≥ 1 maand < 6 maanden"] == [16, 0]
    assert jaar["Duur geweld: ≥ 5 jaar"] == [0, 20] and jaar["Duur geweld: onbekend"] == [12, 16]
    assert jaar["Duur geweld: > 1 week < 1 maand"] == [0, 0]
    rijen = [r for r in rijen if r[2] in ("Totaal", "Niet beroepsmatig totaal", "Beroepsmatig totaal")]
    assert rijen == [
        ["2024HJ01", regio, "Totaal", 24, 30], ["2024HJ01", regio, "Niet beroepsmatig totaal", 6, 0],
        ["2024HJ01", regio, "Beroepsmatig totaal", 18, 30],
        ["2024HJ02", regio, "Totaal", 24, 30], ["2024HJ02", regio, "Niet beroepsmatig totaal", 6, 0],
        ["2024HJ02", regio, "Beroepsmatig totaal", 18, 30],
        ["2024JJ00", regio, "Totaal", 48, 60], ["2024JJ00", regio, "Niet beroepsmatig totaal", 12, 0],
        ["2024JJ00", regio, "Beroepsmatig totaal", 36, 60],
    ]


SOMMEN = [(code, i, deel_van, reeks) for code, t in TABELLEN.items() for i, d in enumerate(t.dimensies)
          for deel_van, reeks in dict.fromkeys((c.deel_van, c.reeks) for c in d.categorieen if c.deel_van)]


@pytest.mark.parametrize(("code", "plaats", "deel_van", "reeks"), SOMMEN)
def test_the_categories_that_make_up_a_total_add_up_to_it_as_on_statline(vt02, filters, code, plaats, deel_van,
                                                                          reeks):
    tabel = TABELLEN[code]
    delen = {c.label for c in tabel.dimensies[plaats].categorieen if (c.deel_van, c.reeks) == (deel_van, reeks)}
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel=code)), vt02.pk)
    eerste_maat = 2 + len(tabel.dimensies)
    plaats += 2
    totalen, sommen = {}, defaultdict(lambda: [0] * len(tabel.maten))
    for rij in rijen:
        rest = tuple(w for j, w in enumerate(rij[:eerste_maat]) if j != plaats)
        if rij[plaats] == deel_van:
            totalen[rest] = rij[eerste_maat:]
        elif rij[plaats] in delen:
            sommen[rest] = [a + b for a, b in zip(sommen[rest], rij[eerste_maat:], strict=True)]
    assert sommen and sommen == {rest: totalen[rest] for rest in sommen}


def test_veiligheidsbeoordeling_and_taxatie_crossed_as_84852(vt02, filters):
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84852NED")), vt02.pk)
    jaar = {(r[2], r[3]): r[4] for r in rijen if r[0] == "2024JJ00"}
    assert jaar[("Totaal", "Totaal")] == 60
    assert jaar[("Acute onveiligheid", "Totaal")] == 24 and jaar[("Acute onveiligheid", "Overdracht")] == 24
    assert jaar[("Structurele onveiligheid", "Nog niet beoordeeld")] == 16
    assert jaar[("Totaal", "Vervolgstappen: onderzoek")] == 20
    assert jaar[("Totaal", "Vervolgstappen: voorwaarden en vervolg")] == 0


def test_aard_and_aanvullende_informatie_are_not_crossed(vt02, filters):
    analyse = statline(filters(2024, 2024, "VT02", cbs_tabel="84850NED"))
    _kolommen, rijen = _rijen(analyse, vt02.pk)
    jaar = {(r[2], r[3]): r[4:] for r in rijen if r[0] == "2024JJ00"}
    assert jaar[("Kindermishandeling", "Totaal")] == [0, 40]
    assert jaar[("Totaal", "Mensenhandel")] == [0, 8]
    assert ("Kindermishandeling", "Mensenhandel") not in jaar
    assert jaar[("Kindermishandeling: seksueel misbruik", "Totaal")] == [0, 12]  # the sub-forms as categories
    assert any("niet te tellen" in str(o) for o in analyse.opmerkingen)


def test_85361_percentage_of_vervolgmeldingen(vt02, filters):
    kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="85361NED")), vt02.pk)
    assert kolommen[2:5] == ["Ontvangen meldingen: totaal (aantal)",
                             "Vervolgmelding tijdens betrokkenheid VT: totaal (aantal)",
                             "Vervolgmelding tijdens betrokkenheid VT: tijdens veiligheidsbeoordeling (aantal)"]
    jaar = dict(zip(kolommen, rijen[-1], strict=True))
    assert jaar["Perioden"] == "2024JJ00"
    assert jaar["Ontvangen meldingen: totaal (aantal)"] == 60
    assert jaar["Vervolgmelding tijdens betrokkenheid VT: totaal (aantal)"] == 24
    assert jaar["Vervolgmelding tijdens betrokkenheid VT: na veiligheidsbeoordeling (aantal)"] == 24
    assert jaar["Vervolgmelding tijdens betrokkenheid VT: tijdens monitoring door VT (aantal)"] == 0
    assert jaar["Vervolgmelding tijdens betrokkenheid VT: totaal (%)"] == 40.0


def test_84853_afgeronde_onderzoeken_by_end_date_with_outcome_per_aard(vt02, filters):
    kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84853NED")), vt02.pk)
    assert kolommen == ["Perioden", "Regio's", "Aard van het geweld", "Afgeronde diensten onderzoek: totaal (aantal)",
                        "Voortijdig afgesloten: totaal (aantal)",
                        "Voortijdig afgesloten: vertrokken met onbekende bestemming (aantal)",
                        "Voortijdig afgesloten: overleden (aantal)",
                        "Voortijdig afgesloten: overdracht wegens verhuizing naar een andere regio (aantal)",
                        "Uitkomst onderzoek: bevestigd (aantal)", "Uitkomst onderzoek: niet bevestigd (aantal)",
                        "Uitkomst onderzoek: weerlegd (aantal)"]
    regio = f"{vt02.naam} (VT)"
    per = {(r[0], r[2]): r for r in rijen}
    # onderzoeken only (not voorwaarden en vervolg), afgerond only (not gestart)
    assert per[("2024HJ01", "Totaal")] == ["2024HJ01", regio, "Totaal", 10, 4, 0, 2, 2, 4, 4, 2]
    assert per[("2024JJ00", "Totaal")] == ["2024JJ00", regio, "Totaal", 20, 8, 0, 4, 4, 8, 8, 4]
    # per aard only the outcomes: the diensten are not counted by aard
    assert per[("2024JJ00", "Kindermishandeling")][3:] == ["", "", "", "", "", 8, 0, 4]
    assert per[("2024JJ00", "(Ex-)Partnergeweld")][3:] == ["", "", "", "", "", 0, 8, 0]
    assert per[("2024JJ00", "Onbekend")][3:] == ["", "", "", "", "", 0, 0, 0]
    assert len(rijen) == 3 * len(TABELLEN["84853NED"].dimensies[0].categorieen)


def test_84853_reasons_add_up_to_voortijdig_afgesloten_and_aarden_to_the_total_outcomes(vt02, filters):
    kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84853NED")), vt02.pk)
    redenen = [i for i, k in enumerate(kolommen) if k.startswith("Voortijdig afgesloten: ") and "totaal" not in k]
    uitkomsten = [i for i, k in enumerate(kolommen) if k.startswith("Uitkomst onderzoek: ")]
    for periode in ("2024HJ01", "2024HJ02", "2024JJ00"):
        rij = next(r for r in rijen if r[0] == periode and r[2] == "Totaal")
        assert sum(rij[i] for i in redenen) == rij[kolommen.index("Voortijdig afgesloten: totaal (aantal)")] > 0
        per_aard = [r for r in rijen if r[0] == periode and r[2] != "Totaal"]
        assert [sum(r[i] for r in per_aard) for i in uitkomsten] == [rij[i] for i in uitkomsten]


def test_84854_and_84855_overdracht_by_destination_after_beoordeling_and_after_dienst(vt02, filters):
    kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84854NED")), vt02.pk)
    assert kolommen == ["Perioden", "Regio's", "Organisatie van overdracht of vervolg",
                        "Overdracht en vervolg na veiligheidsbeoordeling (aantal)"]
    jaar = {r[2]: r[3] for r in rijen if r[0] == "2024JJ00"}
    assert jaar["Totaal"] == 24 and jaar["Lokale veld / wijkteam"] == 16
    assert jaar["Politie / Openbaar Ministerie"] == 8 and jaar["Jeugdhulpaanbieder"] == 0
    kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84855NED")), vt02.pk)
    assert kolommen[3] == "Overdracht en vervolg na afgeronde dienst (aantal)"
    halfjaar = {r[2]: r[3] for r in rijen if r[0] == "2024HJ02"}
    assert halfjaar["Totaal"] == halfjaar["Jeugdhulpaanbieder"] == 6 and halfjaar["Lokale veld / wijkteam"] == 0


def test_an_outside_viewer_gets_protected_diensten_cells(vt02, filters, settings):
    settings.ONTHULLING_PTABEL = ECHTE_PTABEL
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84853NED")), None)
    totaal = next(r for r in rijen if r[0] == "2024JJ00" and r[2] == "Totaal")
    # afgeronde onderzoeken (20) are one published cell, rounded; voortijdig afgesloten (8) is two (overleden 4,
    # verhuisd 4), each suppressed, so their protected sum is marked (a)
    assert isinstance(totaal[3], int) and totaal[3] % 5 == 0
    assert str(totaal[4]).endswith("(a)") and totaal[6] == totaal[7] == "."
    per_aard = next(r for r in rijen if r[0] == "2024JJ00" and r[2] == "Kindermishandeling")
    assert per_aard[8] == "."  # 8 onderzoeken with kindermishandeling bevestigd: below the threshold
    # a count from 1 up to the threshold is suppressed, never shown exactly
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84855NED")), None)
    kwart = next(r for r in rijen if r[0] == "2024HJ01" and r[2] == "Jeugdhulpaanbieder")
    assert kwart[3] == "."


def test_afgeronde_onderzoeken_are_the_same_published_cell_as_in_the_cbs_aggregate(vt02, filters, settings):
    # a wide perturbation without rounding, so two identities of one count would (almost surely) differ
    settings.ONTHULLING_PTABEL = ((-4, 0.2), (-2, 0.2), (0, 0.2), (2, 0.2), (4, 0.2))
    settings.ONTHULLING_AFRONDING = 1
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84853NED")), None)
    for halfjaar in (1, 2):
        regels = list(aggregaat_regels(halfjaar=Halfjaar(2024, halfjaar), organisaties=[vt02]))
        geleverd = next(r[-1] for r in regels if "afgeronde_diensten_onderzoek" in r)
        getoond = next(r[3] for r in rijen if r[0] == f"2024HJ0{halfjaar}" and r[2] == "Totaal")
        assert str(getoond) == geleverd  # one count, one identity: never two independent perturbations


def test_an_outside_viewer_gets_the_same_cell_as_on_the_uitsplitsingen_page(vt02, filters, settings):
    settings.ONTHULLING_PTABEL = ECHTE_PTABEL
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84852NED")), None)
    statline_cel = next(r[4] for r in rijen if r[0] == "2024JJ00" and r[2:4] == ["Totaal", "Overdracht"])
    uitgesplitst = uitsplitsingen(filters(2024, 2024, "VT02", soorten=("melding",), uitsplitsing="beoordeling"))
    kolommen, (rij,) = _rijen(uitgesplitst, None)
    assert statline_cel == rij[kolommen.index("Overdracht")]
    # a category of several codes is the sum of their published cells, marked (a)
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84848NED")), None)
    assert str(next(r[3] for r in rijen if r[2] == "Beroepsmatig totaal")).endswith("(a)")


def test_per_gemeente_where_cbs_publishes_gemeenten(vt02, filters):
    _kolommen, rijen = _rijen(statline(filters(2024, 2024, "VT02", cbs_tabel="84848NED", niveau="gemeente")), vt02.pk)
    assert len({r[1] for r in rijen}) == 1 and rijen[0][1].endswith("(GM0106)")
    assert rijen[0][:4] == ["2024HJ01", rijen[0][1], str(vt02), "Totaal"] and rijen[0][4:] == [24, 30]
    assert len(rijen) == 3 * len(TABELLEN["84848NED"].dimensies[0].categorieen)  # periods x categories


def test_the_csv_has_statlines_columns_and_period_codes(vt02, client):
    teamleider = GebruikerFactory(rol="teamleider", organisatie=vt02)
    client.force_login(teamleider)
    antwoord = client.get(reverse("rapportage:analyse_statline"),
                          {"van": 2024, "tot": 2024, "cbs_tabel": "84852NED", "formaat": "csv"})
    assert antwoord.status_code == 200
    regels = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert regels[0][:5] == ["Perioden", "Regio's", "Veiligheidstaxatie", "Veiligheidsbeoordeling",
                             "Ontvangen meldingen (aantal)"]
    perioden = {r[0] for r in regels[1:] if r and r[0][:4] == "2024"}
    assert perioden == {"2024HJ01", "2024HJ02", "2024JJ00"}


@pytest.mark.parametrize(("parameters", "veld"), [
    ("cbs_tabel=99999NED", "cbs_tabel"),
    ("cbs_tabel=84852NED&niveau=gemeente", "niveau"),
    ("niveau=provincie", "niveau"),
    ("cbs_tabel=84853NED&niveau=gemeente", "niveau"),
    ("cbs_tabel=84855NED&niveau=gemeente", "niveau"),
])
def test_bad_parameters_are_a_400(vt02, client, parameters, veld):
    gebruiker = GebruikerFactory(rol="gemeente", organisatie=None)
    client.force_login(gebruiker)
    pagina = client.get(f"/rapportage/analyses/statline/?van=2024&tot=2024&{parameters}")
    assert pagina.status_code == 400 and veld in pagina.context["form"].errors
    api = APIClient()
    api.force_authenticate(gebruiker)
    antwoord = api.get(f"/api/v1/analyses/statline/?van=2024&tot=2024&{parameters}")
    assert antwoord.status_code == 400 and veld in antwoord.json()


def test_every_table_as_page_and_api_for_a_gemeente_user(vt02, client):
    gebruiker = GebruikerFactory(rol="gemeente", organisatie=None)
    client.force_login(gebruiker)
    api = APIClient()
    api.force_authenticate(gebruiker)
    for code, tabel in TABELLEN.items():
        for niveau in ("regio", "gemeente") if tabel.gemeenten else ("regio",):
            query = f"van=2024&tot=2024&cbs_tabel={code}&niveau={niveau}"
            assert client.get(f"/rapportage/analyses/statline/?{query}").status_code == 200, (code, niveau)
            antwoord = api.get(f"/api/v1/analyses/statline/?{query}")
            assert antwoord.status_code == 200 and antwoord.json()["tabellen"][0]["rijen"], (code, niveau)


def test_the_default_period_is_the_last_complete_year(vt02, client):
    Telling.objects.create(organisatie=vt02, jaar=2022, kwartaal=1, soort="advies", melder_groep="politie",
                           melder_categorie="politie", crisis=False, aantal=1)  # years with counts: 2022-2024
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    antwoord = client.get(reverse("rapportage:analyse_statline"))
    assert antwoord.status_code == 200
    perioden = {r[0].tekst for r in antwoord.context["tabellen"][0].rijen}
    assert perioden == {"2024HJ01", "2024HJ02", "2024JJ00"}


def test_a_vervolgmelding_moment_is_the_same_published_cell_as_on_the_uitsplitsingen_page(vt02, filters):
    """A moment implies a vervolgmelding, so "moment X" and "vervolgmelding and moment X" are the same true count:
    under two identities it got two independent perturbations, two noisy looks at one count (averaging narrows it).
    The 85361NED measure must be the Uitsplitsingen cell itself."""
    tabel = statline(filters(2024, 2024, "VT02", cbs_tabel="85361NED")).tabellen[0]
    kolommen = [k.label for k in tabel.kolommen]
    jaar = next(r for r in tabel.rijen if r[0] == "2024JJ00")
    statline_cel = jaar[kolommen.index("Vervolgmelding tijdens betrokkenheid VT: na veiligheidsbeoordeling (aantal)")]
    uitgesplitst = uitsplitsingen(filters(2024, 2024, "VT02", soorten=("melding",),
                                          uitsplitsing="vervolgmelding_moment")).tabel("regio_melding")
    (rij,) = uitgesplitst.rijen
    kolom = next(i for i, k in enumerate(uitgesplitst.kolommen) if k.label.lower().startswith("na "))
    assert statline_cel.waarde == rij[kolom].waarde == 24
    assert statline_cel.gepubliceerd() == rij[kolom].gepubliceerd()
