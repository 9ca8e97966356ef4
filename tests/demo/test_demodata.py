import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from statistics import median

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from adviezen import services as advies_services
from adviezen.models import Advies
from demo import demodata as demodata_module
from demo.demodata import (
    ADVIES,
    DIENSTEN_2023,
    MELDING,
    NIET_VOORTIJDIG_AFGESLOTEN_2023,
    ONDERZOEK_UITKOMST_AANDELEN,
    REGIONALE_CIJFERS_2023,
    WACHTTIJD_MAX,
    DemodataGeweigerd,
    Vervolgprofiel,
    genereer_demodata,
    landelijk_jaartotaal,
    maak_demodata_als_leeg,
)
from diensten.models import Dienst, Monitoring, OnderzoekUitkomst, Overdracht
from kwartalen.models import KwartaalStatus, VerouderdeSleutel
from kwartalen.volgkwartalen import Stand, geraakte_kwartalen
from meldingen import services as melding_services
from meldingen.models import Casus, Melding
from meldingen.termijn import beoordelingstermijn
from rapportage.tellingen.models import Telling, TellingDienst
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken_verouderde
from tests.factories import GebruikerFactory
from vtregistratie import definities
from vtregistratie.models import Lidmaatschap, Nummerreeks, Organisatie
from vtregistratie.services.contact import Fouten

pytestmark = pytest.mark.django_db

SCHAAL = 0.002
JAREN = range(2019, 2024)
JUSTITIE = {"politie", "openbaar_ministerie", "reclassering", "justitie_overig"}


