"""The advies intake screens, as intake staff and team leads use them (Django test client)."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adviezen.models import Advies
from adviezen.services import wijzig_advies
from kwartalen.models import KwartaalStatus
from tests.factories import AdviesFactory, GebruikerFactory
from vtregistratie import definities
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db

VANDAAG = date(2025, 3, 14)  # a Friday


# --- helpers, shared with tests/meldingen/test_views.py ------------------------------------------------


@pytest.fixture(autouse=True)
def vandaag():
    with time_machine.travel(datetime(2025, 3, 14, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield VANDAAG


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


@pytest.fixture
def vreemde(referentiedata):
    """Intake staff of another organisation."""
    return GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18"))


@pytest.fixture
def gemeente_gebruiker(referentiedata):
    return GebruikerFactory(rol="gemeente", organisatie=None)


@pytest.fixture
def ingelogd(client, intake):
    client.force_login(intake)
    return client


def advies_data(**velden) -> dict:
    data = {
        "startdatum": "2025-03-12", "einddatum": "", "gemeente": "GM0363", "beroepsmatig": "ja",
        "melder_organisatietype": "huisarts", "melder_relatie": "", "aard": ["partnergeweld", "kindermishandeling"],
        "aanvullende_informatie": ["huwelijksdwang"], "duur_geweld": "1_tot_6_maanden", "actie": "opslaan",
    }
    data.update(velden)
    return {k: v for k, v in data.items() if v is not None}


# --- registering ---------------------------------------------------------------------------------------


def test_the_new_form_starts_on_today_with_the_first_field_focused_and_definitions_as_help(ingelogd, pagina):
    response = ingelogd.get(reverse("adviezen:nieuw"))
    assert response.status_code == 200
    p = pagina(response)
    assert p["id_startdatum"]["value"] == "2025-03-14"
    assert "autofocus" in p["id_startdatum"]
    assert sum("autofocus" in e for e in p.elementen) == 1
    # aard as checkboxes in a fieldset with a legend; each option described by its definition
    assert re.search(r"<fieldset[^>]*>\s*<legend>Aard van het geweld", p.html)
    assert p["id_aard_0"]["type"] == "checkbox"
    definitie_id = p["id_aard_0"]["aria-describedby"]
    assert p.tekst(definitie_id).startswith("Elke vorm van voor een minderjarige bedreigende")
    # the definitions of the organisation types are on the page too
    assert "Een leerplichtambtenaar of RMC-consulent." in p.html
    # the gemeente list: valid today, by name, empty = onbekend
    opties = [e["value"] for e in p.alle("option") if e.get("value") is not None]
    gemeenten = opties[: opties.index("GM0363") + 1]
    assert gemeenten[0] == ""
    assert "GM0457" not in opties  # Weesp, part of Amsterdam since 2022


def test_the_form_works_without_javascript_and_without_inline_code(ingelogd, pagina):
    p = pagina(ingelogd.get(reverse("adviezen:nieuw")))
    # both conditional melder fields are there and visible; the script only hides the one that does not apply
    for veld, regel in (("melder_organisatietype", "beroepsmatig=ja"), ("melder_relatie", "beroepsmatig=nee")):
        blok = p[f"id_{veld}_veld"]
        assert blok["data-toon-als"] == regel
        assert "hidden" not in blok
    scripts = p.alle("script")
    assert scripts and all(s.get("src", "").endswith("js/intake.js") for s in scripts)
    assert not any("style" in e for e in p.elementen)


def test_the_rol_functie_is_asked_of_a_professional_and_left_empty_means_unknown(ingelogd, pagina):
    p = pagina(ingelogd.get(reverse("adviezen:nieuw")))
    assert p["id_melder_functie_veld"]["data-toon-als"] == "beroepsmatig=ja"
    opties = [e["value"] for e in p.alle("option") if e.get("value") is not None]
    assert "medisch_jeugdarts" in opties and "niet_van_toepassing" not in opties
    ingelogd.post(reverse("adviezen:nieuw"), advies_data(melder_organisatietype="jgz_ggd",
                                                         melder_functie="medisch_jeugdarts"))
    ingelogd.post(reverse("adviezen:nieuw"), advies_data(melder_functie=""))
    ingelogd.post(reverse("adviezen:nieuw"), advies_data(beroepsmatig="nee", melder_organisatietype="",
                                                         melder_relatie="familielid"))
    assert list(Advies.objects.order_by("pk").values_list("melder_functie", flat=True)) == [
        "medisch_jeugdarts", "onbekend", ""]


def test_a_rol_functie_for_a_non_professional_is_refused_at_the_field(ingelogd, pagina):
    """Without the script every field is visible: the service says what does not fit, as for the organisation type."""
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(
        beroepsmatig="nee", melder_organisatietype="", melder_relatie="familielid", melder_functie="onderwijs"))
    assert response.status_code == 200
    assert "Een niet-beroepsmatige melder heeft geen rol/functie." in pagina(response).tekst("id_melder_functie_veld")
    assert not Advies.objects.exists()


def test_a_rol_functie_that_is_not_offered_is_refused_in_dutch(ingelogd, pagina):
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(melder_functie="niet_van_toepassing"))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in pagina(response).tekst("id_melder_functie_veld")
    assert not Advies.objects.exists()


def test_opslaan_stores_the_advies_and_shows_it_with_dutch_labels(ingelogd, intake, berichten, pagina):
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(), follow=True)
    advies = Advies.objects.get()
    assert response.redirect_chain[-1][0] == reverse("adviezen:detail", args=[advies.pk])
    assert berichten(response) == ["Advies A-2025-000001 is opgeslagen."]
    assert advies.organisatie == intake.organisatie
    assert advies.startdatum == date(2025, 3, 12)
    assert advies.melder_groep == "overige_professional"
    assert advies.aard == ["kindermishandeling", "partnergeweld"]
    assert advies.aanvullende_informatie == ["huwelijksdwang"]
    p = pagina(response)
    for tekst in ("Beroepsmatig: Huisarts", "Overige professional", "Kindermishandeling, Partnergeweld",
                  "Huwelijksdwang", "≥ 1 maand &lt; 6 maanden", "Amsterdam", "12-03-2025"):
        assert tekst in p.html
    assert "1_tot_6_maanden" not in p.html and "overige_professional" not in p.html


def test_opslaan_en_nieuwe_returns_an_empty_form_naming_the_new_number(ingelogd, berichten, pagina):
    AdviesFactory(door=GebruikerFactory(rol="intake"))  # A-2025-000001
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(actie="nieuw"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("adviezen:nieuw")
    assert berichten(response) == ["Advies A-2025-000002 is opgeslagen. Vul hieronder het volgende advies in."]
    p = pagina(response)
    assert p["id_startdatum"]["value"] == "2025-03-14"
    assert p.gekozen("aard") == [] and p.gekozen("beroepsmatig") == []
    assert p.gekozen("gemeente") == [""] and p.gekozen("duur_geweld") == ["onbekend"]
    assert Advies.objects.count() == 2


def test_a_field_error_is_shown_next_to_the_field_and_in_the_summary_and_nothing_is_stored(ingelogd, pagina):
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(aard=[]))
    assert response.status_code == 200
    assert not Advies.objects.exists()
    p = pagina(response)
    assert "Kies ten minste één aard" in p.tekst("id_aard_error")
    assert all(e.get("aria-invalid") == "true" for e in p.alle("input", name="aard"))
    fieldset = next(e for e in p.alle("fieldset") if "id_aard_error" in e.get("aria-describedby", ""))
    assert fieldset
    samenvatting = next(e for e in p.elementen if "foutoverzicht" in e.get("class", ""))
    assert samenvatting["role"] == "alert"
    assert "#id_aard_0" in p.links()
    # what the user typed is kept, and the summary (not the first field) gets the focus
    assert p["id_startdatum"]["value"] == "2025-03-12"
    assert p.gekozen("melder_organisatietype") == ["huisarts"]
    assert "autofocus" not in p["id_startdatum"]


def test_the_sub_forms_are_checkboxes_grouped_under_their_aard(ingelogd, pagina):
    p = pagina(ingelogd.get(reverse("adviezen:nieuw")))
    groep = p["id_aard_subvorm_groep_kindermishandeling"]
    assert groep["tag"] == "fieldset"
    assert re.search(r'id="id_aard_subvorm_groep_kindermishandeling"[^>]*>\s*<legend>Kindermishandeling</legend>',
                     p.html)
    vakjes = p.alle("input", name="aard_subvorm")
    assert [v["value"] for v in vakjes] == definities.AARD_SUBVORM.codes()
    assert all(v["type"] == "checkbox" and v["data-aard"] == "kindermishandeling" for v in vakjes)
    # every box is a native, labelled checkbox inside the group (Tab and Space work), described by its definition
    begin = p.html.index('id="id_aard_subvorm_groep_kindermishandeling"')
    binnen_groep = p.html[begin:p.html.index("</fieldset>", begin)]
    for v in vakjes:
        assert f'id="{v["id"]}"' in binnen_groep
        assert p.alle("label", **{"for": v["id"]})
        assert p.tekst(v["aria-describedby"]) == definities.AARD_SUBVORM.get(v["value"]).definitie
    assert "Pediatric condition falsification (PCF)" in groep["tekst"]


def test_sub_forms_are_saved_shown_and_prefilled(ingelogd, pagina):
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(
        aard_subvorm=["km_pcf", "km_lichamelijke_verwaarlozing"]), follow=True)
    advies = Advies.objects.get()
    assert advies.aard_subvorm == ["km_lichamelijke_verwaarlozing", "km_pcf"]
    assert "Lichamelijke verwaarlozing, Pediatric condition falsification (PCF)" in pagina(response).html
    p = pagina(ingelogd.get(reverse("adviezen:wijzig", args=[advies.pk])))
    assert p.gekozen("aard_subvorm") == ["km_lichamelijke_verwaarlozing", "km_pcf"]


@pytest.mark.parametrize(("velden", "veld", "bericht"), [
    ({"aard": ["kindermishandeling", "onbekend"]}, "aard", "kan niet samen met een andere aard"),
    ({"aard": ["partnergeweld"], "aard_subvorm": ["km_seksueel_misbruik"]}, "aard_subvorm",
     "is een vorm van Kindermishandeling"),
])
def test_a_contradictory_aard_is_shown_at_its_field_and_nothing_is_stored(ingelogd, pagina, velden, veld, bericht):
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(**velden))
    assert response.status_code == 200
    assert not Advies.objects.exists()
    p = pagina(response)
    assert bericht in p.tekst(f"id_{veld}_error")
    assert f"#id_{veld}_0" in p.links()
    assert p.gekozen(veld) == velden[veld]  # what the user chose is kept


@pytest.mark.parametrize(
    ("melder", "veld", "bericht"),
    [
        ({"beroepsmatig": "ja", "melder_organisatietype": ""}, "melder_organisatietype", "Kies het type organisatie"),
        ({"beroepsmatig": "nee", "melder_organisatietype": ""}, "melder_relatie", "Kies de relatie"),
        ({"beroepsmatig": "nee", "melder_relatie": "familielid"}, "melder_organisatietype",
         "Een niet-beroepsmatige melder heeft geen organisatietype"),
        ({"beroepsmatig": "ja", "melder_relatie": "familielid"}, "melder_relatie",
         "Een beroepsmatige melder heeft geen relatie"),
        ({"beroepsmatig": ""}, "beroepsmatig", "Geef aan of de melder beroepsmatig"),
    ],
)
def test_the_conditional_melder_fields_are_validated_by_the_server(ingelogd, melder, veld, bericht, pagina):
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(**melder))
    assert response.status_code == 200
    assert bericht in pagina(response).tekst(f"id_{veld}_error")
    assert not Advies.objects.exists()


def test_a_non_professional_anonymous_adviesvrager_is_stored(ingelogd):
    ingelogd.post(reverse("adviezen:nieuw"), advies_data(
        beroepsmatig="nee", melder_organisatietype="", melder_relatie="buurtbewoner", anoniem="on", gemeente=""))
    advies = Advies.objects.get()
    assert (advies.melder_groep, advies.melder_relatie, advies.anoniem, advies.gemeente) == (
        "niet_professional", "buurtbewoner", True, None)


def test_a_date_in_the_future_is_refused_next_to_the_date(ingelogd, pagina):
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(startdatum="2025-03-15"))
    assert "toekomst" in pagina(response).tekst("id_startdatum_error")
    assert not Advies.objects.exists()


# --- list ----------------------------------------------------------------------------------------------


def test_the_list_filters_by_melder_groep_and_never_shows_another_organisation(ingelogd, intake, vreemde, pagina):
    politie = AdviesFactory(door=intake, melder_organisatietype="politie")
    huisarts = AdviesFactory(door=intake, melder_organisatietype="huisarts")
    elders = AdviesFactory(door=vreemde, melder_organisatietype="politie")
    detail = lambda a: reverse("adviezen:detail", args=[a.pk])  # noqa: E731

    alles = pagina(ingelogd.get(reverse("adviezen:lijst"))).links()
    assert detail(politie) in alles and detail(huisarts) in alles
    assert detail(elders) not in alles

    gefilterd = ingelogd.get(reverse("adviezen:lijst"), {"melder_groep": "politie"})
    links = pagina(gefilterd).links()
    assert detail(politie) in links
    assert detail(huisarts) not in links and detail(elders) not in links
    assert pagina(gefilterd).gekozen("melder_groep") == ["politie"]


def test_the_list_filters_by_period(ingelogd, intake, pagina):
    maart = AdviesFactory(door=intake, startdatum=date(2025, 3, 3))
    januari = AdviesFactory(door=intake, startdatum=date(2025, 1, 15))
    links = pagina(ingelogd.get(reverse("adviezen:lijst"), {"van": "2025-03-01", "tot": "2025-03-31"})).links()
    assert reverse("adviezen:detail", args=[maart.pk]) in links
    assert reverse("adviezen:detail", args=[januari.pk]) not in links


def test_the_list_pages_by_25_and_keeps_the_filter_in_page_and_sort_links(ingelogd, intake, pagina):
    for _ in range(27):
        AdviesFactory(door=intake, melder_organisatietype="politie")
    AdviesFactory(door=intake, melder_organisatietype="huisarts")
    response = ingelogd.get(reverse("adviezen:lijst"), {"melder_groep": "politie"})
    p = pagina(response)
    assert len(response.context["tabel"].page.object_list) == 25
    volgende = next(e["href"] for e in p.alle("a", rel="next"))
    assert "melder_groep=politie" in volgende and "page=2" in volgende
    sorteer = next(link for link in p.links() if "sort=startdatum" in link)
    assert "melder_groep=politie" in sorteer
    tweede = ingelogd.get(reverse("adviezen:lijst") + volgende)
    assert len(tweede.context["tabel"].page.object_list) == 2


def test_the_list_can_be_sorted(ingelogd, intake, pagina):
    oud = AdviesFactory(door=intake, startdatum=date(2025, 1, 2))
    nieuw = AdviesFactory(door=intake, startdatum=date(2025, 3, 2))
    response = ingelogd.get(reverse("adviezen:lijst"), {"sort": "startdatum"})
    rijen = [a.pk for a in response.context["tabel"].page.object_list.data]
    assert rijen == [oud.pk, nieuw.pk]
    kop = next(e for e in pagina(response).alle("th") if "aria-sort" in e)
    assert kop["aria-sort"] == "ascending"


def test_the_list_costs_the_same_number_of_queries_for_3_and_30_rows(client, intake, django_assert_max_num_queries):
    client.force_login(intake)
    for _ in range(3):
        AdviesFactory(door=intake, gemeente="GM0363")
    with CaptureQueriesContext(connection) as drie:
        assert client.get(reverse("adviezen:lijst")).status_code == 200
    for i in range(27):
        AdviesFactory(door=intake, gemeente=["GM0363", "GM0599", None][i % 3])
    with django_assert_max_num_queries(len(drie)):
        response = client.get(reverse("adviezen:lijst"))
    assert len(response.context["tabel"].page.object_list) == 25


# --- detail, change, delete -------------------------------------------------------------------------


def test_the_change_form_is_prefilled_and_saves(ingelogd, intake, berichten, pagina):
    advies = AdviesFactory(door=intake, aard=["partnergeweld", "ouderenmishandeling"], einddatum=date(2025, 3, 11))
    p = pagina(ingelogd.get(reverse("adviezen:wijzig", args=[advies.pk])))
    assert p["id_startdatum"]["value"] == "2025-03-10" and p["id_einddatum"]["value"] == "2025-03-11"
    assert p.gekozen("aard") == ["partnergeweld", "ouderenmishandeling"]
    assert p.gekozen("beroepsmatig") == ["ja"] and p.gekozen("melder_organisatietype") == ["huisarts"]
    assert p.gekozen("gemeente") == ["GM0363"]
    assert "Opslaan en nieuwe" not in p.html

    response = ingelogd.post(reverse("adviezen:wijzig", args=[advies.pk]), advies_data(
        startdatum="2025-03-10", einddatum="2025-03-11", duur_geweld="meer_dan_5_jaar"), follow=True)
    assert berichten(response) == [f"Advies {advies.nummer} is gewijzigd."]
    advies.refresh_from_db()
    assert advies.duur_geweld == "meer_dan_5_jaar" and advies.aanvullende_informatie == ["huwelijksdwang"]


def test_delete_asks_for_a_reason_and_keeps_it_in_the_audit_trail(ingelogd, intake, pagina, berichten):
    advies = AdviesFactory(door=intake)
    url = reverse("adviezen:verwijder", args=[advies.pk])
    bevestiging = pagina(ingelogd.get(url))
    assert "Ja, verwijderen" in bevestiging.html and "autofocus" in bevestiging["id_reden"]
    zonder_reden = ingelogd.post(url, {"reden": "  "})
    assert zonder_reden.status_code == 200
    assert pagina(zonder_reden).tekst("id_reden_error") == "Fout: Geef een reden op voor het verwijderen."
    assert Advies.objects.filter(pk=advies.pk).exists()
    response = ingelogd.post(url, {"reden": "Dubbel geregistreerd"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("adviezen:lijst")
    assert berichten(response) == [f"Advies {advies.nummer} is verwijderd."]
    assert not Advies.objects.filter(pk=advies.pk).exists()
    verwijderd = LogEntry.objects.get(content_type__model="advies", object_pk=str(advies.pk),
                                      action=LogEntry.Action.DELETE)
    assert verwijderd.additional_data == {"reden": "Dubbel geregistreerd"} and verwijderd.actor == intake


def _gemeentegroepen(p) -> dict[str, list[str]]:
    """The gemeente select's options per optgroup label ('' for options outside a group)."""
    groepen: dict[str, list[str]] = {}
    groep, binnen = "", False
    for e in p.elementen:
        if e["tag"] == "select":
            binnen = e.get("name") == "gemeente"
        elif binnen and e["tag"] == "optgroup":
            groep = e["label"]
        elif binnen and e["tag"] == "option":
            groepen.setdefault(groep, []).append(e["tekst"].strip())
    return groepen


