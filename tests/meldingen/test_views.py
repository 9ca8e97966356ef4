"""The melding intake screens: register, list, worklist 'Te beoordelen', assessment, casus, change, delete."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kwartalen.models import KwartaalStatus
from meldingen.models import Casus, Melding
from meldingen.services import leg_beoordeling_vast, sluit_casus, wijzig_melding
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vandaag():
    """Today is Friday 14 March 2025 (deadlines count working days from here)."""
    with time_machine.travel(datetime(2025, 3, 14, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield date(2025, 3, 14)


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


@pytest.fixture
def vreemde(referentiedata):
    return GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18"))


@pytest.fixture
def ingelogd(client, intake):
    client.force_login(intake)
    return client


def melding_data(**velden) -> dict:
    data = {
        "ontvangstdatum": "2025-03-13", "gemeente": "GM0363", "beroepsmatig": "ja",
        "melder_organisatietype": "politie", "melder_relatie": "", "aard": ["partnergeweld"],
        "aanvullende_informatie": [], "duur_geweld": "1_tot_5_jaar", "casus_keuze": "nieuw", "casusnummer": "",
        "beoordeling_datum": "", "beoordeling_uitkomst": "", "vervolgdienst": "", "actie": "opslaan",
    }
    data.update(velden)
    return {k: v for k, v in data.items() if v is not None}


def detail(melding) -> str:
    return reverse("meldingen:detail", args=[melding.pk])


# --- registering ---------------------------------------------------------------------------------------


def test_the_form_has_crisis_with_its_definition_and_starts_with_a_new_casus_today(ingelogd, pagina):
    p = pagina(ingelogd.get(reverse("meldingen:nieuw")))
    assert p["id_ontvangstdatum"]["value"] == "2025-03-14" and "autofocus" in p["id_ontvangstdatum"]
    assert p.tekst("id_acute_onveiligheid_helptext").startswith("Acute onveiligheid: een persoon verkeert in direct")
    assert p["id_acute_onveiligheid"]["aria-describedby"] == "id_acute_onveiligheid_helptext"
    assert p.gekozen("casus_keuze") == ["nieuw"]
    assert p["id_casusnummer_veld"]["data-toon-als"] == "casus_keuze=bestaand"
    assert p["id_vervolgdienst_veld"]["data-toon-als"] == "beoordeling_uitkomst=vervolgstappen_vt"
    # the derived outcome is never entered
    assert "nog_niet_beoordeeld" not in [e.get("value") for e in p.alle("option")]
    assert "anoniem" not in [e.get("name") for e in p.alle("input")]


def test_opslaan_registers_a_melding_in_a_new_casus(ingelogd, intake, berichten, pagina):
    response = ingelogd.post(reverse("meldingen:nieuw"), melding_data(acute_onveiligheid="on"), follow=True)
    melding = Melding.objects.get()
    assert response.redirect_chain[-1][0] == detail(melding)
    assert berichten(response) == ["Melding M-2025-000001 is opgeslagen in casus C-2025-000001."]
    assert (melding.organisatie, melding.casus.nummer, melding.eerdere_betrokkenheid, melding.acute_onveiligheid) == (
        intake.organisatie, "C-2025-000001", "eerste_melding", True)
    p = pagina(response)
    gegevens = dict(zip([" ".join(e["tekst"].split()) for e in p.alle("dt")],
                        [" ".join(e["tekst"].split()) for e in p.alle("dd")], strict=True))
    assert gegevens["Eerdere betrokkenheid"] == "Eerste melding"
    assert gegevens["Melder"] == "Beroepsmatig: Politie (Rol/functie onbekend)"
    assert gegevens["Aard van het geweld"] == "Partnergeweld"
    assert gegevens["Duur van het geweld"] == "≥ 1 jaar < 5 jaar"
    assert gegevens["Crisis (acute onveiligheid)"] == "ja"
    assert gegevens["Uitkomst veiligheidsbeoordeling"] == "Nog niet beoordeeld"
    # a crisis must be assessed the same day: received yesterday and not assessed, so too late
    assert gegevens["Uiterste datum veiligheidsbeoordeling"] == "13-03-2025"
    assert gegevens["Termijn"] == "te laat"
    assert reverse("meldingen:casus_detail", args=[melding.casus.pk]) in p.links()


def test_opslaan_en_nieuwe_returns_an_empty_form_naming_the_new_melding(ingelogd, berichten, pagina):
    response = ingelogd.post(reverse("meldingen:nieuw"), melding_data(actie="nieuw"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meldingen:nieuw")
    assert berichten(response) == [
        "Melding M-2025-000001 is opgeslagen in casus C-2025-000001. Vul hieronder de volgende melding in."]
    p = pagina(response)
    assert p["id_ontvangstdatum"]["value"] == "2025-03-14"
    assert p.gekozen("aard") == [] and p.gekozen("casus_keuze") == ["nieuw"]
    assert "value" not in p["id_casusnummer"]


def test_the_melding_form_takes_sub_forms_under_their_aard_and_refuses_one_without_it(ingelogd, pagina):
    p = pagina(ingelogd.get(reverse("meldingen:nieuw")))
    assert p["id_aard_subvorm_groep_kindermishandeling"]["tag"] == "fieldset"
    geweigerd = ingelogd.post(reverse("meldingen:nieuw"), melding_data(aard_subvorm=["km_getuige_huiselijk_geweld"]))
    assert "is een vorm van Kindermishandeling" in pagina(geweigerd).tekst("id_aard_subvorm_error")
    assert not Melding.objects.exists()
    ingelogd.post(reverse("meldingen:nieuw"), melding_data(aard=["partnergeweld", "kindermishandeling"],
                                                           aard_subvorm=["km_getuige_huiselijk_geweld"]))
    assert Melding.objects.get().aard_subvorm == ["km_getuige_huiselijk_geweld"]


def test_a_melding_joins_an_existing_casus_by_its_number(ingelogd, intake):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    ingelogd.post(reverse("meldingen:nieuw"), melding_data(
        casus_keuze="bestaand", casusnummer=f" {eerste.casus.nummer.lower()} "))
    tweede = Melding.objects.exclude(pk=eerste.pk).get()
    assert tweede.casus == eerste.casus and tweede.eerdere_betrokkenheid == "vervolgmelding"
    assert Casus.objects.count() == 1


@pytest.mark.parametrize(
    ("velden", "bericht"),
    [
        ({"casus_keuze": "bestaand", "casusnummer": "C-2025-000099"}, "Casus C-2025-000099 bestaat niet"),
        ({"casus_keuze": "bestaand", "casusnummer": ""}, "Vul het casusnummer in"),
        ({"casus_keuze": "nieuw", "casusnummer": "C-2025-000001"}, "Kies 'Bestaande casus'"),
    ],
)
def test_a_wrong_casus_number_is_a_field_error_and_nothing_is_stored(ingelogd, velden, bericht, pagina):
    response = ingelogd.post(reverse("meldingen:nieuw"), melding_data(**velden))
    p = pagina(response)
    assert bericht in p.tekst("id_casusnummer_error")
    assert p["id_casusnummer"]["aria-invalid"] == "true"
    assert "#id_casusnummer" in p.links()
    assert not Melding.objects.exists() and not Casus.objects.exists()


def test_another_organisations_casus_number_is_unknown(ingelogd, vreemde, pagina):
    elders = MeldingFactory(door=vreemde)
    response = ingelogd.post(reverse("meldingen:nieuw"), melding_data(
        casus_keuze="bestaand", casusnummer=elders.casus.nummer))
    assert "bestaat niet bij uw organisatie" in pagina(response).tekst("id_casusnummer_error")
    assert Melding.objects.count() == 1


@pytest.mark.parametrize(
    ("beoordeling", "veld", "bericht"),
    [
        ({"beoordeling_datum": "2025-03-14", "beoordeling_uitkomst": "vervolgstappen_vt"}, "vervolgdienst",
         "Kies de vervolgdienst"),
        ({"beoordeling_datum": "2025-03-14", "beoordeling_uitkomst": "overdracht", "vervolgdienst": "onderzoek"},
         "vervolgdienst", "Alleen bij 'vervolgstappen Veilig Thuis'"),
        ({"beoordeling_uitkomst": "overdracht"}, "beoordeling_datum", "Vul de datum van de veiligheidsbeoordeling in"),
        ({"beoordeling_datum": "2025-03-12", "beoordeling_uitkomst": "overdracht"}, "beoordeling_datum",
         "vóór de ontvangst"),
    ],
)
def test_the_optional_assessment_is_validated_by_the_server(ingelogd, beoordeling, veld, bericht, pagina):
    response = ingelogd.post(reverse("meldingen:nieuw"), melding_data(**beoordeling))
    assert bericht in pagina(response).tekst(f"id_{veld}_error")
    assert not Melding.objects.exists()


def test_a_melding_with_its_assessment_is_stored_in_one_go(ingelogd):
    ingelogd.post(reverse("meldingen:nieuw"), melding_data(
        beoordeling_datum="2025-03-14", beoordeling_uitkomst="vervolgstappen_vt", vervolgdienst="onderzoek"))
    melding = Melding.objects.get()
    assert (melding.beoordeling_datum, melding.beoordeling, melding.vervolgdienst) == (
        date(2025, 3, 14), "vervolgstappen_vt", "onderzoek")


def test_the_melder_must_fit_beroepsmatig_and_a_melding_is_never_half_written(ingelogd, pagina):
    response = ingelogd.post(reverse("meldingen:nieuw"), melding_data(beroepsmatig="nee"))
    p = pagina(response)
    assert "Kies de relatie" in p.tekst("id_melder_relatie_error")
    assert "geen organisatietype" in p.tekst("id_melder_organisatietype_error")
    assert not Melding.objects.exists() and not Casus.objects.exists()


# --- list and worklist ---------------------------------------------------------------------------------


def test_the_list_filters_crisis_and_melder_groep_and_hides_other_organisations(ingelogd, intake, vreemde, pagina):
    crisis = MeldingFactory(door=intake, acute_onveiligheid=True)
    politie = MeldingFactory(door=intake, melder_organisatietype="politie")
    huisarts = MeldingFactory(door=intake, melder_organisatietype="huisarts")
    elders = MeldingFactory(door=vreemde, acute_onveiligheid=True)

    alles = pagina(ingelogd.get(reverse("meldingen:lijst"))).links()
    assert {detail(crisis), detail(politie), detail(huisarts)} <= set(alles)
    assert detail(elders) not in alles

    response = ingelogd.get(reverse("meldingen:lijst"), {"crisis": "true"})
    filters = pagina(response)
    assert filters.gekozen("crisis") == ["true"]  # the filter form keeps its value
    eerste_opties = [filters.elementen[filters.elementen.index(filters[f"id_{naam}"]) + 1]
                     for naam in ("crisis", "melder_groep", "gemeente", "beoordeling")]
    assert [(e["value"], e["tekst"]) for e in eerste_opties] == [("", "Alle")] * 4  # "no filter" reads Alle
    links = pagina(response).links()
    assert detail(crisis) in links
    assert not {detail(politie), detail(huisarts), detail(elders)} & set(links)
    rij = next(e for e in pagina(response).alle("tr") if "rij-crisis" in e.get("class", "").split())
    assert "Crisis" in " ".join(rij["tekst"].split())

    links = pagina(ingelogd.get(reverse("meldingen:lijst"), {"melder_groep": "overige_professional"})).links()
    assert detail(huisarts) in links
    assert not {detail(crisis), detail(politie)} & set(links)


def test_the_list_filters_on_assessment_and_shows_dutch_labels(ingelogd, intake, pagina):
    beoordeeld = MeldingFactory(door=intake)
    leg_beoordeling_vast(melding=beoordeeld, door=intake, datum=date(2025, 3, 11), uitkomst="overdracht")
    open_ = MeldingFactory(door=intake)
    response = ingelogd.get(reverse("meldingen:lijst"), {"beoordeling": "nog_niet_beoordeeld"})
    links = pagina(response).links()
    assert detail(open_) in links and detail(beoordeeld) not in links
    cellen = " | ".join(" ".join(td["tekst"].split()) for td in pagina(ingelogd.get(reverse("meldingen:lijst"))).alle(
        "td"))
    assert "Overdracht" in cellen and "Eerste melding" in cellen and "binnen termijn" in cellen
    assert "eerste_melding" not in cellen and "overdracht" not in cellen


def test_the_worklist_puts_crisis_first_then_the_nearest_deadline_with_status_texts(ingelogd, intake, vreemde, pagina):
    later = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 13))  # deadline Thu 20-03: 4 working days
    te_laat = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))  # deadline Mon 10-03: passed
    crisis = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 14), acute_onveiligheid=True)  # today
    morgen = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 10))  # deadline Mon 17-03: 1 working day
    beoordeeld = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    leg_beoordeling_vast(melding=beoordeeld, door=intake, datum=date(2025, 3, 5), uitkomst="geen_vervolgstappen")
    elders = MeldingFactory(door=vreemde, ontvangstdatum=date(2025, 3, 3))

    response = ingelogd.get(reverse("meldingen:werklijst"))
    p = pagina(response)
    rijen = [e for e in p.alle("tr") if "tekst" in e][1:]  # without the header row
    volgorde = [m.pk for m in response.context["tabel"].page.object_list.data]
    # a crisis due today comes before an overdue melding without crisis
    assert volgorde == [crisis.pk, te_laat.pk, morgen.pk, later.pk]
    teksten = [" ".join(r["tekst"].split()) for r in rijen]
    assert "vandaag" in teksten[0] and "Crisis" in teksten[0] and "rij-crisis" in rijen[0]["class"].split()
    assert "te laat" in teksten[1] and "10-03-2025" in teksten[1]
    assert "nog 1 werkdag" in teksten[2] and "17-03-2025" in teksten[2]
    assert "nog 4 werkdagen" in teksten[3] and "20-03-2025" in teksten[3]
    assert "Crisis" not in teksten[3]
    links = p.links()
    assert reverse("meldingen:beoordeel", args=[te_laat.pk]) in links
    assert detail(beoordeeld) not in links and detail(elders) not in links


def test_recording_an_assessment_from_the_worklist(ingelogd, intake, berichten, pagina):
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 10))
    url = reverse("meldingen:beoordeel", args=[melding.pk])
    p = pagina(ingelogd.get(url))
    assert p["id_beoordeling_datum"]["value"] == "2025-03-14" and "autofocus" in p["id_beoordeling_datum"]
    assert "nog 1 werkdag" in p.html

    fout = pagina(ingelogd.post(url, {"beoordeling_datum": "2025-03-14", "beoordeling_uitkomst": ""}))
    assert "Kies de uitkomst" in fout.tekst("id_beoordeling_uitkomst_error")

    response = ingelogd.post(url, {"beoordeling_datum": "2025-03-14", "beoordeling_uitkomst": "vervolgstappen_vt",
                                   "vervolgdienst": "voorwaarden_en_vervolg"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("meldingen:werklijst")
    assert berichten(response) == [f"De veiligheidsbeoordeling van melding {melding.nummer} is vastgelegd."]
    assert detail(melding) not in pagina(response).links()
    melding.refresh_from_db()
    assert (melding.beoordeling, melding.vervolgdienst) == ("vervolgstappen_vt", "voorwaarden_en_vervolg")
    assert "binnen termijn" in ingelogd.get(detail(melding)).content.decode()


def test_a_late_assessment_shows_te_laat_on_the_detail_page(ingelogd, intake):
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    ingelogd.post(reverse("meldingen:beoordeel", args=[melding.pk]),
                  {"beoordeling_datum": "2025-03-14", "beoordeling_uitkomst": "overdracht"})
    html = ingelogd.get(detail(melding)).content.decode()
    assert "te laat" in html and "Overdracht" in html


def test_list_and_worklist_cost_the_same_number_of_queries_for_3_and_30_rows(
    client, intake, django_assert_max_num_queries
):
    client.force_login(intake)
    eerste = [MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3 + i)) for i in range(3)]
    aantallen = {}
    for naam in ("meldingen:lijst", "meldingen:werklijst"):
        with CaptureQueriesContext(connection) as drie:
            assert client.get(reverse(naam)).status_code == 200
        aantallen[naam] = len(drie)
    for i in range(27):
        MeldingFactory(door=intake, casus=eerste[i % 3].casus if i % 2 else None, ontvangstdatum=date(2025, 3, 10),
                       acute_onveiligheid=bool(i % 3), gemeente=["GM0363", "GM0599", None][i % 3])
    for naam, aantal in aantallen.items():
        with django_assert_max_num_queries(aantal):
            response = client.get(reverse(naam))
        assert len(response.context["tabel"].page.object_list) == 25


# --- casus -------------------------------------------------------------------------------------------------


def test_the_casus_page_lists_its_meldingen_and_ends_involvement(ingelogd, intake, berichten, pagina):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    tweede = MeldingFactory(door=intake, casus=eerste.casus, ontvangstdatum=date(2025, 3, 10))
    andere = MeldingFactory(door=intake)
    url = reverse("meldingen:casus_detail", args=[eerste.casus.pk])
    p = pagina(ingelogd.get(url))
    assert detail(eerste) in p.links() and detail(tweede) in p.links() and detail(andere) not in p.links()
    assert "Vervolgmelding" in p.html and "loopt" in p.html

    sluiten = reverse("meldingen:casus_sluit", args=[eerste.casus.pk])
    fout = pagina(ingelogd.post(sluiten, {"datum": "2025-03-05"}))
    assert "vóór de laatste melding" in fout.tekst("id_datum_error")
    assert Casus.objects.get(pk=eerste.casus.pk).is_open

    response = ingelogd.post(sluiten, {"datum": "2025-03-12"}, follow=True)
    assert berichten(response) == [f"De betrokkenheid van Veilig Thuis bij casus {eerste.casus.nummer} is beëindigd."]
    assert "beëindigd op 12-03-2025" in response.content.decode()
    assert Casus.objects.get(pk=eerste.casus.pk).afgesloten_op == date(2025, 3, 12)

    # a later melding on the closed casus is a hermelding; the casus page links to a form that starts on it
    nieuw = next(link for link in pagina(response).links() if link.startswith(reverse("meldingen:nieuw")))
    formulier = pagina(ingelogd.get(nieuw))
    assert formulier.gekozen("casus_keuze") == ["bestaand"]
    assert formulier["id_casusnummer"]["value"] == eerste.casus.nummer
    ingelogd.post(reverse("meldingen:nieuw"), melding_data(casus_keuze="bestaand", casusnummer=eerste.casus.nummer))
    assert Melding.objects.order_by("-pk").first().eerdere_betrokkenheid == "hermelding"


def test_closing_a_casus_is_post_only(ingelogd, intake):
    melding = MeldingFactory(door=intake)
    assert ingelogd.get(reverse("meldingen:casus_sluit", args=[melding.casus.pk])).status_code == 405
    assert Casus.objects.get().is_open


# --- change and delete -----------------------------------------------------------------------------------


def test_the_change_form_is_prefilled_and_can_move_the_melding_to_another_casus(ingelogd, intake, berichten, pagina):
    doel = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    melding = MeldingFactory(door=intake, structurele_onveiligheid=True)
    p = pagina(ingelogd.get(reverse("meldingen:wijzig", args=[melding.pk])))
    assert p["id_ontvangstdatum"]["value"] == "2025-03-10"
    assert p["id_casusnummer"]["value"] == melding.casus.nummer
    assert "checked" in p["id_structurele_onveiligheid"]
    assert p.gekozen("melder_organisatietype") == ["politie"]
    assert "casus_keuze" not in [e.get("name") for e in p.alle("input")]

    response = ingelogd.post(reverse("meldingen:wijzig", args=[melding.pk]), melding_data(
        ontvangstdatum="2025-03-10", casusnummer=doel.casus.nummer, structurele_onveiligheid="on"), follow=True)
    assert berichten(response) == [f"Melding {melding.nummer} is gewijzigd."]
    melding.refresh_from_db()
    assert melding.casus == doel.casus and melding.eerdere_betrokkenheid == "vervolgmelding"
    assert melding.duur_geweld == "1_tot_5_jaar"


def test_delete_confirms_and_removes_the_casus_with_its_only_melding(ingelogd, intake):
    melding = MeldingFactory(door=intake)
    url = reverse("meldingen:verwijder", args=[melding.pk])
    bevestiging = ingelogd.get(url).content.decode()
    assert "de casus wordt ook verwijderd" in bevestiging
    assert Melding.objects.exists()
    assert Melding.objects.exists()
    response = ingelogd.post(url, {"reden": "Bij de verkeerde organisatie"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("meldingen:lijst")
    assert not Melding.objects.exists() and not Casus.objects.exists()
    # both deletions carry the reason in the audit trail
    redenen = LogEntry.objects.filter(action=LogEntry.Action.DELETE).values_list(
        "content_type__model", "additional_data", "actor")
    assert sorted(redenen) == [("casus", {"reden": "Bij de verkeerde organisatie"}, intake.pk),
                               ("melding", {"reden": "Bij de verkeerde organisatie"}, intake.pk)]


def test_a_new_melding_from_a_casus_page_takes_over_the_gemeente_of_its_latest_melding(ingelogd, intake, pagina):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3), gemeente="GM0363")
    MeldingFactory(door=intake, casus=eerste.casus, ontvangstdatum=date(2025, 3, 10), gemeente="GM0362")
    p = pagina(ingelogd.get(reverse("meldingen:nieuw"), {"casus": eerste.casus.nummer}))
    assert p.gekozen("gemeente") == ["GM0362"]  # Amstelveen, of the later melding
    assert p.gekozen("casus_keuze") == ["bestaand"] and p["id_casusnummer"]["value"] == eerste.casus.nummer
    assert pagina(ingelogd.get(reverse("meldingen:nieuw"))).gekozen("gemeente") == [""]


def test_search_finds_a_melding_by_its_own_or_its_casus_number(ingelogd, intake):
    eerste = MeldingFactory(door=intake)
    vervolg = MeldingFactory(door=intake, casus=eerste.casus)
    ander = MeldingFactory(door=intake)

    def gevonden(zoek):
        response = ingelogd.get(reverse("meldingen:lijst"), {"zoek": zoek})
        return {m.pk for m in response.context["tabel"].page.object_list.data}

    assert gevonden(f"m-2025-{vervolg.volgnummer}") == {vervolg.pk}
    assert gevonden(eerste.casus.nummer) == {eerste.pk, vervolg.pk}
    assert gevonden(f"C 2025 {ander.casus.volgnummer}") == {ander.pk}


def test_another_organisations_records_are_not_found(ingelogd, vreemde):
    elders = MeldingFactory(door=vreemde)
    for methode, url in [
        ("get", detail(elders)),
        ("get", reverse("meldingen:wijzig", args=[elders.pk])),
        ("post", reverse("meldingen:wijzig", args=[elders.pk])),
        ("get", reverse("meldingen:verwijder", args=[elders.pk])),
        ("post", reverse("meldingen:verwijder", args=[elders.pk])),
        ("get", reverse("meldingen:beoordeel", args=[elders.pk])),
        ("post", reverse("meldingen:beoordeel", args=[elders.pk])),
        ("get", reverse("meldingen:casus_detail", args=[elders.casus.pk])),
        ("post", reverse("meldingen:casus_sluit", args=[elders.casus.pk])),
    ]:
        data = {"beoordeling_datum": "2025-03-14", "beoordeling_uitkomst": "overdracht", "datum": "2025-03-14"}
        assert getattr(ingelogd, methode)(url, data).status_code == 404, (methode, url)
    elders.refresh_from_db()
    assert elders.beoordeling_datum is None and elders.casus.is_open


def _alle_paginas(melding):
    return [
        ("get", reverse("meldingen:lijst")),
        ("get", reverse("meldingen:werklijst")),
        ("get", reverse("meldingen:nieuw")),
        ("post", reverse("meldingen:nieuw")),
        ("get", detail(melding)),
        ("get", reverse("meldingen:wijzig", args=[melding.pk])),
        ("post", reverse("meldingen:wijzig", args=[melding.pk])),
        ("get", reverse("meldingen:verwijder", args=[melding.pk])),
        ("post", reverse("meldingen:verwijder", args=[melding.pk])),
        ("get", reverse("meldingen:beoordeel", args=[melding.pk])),
        ("post", reverse("meldingen:beoordeel", args=[melding.pk])),
        ("get", reverse("meldingen:casus_detail", args=[melding.casus.pk])),
        ("post", reverse("meldingen:casus_sluit", args=[melding.casus.pk])),
    ]


def test_a_municipal_analyst_gets_403_on_every_melding_page(client, intake):
    melding = MeldingFactory(door=intake)
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    for methode, url in _alle_paginas(melding):
        response = getattr(client, methode)(url, melding_data(datum="2025-03-14"))
        assert response.status_code == 403, (methode, url)
    assert Melding.objects.count() == 1 and Casus.objects.get().is_open


def test_every_melding_page_needs_a_login(client, intake):
    melding = MeldingFactory(door=intake)
    for methode, url in _alle_paginas(melding):
        response = getattr(client, methode)(url, melding_data())
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), (methode, url)


def test_the_change_history_is_shown_to_team_leads_only(client, intake, teamleider, pagina):
    melding = MeldingFactory(door=intake)
    andere = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    wijzig_melding(melding=melding, door=intake, acute_onveiligheid=True, casus=andere.casus)
    sluit_casus(casus=andere.casus, door=intake, datum=date(2025, 3, 12))

    client.force_login(teamleider)
    p = pagina(client.get(detail(melding)))
    regels = [" ".join(e["tekst"].split()) for e in p.alle("li")]
    assert "Crisis (acute onveiligheid): nee → werd ja" in regels
    assert f"Casus: {melding.casus.nummer} → werd {andere.casus.nummer}" in regels
    assert "Eerdere betrokkenheid: Eerste melding → werd Vervolgmelding" in regels
    casus = pagina(client.get(reverse("meldingen:casus_detail", args=[andere.casus.pk])))
    assert any(r.startswith("Betrokkenheid beëindigd op: – → werd 12-03-2025") for r in
               (" ".join(e["tekst"].split()) for e in casus.alle("li")))

    client.force_login(intake)
    assert "Wijzigingsgeschiedenis" not in client.get(detail(melding)).content.decode()
    assert "Wijzigingsgeschiedenis" not in client.get(
        reverse("meldingen:casus_detail", args=[andere.casus.pk])).content.decode()


class TestDefinitiefKwartaal:
    @pytest.fixture
    def melding_in_q1(self, intake):
        melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 10))
        KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                       defaults={"status": "definitief"})
        return melding

    def test_its_page_offers_no_change_or_delete_and_a_change_is_sent_back(self, ingelogd, melding_in_q1, pagina,
                                                                           berichten):
        p = pagina(ingelogd.get(detail(melding_in_q1)))
        assert "definitief vastgesteld kwartaal" in p.tekst("vergrendeld")
        assert not {reverse(naam, args=[melding_in_q1.pk]) for naam in ("meldingen:wijzig", "meldingen:verwijder")
                    } & set(p.links())
        response = ingelogd.post(reverse("meldingen:wijzig", args=[melding_in_q1.pk]), melding_data(
            ontvangstdatum="2025-03-10", casusnummer=melding_in_q1.casus.nummer, acute_onveiligheid="on"),
            follow=True)
        assert response.redirect_chain[-1][0] == detail(melding_in_q1)
        assert any("definitief vastgestelde kwartaal 2025-K1" in b for b in berichten(response))
        melding_in_q1.refresh_from_db()
        assert not melding_in_q1.acute_onveiligheid

    def test_moving_a_melding_into_it_is_refused_next_to_the_date(self, ingelogd, intake, melding_in_q1, pagina):
        later = MeldingFactory(door=intake, ontvangstdatum=date(2024, 12, 10))
        response = ingelogd.post(reverse("meldingen:wijzig", args=[later.pk]), melding_data(
            ontvangstdatum="2025-03-10", casusnummer=later.casus.nummer))
        assert "definitief vastgesteld" in pagina(response).tekst("id_ontvangstdatum_error")
        later.refresh_from_db()
        assert later.ontvangstdatum == date(2024, 12, 10)

    def test_an_assessment_is_refused_with_the_message_on_the_page(self, ingelogd, melding_in_q1, pagina):
        response = ingelogd.post(reverse("meldingen:beoordeel", args=[melding_in_q1.pk]),
                                 {"beoordeling_datum": "2025-03-14", "beoordeling_uitkomst": "overdracht"})
        assert response.status_code == 200
        p = pagina(response)
        overzicht = next(e for e in p.elementen if "foutoverzicht" in e.get("class", ""))
        assert overzicht["role"] == "alert" and "definitief vastgesteld" in overzicht["tekst"]
        melding_in_q1.refresh_from_db()
        assert melding_in_q1.beoordeling_datum is None

    def test_a_delete_is_refused_with_an_error_message(self, ingelogd, melding_in_q1, berichten):
        response = ingelogd.post(reverse("meldingen:verwijder", args=[melding_in_q1.pk]), follow=True)
        assert response.redirect_chain[-1][0] == detail(melding_in_q1)
        assert any("definitief vastgesteld" in b for b in berichten(response))
        assert Melding.objects.filter(pk=melding_in_q1.pk).exists()
