"""The definitions module: code lists as the protocol names them (docs/definities.md), validity, and the derivations.

Pure Python: no test here touches the database.
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vtregistratie import definities
from vtregistratie.definities import CODELIJSTEN, Code, CodeLijst

# The code sets exactly as docs/definities.md lists them (copied, not derived, so a typo on either side fails).
VERWACHTE_CODES = {
    "soort_contact": {"advies", "melding"},
    "melder_organisatietype": {
        "huisarts", "ziekenhuis", "jgz_ggd", "verloskunde_kraamzorg", "ambulance", "gezondheidszorg_overig", "ggz",
        "kinderopvang", "onderwijs", "leerplicht", "jeugdhulp", "gecertificeerde_instelling", "politie",
        "openbaar_ministerie", "reclassering", "justitie_overig", "maatschappelijk_werk", "wijkteam_gemeente",
        "vt_andere_regio", "vt_regionaal_maatwerk", "organisatie_overig", "onbekend",
    },
    "melder_relatie": {
        "betrokkene_jeugdige", "betrokkene_volwassene", "familielid", "sociaal_netwerk", "buurtbewoner",
        "vrijwilliger", "anders", "onbekend",
    },
    "melder_groep": {"politie", "overige_professional", "niet_professional"},
    "melder_organisatie": {
        "gezondheidszorg", "ggz", "kinderopvang", "onderwijs", "bureau_leerplicht", "jeugdzorg", "justitie_politie",
        "justitie_openbaar_ministerie", "justitie_reclassering", "justitie_anders", "anders_vt_andere_regio",
        "anders_vt_regionaal_maatwerk", "anders_andere_organisatie", "niet_van_toepassing", "onbekend",
    },
    "melder_functie": {
        "onderwijs", "kinderopvang", "medisch_huisarts", "medisch_jeugdarts", "medisch_verpleegkundige",
        "medisch_specialist", "medisch_verloskundige", "medisch_overig", "psycholoog", "paramedisch",
        "justitie_politieagent", "justitie_officier", "justitie_anders", "beroepsmatig_anders", "onbekend",
        "niet_van_toepassing",
    },
    "aard": {
        "kindermishandeling", "geweld_tegen_ouders", "partnergeweld", "ouderenmishandeling",
        "huiselijk_geweld_overig", "andere_problematiek", "geen_hg_km", "onbekend",
    },
    "aard_subvorm": {
        "km_lichamelijke_mishandeling", "km_lichamelijke_verwaarlozing", "km_emotionele_mishandeling",
        "km_emotionele_verwaarlozing", "km_seksueel_misbruik", "km_getuige_huiselijk_geweld", "km_pcf", "km_anders",
    },
    "aanvullende_informatie": {
        "mensenhandel", "eergerelateerd_geweld", "huwelijksdwang", "achterlating", "vrouwelijke_genitale_verminking",
    },
    "duur_geweld": {
        "tot_1_week", "1_week_tot_1_maand", "1_tot_6_maanden", "6_tot_12_maanden", "1_tot_5_jaar",
        "meer_dan_5_jaar", "onbekend",
    },
    "veiligheidsbeoordeling_uitkomst": {
        "vervolgstappen_vt", "overdracht", "geen_vervolgstappen", "regionaal_maatwerk", "nog_niet_beoordeeld",
    },
    "vervolgdienst": {"onderzoek", "voorwaarden_en_vervolg"},
    "onderzoek_uitkomst": {"bevestigd", "niet_bevestigd", "weerlegd"},
    "voortijdig_afgesloten_reden": {"vertrokken_onbekende_bestemming", "overleden", "verhuisd_andere_regio"},
    "overdracht_bestemming": {
        "lokaal_veld", "raad_kinderbescherming", "politie_om", "jeugdhulpaanbieder", "gecertificeerde_instelling",
        "vrouwenopvang", "ggz", "verslavingszorg", "huisarts", "anders",
    },
    "hulp_soort": {
        "ambulante_hulp", "verblijf_opvang", "beschermingsmaatregel", "strafrechtelijk", "anders", "onbekend",
    },
    "dienst_gebeurtenis": {"gestart", "afgerond"},
    "duur_maat": {"wachttijd", "doorlooptijd"},
    "overdracht_moment": {"na_beoordeling", "na_dienst"},
    "vervolgmelding_moment": {"tijdens_beoordeling", "tijdens_monitoring", "na_beoordeling"},
    "eerdere_betrokkenheid": {"eerste_melding", "hermelding", "vervolgmelding", "niet_ingedeeld"},
    "impactmonitor_groep": {
        "preventieve_basisvoorzieningen", "huisarts", "gezondheidszorg_overig", "ggz", "kinderopvang", "onderwijs",
        "jeugdhulp", "politie", "justitie", "maatschappelijk_werk", "beroepsmatig_overig", "burger", "onbekend",
    },
    "kwartaal_status": {"open", "voorlopig", "definitief"},
    "rol": {"intake", "teamleider", "gemeente", "beheer"},
}

MEERVOUDIG = {"aard", "aard_subvorm", "aanvullende_informatie"}
AFGELEID = {"melder_groep", "melder_organisatie", "impactmonitor_groep", "eerdere_betrokkenheid", "dienst_gebeurtenis",
            "duur_maat", "overdracht_moment", "vervolgmelding_moment"}

ORGANISATIETYPEN = definities.MELDER_ORGANISATIETYPE.codes()
RELATIES = definities.MELDER_RELATIE.codes()

# CBS's 13 Impactmonitor groups over the organisation types, written out independently of the module's dict
# (docs/definities.md). Preventieve basisvoorzieningen are GGD, JGZ, verloskunde, kraamzorg and ambulance.
VERWACHTE_IMPACTMONITOR = {
    "preventieve_basisvoorzieningen": {"jgz_ggd", "verloskunde_kraamzorg", "ambulance"},
    "huisarts": {"huisarts"},
    "gezondheidszorg_overig": {"ziekenhuis", "gezondheidszorg_overig"},
    "ggz": {"ggz"},
    "kinderopvang": {"kinderopvang"},
    "onderwijs": {"onderwijs", "leerplicht"},
    "jeugdhulp": {"jeugdhulp", "gecertificeerde_instelling"},
    "politie": {"politie"},
    "justitie": {"openbaar_ministerie", "reclassering", "justitie_overig"},
    "maatschappelijk_werk": {"maatschappelijk_werk"},
    "beroepsmatig_overig": {"wijkteam_gemeente", "vt_andere_regio", "vt_regionaal_maatwerk", "organisatie_overig"},
    "onbekend": {"onbekend"},
}

# StatLine's organisatie category of every organisation type, written out independently of the module's dict.
VERWACHTE_STATLINE_ORGANISATIE = {
    "gezondheidszorg": {"huisarts", "ziekenhuis", "jgz_ggd", "verloskunde_kraamzorg", "ambulance",
                        "gezondheidszorg_overig"},
    "ggz": {"ggz"},
    "kinderopvang": {"kinderopvang"},
    "onderwijs": {"onderwijs"},
    "bureau_leerplicht": {"leerplicht"},
    "jeugdzorg": {"jeugdhulp", "gecertificeerde_instelling"},
    "justitie_politie": {"politie"},
    "justitie_openbaar_ministerie": {"openbaar_ministerie"},
    "justitie_reclassering": {"reclassering"},
    "justitie_anders": {"justitie_overig"},
    "anders_vt_andere_regio": {"vt_andere_regio"},
    "anders_vt_regionaal_maatwerk": {"vt_regionaal_maatwerk"},
    "anders_andere_organisatie": {"maatschappelijk_werk", "wijkteam_gemeente", "organisatie_overig"},
    "onbekend": {"onbekend"},
}

DOC = Path(__file__).resolve().parents[2] / "docs" / "definities.md"


def _lijst(*codes: Code, meervoudig: bool = False) -> CodeLijst:
    return CodeLijst("test", "Test", codes, meervoudig)


# --- The lists ----------------------------------------------------------------------------------


def test_registry_holds_exactly_the_design_lists():
    assert set(CODELIJSTEN) == set(VERWACHTE_CODES)
    for naam, lijst in CODELIJSTEN.items():
        assert lijst.naam == naam


@pytest.mark.parametrize("naam", sorted(VERWACHTE_CODES))
def test_code_set_is_the_one_in_design(naam):
    lijst = CODELIJSTEN[naam]
    assert set(lijst.codes()) == VERWACHTE_CODES[naam]
    assert len(lijst.codes()) == len(VERWACHTE_CODES[naam]) == len(lijst)


def test_list_sizes_named_in_the_brief():
    assert len(definities.MELDER_ORGANISATIETYPE) == 22
    assert len(definities.MELDER_RELATIE) == 8
    assert len(definities.AARD) == 8
    assert len(definities.AANVULLENDE_INFORMATIE) == 5
    assert len(definities.DUUR_GEWELD) == 7
    assert len(definities.IMPACTMONITOR_GROEP) == 13


@pytest.mark.parametrize("naam", sorted(VERWACHTE_CODES))
def test_every_code_has_a_label_and_a_definition(naam):
    lijst = CODELIJSTEN[naam]
    assert str(lijst.titel).strip()
    for code in lijst:
        assert str(code.label).strip(), code.code
        assert str(code.definitie).strip(), code.code
        assert str(lijst.label(code.code)) == str(code.label)


@pytest.mark.parametrize("naam", sorted(VERWACHTE_CODES))
def test_flags(naam):
    lijst = CODELIJSTEN[naam]
    assert lijst.meervoudig is (naam in MEERVOUDIG)
    assert lijst.afgeleid is (naam in AFGELEID)


@pytest.mark.parametrize("naam", sorted(VERWACHTE_CODES))
def test_every_shipped_code_is_valid_from_the_protocol_start(naam):
    lijst = CODELIJSTEN[naam]
    for code in lijst:
        assert code.geldig_van == definities.PROTOCOL_BEGIN == date(2019, 1, 1)
        assert code.geldig_tot is None
    assert lijst.choices(op=date(2019, 1, 1)) == lijst.choices()
    assert lijst.choices(op=date(2018, 12, 31)) == []


def test_version():
    assert definities.VERSIE == "2019.1"


def test_documentation_gives_every_organisation_type_its_statline_category_and_group():
    """The row of each organisation type in docs/definities.md names the StatLine category and Impactmonitor group
    the module maps it onto."""
    regels = DOC.read_text(encoding="utf-8").splitlines()
    for organisatietype in ORGANISATIETYPEN:
        rij = next(r for r in regels if r.startswith(f"| `{organisatietype}` |") and "Impactmonitor" in r)
        assert f"(`{definities.STATLINE_ORGANISATIE_PER_ORGANISATIETYPE[organisatietype]}`)" in rij, organisatietype
        assert f"(`{definities.IMPACTMONITOR_PER_ORGANISATIETYPE[organisatietype]}`)" in rij, organisatietype


def test_documentation_names_every_code():
    tekst = DOC.read_text(encoding="utf-8")
    for naam, lijst in CODELIJSTEN.items():
        assert f"`{naam}`" in tekst, naam
        for code in lijst.codes():
            assert f"`{code}`" in tekst, (naam, code)


# --- Code and CodeLijst -------------------------------------------------------------------------


def test_validity_is_half_open():
    code = Code("x", "X", "Uitleg", geldig_van=date(2020, 1, 1), geldig_tot=date(2021, 1, 1))
    assert not code.is_geldig_op(date(2019, 12, 31))
    assert code.is_geldig_op(date(2020, 1, 1))
    assert code.is_geldig_op(date(2020, 12, 31))
    assert not code.is_geldig_op(date(2021, 1, 1))


def test_validity_without_end_is_unbounded():
    code = Code("x", "X", "Uitleg")
    assert code.geldig_van == date(2019, 1, 1)
    assert not code.is_geldig_op(date(2018, 12, 31))
    assert code.is_geldig_op(date(2019, 1, 1))
    assert code.is_geldig_op(date(9999, 12, 31))


@given(
    van=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    duur=st.one_of(st.none(), st.integers(min_value=1, max_value=20_000)),
    datum=st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 1, 1)),
)
def test_validity_matches_the_half_open_formula(van, duur, datum):
    tot = None if duur is None else van + timedelta(days=duur)
    code = Code("x", "X", "Uitleg", geldig_van=van, geldig_tot=tot)
    assert code.is_geldig_op(datum) == (van <= datum and (tot is None or datum < tot))
    lijst = _lijst(code)
    assert lijst.is_geldig("x", datum) == code.is_geldig_op(datum)
    assert (lijst.choices(op=datum) == [("x", "X")]) == code.is_geldig_op(datum)


def test_code_rejects_an_empty_or_inverted_period():
    with pytest.raises(ValueError):
        Code("x", "X", "Uitleg", geldig_van=date(2020, 1, 1), geldig_tot=date(2020, 1, 1))
    with pytest.raises(ValueError):
        Code("x", "X", "Uitleg", geldig_van=date(2020, 1, 1), geldig_tot=date(2019, 1, 1))


@pytest.mark.parametrize("slecht", ["", "Hoofdletter", "met spatie", "streepje-code"])
def test_code_rejects_a_malformed_code(slecht):
    with pytest.raises(ValueError):
        Code(slecht, "X", "Uitleg")


def test_code_is_frozen():
    code = Code("x", "X", "Uitleg")
    with pytest.raises(AttributeError):
        code.code = "y"


def test_choices_filtered_by_date():
    lijst = _lijst(
        Code("oud", "Oud", "Vervalt in 2022", geldig_tot=date(2022, 1, 1)),
        Code("blijft", "Blijft", "Altijd geldig"),
        Code("nieuw", "Nieuw", "Vanaf 2022", geldig_van=date(2022, 1, 1)),
    )
    assert lijst.choices() == [("oud", "Oud"), ("blijft", "Blijft"), ("nieuw", "Nieuw")]
    assert lijst.choices(op=date(2021, 12, 31)) == [("oud", "Oud"), ("blijft", "Blijft")]
    assert lijst.choices(op=date(2022, 1, 1)) == [("blijft", "Blijft"), ("nieuw", "Nieuw")]
    # An ended code stays in the list: registrations made under it keep it.
    assert lijst.codes() == ["oud", "blijft", "nieuw"]
    assert "oud" in lijst
    assert lijst.is_geldig("oud", date(2021, 6, 1))
    assert not lijst.is_geldig("oud", date(2022, 6, 1))
    assert not lijst.is_geldig("nieuw", date(2021, 6, 1))


def test_lookup_iteration_and_membership():
    a, b = Code("a", "A", "Eerste"), Code("b", "B", "Tweede")
    lijst = _lijst(a, b, meervoudig=True)
    assert lijst.meervoudig
    assert lijst.titel == "Test"
    assert list(lijst) == [a, b]
    assert lijst.codes() == ["a", "b"]
    assert lijst.get("b") is b
    assert lijst.label("a") == "A"
    assert lijst.label_van("a") == "A"  # the alias existing callers use
    assert "a" in lijst
    assert "c" not in lijst
    assert None not in lijst
    assert len(lijst) == 2
    assert "test" in repr(lijst)
    assert not lijst.is_geldig("c", date(2020, 1, 1))
    with pytest.raises(KeyError):
        lijst.get("c")
    with pytest.raises(KeyError):
        lijst.label("c")


def test_duplicate_codes_are_rejected():
    with pytest.raises(ValueError, match="duplicate"):
        _lijst(Code("a", "A", "Eerste"), Code("a", "A twee", "Nog een"))


def test_empty_list_is_rejected():
    with pytest.raises(ValueError):
        _lijst()


# --- Derivations --------------------------------------------------------------------------------


@pytest.mark.parametrize("organisatietype", ORGANISATIETYPEN)
def test_melder_groep_for_every_organisation_type(organisatietype):
    verwacht = "politie" if organisatietype == "politie" else "overige_professional"
    assert definities.melder_groep(beroepsmatig=True, organisatietype=organisatietype) == verwacht


@pytest.mark.parametrize("relatie", RELATIES)
def test_melder_groep_for_every_relation(relatie):
    assert definities.melder_groep(beroepsmatig=False, organisatietype=None) == "niet_professional"
    # a citizen, unless the relation is unknown: then the melder is unknown, not a citizen
    assert definities.impactmonitor_groep(beroepsmatig=False, organisatietype=None, relatie=relatie) == (
        "onbekend" if relatie == "onbekend" else "burger"
    )
    assert definities.melder_organisatie(beroepsmatig=False, organisatietype=None) == "niet_van_toepassing"
    assert definities.melder_categorie(beroepsmatig=False, organisatietype=None, relatie=relatie) == relatie


def test_unknown_organisation_type_counts_as_other_professional():
    assert definities.melder_groep(beroepsmatig=True, organisatietype="onbekend") == "overige_professional"


@pytest.mark.parametrize("organisatietype", [None, "", "onbestaand", "buurtbewoner", "POLITIE"])
def test_melder_groep_rejects_a_professional_without_a_valid_type(organisatietype):
    with pytest.raises(ValueError):
        definities.melder_groep(beroepsmatig=True, organisatietype=organisatietype)
    with pytest.raises(ValueError):
        definities.impactmonitor_groep(beroepsmatig=True, organisatietype=organisatietype, relatie=None)
    with pytest.raises(ValueError):
        definities.melder_categorie(beroepsmatig=True, organisatietype=organisatietype, relatie=None)


@pytest.mark.parametrize("relatie", [None, "", "onbestaand", "huisarts"])
def test_impactmonitor_rejects_a_non_professional_without_a_valid_relation(relatie):
    with pytest.raises(ValueError):
        definities.impactmonitor_groep(beroepsmatig=False, organisatietype=None, relatie=relatie)
    with pytest.raises(ValueError):
        definities.melder_categorie(beroepsmatig=False, organisatietype=None, relatie=relatie)


@pytest.mark.parametrize("organisatietype", ORGANISATIETYPEN)
def test_impactmonitor_for_every_organisation_type(organisatietype):
    groep = definities.impactmonitor_groep(beroepsmatig=True, organisatietype=organisatietype, relatie=None)
    assert groep in definities.IMPACTMONITOR_GROEP
    assert organisatietype in VERWACHTE_IMPACTMONITOR[groep]
    assert definities.melder_categorie(beroepsmatig=True, organisatietype=organisatietype, relatie=None) == (
        organisatietype
    )


def test_impactmonitor_mapping_is_total_and_yields_exactly_13_groups():
    assert set(definities.IMPACTMONITOR_PER_ORGANISATIETYPE) == set(ORGANISATIETYPEN)
    assert set(definities.IMPACTMONITOR_PER_RELATIE) == set(RELATIES)
    groepen = {
        definities.impactmonitor_groep(beroepsmatig=True, organisatietype=t, relatie=None) for t in ORGANISATIETYPEN
    } | {definities.impactmonitor_groep(beroepsmatig=False, organisatietype=None, relatie=r) for r in RELATIES}
    assert groepen == set(definities.IMPACTMONITOR_GROEP.codes())
    assert len(groepen) == 13


def test_impactmonitor_mapping_is_the_documented_grouping():
    omgekeerd: dict[str, set[str]] = {}
    for organisatietype, groep in definities.IMPACTMONITOR_PER_ORGANISATIETYPE.items():
        omgekeerd.setdefault(groep, set()).add(organisatietype)
    assert omgekeerd == VERWACHTE_IMPACTMONITOR
    assert {r: "onbekend" if r == "onbekend" else "burger" for r in RELATIES} == definities.IMPACTMONITOR_PER_RELATIE


def test_impactmonitor_refines_melder_groep():
    """Police is its own group in both; no professional is a citizen; only 'onbekend' holds both kinds."""
    for organisatietype in ORGANISATIETYPEN:
        groep = definities.melder_groep(beroepsmatig=True, organisatietype=organisatietype)
        impact = definities.impactmonitor_groep(beroepsmatig=True, organisatietype=organisatietype, relatie=None)
        assert (groep == "politie") == (impact == "politie")
        assert impact != "burger"
    for relatie in RELATIES:
        assert definities.impactmonitor_groep(beroepsmatig=False, organisatietype=None, relatie=relatie) in (
            "burger", "onbekend")


@pytest.mark.parametrize("organisatietype", ORGANISATIETYPEN)
def test_every_organisation_type_maps_onto_exactly_one_statline_category(organisatietype):
    categorie = definities.melder_organisatie(beroepsmatig=True, organisatietype=organisatietype)
    assert categorie in definities.MELDER_ORGANISATIE
    assert [c for c, typen in VERWACHTE_STATLINE_ORGANISATIE.items() if organisatietype in typen] == [categorie]
    assert categorie != "niet_van_toepassing"


def test_statline_organisatie_mapping_is_total_and_documented():
    assert set(definities.STATLINE_ORGANISATIE_PER_ORGANISATIETYPE) == set(ORGANISATIETYPEN)
    omgekeerd: dict[str, set[str]] = {}
    for organisatietype, categorie in definities.STATLINE_ORGANISATIE_PER_ORGANISATIETYPE.items():
        omgekeerd.setdefault(categorie, set()).add(organisatietype)
    assert omgekeerd == VERWACHTE_STATLINE_ORGANISATIE
    # every StatLine category is reached: by some organisation type, or by a non-professional
    assert set(omgekeerd) | {"niet_van_toepassing"} == set(definities.MELDER_ORGANISATIE.codes())


@pytest.mark.parametrize("naam, mapping, bron, doel", [
    ("statline", definities.STATLINE_ORGANISATIE_PER_ORGANISATIETYPE, definities.MELDER_ORGANISATIETYPE,
     definities.MELDER_ORGANISATIE),
    ("impact_type", definities.IMPACTMONITOR_PER_ORGANISATIETYPE, definities.MELDER_ORGANISATIETYPE,
     definities.IMPACTMONITOR_GROEP),
    ("impact_relatie", definities.IMPACTMONITOR_PER_RELATIE, definities.MELDER_RELATIE, definities.IMPACTMONITOR_GROEP),
])
def test_import_check_refuses_a_partial_or_wrong_mapping(naam, mapping, bron, doel):
    """The check the module runs at import: a code left out, or a category that does not exist, fails."""
    definities._controleer_afleiding(dict(mapping), bron, doel)  # the shipped one passes
    zonder = dict(mapping)
    zonder.pop(next(iter(zonder)))
    with pytest.raises(RuntimeError):
        definities._controleer_afleiding(zonder, bron, doel)
    fout = dict(mapping)
    fout[next(iter(fout))] = "bestaat_niet"
    with pytest.raises(RuntimeError):
        definities._controleer_afleiding(fout, bron, doel)


def test_melder_functie_counts_unknown_and_not_applicable():
    assert definities.melder_functie(beroepsmatig=True, functie="") == "onbekend"
    assert definities.melder_functie(beroepsmatig=True, functie=None) == "onbekend"
    assert definities.melder_functie(beroepsmatig=True, functie="medisch_jeugdarts") == "medisch_jeugdarts"
    assert definities.melder_functie(beroepsmatig=False, functie="") == "niet_van_toepassing"
    for fout in ("niet_van_toepassing", "huisarts", "ONBEKEND"):
        with pytest.raises(ValueError):
            definities.melder_functie(beroepsmatig=True, functie=fout)


def test_every_list_names_its_source():
    for naam, lijst in CODELIJSTEN.items():
        assert lijst.bron.strip(), naam
        if lijst.afgeleid or naam in ("kwartaal_status", "rol", "melder_organisatietype", "melder_relatie"):
            continue
        assert "StatLine" in lijst.bron, naam


def test_beoordeling_without_a_date_is_not_yet_assessed():
    assert definities.beoordeling(datum=None, uitkomst=None) == "nog_niet_beoordeeld"
    assert definities.beoordeling(datum=None, uitkomst="overdracht") == "nog_niet_beoordeeld"
    assert definities.NOG_NIET_BEOORDEELD in definities.VEILIGHEIDSBEOORDELING_UITKOMST


@pytest.mark.parametrize("uitkomst", ["vervolgstappen_vt", "overdracht", "geen_vervolgstappen", "regionaal_maatwerk"])
def test_beoordeling_with_a_date_is_its_outcome(uitkomst):
    assert definities.beoordeling(datum=date(2024, 3, 1), uitkomst=uitkomst) == uitkomst


@pytest.mark.parametrize("uitkomst", [None, "", "nog_niet_beoordeeld", "onbestaand"])
def test_beoordeling_with_a_date_needs_a_real_outcome(uitkomst):
    with pytest.raises(ValueError):
        definities.beoordeling(datum=date(2024, 3, 1), uitkomst=uitkomst)


@given(
    beroepsmatig=st.booleans(),
    organisatietype=st.one_of(st.none(), st.sampled_from(ORGANISATIETYPEN)),
    relatie=st.one_of(st.none(), st.sampled_from(RELATIES)),
)
def test_derivations_are_consistent(beroepsmatig, organisatietype, relatie):
    if beroepsmatig and organisatietype is None:
        with pytest.raises(ValueError):
            definities.melder_groep(beroepsmatig=True, organisatietype=None)
        return
    groep = definities.melder_groep(beroepsmatig=beroepsmatig, organisatietype=organisatietype)
    assert groep in definities.MELDER_GROEP
    assert (groep == "niet_professional") == (not beroepsmatig)
    assert (groep == "politie") == (beroepsmatig and organisatietype == "politie")

    if not beroepsmatig and relatie is None:
        with pytest.raises(ValueError):
            definities.impactmonitor_groep(beroepsmatig=False, organisatietype=organisatietype, relatie=None)
        return
    impact = definities.impactmonitor_groep(beroepsmatig=beroepsmatig, organisatietype=organisatietype, relatie=relatie)
    assert impact in definities.IMPACTMONITOR_GROEP
    assert (impact == "burger") == (not beroepsmatig and relatie != "onbekend")
    assert (impact == "onbekend") == ((organisatietype if beroepsmatig else relatie) == "onbekend")
    assert (impact == "politie") == (groep == "politie")

    categorie = definities.melder_categorie(beroepsmatig=beroepsmatig, organisatietype=organisatietype, relatie=relatie)
    assert categorie == (organisatietype if beroepsmatig else relatie)
    assert categorie in (definities.MELDER_ORGANISATIETYPE if beroepsmatig else definities.MELDER_RELATIE)


# --- Aard: sub-forms and contradictions -----------------------------------------------------------

# Written out independently of the module: StatLine 84850NED splits only kindermishandeling.
VERWACHTE_AARD_PER_SUBVORM = dict.fromkeys(VERWACHTE_CODES["aard_subvorm"], "kindermishandeling")
GEWELD = {"kindermishandeling", "geweld_tegen_ouders", "partnergeweld", "ouderenmishandeling",
          "huiselijk_geweld_overig"}  # the real forms of violence: any combination of them is consistent
ALLEEN = {"andere_problematiek", "geen_hg_km", "onbekend"}  # each only on its own


@pytest.mark.parametrize("subvorm", sorted(VERWACHTE_CODES["aard_subvorm"]))
def test_every_sub_form_belongs_to_exactly_its_aard(subvorm):
    assert definities.AARD_PER_SUBVORM[subvorm] == VERWACHTE_AARD_PER_SUBVORM[subvorm]
    assert subvorm in [c.code for c in definities.subvormen_van(VERWACHTE_AARD_PER_SUBVORM[subvorm])]
    assert all(subvorm not in [c.code for c in definities.subvormen_van(aard)]
               for aard in definities.AARD.codes() if aard != VERWACHTE_AARD_PER_SUBVORM[subvorm])


def test_the_sub_form_mapping_is_total_and_names_only_real_violence():
    assert set(definities.AARD_PER_SUBVORM) == set(definities.AARD_SUBVORM.codes())
    assert set(definities.AARD_PER_SUBVORM.values()) <= GEWELD
    assert set(definities.AARD.codes()) == GEWELD | ALLEEN
    assert set(definities.AARD_ALLEENSTAAND) == ALLEEN


def test_kindermishandeling_has_the_eight_statline_sub_forms_and_no_other_aard_is_split():
    assert [c.code for c in definities.subvormen_van("kindermishandeling")] == definities.AARD_SUBVORM.codes()
    assert len(definities.AARD_SUBVORM) == 8
    assert all(definities.subvormen_van(aard) == [] for aard in definities.AARD.codes()
               if aard != "kindermishandeling")


def test_the_module_refuses_a_sub_form_mapping_that_misses_a_code(monkeypatch):
    monkeypatch.delitem(definities.AARD_PER_SUBVORM, "km_pcf")
    with pytest.raises(RuntimeError):
        definities._controleer_aard_regels()


def test_the_module_refuses_a_sub_form_of_a_stand_alone_aard(monkeypatch):
    monkeypatch.setitem(definities.AARD_PER_SUBVORM, "km_pcf", "onbekend")
    with pytest.raises(RuntimeError):
        definities._controleer_aard_regels()


def _consistent(aarden: set[str], subvormen: set[str]) -> bool:
    """The rule as the issue states it, spelled out: a stand-alone aard only on its own, a sub-form only with its
    aard."""
    alleen_goed = len(aarden) <= 1 or not (aarden & ALLEEN)
    return alleen_goed and all(VERWACHTE_AARD_PER_SUBVORM[s] in aarden for s in subvormen)


@given(aarden=st.sets(st.sampled_from(sorted(GEWELD | ALLEEN))),
       subvormen=st.sets(st.sampled_from(sorted(VERWACHTE_CODES["aard_subvorm"]))))
def test_the_contradiction_rule_accepts_exactly_the_consistent_combinations(aarden, subvormen):
    fouten = definities.tegenstrijdigheden(aard=sorted(aarden), subvormen=sorted(subvormen))
    assert (fouten == []) is _consistent(aarden, subvormen)
    assert {f.veld for f in fouten} <= {"aard", "aard_subvorm"}
    assert all(f.bericht.strip() for f in fouten)


@pytest.mark.parametrize("alleen", sorted(ALLEEN))
@pytest.mark.parametrize("ander", sorted(GEWELD | ALLEEN))
def test_a_stand_alone_aard_with_any_other_is_refused_with_a_message_naming_it(alleen, ander):
    if alleen == ander:
        assert definities.tegenstrijdigheden(aard=[alleen]) == []
        return
    fouten = definities.tegenstrijdigheden(aard=[alleen, ander])
    assert fouten and all(f.veld == "aard" for f in fouten)
    assert any(str(definities.AARD.label(alleen)) in f.bericht for f in fouten)


def test_a_sub_form_without_its_aard_is_refused_on_the_sub_form_field():
    fouten = definities.tegenstrijdigheden(aard=["partnergeweld"], subvormen=["km_seksueel_misbruik"])
    assert [f.veld for f in fouten] == ["aard_subvorm"]
    assert "Seksueel misbruik" in fouten[0].bericht and "Kindermishandeling" in fouten[0].bericht
    assert definities.tegenstrijdigheden(aard=["kindermishandeling", "partnergeweld"],
                                         subvormen=["km_seksueel_misbruik", "km_pcf"]) == []


def test_duur_labels_are_statlines_classes():
    assert [str(c.label) for c in definities.DUUR_GEWELD] == [
        "≤ 1 week", "> 1 week < 1 maand", "≥ 1 maand < 6 maanden", "≥ 6 maanden < 1 jaar", "≥ 1 jaar < 5 jaar",
        "≥ 5 jaar", "Onbekend"]


def test_the_sub_forms_and_the_duur_name_their_statline_source():
    assert "84850NED" in definities.AARD_SUBVORM.bron
    assert "84848NED" in definities.DUUR_GEWELD.bron