def test_the_gemeente_choice_has_the_own_region_first_and_only_gemeenten_of_the_registration_date(ingelogd, pagina):
    groepen = _gemeentegroepen(pagina(ingelogd.get(reverse("adviezen:nieuw"))))
    eigen, overige = groepen["Gemeenten van uw regio"], groepen["Overige gemeenten"]
    assert groepen[""] == ["Onbekend"]
    assert "Amsterdam" in eigen and "Amstelveen" in eigen and "Rotterdam" not in eigen
    assert "Rotterdam" in overige and "Amsterdam" not in overige
    assert eigen == sorted(eigen) and len(eigen) + len(overige) == 342  # gemeenten on 14 March 2025
    assert "Weesp" not in eigen + overige  # part of Amsterdam since 24 March 2022
    # after an error the list follows the date typed: Weesp existed, and belonged to VT01, on 10 January 2022
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(startdatum="2022-01-10", aard=[]))
    groepen = _gemeentegroepen(pagina(response))
    assert "Weesp" in groepen["Gemeenten van uw regio"]


def test_the_list_filter_offers_the_own_region_and_the_gemeenten_in_use(ingelogd, intake, pagina):
    AdviesFactory(door=intake, gemeente="GM0599")  # Rotterdam
    groepen = _gemeentegroepen(pagina(ingelogd.get(reverse("adviezen:lijst"))))
    assert groepen[""] == ["Alle"]
    assert "Amsterdam" in groepen["Gemeenten van uw regio"]
    assert groepen["Overige gemeenten"] == ["Rotterdam"]