@pytest.fixture(scope="class")
def demodata(django_db_setup, django_db_blocker, _basis):
    """One generated set for every test of a class, rolled back after the class: generating it per test
    would multiply the module's runtime. Each test still runs in its own savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield genereer_demodata(van=2019, tot=2023, schaal=SCHAAL, seed=7)
        transaction.set_rollback(True)


def aandeel(deel: int, geheel: int) -> float:
    return deel / geheel


def test_national_totals_interpolate_2022_and_hold_the_2023_level_after():
    assert landelijk_jaartotaal(ADVIES, 2019) == 107_700
    assert landelijk_jaartotaal(ADVIES, 2022) == pytest.approx(138_700)
    assert landelijk_jaartotaal(MELDING, 2022) == pytest.approx(123_350)
    assert landelijk_jaartotaal(MELDING, 2025) == landelijk_jaartotaal(MELDING, 2023) == 127_300
    with pytest.raises(ValueError):
        landelijk_jaartotaal(ADVIES, 2018)


class TestEenGegenereerdeSet:
    """2019–2023 at 0.2 %: calibration, division, shares, casussen, numbers, service rules, rollup."""

    def test_totals_per_year_follow_the_calibration(self, demodata):
        for jaar in JAREN:
            for soort, model, veld in ((ADVIES, Advies, "startdatum"), (MELDING, Melding, "ontvangstdatum")):
                verwacht = landelijk_jaartotaal(soort, jaar) * SCHAAL
                aantal = model.objects.filter(**{f"{veld}__year": jaar}).count()
                assert aantal == pytest.approx(verwacht, abs=2), (soort, jaar)
                assert demodata.aantallen[(soort, jaar)] == aantal

    def test_every_organisation_that_exists_has_data(self, demodata):
        def organisaties(jaar):
            return set(Melding.objects.filter(jaar=jaar).values_list("organisatie__code", flat=True)) | set(
                Advies.objects.filter(jaar=jaar).values_list("organisatie__code", flat=True)
            )

        assert len(organisaties(2022)) == 26
        assert len(organisaties(2023)) == 25
        assert "VT26" in organisaties(2022) and "VT26" not in organisaties(2023)
        assert "VT27" in organisaties(2023) and "VT27" not in organisaties(2022)

    def test_every_gemeente_belongs_to_the_organisation_on_the_date(self, demodata):
        lidmaatschappen = defaultdict(list)
        for lid in Lidmaatschap.objects.select_related("gemeente"):
            lidmaatschappen[lid.gemeente.code].append(lid)

        def hoort_bij(code, organisatie_id, datum):
            return any(
                lid.organisatie_id == organisatie_id and lid.is_geldig_op(datum) and lid.gemeente.is_geldig_op(datum)
                for lid in lidmaatschappen[code]
            )

        rijen = [*Advies.objects.values_list("gemeente_id", "organisatie_id", "startdatum"),
                 *Melding.objects.values_list("gemeente_id", "organisatie_id", "ontvangstdatum")]
        zonder = [r for r in rijen if r[0] is None]
        assert all(hoort_bij(*r) for r in rijen if r[0] is not None)
        assert 0.005 < aandeel(len(zonder), len(rijen)) < 0.07  # a few percent "onbekend"

    def test_the_shares_come_out(self, demodata):
        meldingen = list(Melding.objects.values(
            "melder_organisatietype", "beroepsmatig", "eerdere_betrokkenheid", "acute_onveiligheid",
            "structurele_onveiligheid", "beoordeling_datum", "beoordelingstermijn",
        ))
        n = len(meldingen)
        betrokkenheid = Counter(m["eerdere_betrokkenheid"] for m in meldingen)
        justitie = sum(m["melder_organisatietype"] in JUSTITIE for m in meldingen)
        assert aandeel(justitie, n) == pytest.approx(0.67, abs=0.05)
        assert aandeel(betrokkenheid["hermelding"], n) == pytest.approx(0.38, abs=0.06)
        assert aandeel(betrokkenheid["vervolgmelding"], n) == pytest.approx(0.28, abs=0.06)
        assert aandeel(betrokkenheid["eerste_melding"], n) == pytest.approx(0.34, abs=0.06)
        assert aandeel(sum(m["acute_onveiligheid"] for m in meldingen), n) == pytest.approx(0.06, abs=0.025)
        assert aandeel(sum(m["structurele_onveiligheid"] for m in meldingen), n) == pytest.approx(1 / 3, abs=0.05)
        beoordeeld = [m for m in meldingen if m["beoordeling_datum"]]
        binnen = sum(m["beoordeling_datum"] <= m["beoordelingstermijn"] for m in beoordeeld)
        assert aandeel(binnen, len(beoordeeld)) == pytest.approx(0.8, abs=0.06)
        assert Counter(m["beroepsmatig"] for m in meldingen)[False] > 0
        adviezen = list(Advies.objects.values("beroepsmatig", "anoniem"))
        assert 0.55 < aandeel(sum(a["beroepsmatig"] for a in adviezen), len(adviezen)) < 0.8
        assert any(a["anoniem"] for a in adviezen)
        uitkomsten = Melding.objects.exclude(beoordeling_uitkomst="").values_list("beoordeling_uitkomst", flat=True)
        assert set(uitkomsten) == {"vervolgstappen_vt", "overdracht", "geen_vervolgstappen", "regionaal_maatwerk"}
        assert set(Melding.objects.exclude(vervolgdienst="").values_list("vervolgdienst", flat=True)) == {
            "onderzoek", "voorwaarden_en_vervolg"}

    def test_sub_forms_only_with_their_aard_and_plausibly_spread(self, demodata):
        rijen = [*Advies.objects.values_list("aard", "aard_subvorm"), *Melding.objects.values_list("aard",
                                                                                                   "aard_subvorm")]
        assert all(definities.tegenstrijdigheden(aard=aard, subvormen=vormen) == [] for aard, vormen in rijen)
        km = [vormen for aard, vormen in rijen if "kindermishandeling" in aard]
        assert 0.65 < aandeel(sum(bool(v) for v in km), len(km)) < 0.9  # most name a form, not all
        vormen = Counter(v for rij in km for v in rij)
        assert vormen.most_common(1)[0][0] == "km_getuige_huiselijk_geweld"
        assert set(vormen) == set(definities.AARD_SUBVORM.codes())
        assert vormen["km_pcf"] < vormen["km_seksueel_misbruik"] < vormen["km_lichamelijke_mishandeling"]

    def test_casussen_really_link_their_meldingen(self, demodata):
        per_casus = defaultdict(list)
        for m in Melding.objects.order_by("ontvangstdatum", "jaar", "volgnummer").values(
            "casus_id", "organisatie_id", "ontvangstdatum", "eerdere_betrokkenheid"
        ):
            per_casus[m["casus_id"]].append(m)
        casussen = {c.pk: c for c in Casus.objects.all()}
        assert set(per_casus) == set(casussen)  # no casus without meldingen
        for casus_id, meldingen in per_casus.items():
            casus = casussen[casus_id]
            eerste, *rest = meldingen
            assert eerste["eerdere_betrokkenheid"] == "eerste_melding"
            assert eerste["ontvangstdatum"] == casus.geopend_op and casus.jaar == casus.geopend_op.year
            assert all(m["organisatie_id"] == casus.organisatie_id for m in meldingen)
            for vorige, m in zip(meldingen, rest, strict=False):
                assert m["eerdere_betrokkenheid"] in {"hermelding", "vervolgmelding"}
                if m["eerdere_betrokkenheid"] == "hermelding":  # involvement had ended before: a strictly later date
                    assert vorige["ontvangstdatum"] < m["ontvangstdatum"]
            if casus.afgesloten_op is not None:
                assert casus.afgesloten_op >= meldingen[-1]["ontvangstdatum"]

    def test_numbers_are_gapless_and_the_counters_continue_after_them(self, demodata):
        for model, prefix in ((Advies, "A"), (Melding, "M"), (Casus, "C")):
            per_reeks = defaultdict(list)
            for organisatie_id, jaar, volgnummer, nummer in model.objects.values_list(
                "organisatie_id", "jaar", "volgnummer", "nummer"
            ):
                assert nummer == f"{prefix}-{jaar}-{volgnummer:06d}"
                per_reeks[(organisatie_id, jaar)].append(volgnummer)
            laatste = {(o, j): n for o, j, n in Nummerreeks.objects.filter(prefix=prefix)
                       .values_list("organisatie_id", "jaar", "laatste")}
            for reeks, volgnummers in per_reeks.items():
                assert sorted(volgnummers) == list(range(1, len(volgnummers) + 1))
                assert laatste[reeks] == len(volgnummers)

    def test_a_registration_through_the_services_gets_the_next_number(self, demodata):
        intake = GebruikerFactory(rol="intake")
        vt01 = intake.organisatie
        hoogste_advies = Advies.objects.filter(organisatie=vt01, jaar=2023).count()
        advies = advies_services.registreer_advies(
            door=intake, startdatum=date(2023, 6, 1), gemeente="GM0363", beroepsmatig=True,
            melder_organisatietype="huisarts", aard=["kindermishandeling"],
        )
        assert advies.volgnummer == hoogste_advies + 1
        casus = Casus.objects.filter(organisatie=vt01, afgesloten_op__lt=date(2023, 12, 1)).order_by("pk").first()
        melding = melding_services.registreer_melding(
            door=intake, casus=casus, ontvangstdatum=date(2023, 12, 1), gemeente="GM0363", beroepsmatig=True,
            melder_organisatietype="politie", aard=["partnergeweld"],
        )
        assert melding.eerdere_betrokkenheid == "hermelding"
        assert melding.volgnummer == Melding.objects.filter(organisatie=vt01, jaar=2023).count()

    def test_rows_pass_the_services_validation(self, demodata):
        """The services' own checks on the first three of every organisation-year: codes and gemeente valid
        on the date, melder consistent, derived fields as the services derive them."""
        velden = ("gemeente", "beroepsmatig", "melder_organisatietype", "melder_relatie", "anoniem", "aard",
                  "aard_subvorm", "aanvullende_informatie", "duur_geweld")
        for advies in Advies.objects.filter(volgnummer__lte=3):
            fouten = Fouten()
            afgeleid = advies_services._valideer(fouten, {v: getattr(advies, v) for v in (*velden, "startdatum",
                                                                                          "einddatum")})
            assert not fouten, fouten
            assert afgeleid["melder_groep"] == advies.melder_groep
            assert afgeleid["aard"] == advies.aard and advies.definities_versie == definities.VERSIE
        for melding in Melding.objects.filter(volgnummer__lte=3).select_related("casus", "organisatie"):
            fouten = Fouten()
            gegevens = {v: getattr(melding, v) for v in melding_services.MELDING_VELDEN}
            afgeleid = melding_services._valideer(fouten, gegevens, melding.organisatie)
            assert not fouten, fouten
            assert afgeleid["melder_groep"] == melding.melder_groep
            assert afgeleid["beoordelingstermijn"] == melding.beoordelingstermijn == beoordelingstermijn(
                ontvangstdatum=melding.ontvangstdatum, crisis=melding.acute_onveiligheid)

    def test_the_counts_are_recomputed_and_match_the_registrations(self, demodata):
        assert "herberekend" in demodata.herberekening
        assert not VerouderdeSleutel.objects.exists()
        assert controleer_tellingen() == []
        assert Telling.objects.filter(soort="melding", jaar=2021).values("organisatie").distinct().count() == 26


VERVOLG_SCHAAL = 0.03
VANDAAG = date(2026, 11, 20)


@pytest.fixture(scope="class")
def vervolgdata(django_db_setup, django_db_blocker, _basis):
    """2022–2023 at 3 %, so 2023's afgeronde diensten include those of meldingen from 2022 (as in a steady year)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield genereer_demodata(van=2022, tot=2023, schaal=VERVOLG_SCHAAL, seed=5, vandaag=VANDAAG)
        transaction.set_rollback(True)


