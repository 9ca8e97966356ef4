"""The round trips of one registration through the API are pinned: a new query per registration (a lookup
in a loop, a lazy relation, a second permission check) makes this fail. docs/performance.md has the timings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ADVIES = {"startdatum": "2025-03-10", "gemeente": "GM0363", "beroepsmatig": True, "melder_organisatietype": "huisarts",
          "aard": ["kindermishandeling"]}
MELDING = {"ontvangstdatum": "2025-03-10", "gemeente": "GM0363", "beroepsmatig": True,
           "melder_organisatietype": "politie", "aard": ["partnergeweld"]}

# The key with its user and organisation; the gemeente; the quarter's state row, share-locked; the next
# number; the record; its audit entry; the quarter's stale mark. A melding also numbers and opens its casus
# (with its audit entry). Plus the savepoint pair of the service's transaction inside the test's.
QUERIES = {"adviezen": 7 + 2, "meldingen": 7 + 3 + 2}


@pytest.mark.parametrize(("soort", "invoer"), [("adviezen", ADVIES), ("meldingen", MELDING)])
def test_one_registration_costs_a_fixed_number_of_queries(api_sleutel, soort, invoer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_sleutel()}")
    assert client.post(f"/api/v1/{soort}/", invoer, format="json").status_code == 201  # the quarter's first
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.post(f"/api/v1/{soort}/", invoer, format="json")
    assert antwoord.status_code == 201
    assert len(vastgelegd) == QUERIES[soort], "\n".join(q["sql"][:120] for q in vastgelegd.captured_queries)
