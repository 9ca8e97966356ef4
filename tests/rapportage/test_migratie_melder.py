"""The migration to the melder as StatLine has it (adviezen/meldingen 0005, rapportage 0015), on data made with the
old schema: every registration keeps its melder, professionals get rol/functie 'onbekend', and the count rows get
their StatLine organisatie, rol/functie and Impactmonitor group exactly as a recompute would count them.

The data is made with the historical models of the state before the migration (the demo generator writes the
current schema), one registration per organisation type and relation, several per melder for a few.
"""

from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kwartalen.kwartaal import Kwartaal
from rapportage.tellingen.models import Telling as HuidigeTelling
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken
from vtregistratie import definities

pytestmark = pytest.mark.django_db(transaction=True)

VOOR = [("adviezen", "0004_aard_subvorm_duur_labels"), ("meldingen", "0004_aard_subvorm_duur_labels"),
        ("rapportage", "0014_notitie_soort")]
NA = [("adviezen", "0005_melder_statline"), ("meldingen", "0005_melder_statline"),
      ("rapportage", "0015_melder_statline")]

# The organisation types of the old schema (ambulance is new with the migration).
OUDE_TYPEN = [t for t in definities.MELDER_ORGANISATIETYPE.codes() if t != "ambulance"]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


def _oude_melders():
    """(beroepsmatig, organisation type, relation, melder groep, how many)."""
    melders = []
    for i, t in enumerate(OUDE_TYPEN):
        groep = "politie" if t == "politie" else "overige_professional"
        melders.append((True, t, "", groep, 1 + i % 3))
    for i, r in enumerate(definities.MELDER_RELATIE.codes()):
        melders.append((False, "", r, "niet_professional", 1 + i % 2))
    return melders


@pytest.fixture
def oude_gegevens(referentiedata_tx):
    """Registrations and their counts in the schema before the migration; the database is migrated forward
    again afterwards, whatever the test did."""
    apps = _migreer(VOOR)
    Organisatie = apps.get_model("vtregistratie", "Organisatie")
    Advies = apps.get_model("adviezen", "Advies")
    Casus = apps.get_model("meldingen", "Casus")
    Melding = apps.get_model("meldingen", "Melding")
    Telling = apps.get_model("rapportage", "Telling")
    TellingAard = apps.get_model("rapportage", "TellingAard")
    TellingCasus = apps.get_model("rapportage", "TellingCasus")
    org = Organisatie.objects.get(code="VT01")
    volgnummer = 0
    for beroepsmatig, t, r, groep, n in _oude_melders():
        for _ in range(n):
            volgnummer += 1
            gemeen = {"organisatie": org, "jaar": 2025, "volgnummer": volgnummer, "beroepsmatig": beroepsmatig,
                      "melder_organisatietype": t, "melder_relatie": r, "melder_groep": groep, "aard": ["onbekend"],
                      "duur_geweld": "onbekend", "definities_versie": definities.VERSIE}
            Advies.objects.create(nummer=f"A-2025-{volgnummer:06d}", startdatum=date(2025, 2, 3), **gemeen)
            casus = Casus.objects.create(organisatie=org, jaar=2025, volgnummer=volgnummer,
                                         nummer=f"C-2025-{volgnummer:06d}", geopend_op=date(2025, 2, 3))
            Melding.objects.create(nummer=f"M-2025-{volgnummer:06d}", ontvangstdatum=date(2025, 2, 3), casus=casus,
                                   acute_onveiligheid=False, structurele_onveiligheid=False,
                                   eerdere_betrokkenheid="eerste_melding", beoordelingstermijn=date(2025, 2, 10),
                                   **gemeen)
        # the counts as the old rollup made them
        for soort in ("advies", "melding"):
            Telling.objects.create(
                organisatie=org, jaar=2025, kwartaal=1, gemeente_code="", soort=soort, melder_groep=groep,
                melder_categorie=t or r, crisis=False,
                beoordeling="nog_niet_beoordeeld" if soort == "melding" else "",
                eerdere_betrokkenheid="eerste_melding" if soort == "melding" else "", binnen_termijn=None, aantal=n,
                # the old grouping's value (the migration refills it with CBS's 13 groups)
                impactmonitor_groep="niet_professional" if groep == "niet_professional" else "organisatie_overig")
    for soort in ("advies", "melding"):
        TellingAard.objects.create(organisatie=org, jaar=2025, kwartaal=1, gemeente_code="", soort=soort,
                                   aard="onbekend", aantal=volgnummer)
    TellingCasus.objects.create(organisatie=org, jaar=2025, kwartaal=1, gemeente_code="", eerste_in_halfjaar=True,
                                eerste_in_jaar=True, aantal=volgnummer)  # one casus per melding
    yield org.pk
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _per_melder(model) -> Counter:
    return Counter(model.objects.values_list("beroepsmatig", "melder_organisatietype", "melder_relatie",
                                             "melder_groep"))