def opgeschaald(aantal: int) -> float:
    return aantal / VERVOLG_SCHAAL


class TestDiensten:
    """The follow-up of the meldingen: calibration to 2023's published figures (scaled up), the rules the follow-up
    services check, waiting times per region, counts."""

    def test_afgeronde_diensten_of_2023_follow_the_published_totals(self, vervolgdata):
        # about 220 and 190 diensten at this scale: 20 % is three standard deviations of chance
        afgerond = Dienst.objects.filter(einddatum__year=2023)
        onderzoeken = afgerond.filter(soort="onderzoek")
        assert opgeschaald(onderzoeken.count()) == pytest.approx(DIENSTEN_2023["onderzoek"], rel=0.2)
        assert opgeschaald(afgerond.filter(soort="voorwaarden_en_vervolg").count()) == pytest.approx(
            DIENSTEN_2023["voorwaarden_en_vervolg"], rel=0.2)
        niet_voortijdig = onderzoeken.filter(afsluitreden="").count()
        assert aandeel(niet_voortijdig, onderzoeken.count()) == pytest.approx(
            NIET_VOORTIJDIG_AFGESLOTEN_2023 / DIENSTEN_2023["onderzoek"], abs=0.06)
        assert set(onderzoeken.exclude(afsluitreden="").values_list("afsluitreden", flat=True)) == set(
            definities.VOORTIJDIG_AFGESLOTEN_REDEN.codes())

    def test_outcomes_per_aard_follow_the_published_ones(self, vervolgdata):
        uitkomsten = Counter(OnderzoekUitkomst.objects.filter(dienst__einddatum__year=2023).values_list(
            "aard", "uitkomst"))
        met_uitkomst = Dienst.objects.filter(einddatum__year=2023, soort="onderzoek", afsluitreden="").count()
        for aard in ("kindermishandeling", "partnergeweld"):
            gepubliceerd = ONDERZOEK_UITKOMST_AANDELEN[aard]
            per_aard = sum(uitkomsten[(aard, u)] for u in gepubliceerd)
            # the share of onderzoeken with an outcome for this aard (KM 4,195 and PG 1,910 of 5,595) …
            assert aandeel(per_aard, met_uitkomst) == pytest.approx(
                sum(gepubliceerd.values()) / NIET_VOORTIJDIG_AFGESLOTEN_2023, abs=0.08), aard
            # … and how they end (KM 69 % bevestigd, PG 79 %)
            assert aandeel(uitkomsten[(aard, "bevestigd")], per_aard) == pytest.approx(
                gepubliceerd["bevestigd"] / sum(gepubliceerd.values()), abs=0.08), aard
            assert uitkomsten[(aard, "niet_bevestigd")] > uitkomsten[(aard, "weerlegd")]

    def test_drenthe_gets_its_published_meldingen_and_chance_of_a_dienst(self, vervolgdata):
        drenthe = REGIONALE_CIJFERS_2023["VT02"]
        meldingen = Melding.objects.filter(organisatie__code="VT02", ontvangstdatum__year=2023)
        assert meldingen.count() == pytest.approx(drenthe[MELDING] * VERVOLG_SCHAAL, abs=1)
        # Drenthe's diensten per melding are its own (14 %), above the nation's (10.4 %): decided in 2022–2023
        diensten = Melding.objects.filter(beoordeling_uitkomst="vervolgstappen_vt")
        eigen = aandeel(diensten.filter(organisatie__code="VT02").count(),
                        Melding.objects.filter(organisatie__code="VT02").count())
        assert eigen == pytest.approx((drenthe["onderzoek"] + drenthe["voorwaarden_en_vervolg"]) / drenthe[MELDING],
                                      abs=0.05)
        landelijk = aandeel(diensten.count(), Melding.objects.count())
        assert landelijk == pytest.approx(
            (DIENSTEN_2023["onderzoek"] + DIENSTEN_2023["voorwaarden_en_vervolg"]) / DIENSTEN_2023[MELDING], abs=0.015)

    def test_every_row_keeps_the_rules_of_the_follow_up(self, vervolgdata):
        diensten = list(Dienst.objects.select_related("melding"))
        assert diensten
        for dienst in diensten:
            melding = dienst.melding
            assert melding.beoordeling_uitkomst == "vervolgstappen_vt" and dienst.soort == melding.vervolgdienst
            assert dienst.besluitdatum == melding.beoordeling_datum and dienst.organisatie_id == melding.organisatie_id
            assert dienst.besluitdatum <= dienst.startdatum <= VANDAAG
            assert dienst.einddatum is None or dienst.startdatum <= dienst.einddatum <= VANDAAG
            assert not dienst.afsluitreden or (dienst.soort == "onderzoek" and dienst.einddatum)
        for dienst in diensten[:40]:
            dienst.full_clean()  # the model's checks, constraints included
        aarden = defaultdict(set)
        for uitkomst in OnderzoekUitkomst.objects.select_related("dienst"):
            dienst = uitkomst.dienst
            assert dienst.soort == "onderzoek" and dienst.einddatum and not dienst.afsluitreden
            aarden[dienst.pk].add(uitkomst.aard)
        for dienst in diensten:  # an ended onderzoek: an outcome for every aard of the melding, or closed early
            if dienst.soort == "onderzoek" and dienst.einddatum and not dienst.afsluitreden:
                assert aarden[dienst.pk] == set(dienst.melding.aard)
            else:
                assert dienst.pk not in aarden
        for overdracht in Overdracht.objects.select_related("melding", "dienst"):
            assert overdracht.organisatie_id == overdracht.melding.organisatie_id and overdracht.datum <= VANDAAG
            if overdracht.dienst is None:
                assert overdracht.melding.beoordeling_uitkomst == "overdracht"
                assert overdracht.datum >= overdracht.melding.beoordeling_datum
            else:
                assert overdracht.dienst.einddatum and overdracht.datum >= overdracht.dienst.einddatum
        for monitoring in Monitoring.objects.select_related("melding", "dienst"):
            assert monitoring.einddatum is None or monitoring.startdatum <= monitoring.einddatum <= VANDAAG
            assert monitoring.dienst is None or monitoring.startdatum >= monitoring.dienst.einddatum
        assert Overdracht.objects.filter(dienst=None).exists() and Overdracht.objects.exclude(dienst=None).exists()
        assert Monitoring.objects.exists()

    def test_waiting_times_differ_between_regions_and_doorlooptijden_straddle_the_norm(self, vervolgdata):
        wachttijden = defaultdict(list)
        for code, besluit, start in Dienst.objects.filter(melding__acute_onveiligheid=False).values_list(
                "organisatie__code", "besluitdatum", "startdatum"):
            wachttijden[code].append((start - besluit).days)
        medianen = {code: median(w) for code, w in wachttijden.items() if len(w) >= 15}
        assert len(medianen) >= 10
        assert max(medianen.values()) >= 2.5 * min(medianen.values())
        # each region's observed median follows its own profile: the slow half waits longer than the fast half
        volgorde = sorted(medianen, key=lambda code: Vervolgprofiel.voor(code).wachttijd_mediaan(2023))
        helft = len(volgorde) // 2
        assert median(medianen[c] for c in volgorde[helft:]) > 1.5 * median(medianen[c] for c in volgorde[:helft])
        doorlooptijden = [(e - s).days for s, e in Dienst.objects.filter(
            soort="onderzoek", afsluitreden="", einddatum__isnull=False).values_list("startdatum", "einddatum")]
        boven_norm = aandeel(sum(d > 70 for d in doorlooptijden), len(doorlooptijden))
        assert 0.2 < boven_norm < 0.5
        assert 50 <= median(doorlooptijden) <= 75

    def test_the_counts_match_the_registrations_follow_up_included(self, vervolgdata):
        assert not VerouderdeSleutel.objects.exists()
        assert controleer_tellingen() == []