def test_search_by_number_also_without_leading_zeros(ingelogd, intake):
    eerste, tweede = AdviesFactory(door=intake), AdviesFactory(door=intake)
    for zoek in (eerste.nummer, eerste.nummer.lower(), f"A-2025-{eerste.volgnummer}", f"a 2025 {eerste.volgnummer}"):
        response = ingelogd.get(reverse("adviezen:lijst"), {"zoek": zoek})
        assert [a.pk for a in response.context["tabel"].page.object_list.data] == [eerste.pk], zoek
    deel = ingelogd.get(reverse("adviezen:lijst"), {"zoek": "2025-0000"})
    assert {a.pk for a in deel.context["tabel"].page.object_list.data} == {eerste.pk, tweede.pk}


def test_saving_into_a_voorlopig_quarter_warns(ingelogd, intake, berichten):
    KwartaalStatus.objects.create(organisatie=intake.organisatie, jaar=2025, kwartaal=1, status="voorlopig")
    response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(startdatum="2025-03-12"), follow=True)
    assert any("kwartaal 2025-K1 is al voorlopig afgesloten" in b for b in berichten(response))
    assert "bericht-warning" in response.content.decode()
    open_ = ingelogd.post(reverse("adviezen:nieuw"), advies_data(startdatum="2024-12-12"), follow=True)
    assert not any("voorlopig" in b for b in berichten(open_))


