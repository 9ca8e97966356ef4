"""Sector targets as reference lines in the analysis charts (docs/analyses.md, "Reference lines")."""

import pytest
from django.urls import reverse

from tests.factories import GebruikerFactory
from tests.rapportage.test_analyses_schermen import grafieken

pytestmark = pytest.mark.django_db


def test_the_assessment_target_is_a_dashed_line_on_the_within_term_chart(client, referentiedata, telling, settings):
    telling("VT02", 2023, 1, 40, soort="melding", beoordeling="overdracht", binnen_termijn=True)
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    url = reverse("rapportage:analyse_meldingen") + "?van=2023&tot=2023"
    grafiek = grafieken(client.get(url).content.decode())["grafiek-termijn"]
    assert grafiek["referentie"] == {"naam": "Doel 90%", "waarde": 90, "tekst": "90,0"}
    assert "stippellijn" in grafiek["beschrijving"]
    settings.DOEL_BEOORDELING_BINNEN_TERMIJN = 85  # the setting, not a number in the code
    grafiek = grafieken(client.get(url + "&regio=VT02").content.decode())["grafiek-termijn"]
    assert grafiek["referentie"]["waarde"] == 85
    # the same table with the regions side by side has the same target; charts without a target have none
    alle = grafieken(client.get(url).content.decode())
    assert alle["grafiek-termijn_regio"]["referentie"] == alle["grafiek-termijn"]["referentie"]
    assert all(g["referentie"] is None for n, g in alle.items()
               if n not in ("grafiek-termijn", "grafiek-termijn_regio"))