def test_waiting_times_grow_in_some_regions_only():
    profielen = {f"VT{n:02d}": Vervolgprofiel.voor(f"VT{n:02d}") for n in range(1, 28)}
    groeiend = [c for c, p in profielen.items() if p.wachttijd_mediaan(2025) > 1.5 * p.wachttijd_mediaan(2020)]
    stabiel = [c for c, p in profielen.items() if p.wachttijd_mediaan(2025) == p.wachttijd_mediaan(2020)]
    assert len(groeiend) >= 4 and len(stabiel) >= 10
    assert all(p.wachttijd_mediaan(2019) == p.wachttijd_mediaan(2020) for p in profielen.values())


def test_today_has_a_waiting_list_of_recent_decisions(referentiedata):
    vandaag = date(2026, 11, 20)
    genereer_demodata(van=2026, tot=2026, schaal=0.01, seed=2, vandaag=vandaag)
    wachtend = Melding.objects.filter(beoordeling_uitkomst="vervolgstappen_vt", dienst__isnull=True)
    assert wachtend.count() >= 5
    assert all(vandaag - timedelta(days=WACHTTIJD_MAX) <= m.beoordeling_datum <= vandaag for m in wachtend)
    assert not Casus.objects.filter(meldingen__in=wachtend, afgesloten_op__isnull=False).exists()
    assert Dienst.objects.filter(einddatum__isnull=True).exists()  # and diensten running today