def test_every_registration_keeps_its_melder_and_professionals_get_rol_functie_onbekend(oude_gegevens):
    apps = _migreer(VOOR)
    voor = {m: _per_melder(apps.get_model(*m.split("."))) for m in ("adviezen.Advies", "meldingen.Melding")}
    aantal = sum(n for *_, n in _oude_melders())

    apps = _migreer(NA)
    for naam, oud in voor.items():
        model = apps.get_model(*naam.split("."))
        assert model.objects.count() == aantal  # none lost
        assert _per_melder(model) == oud  # no melder changed
        assert set(model.objects.filter(beroepsmatig=True).values_list("melder_functie", flat=True)) == {"onbekend"}
        assert set(model.objects.filter(beroepsmatig=False).values_list("melder_functie", flat=True)) == {""}


def test_the_count_rows_get_the_new_dimensions_as_a_recompute_would(oude_gegevens):
    apps = _migreer(VOOR)
    Telling = apps.get_model("rapportage", "Telling")
    per_categorie = Counter()
    for groep, categorie, n in Telling.objects.values_list("melder_groep", "melder_categorie", "aantal"):
        per_categorie[(groep, categorie)] += n

    apps = _migreer(NA)
    Telling = apps.get_model("rapportage", "Telling")
    na = Counter()
    for rij in Telling.objects.all():
        na[(rij.melder_groep, rij.melder_categorie)] += rij.aantal
        beroepsmatig = rij.melder_groep != "niet_professional"
        assert rij.melder_organisatie == definities.melder_organisatie(
            beroepsmatig=beroepsmatig, organisatietype=rij.melder_categorie if beroepsmatig else None)
        assert rij.melder_functie == ("onbekend" if beroepsmatig else "niet_van_toepassing")
        assert rij.impactmonitor_groep == definities.impactmonitor_groep(
            beroepsmatig=beroepsmatig, organisatietype=rij.melder_categorie, relatie=rij.melder_categorie)
    assert na == per_categorie  # counts per category preserved
    # the documented regrouping: an unknown non-professional is 'onbekend', every other one a citizen
    assert set(Telling.objects.filter(melder_groep="niet_professional", melder_categorie="onbekend")
               .values_list("impactmonitor_groep", flat=True)) == {"onbekend"}
    # and a recompute gives the same rows: the count rows as migrated, grouped by every column of that schema, equal
    # the recomputed ones (the schema after later migrations of the count table, whose new dimensions the recompute
    # adds, e.g. 0016's duur van het geweld, so those are summed over)
    kolommen = [v.name for v in Telling._meta.fields if v.name not in ("id", "aantal")]
    kolommen = [f"{k}_id" if k == "organisatie" else k for k in kolommen]
    gemigreerd = Counter()
    for *sleutel, aantal in Telling.objects.values_list(*kolommen, "aantal"):
        gemigreerd[tuple(sleutel)] += aantal
    sleutels = set(Telling.objects.values_list("organisatie_id", "jaar", "kwartaal"))
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    for organisatie_id, jaar, kwartaal in sleutels:
        herbereken(organisatie_id=organisatie_id, kwartaal=Kwartaal(jaar, kwartaal))
    herberekend = Counter()
    for *sleutel, aantal in HuidigeTelling.objects.values_list(*kolommen, "aantal"):
        herberekend[tuple(sleutel)] += aantal
    assert gemigreerd and herberekend == gemigreerd
    # and the invariant check, which compares every declared dimension with the registrations, agrees
    assert controleer_tellingen() == []
