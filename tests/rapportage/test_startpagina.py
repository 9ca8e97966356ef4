"""The start page per role: intake sees its worklist counts, a team lead the quarters and the CBS delivery,
a municipal analyst the protected headline figures of the analyses."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from meldingen.services import leg_beoordeling_vast
from rapportage.analyses.views import PAGINAS
from tests.factories import GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vandaag():
    """Friday 14 March 2025."""
    with time_machine.travel(datetime(2025, 3, 14, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield date(2025, 3, 14)


def _tekst(p, id_: str) -> str:
    return " ".join(p[id_]["tekst"].split())


def _rijen(p) -> list[list[str]]:
    """The cell texts of every table row, header row included."""
    rijen: list[list[str]] = []
    for e in p.elementen:
        if e["tag"] == "tr":
            rijen.append([])
        elif e["tag"] in ("th", "td") and rijen:
            rijen[-1].append(" ".join(e["tekst"].split()))
    return rijen


def test_intake_sees_what_is_to_assess_and_late_with_buttons_to_register(client, org, vandaag, pagina):
    intake = GebruikerFactory(rol="intake")
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))  # deadline 10-03: late
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 4))  # deadline 11-03: late
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 14), acute_onveiligheid=True)  # crisis, due today
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 13))  # 4 working days left
    beoordeeld = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    leg_beoordeling_vast(melding=beoordeeld, door=intake, datum=date(2025, 3, 4), uitkomst="overdracht")
    MeldingFactory(door=GebruikerFactory(rol="intake", organisatie=org("VT18")), ontvangstdatum=date(2025, 3, 3))

    client.force_login(intake)
    p = pagina(client.get(reverse("home")))
    assert (_tekst(p, "aantal-te-beoordelen"), _tekst(p, "aantal-te-laat"), _tekst(p, "aantal-crisis")) == (
        "4", "2", "1")
    links = p.links()
    assert reverse("adviezen:nieuw") in links and reverse("meldingen:nieuw") in links
    assert reverse("meldingen:werklijst") in links
    assert "kwartalen-start" not in p.op_id and "kerncijfers" not in p.op_id and "cbs-stand" not in p.op_id


def test_a_team_lead_sees_the_quarters_their_deadlines_and_the_cbs_delivery(client, telling, sluit, vandaag,
                                                                               pagina):
    telling("VT01", 2024, 3, 12)
    telling("VT01", 2024, 4, 8, soort="melding")
    sluit("VT01", 2024, (3,), status="definitief")
    telling("VT01", 2025, 1, 3)
    client.force_login(GebruikerFactory(rol="teamleider"))
    p = pagina(client.get(reverse("home")))
    rijen = _rijen(p)[1:]
    assert rijen[0] == ["2025-K1", "Open", "3", "0", "01-07-2025"]  # the first working day after 30 June
    assert rijen[1] == ["2024-K4", "Open", "0", "8", "02-01-2025 verstreken"]
    assert rijen[2] == ["2024-K3", "Definitief", "12", "0", "–"]
    stand = _tekst(p, "cbs-stand")
    assert "2024-H2" in stand and "21 januari 2025" in stand and "nog niet aangemaakt" in stand
    assert "De termijn is verstreken." in stand
    assert reverse("rapportage:aanleveringen") in p.links()
    assert "werkvoorraad" in p.op_id and "kerncijfers" not in p.op_id  # a team lead also registers


@pytest.mark.usefixtures("kleine_aantallen")
def test_a_gemeente_user_sees_the_analysis_figures_of_the_last_complete_year_protected(client, pagina,
                                                                                       geen_klein_aantal):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    p = pagina(client.get(reverse("home")))
    cijfers = [" ".join(e["tekst"].split()) for e in p.alle("dd")]
    analyse = client.get(reverse("rapportage:analyse_landelijk"))
    jaar = analyse.context["tabellen"][0]
    assert jaar.rijen[-1][0].tekst == "2024" and "Landelijk in 2024" in p.html
    # the same protected cells as the analysis page
    assert cijfers == [" ".join(cel.tekst.split()) for cel in jaar.rijen[-1][1:]]
    for tekst, kolom in zip(cijfers, jaar.kolommen[1:], strict=True):
        if kolom.eenheid == "aantal":
            geen_klein_aantal(tekst, "start")
    links = p.links()
    assert all(reverse(f"rapportage:analyse_{sleutel}") in links for sleutel in PAGINAS)
    assert "werkvoorraad" not in p.op_id and "kwartalen-start" not in p.op_id


def test_the_gemeente_start_page_never_shows_a_raw_count(client, telling, sluit, pagina):
    for code, aantal in (("VT02", 7), ("VT03", 11), ("VT04", 13)):
        telling(code, 2023, 1, aantal)
        sluit(code, 2023)
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    cijfers = [" ".join(e["tekst"].split()) for e in pagina(client.get(reverse("home"))).alle("dd")]
    assert cijfers[0].split()[0] == "30"  # 31 adviezen, shown as the protected value (with its marker)
    assert not any(c.split()[0] == "31" for c in cijfers)