@pytest.mark.parametrize(
    ("methode", "naam"),
    [("get", "adviezen:detail"), ("get", "adviezen:wijzig"), ("post", "adviezen:wijzig"),
     ("get", "adviezen:verwijder"), ("post", "adviezen:verwijder")],
)
def test_another_organisations_advies_is_not_found(ingelogd, vreemde, methode, naam):
    elders = AdviesFactory(door=vreemde)
    response = getattr(ingelogd, methode)(reverse(naam, args=[elders.pk]), advies_data(duur_geweld="tot_1_week"))
    assert response.status_code == 404
    elders.refresh_from_db()
    assert elders.duur_geweld == "onbekend"


def _alle_paginas(advies):
    return [
        ("get", reverse("adviezen:lijst")),
        ("get", reverse("adviezen:nieuw")),
        ("post", reverse("adviezen:nieuw")),
        ("get", reverse("adviezen:detail", args=[advies.pk])),
        ("get", reverse("adviezen:wijzig", args=[advies.pk])),
        ("post", reverse("adviezen:wijzig", args=[advies.pk])),
        ("get", reverse("adviezen:verwijder", args=[advies.pk])),
        ("post", reverse("adviezen:verwijder", args=[advies.pk])),
    ]


def test_a_municipal_analyst_gets_403_on_every_advies_page(client, intake, gemeente_gebruiker):
    advies = AdviesFactory(door=intake)
    client.force_login(gemeente_gebruiker)
    for methode, url in _alle_paginas(advies):
        assert getattr(client, methode)(url, advies_data()).status_code == 403, (methode, url)
    assert Advies.objects.count() == 1


