"""The rule that says which quarters a follow-up change touches: every quarter whose counts differ is named,
so the quarter lock refuses what it must and the stale marks miss nothing."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kwartalen.kwartaal import Kwartaal
from kwartalen.volgkwartalen import Stand, geraakte_kwartalen

VANDAAG = date(2026, 11, 15)
BEGIN = date(2024, 1, 1)
dagen = st.integers(min_value=0, max_value=(VANDAAG - BEGIN).days)


@st.composite
def standen(draw):
    if draw(st.booleans()):
        return Stand()  # no vervolgstappen: never waits, no dienst
    besluit = BEGIN + timedelta(days=draw(dagen))
    if draw(st.booleans()):
        return Stand(besluitdatum=besluit)  # waiting
    start = besluit + timedelta(days=draw(st.integers(0, (VANDAAG - besluit).days)))
    einde = None
    if draw(st.booleans()):
        einde = start + timedelta(days=draw(st.integers(0, (VANDAAG - start).days)))
    return Stand(besluitdatum=besluit, startdatum=start, einddatum=einde)


def _telt_in(stand: Stand, kwartaal: Kwartaal) -> tuple:
    """What the rollup of one quarter sees of this follow-up, computed day by day from the definition."""
    laatste_dag = kwartaal.einde - timedelta(days=1)
    wacht = (stand.besluitdatum is not None and stand.besluitdatum <= laatste_dag
             and (stand.startdatum is None or stand.startdatum > laatste_dag))
    gestart = stand.startdatum is not None and Kwartaal.van_datum(stand.startdatum) == kwartaal
    afgerond = stand.einddatum is not None and Kwartaal.van_datum(stand.einddatum) == kwartaal
    return wacht, gestart, afgerond


@given(oud=standen(), nieuw=standen())
def test_every_quarter_whose_counts_differ_is_named(oud, nieuw):
    geraakt = geraakte_kwartalen(oud=oud, nieuw=nieuw, vandaag=VANDAAG)
    kwartaal = Kwartaal.van_datum(BEGIN)
    while kwartaal <= Kwartaal.van_datum(VANDAAG):
        if _telt_in(oud, kwartaal) != _telt_in(nieuw, kwartaal):
            assert kwartaal in geraakt, (kwartaal, oud, nieuw)
        kwartaal = kwartaal.volgende()


@given(oud=standen(), nieuw=standen())
def test_with_the_same_start_and_soort_every_changed_quarter_is_still_named(oud, nieuw):
    """``start_ongewijzigd`` leaves out the start's quarter only when nothing counted there changed."""
    if oud.startdatum is None:
        return
    nieuw = Stand(besluitdatum=oud.besluitdatum, startdatum=oud.startdatum,
                  einddatum=nieuw.einddatum if nieuw.einddatum is None or nieuw.einddatum >= oud.startdatum else None)
    geraakt = geraakte_kwartalen(oud=oud, nieuw=nieuw, vandaag=VANDAAG, start_ongewijzigd=True)
    kwartaal = Kwartaal.van_datum(BEGIN)
    while kwartaal <= Kwartaal.van_datum(VANDAAG):
        if _telt_in(oud, kwartaal) != _telt_in(nieuw, kwartaal):
            assert kwartaal in geraakt, (kwartaal, oud, nieuw)
        kwartaal = kwartaal.volgende()


def test_ending_a_dienst_does_not_touch_the_quarter_it_started_in():
    oud = Stand(besluitdatum=date(2025, 2, 7), startdatum=date(2025, 3, 3))
    nieuw = Stand(besluitdatum=date(2025, 2, 7), startdatum=date(2025, 3, 3), einddatum=date(2025, 5, 1))
    assert Kwartaal(2025, 1) in geraakte_kwartalen(oud=oud, nieuw=nieuw, vandaag=VANDAAG)
    assert geraakte_kwartalen(oud=oud, nieuw=nieuw, vandaag=VANDAAG, start_ongewijzigd=True) == {Kwartaal(2025, 2)}


@given(oud=standen(), nieuw=standen())
def test_no_quarter_is_named_without_cause(oud, nieuw):
    """Not everything: a quarter is named only for a date of either state or a changed waiting list."""
    geraakt = geraakte_kwartalen(oud=oud, nieuw=nieuw, vandaag=VANDAAG)
    for kwartaal in geraakt:
        assert (_telt_in(oud, kwartaal) != _telt_in(nieuw, kwartaal)
                or kwartaal in oud.datumkwartalen() | nieuw.datumkwartalen())


def test_starting_a_dienst_late_changes_every_quarter_it_waited_through_until_today():
    oud = Stand(besluitdatum=date(2026, 2, 10))
    nieuw = Stand(besluitdatum=date(2026, 2, 10), startdatum=date(2026, 8, 3))
    assert geraakte_kwartalen(oud=oud, nieuw=nieuw, vandaag=VANDAAG) == {Kwartaal(2026, 3), Kwartaal(2026, 4)}
    # It waited at the end of K1 and K2 in both states: those stocks do not change.
