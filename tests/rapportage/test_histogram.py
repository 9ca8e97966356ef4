"""Day histograms give the same median, percentiles and shares within a norm as the raw durations, for any set of
regions and quarters: what the analysis of waiting times and doorlooptijden shows is exact, not an average of
averages."""

import statistics
from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diensten.models import Dienst
from kwartalen.kwartaal import Kwartaal
from meldingen.services import leg_beoordeling_vast
from rapportage.tellingen import histogram
from rapportage.tellingen.models import DUUR_MAX_DAGEN, TellingDuur
from rapportage.tellingen.services.herberekening import herbereken_alles
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db

BEGIN = date(2024, 1, 1)
KWARTALEN = [Kwartaal(2024, k) for k in range(1, 5)] + [Kwartaal(2025, k) for k in range(1, 5)] + [
    Kwartaal(2026, k) for k in range(1, 5)]


def _rauw_mediaan(waarden):
    return statistics.median(waarden) if waarden else None


def _rauw_percentiel(waarden, p):
    """Nearest rank on the sorted raw values."""
    if not waarden:
        return None
    gesorteerd = sorted(waarden)
    rang = max(1, -(-p * len(gesorteerd) // 100))
    return gesorteerd[rang - 1]


@given(st.lists(st.tuples(st.integers(0, 900), st.integers(1, 10)), max_size=30), st.integers(0, 800))
def test_the_figures_of_a_histogram_are_those_of_its_durations(paren, norm):
    waarden = [d for d, n in paren for _ in range(n)]
    assert histogram.mediaan(paren) == _rauw_mediaan(waarden)
    for p in (50, 80, 90, 100):
        assert histogram.percentiel(paren, p) == _rauw_percentiel(waarden, p)
    assert histogram.aandeel_binnen(paren, norm) == (
        sum(w <= norm for w in waarden) / len(waarden) if waarden else None)


@pytest.fixture
def meldingen(referentiedata):
    """Meldingen with vervolgstappen in three organisations, waiting for a dienst the test gives them."""
    uit = []
    for code in ("VT01", "VT02", "VT03"):
        intake = GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code=code))
        for i in range(12):
            melding = MeldingFactory(door=intake, ontvangstdatum=BEGIN + timedelta(days=20 * i), gemeente=None)
            uit.append(leg_beoordeling_vast(melding=melding, door=intake, datum=melding.ontvangstdatum,
                                            uitkomst="vervolgstappen_vt", vervolgdienst="onderzoek"))
    return uit


diensten = st.lists(st.tuples(st.integers(0, 35), st.integers(0, 300), st.integers(0, 800), st.booleans(),
                              st.sampled_from(["onderzoek", "voorwaarden_en_vervolg"])),
                    min_size=1, max_size=30, unique_by=lambda t: t[0])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(diensten=diensten, regio_s=st.sets(st.sampled_from(["VT01", "VT02", "VT03"]), min_size=1),
       kwartalen=st.sets(st.sampled_from(KWARTALEN), min_size=1), norm=st.integers(0, 200))
def test_histograms_give_the_figures_of_the_raw_diensten_for_any_regions_and_quarters(
        meldingen, diensten, regio_s, kwartalen, norm):
    with transaction.atomic():
        for index, wacht, looptijd, afgerond, soort in diensten:
            melding = meldingen[index]
            start = melding.beoordeling_datum + timedelta(days=wacht)
            Dienst.objects.create(organisatie_id=melding.organisatie_id, melding=melding, soort=soort,
                                  besluitdatum=melding.beoordeling_datum, startdatum=start,
                                  einddatum=start + timedelta(days=looptijd) if afgerond else None)
        herbereken_alles(van=KWARTALEN[0], tot=KWARTALEN[-1])

        organisaties = set(Organisatie.objects.filter(code__in=regio_s).values_list("pk", flat=True))
        for maat, van, tot in (("wachttijd", "besluitdatum", "startdatum"),
                               ("doorlooptijd", "startdatum", "einddatum")):
            for soort in ("onderzoek", "voorwaarden_en_vervolg"):
                rauw = [min((getattr(d, tot) - getattr(d, van)).days, DUUR_MAX_DAGEN)
                        for d in Dienst.objects.filter(organisatie_id__in=organisaties, soort=soort)
                        if getattr(d, tot) is not None and Kwartaal.van_datum(getattr(d, tot)) in kwartalen]
                rijen = TellingDuur.objects.filter(organisatie_id__in=organisaties, maat=maat, dienst=soort,
                                                   jaar__in={k.jaar for k in kwartalen})
                paren = histogram.dagen_verdeling(rijen.filter(
                    pk__in=[r.pk for r in rijen if Kwartaal(r.jaar, r.kwartaal) in kwartalen]))
                assert histogram.totaal(paren) == len(rauw)
                assert histogram.mediaan(paren) == _rauw_mediaan(rauw)
                assert histogram.percentiel(paren, 80) == _rauw_percentiel(rauw, 80)
                assert histogram.percentiel(paren, 90) == _rauw_percentiel(rauw, 90)
                assert histogram.aandeel_binnen(paren, norm) == (
                    sum(w <= norm for w in rauw) / len(rauw) if rauw else None)
        transaction.set_rollback(True)