def test_every_advies_page_needs_a_login(client, intake):
    advies = AdviesFactory(door=intake)
    for methode, url in _alle_paginas(advies):
        response = getattr(client, methode)(url, advies_data())
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), (methode, url)


def test_the_change_history_is_shown_to_team_leads_only(client, intake, teamleider, pagina):
    advies = AdviesFactory(door=intake)
    wijzig_advies(advies=advies, door=intake, duur_geweld="meer_dan_5_jaar", aard=["kindermishandeling",
                                                                                   "partnergeweld"],
                  aard_subvorm=["km_pcf"])
    client.force_login(teamleider)
    p = pagina(client.get(reverse("adviezen:detail", args=[advies.pk])))
    historie = p.tekst("historie-titel")
    assert historie == "Wijzigingsgeschiedenis"
    regels = [" ".join(e["tekst"].split()) for e in p.alle("li")]
    assert "Duur van het geweld: Onbekend → werd ≥ 5 jaar" in regels  # "werd" is for screen readers
    assert "Aard: Kindermishandeling → werd Kindermishandeling, Partnergeweld" in regels
    assert any(r.startswith("Vorm van het geweld:") and r.endswith("werd Pediatric condition falsification (PCF)")
               for r in regels), regels
    assert intake.username in p.html
    assert any("Geregistreerd" in e["tekst"] for e in p.alle("td"))

    client.force_login(intake)
    p = pagina(client.get(reverse("adviezen:detail", args=[advies.pk])))
    assert "historie-titel" not in p.op_id
    assert "Wijzigingsgeschiedenis" not in p.html