def test_every_touched_quarter_is_marked_stale_before_the_recompute(referentiedata, monkeypatch):
    # Without the closing recompute, the marks are what the sweep would count: exactly the touched quarters.
    monkeypatch.setattr(demodata_module, "herbereken_alles", lambda **kwargs: 0)
    genereer_demodata(van=2023, tot=2023, schaal=0.001, seed=1)
    geraakt = set()
    for model, veld in ((Advies, "startdatum"), (Melding, "ontvangstdatum"), (Overdracht, "datum"),
                        (Monitoring, "startdatum")):
        geraakt |= {(o, d.year, (d.month - 1) // 3 + 1) for o, d in model.objects.values_list("organisatie_id", veld)}
    # the follow-up's quarters by the one rule: its dates and every quarter-end stock it waits in
    vandaag = date.today()
    for melding in Melding.objects.filter(beoordeling_uitkomst="vervolgstappen_vt").select_related("dienst"):
        dienst = getattr(melding, "dienst", None)
        stand = Stand(besluitdatum=melding.beoordeling_datum, startdatum=dienst and dienst.startdatum,
                      einddatum=dienst and dienst.einddatum)
        geraakt |= {(melding.organisatie_id, kw.jaar, kw.kwartaal)
                    for kw in geraakte_kwartalen(oud=Stand(), nieuw=stand, vandaag=vandaag)}
    assert Dienst.objects.exists()
    assert set(VerouderdeSleutel.objects.values_list("organisatie_id", "jaar", "kwartaal")) == geraakt


def _momentopname():
    adviezen = list(Advies.objects.order_by("nummer", "organisatie__code").values_list(
        "organisatie__code", "nummer", "startdatum", "einddatum", "gemeente_id", "melder_organisatietype",
        "melder_relatie", "anoniem", "aard", "aanvullende_informatie", "duur_geweld"))
    meldingen = list(Melding.objects.order_by("nummer", "organisatie__code").values_list(
        "organisatie__code", "nummer", "ontvangstdatum", "gemeente_id", "casus__nummer", "eerdere_betrokkenheid",
        "acute_onveiligheid", "beoordeling_datum", "beoordeling_uitkomst", "vervolgdienst", "aard",
        "casus__afgesloten_op"))
    diensten = list(Dienst.objects.order_by("melding__nummer", "organisatie__code").values_list(
        "organisatie__code", "melding__nummer", "soort", "besluitdatum", "startdatum", "einddatum", "afsluitreden"))
    vervolg = [sorted(model.objects.values_list(*velden)) for model, velden in (
        (OnderzoekUitkomst, ("dienst__melding__nummer", "dienst__organisatie__code", "aard", "uitkomst")),
        (Overdracht, ("melding__nummer", "organisatie__code", "dienst__soort", "datum", "bestemming", "hulp")),
        (Monitoring, ("melding__nummer", "organisatie__code", "dienst__soort", "startdatum", "einddatum")),
    )]
    return adviezen, meldingen, diensten, vervolg


def test_the_same_seed_gives_the_same_data_and_wis_replaces_it(referentiedata):
    genereer_demodata(van=2022, tot=2023, schaal=0.001, seed=3)
    eerst = _momentopname()
    genereer_demodata(van=2022, tot=2023, schaal=0.001, seed=3, wis=True)
    assert _momentopname() == eerst
    genereer_demodata(van=2022, tot=2023, schaal=0.001, seed=4, wis=True)
    assert _momentopname() != eerst
    assert Advies.objects.filter(jaar=2022).count() == round(landelijk_jaartotaal(ADVIES, 2022) * 0.001)


def test_refuses_when_registrations_exist_unless_wis(referentiedata):
    genereer_demodata(van=2023, tot=2023, schaal=0.0005, seed=1)
    with pytest.raises(DemodataGeweigerd, match="--wis"):
        genereer_demodata(van=2023, tot=2023, schaal=0.0005, seed=1)
    with pytest.raises(CommandError, match="--wis"):
        call_command("genereer_demodata", "--van", "2023", "--tot", "2023", "--schaal", "0.0005", verbosity=0)
    with pytest.raises(DemodataGeweigerd, match="2019"):
        genereer_demodata(van=2018, tot=2023, schaal=0.001, wis=True)


def test_the_current_year_runs_to_today_only(referentiedata):
    vandaag = date(2024, 3, 14)
    genereer_demodata(van=2024, tot=2026, schaal=0.002, seed=1, vandaag=vandaag)
    assert Melding.objects.latest("ontvangstdatum").ontvangstdatum <= vandaag
    assert not Melding.objects.filter(beoordeling_datum__gt=vandaag).exists()
    assert not Advies.objects.filter(einddatum__gt=vandaag).exists()
    assert not Casus.objects.filter(afgesloten_op__gt=vandaag).exists()
    # About the first 21 % of the year's weight; recent meldingen are partly not assessed yet.
    verwacht = landelijk_jaartotaal(MELDING, 2024) * 0.002 * 0.2
    assert verwacht * 0.8 < Melding.objects.count() < verwacht * 1.3
    recent = Melding.objects.filter(ontvangstdatum__gt=date(2024, 3, 4))
    assert recent.filter(beoordeling_datum__isnull=True).exists()


def test_command_prints_a_summary(referentiedata, capsys):
    call_command("genereer_demodata", "--van", "2023", "--tot", "2023", "--schaal", "0.0005", "--seed", "2",
                 verbosity=0)
    uit = capsys.readouterr().out
    assert re.search(r"^2023\s+72\s+64\s+\d+$", uit, re.MULTILINE), uit
    assert "herberekend" in uit


def test_maak_demodata_als_leeg_makes_a_small_slice_once(referentiedata, capsys):
    vandaag = date(2026, 1, 20)
    samenvatting = maak_demodata_als_leeg(vandaag=vandaag)
    assert samenvatting.jaren() == [2023, 2024, 2025, 2026]
    assert Advies.objects.filter(jaar=2025).count() == round(landelijk_jaartotaal(ADVIES, 2025) * 0.02)
    assert Melding.objects.filter(jaar=2026).exists()
    aantallen = (Advies.objects.count(), Melding.objects.count(), Casus.objects.count())
    assert maak_demodata_als_leeg(vandaag=vandaag) is None
    call_command("maak_demodata_als_leeg", verbosity=0)
    assert "geen demodata" in capsys.readouterr().out
    assert (Advies.objects.count(), Melding.objects.count(), Casus.objects.count()) == aantallen



@time_machine.travel(date(2026, 12, 3), tick=False)
def test_the_make_run_slice_closes_past_quarters_so_the_gemeente_sees_figures(referentiedata, client):
    """The first visit of a municipal analyst shows figures: quarters before the last one that is over are
    definitief, that one voorlopig, the current one open; each closed by the organisation's team lead
    through the service, so the audit trail says who."""
    samenvatting = maak_demodata_als_leeg()
    assert samenvatting.jaren() == [2023, 2024, 2025, 2026]
    statussen = Counter(KwartaalStatus.objects.values_list("jaar", "kwartaal", "status"))
    organisaties = Organisatie.objects.count()
    for jaar, kwartaal in [(2023, 1), (2024, 4), (2026, 2)]:
        assert statussen[(jaar, kwartaal, "definitief")] == 25, (jaar, kwartaal)
    assert statussen[(2026, 3, "voorlopig")] == 25
    assert not KwartaalStatus.objects.filter(jaar=2026, kwartaal=4).exclude(status="open").exists()
    assert samenvatting.kwartalen == Counter(definitief=14 * 25, voorlopig=25)
    assert organisaties > 25  # organisations that no longer existed get no quarters

    rij = KwartaalStatus.objects.get(organisatie__code="VT05", jaar=2025, kwartaal=2)
    wijzigingen = LogEntry.objects.get_for_object(rij).filter(action=LogEntry.Action.UPDATE)
    assert {e.actor.username for e in wijzigingen} == {"teamleider-vt05"}
    assert wijzigingen.count() == 2
    assert "teamleider" in wijzigingen.first().actor.rollen and wijzigingen.first().actor.organisatie.code == "VT05"
    assert not wijzigingen.first().actor.has_usable_password()

    client.force_login(GebruikerFactory(rol="gemeente"))
    for pagina in ("landelijk", "melders", "meldingen", "vergelijking", "regio", "gemeenten"):
        response = client.get(reverse(f"rapportage:analyse_{pagina}"))
        assert response.status_code == 200
        cellen = [cel for tabel in response.context["tabellen"] for rij in tabel.rijen for cel in rij]
        assert len([cel for cel in cellen if cel.getal]) > 10, pagina
        assert not [cel.tekst for cel in cellen if "(o)" in cel.tekst], pagina  # the default period is complete
    landelijk = client.get(reverse("rapportage:analyse_landelijk")).content.decode()
    assert "Berekend over 25 van de 25 organisaties" in landelijk


def test_wis_marks_keys_with_only_follow_up_counts_stale(referentiedata):
    # A quarter in which a dienst ended but nothing was registered has counts only in the follow-up's tables; a wipe
    # must bring those back to zero as well (reading only Telling and TellingAard left them standing).
    vt01 = Organisatie.objects.get(code="VT01")
    TellingDienst.objects.create(organisatie=vt01, jaar=2024, kwartaal=3, gemeente_code="", dienst="onderzoek",
                                 gebeurtenis="afgerond", afsluitreden="", aantal=1)
    demodata_module.wis_registraties()
    assert VerouderdeSleutel.objects.filter(organisatie=vt01, jaar=2024, kwartaal=3).exists()
    herbereken_verouderde()
    assert not TellingDienst.objects.exists()
