from datetime import date

from meldingen.termijn import beoordelingstermijn, termijnstatus


def test_deadline_across_kings_day_easter_and_christmas():
    assert beoordelingstermijn(ontvangstdatum=date(2023, 4, 24), crisis=False) == date(2023, 5, 2)
    assert beoordelingstermijn(ontvangstdatum=date(2025, 4, 17), crisis=False) == date(2025, 4, 28)
    assert beoordelingstermijn(ontvangstdatum=date(2024, 12, 23), crisis=False) == date(2025, 1, 2)
    assert beoordelingstermijn(ontvangstdatum=date(2024, 12, 23), crisis=True) == date(2024, 12, 23)


def test_status_texts():
    kwargs = {"ontvangstdatum": date(2025, 3, 10), "crisis": False}  # deadline Monday 17 March
    assert (
        termijnstatus(**kwargs, beoordeling_datum=date(2025, 3, 17), vandaag=date(2025, 4, 1)).tekst == "binnen termijn"
    )
    assert termijnstatus(**kwargs, beoordeling_datum=date(2025, 3, 18), vandaag=date(2025, 4, 1)).tekst == "te laat"
    assert termijnstatus(**kwargs, beoordeling_datum=None, vandaag=date(2025, 3, 18)).tekst == "te laat"
    assert termijnstatus(**kwargs, beoordeling_datum=None, vandaag=date(2025, 3, 12)).tekst == "nog 3 werkdagen"
    assert termijnstatus(**kwargs, beoordeling_datum=None, vandaag=date(2025, 3, 14)).tekst == "nog 1 werkdag"
    assert termijnstatus(**kwargs, beoordeling_datum=None, vandaag=date(2025, 3, 17)).tekst == "vandaag"
    crisis = termijnstatus(
        ontvangstdatum=date(2025, 3, 10), crisis=True, beoordeling_datum=date(2025, 3, 11), vandaag=date(2025, 3, 11)
    )
    assert crisis.code == "te_laat"
