from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kwartalen.models import VerouderdeSleutel
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db


def test_health_reports_database_broker_and_the_oldest_stale_key(client, referentiedata):
    VerouderdeSleutel.objects.create(organisatie=Organisatie.objects.get(code="VT01"), jaar=2025, kwartaal=1)
    VerouderdeSleutel.objects.filter().update(sinds=timezone.now() - timedelta(minutes=10))
    response = client.get(reverse("gezondheid"))
    data = response.json()
    assert response.status_code == 200
    assert data["database"] is True and data["broker"] is True and data["gezond"] is True
    assert data["verouderde_sleutels"] == 1
    assert 590 <= data["oudste_verouderde_sleutel_sec"] <= 700


def test_health_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 503
    assert response.json()["broker"] is False and response.json()["database"] is True


def test_health_needs_no_login_and_shows_no_records(client, referentiedata):
    VerouderdeSleutel.objects.create(organisatie=Organisatie.objects.get(code="VT01"), jaar=2025, kwartaal=1)
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"database", "broker", "oudste_verouderde_sleutel_sec", "verouderde_sleutels", "gezond"}
    # Only flags and numbers: no organisation, key or text of a record can appear in it.
    assert all(isinstance(waarde, bool | int) for waarde in data.values()), data
