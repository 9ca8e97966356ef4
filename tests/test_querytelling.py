"""No page's number of queries grows with the number of rows (no N+1): each main page is asked for with few
registrations and with many more, spread over quarters, gemeenten, melders and casussen, and must run the
same number of queries both times. benchmarks/pages.py prints the counts at national scale."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diensten.services import registreer_dienst
from rapportage.tellingen.services.herberekening import herbereken_alles
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db

GEMEENTEN = ["GM0363", "GM0362", "GM0384", "GM0437", "GM0451"]  # Amsterdam-Amstelland (VT01)
ANALYSES = "van=2024&tot=2025"
PAGINAS = [
    ("intake", "/adviezen/"),
    ("intake", "/adviezen/?melder_groep=overige_professional&sort=-gemeente"),
    ("intake", "/meldingen/"),
    ("intake", "/meldingen/?beoordeling=nog_niet_beoordeeld"),
    ("intake", "/meldingen/te-beoordelen/"),
    ("intake", "/adviezen/nieuw/"),
    ("intake", "/meldingen/nieuw/"),
    ("intake", "/diensten/wachtlijst/"),
    ("intake", "/diensten/lopend/"),
    ("teamleider", "/"),
    ("teamleider", "/rapportage/kwartalen/"),
    ("teamleider", "/rapportage/kwartalen/2025/1/"),
    ("teamleider", "/rapportage/analyses/"),
    *[(rol, f"/rapportage/analyses/{naam}/?{ANALYSES}{extra}")
      for naam, extra in (("landelijk", ""), ("regio", ""), ("gemeenten", ""), ("melders", ""), ("meldingen", ""),
                          ("vergelijking", ""), ("uitsplitsingen", ""),
                          ("uitsplitsingen", "&uitsplitsing=aanvullende_informatie"), ("statline", ""),
                          ("statline", "&cbs_tabel=84850NED"), ("statline", "&cbs_tabel=84848NED&niveau=gemeente"),
                          ("statline", "&cbs_tabel=84853NED"), ("statline", "&cbs_tabel=84855NED"),
                          ("wachttijden", ""))
      for rol in ("teamleider", "gemeente")],
]


def _registreer(intake, n: int, begin: int) -> None:
    for i in range(begin, begin + n):
        datum = date(2024, 1, 2) + timedelta(days=(i * 37) % 600)
        gemeente = GEMEENTEN[i % len(GEMEENTEN)]
        AdviesFactory(door=intake, startdatum=datum, gemeente=gemeente,
                      melder_organisatietype=["huisarts", "politie", "onderwijs"][i % 3])
        beoordeling = {"beoordeling_datum": datum, "beoordeling_uitkomst": "vervolgstappen_vt",
                       "vervolgdienst": "onderzoek"} if i % 3 != 1 else {}
        melding = MeldingFactory(door=intake, ontvangstdatum=datum, gemeente=gemeente, acute_onveiligheid=i % 4 == 0,
                                 **beoordeling)
        if i % 6 == 0:  # some of those have started their dienst (the worklists list both kinds)
            registreer_dienst(melding=melding, door=intake, startdatum=datum)


def _queries(client, gebruikers, rol: str, pad: str) -> int:
    cache.clear()  # an analysis is computed, not read from the cache
    client.force_login(gebruikers[rol])
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(pad)
    assert antwoord.status_code == 200, (pad, antwoord.status_code)
    return len(vastgelegd)


def test_no_page_runs_more_queries_for_more_rows(client, referentiedata):
    gebruikers = {"intake": GebruikerFactory(rol="intake"), "teamleider": GebruikerFactory(rol="teamleider"),
                  "gemeente": GebruikerFactory(rol="gemeente", organisatie=None)}
    _registreer(gebruikers["intake"], 3, 0)
    herbereken_alles()
    weinig = {(rol, pad): _queries(client, gebruikers, rol, pad) for rol, pad in PAGINAS}

    _registreer(gebruikers["intake"], 40, 3)
    herbereken_alles()
    veel = {(rol, pad): _queries(client, gebruikers, rol, pad) for rol, pad in PAGINAS}

    assert {k: (weinig[k], veel[k]) for k in weinig if weinig[k] != veel[k]} == {}