class TestDefinitiefKwartaal:
    @pytest.fixture
    def advies_in_q1(self, intake):
        advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
        KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                       defaults={"status": "definitief"})
        return advies

    def test_its_page_offers_no_change_or_delete_and_those_pages_send_back(self, ingelogd, advies_in_q1, pagina,
                                                                          berichten):
        detail = reverse("adviezen:detail", args=[advies_in_q1.pk])
        p = pagina(ingelogd.get(detail))
        assert "definitief vastgesteld kwartaal" in p.tekst("vergrendeld")
        assert not {reverse("adviezen:wijzig", args=[advies_in_q1.pk]),
                    reverse("adviezen:verwijder", args=[advies_in_q1.pk])} & set(p.links())
        for naam in ("adviezen:wijzig", "adviezen:verwijder"):
            for methode in ("get", "post"):
                response = getattr(ingelogd, methode)(reverse(naam, args=[advies_in_q1.pk]),
                                                      advies_data(duur_geweld="tot_1_week", reden="x"), follow=True)
                assert response.redirect_chain[-1][0] == detail
                assert any("definitief vastgestelde kwartaal 2025-K1" in b for b in berichten(response))
        advies_in_q1.refresh_from_db()
        assert advies_in_q1.duur_geweld == "onbekend"

    def test_moving_an_advies_into_it_is_refused_next_to_the_date(self, ingelogd, intake, advies_in_q1, pagina):
        later = AdviesFactory(door=intake, startdatum=date(2024, 12, 3))
        response = ingelogd.post(reverse("adviezen:wijzig", args=[later.pk]), advies_data(startdatum="2025-02-03"))
        assert response.status_code == 200
        p = pagina(response)
        assert "definitief vastgesteld" in p.tekst("id_startdatum_error")
        assert "#id_startdatum" in p.links()
        later.refresh_from_db()
        assert later.startdatum == date(2024, 12, 3)

    def test_a_new_advies_in_that_quarter_is_refused(self, ingelogd, advies_in_q1, pagina):
        response = ingelogd.post(reverse("adviezen:nieuw"), advies_data(startdatum="2025-03-03"))
        assert "definitief vastgesteld" in pagina(response).tekst("id_startdatum_error")
        assert Advies.objects.count() == 1

    def test_a_delete_is_refused_when_the_quarter_is_locked_after_the_page_was_opened(self, ingelogd, intake):
        advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
        url = reverse("adviezen:verwijder", args=[advies.pk])
        assert "Ja, verwijderen" in ingelogd.get(url).content.decode()
        KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                defaults={"status": "definitief"})
        response = ingelogd.post(url, {"reden": "dubbel"}, follow=True)
        assert response.redirect_chain[-1][0] == reverse("adviezen:detail", args=[advies.pk])
        assert "bericht-error" in response.content.decode()
        assert Advies.objects.filter(pk=advies.pk).exists()
