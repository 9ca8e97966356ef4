"""Whatever happens to registrations, and in whatever order recomputes and sweeps run, the counts
end equal to the raw registrations, and are exact at every moment for every key that is not stale.

Every dimension moves: dates on quarter and year ends, veiligheidsbeoordelingen set (before, on and after the
5-working-day deadline) and cleared again, meldingen in an existing casus (open or closed), professional and
other melders, known and unknown gemeenten, one or two aarden with or without sub-forms. Besides the project's own
check, every count is compared with a recount written here in plain Python, independent of the declaration of the
dimensions.

The follow-up moves too: diensten registered, moved and deleted (waiting time, doorlooptijd, outcomes, early
closing), overdrachten and monitoring, interleaved with recomputes and sweeps; the started and ended diensten and
the waiting list at every quarter's end are recounted here in plain Python as well."""

import contextlib
from collections import Counter
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from adviezen.models import Advies
from adviezen.services import registreer_advies, verwijder_advies, wijzig_advies
from diensten.models import Dienst, Monitoring, OnderzoekUitkomst, Overdracht
from diensten.services import (
    registreer_dienst,
    registreer_monitoring,
    registreer_overdracht,
    verwijder_dienst,
    wijzig_dienst,
)
from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from meldingen.models import Casus, Melding
from meldingen.services import (
    leg_beoordeling_vast,
    registreer_melding,
    sluit_casus,
    verwijder_melding,
    wijzig_melding,
)
from rapportage.tellingen.models import (
    DUUR_MAX_DAGEN,
    Telling,
    TellingAard,
    TellingDienst,
    TellingSubvorm,
    TellingWachtlijst,
)
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken, herbereken_verouderde, teltabellen
from tests.factories import GebruikerFactory

# quarter and year ends on both sides, and an ordinary day
DATUMS = st.sampled_from([date(2024, 11, 5), date(2024, 12, 31), date(2025, 1, 1), date(2025, 3, 31),
                          date(2025, 4, 1), date(2025, 6, 30), date(2025, 7, 1)])
GEMEENTEN = st.sampled_from(["GM0363", "GM0437", "GM0362", None])  # Amsterdam, Ouder-Amstel, Amstelveen, onbekend
MELDERS = st.sampled_from([
    {"beroepsmatig": True, "melder_organisatietype": "politie", "melder_relatie": ""},
    {"beroepsmatig": True, "melder_organisatietype": "huisarts", "melder_relatie": ""},
    {"beroepsmatig": True, "melder_organisatietype": "onbekend", "melder_relatie": ""},
    {"beroepsmatig": False, "melder_organisatietype": "", "melder_relatie": "familielid"},
    {"beroepsmatig": False, "melder_organisatietype": "", "melder_relatie": "onbekend"},
])
# (aard, sub-forms), consistent: "onbekend" alone, sub-forms of kindermishandeling only with it
AARDEN = st.one_of(
    st.just((["onbekend"], [])),
    st.tuples(st.lists(st.sampled_from(["kindermishandeling", "partnergeweld"]), min_size=1, max_size=2, unique=True),
              st.lists(st.sampled_from(["km_lichamelijke_mishandeling", "km_getuige_huiselijk_geweld"]), max_size=2,
                       unique=True)).map(lambda t: (t[0], t[1] if "kindermishandeling" in t[0] else [])),
)
UITKOMSTEN = st.sampled_from(["overdracht", "geen_vervolgstappen", "vervolgstappen_vt", "regionaal_maatwerk"])
#: days after the deadline the assessment is dated (clamped to the receipt date): before, on and after the term
TOT_TERMIJN = st.sampled_from([-30, -1, 0, 1, 40])


def _kwartaal(dag: date) -> tuple[int, int]:
    return dag.year, (dag.month - 1) // 3 + 1


def hertelling() -> tuple[Counter, Counter, Counter]:
    """The counts of every table, recounted from the registrations by the rules as the documentation states them."""
    telling, aard, subvorm = Counter(), Counter(), Counter()
    rijen = [("advies", a, a.startdatum, {"crisis": False, "beoordeling": "", "eerdere_betrokkenheid": "",
                                          "binnen_termijn": None}) for a in Advies.objects.all()]
    rijen += [("melding", m, m.ontvangstdatum, {
        "crisis": m.acute_onveiligheid,
        "beoordeling": m.beoordeling_uitkomst if m.beoordeling_datum else "nog_niet_beoordeeld",
        "eerdere_betrokkenheid": m.eerdere_betrokkenheid,
        "binnen_termijn": None if m.beoordeling_datum is None else m.beoordeling_datum <= m.beoordelingstermijn,
    }) for m in Melding.objects.all()]
    for soort, r, dag, eigen in rijen:
        basis = (r.organisatie_id, *_kwartaal(dag), r.gemeente_id or "", soort)
        categorie = r.melder_organisatietype if r.beroepsmatig else r.melder_relatie
        telling[(*basis, r.melder_groep, categorie, eigen["crisis"], eigen["beoordeling"],
                 eigen["eerdere_betrokkenheid"], eigen["binnen_termijn"])] += 1
        for code in r.aard:
            aard[(*basis, code)] += 1
        for code in r.aard_subvorm:
            subvorm[(*basis, code)] += 1
    return telling, aard, subvorm


#: "today" while the machine runs: the waiting list is counted up to this quarter
VANDAAG = date(2025, 9, 15)


def hertelling_vervolg() -> tuple[Counter, Counter]:
    """Started and ended diensten per quarter, and the waiting list at each quarter's end up to today's quarter."""
    diensten, wachtlijst = Counter(), Counter()
    for d in Dienst.objects.select_related("melding"):
        basis = (d.organisatie_id, d.melding.gemeente_id or "", d.soort)
        diensten[(basis[0], *_kwartaal(d.startdatum), basis[1], d.soort, "gestart", "")] += 1
        if d.einddatum:
            diensten[(basis[0], *_kwartaal(d.einddatum), basis[1], d.soort, "afgerond", d.afsluitreden)] += 1
    for m in Melding.objects.filter(beoordeling_uitkomst="vervolgstappen_vt").select_related("dienst"):
        start = m.dienst.startdatum if hasattr(m, "dienst") else None
        kwartaal = Kwartaal.van_datum(m.beoordeling_datum)
        while kwartaal <= Kwartaal.van_datum(VANDAAG):
            laatste_dag = kwartaal.einde - timedelta(days=1)
            if start is None or start > laatste_dag:
                dagen = min((laatste_dag - m.beoordeling_datum).days, DUUR_MAX_DAGEN)
                wachtlijst[(m.organisatie_id, kwartaal.jaar, kwartaal.kwartaal, m.gemeente_id or "", m.vervolgdienst,
                            dagen)] += 1
            kwartaal = kwartaal.volgende()
    return diensten, wachtlijst


def _opgeteld(rijen) -> Counter:
    """Stored rows summed over the dimensions this recount does not know (vervolgmelding_moment, ...): keyed
    instead, two rows that differ only there would overwrite each other."""
    teller = Counter()
    for *sleutel, aantal in rijen:
        teller[tuple(sleutel)] += aantal
    return teller


def opgeslagen_vervolg() -> tuple[Counter, Counter]:
    diensten = _opgeteld(TellingDienst.objects.values_list(
        "organisatie_id", "jaar", "kwartaal", "gemeente_code", "dienst", "gebeurtenis", "afsluitreden", "aantal"))
    wachtlijst = _opgeteld(TellingWachtlijst.objects.values_list(
        "organisatie_id", "jaar", "kwartaal", "gemeente_code", "dienst", "dagen", "aantal"))
    return diensten, wachtlijst


def opgeslagen() -> tuple[Counter, Counter, Counter]:
    kolommen = ("organisatie_id", "jaar", "kwartaal", "gemeente_code", "soort", "melder_groep", "melder_categorie",
                "crisis", "beoordeling", "eerdere_betrokkenheid", "binnen_termijn")
    telling = _opgeteld(Telling.objects.values_list(*kolommen, "aantal"))
    aard = _opgeteld(TellingAard.objects.values_list(
        "organisatie_id", "jaar", "kwartaal", "gemeente_code", "soort", "aard", "aantal"))
    subvorm = _opgeteld(TellingSubvorm.objects.values_list(
        "organisatie_id", "jaar", "kwartaal", "gemeente_code", "soort", "aard_subvorm", "aantal"))
    return telling, aard, subvorm


def zonder(teller: Counter, verouderd: set) -> Counter:
    return Counter({k: n for k, n in teller.items() if k[:3] not in verouderd and n})


class TellingMachine(RuleBasedStateMachine):
    adviezen = Bundle("adviezen")
    meldingen = Bundle("meldingen")

    def __init__(self):
        super().__init__()
        for model in (OnderzoekUitkomst, Overdracht, Monitoring, Dienst, Melding, Casus, Advies, VerouderdeSleutel,
                      *(tabel.model for tabel in teltabellen())):
            model.objects.all().delete()
        self.intake = GebruikerFactory(rol="intake")

    @rule(target=adviezen, datum=DATUMS, gemeente=GEMEENTEN, melder=MELDERS, aard=AARDEN)
    def registreer_advies(self, datum, gemeente, melder, aard):
        return registreer_advies(door=self.intake, startdatum=datum, gemeente=gemeente, aard=aard[0],
                                 aard_subvorm=aard[1], **melder).pk

    @rule(target=meldingen, datum=DATUMS, gemeente=GEMEENTEN, melder=MELDERS, aard=AARDEN, crisis=st.booleans())
    def registreer_melding(self, datum, gemeente, melder, aard, crisis):
        return registreer_melding(door=self.intake, ontvangstdatum=datum, gemeente=gemeente, aard=aard[0],
                                  aard_subvorm=aard[1], acute_onveiligheid=crisis, **melder).pk

    @rule(target=meldingen, eerdere=meldingen, datum=DATUMS, melder=MELDERS)
    def registreer_in_bestaande_casus(self, eerdere, datum, melder):
        """A vervolgmelding (casus open) or hermelding (casus closed before the date); refused before its opening."""
        casus = Melding.objects.get(pk=eerdere).casus
        try:
            return registreer_melding(door=self.intake, casus=casus, ontvangstdatum=datum, gemeente="GM0363",
                                      aard=["partnergeweld"], **melder).pk
        except ValidationError:
            return multiple()  # nothing registered, nothing added to the bundle

    @rule(pk=meldingen, datum=DATUMS)
    def sluit_casus(self, pk, datum):
        with contextlib.suppress(ValidationError):
            sluit_casus(casus=Melding.objects.get(pk=pk).casus, door=self.intake, datum=datum)

    @rule(pk=adviezen, datum=DATUMS, gemeente=GEMEENTEN, melder=MELDERS)
    def wijzig_advies(self, pk, datum, gemeente, melder):
        wijzig_advies(advies=Advies.objects.get(pk=pk), door=self.intake, startdatum=datum, gemeente=gemeente,
                      **melder)

    @rule(pk=meldingen, datum=DATUMS, crisis=st.booleans(), aard=AARDEN)
    def wijzig_melding(self, pk, datum, crisis, aard):
        melding = Melding.objects.get(pk=pk)
        # A refusal (e.g. moved before the opening of its casus or after its assessment) changes nothing.
        with contextlib.suppress(ValidationError):
            wijzig_melding(melding=melding, door=self.intake, ontvangstdatum=datum, acute_onveiligheid=crisis,
                           aard=aard[0], aard_subvorm=aard[1])

    @rule(pk=meldingen, dagen=TOT_TERMIJN, uitkomst=UITKOMSTEN)
    def beoordeel(self, pk, dagen, uitkomst):
        melding = Melding.objects.get(pk=pk)
        datum = max(melding.ontvangstdatum, melding.beoordelingstermijn + timedelta(days=dagen))
        dienst = "onderzoek" if uitkomst == "vervolgstappen_vt" else ""
        with contextlib.suppress(ValidationError):
            leg_beoordeling_vast(melding=melding, door=self.intake, datum=datum, uitkomst=uitkomst,
                                 vervolgdienst=dienst)

    @rule(pk=meldingen)
    def wis_beoordeling(self, pk):
        with contextlib.suppress(ValidationError):  # refused while the melding has a follow-up
            wijzig_melding(melding=Melding.objects.get(pk=pk), door=self.intake, beoordeling_datum=None,
                           beoordeling_uitkomst="", vervolgdienst="")

    @rule(target=meldingen, datum=DATUMS, dagen=st.sampled_from([0, 3, 95]))
    def melding_met_vervolgstappen(self, datum, dagen):
        """A melding waiting for a dienst: on the waiting list at the end of every quarter until one starts."""
        melding = registreer_melding(door=self.intake, ontvangstdatum=datum, gemeente="GM0363", aard=["partnergeweld"],
                                     beroepsmatig=True, melder_organisatietype="politie")
        with contextlib.suppress(ValidationError):
            leg_beoordeling_vast(melding=melding, door=self.intake, datum=datum + timedelta(days=dagen),
                                 uitkomst="vervolgstappen_vt", vervolgdienst="voorwaarden_en_vervolg")
        return melding.pk

    @rule(pk=meldingen, wacht=st.sampled_from([0, 1, 40, 100]), duur=st.sampled_from([None, 0, 30, 90]),
          soort=st.sampled_from(["onderzoek", "voorwaarden_en_vervolg"]), voortijdig=st.booleans(),
          eerst_vegen=st.booleans())
    def registreer_dienst(self, pk, wacht, duur, soort, voortijdig, eerst_vegen):
        """A dienst decided at the beoordeling; refused without vervolgstappen, twice, or in the future. Swept first,
        the waiting list of every quarter up to today is counted with the melding on it, so the start must mark
        every quarter it takes the melding out of (without the sweep those quarters are stale anyway, and a
        missing mark goes unseen). A melding not yet assessed gets "vervolgstappen Veilig Thuis" first."""
        melding = Melding.objects.get(pk=pk)
        if melding.beoordeling_datum is None:
            try:
                melding = leg_beoordeling_vast(melding=melding, door=self.intake, datum=melding.ontvangstdatum,
                                               uitkomst="vervolgstappen_vt", vervolgdienst=soort)
            except ValidationError:
                return
        if eerst_vegen:
            herbereken_verouderde()
        start = melding.beoordeling_datum + timedelta(days=wacht)
        einde = None if duur is None else start + timedelta(days=duur)
        afgerond_onderzoek = soort == "onderzoek" and einde is not None
        with contextlib.suppress(ValidationError):
            registreer_dienst(melding=melding, door=self.intake, soort=soort, startdatum=start, einddatum=einde,
                              afsluitreden="overleden" if afgerond_onderzoek and voortijdig else "",
                              uitkomsten=dict.fromkeys(melding.aard, "bevestigd")
                              if afgerond_onderzoek and not voortijdig else None)

    @rule(pk=meldingen, verschuif=st.sampled_from([-60, -1, 1, 45]), beeindig=st.booleans())
    def wijzig_dienst(self, pk, verschuif, beeindig):
        """Move a dienst's start (in and out of quarters at whose end it waited), end a running voorwaarden en
        vervolg or reopen an ended one."""
        dienst = Dienst.objects.filter(melding_id=pk).first()
        if dienst is None:
            return
        wijziging = {"startdatum": dienst.startdatum + timedelta(days=verschuif)}
        if dienst.soort == "voorwaarden_en_vervolg":
            wijziging["einddatum"] = (max(wijziging["startdatum"], dienst.startdatum) + timedelta(days=20)
                                      if beeindig else None)
        with contextlib.suppress(ValidationError):
            wijzig_dienst(dienst=dienst, door=self.intake, **wijziging)

    @rule(pk=meldingen)
    def verwijder_dienst(self, pk):
        dienst = Dienst.objects.filter(melding_id=pk).first()
        if dienst is not None:
            with contextlib.suppress(ValidationError):
                verwijder_dienst(dienst=dienst, door=self.intake, reden="verkeerde melding")

    @rule(pk=meldingen, na=st.sampled_from([0, 10]), monitoring=st.booleans())
    def overdracht_of_monitoring(self, pk, na, monitoring):
        """Monitoring changes the vervolgmelding subgroup of later meldingen of the casus."""
        melding = Melding.objects.get(pk=pk)
        if melding.beoordeling_datum is None:
            return
        datum = melding.beoordeling_datum + timedelta(days=na)
        with contextlib.suppress(ValidationError):
            if monitoring:
                registreer_monitoring(melding=melding, door=self.intake, startdatum=datum,
                                      einddatum=datum + timedelta(days=60))
            else:
                registreer_overdracht(melding=melding, door=self.intake, datum=datum, bestemming="lokaal_veld")

    @rule(pk=consumes(adviezen))
    def verwijder_advies(self, pk):
        verwijder_advies(advies=Advies.objects.get(pk=pk), door=self.intake, reden="dubbel")

    @rule(pk=consumes(meldingen))
    def verwijder_melding(self, pk):
        with contextlib.suppress(ValidationError):  # refused while the melding has a follow-up
            verwijder_melding(melding=Melding.objects.get(pk=pk), door=self.intake, reden="dubbel")

    @rule(datum=DATUMS)
    def herbereken_een_sleutel(self, datum):
        herbereken(organisatie_id=self.intake.organisatie_id, kwartaal=Kwartaal.van_datum(datum))

    @rule()
    def veeg(self):
        herbereken_verouderde()

    @invariant()
    def niet_verouderde_sleutels_kloppen(self):
        assert controleer_tellingen() == []
        verouderd = set(VerouderdeSleutel.objects.values_list("organisatie_id", "jaar", "kwartaal"))
        for geteld, werkelijk in zip((*opgeslagen(), *opgeslagen_vervolg()), (*hertelling(), *hertelling_vervolg()),
                                     strict=True):
            assert zonder(geteld, verouderd) == zonder(werkelijk, verouderd)

    def teardown(self):
        herbereken_verouderde()
        assert not VerouderdeSleutel.objects.exists()
        assert controleer_tellingen() == []
        assert opgeslagen() == hertelling()
        assert opgeslagen_vervolg() == hertelling_vervolg()
        geteld = Telling.objects.aggregate(n=Sum("aantal"))["n"] or 0
        assert geteld == Advies.objects.count() + Melding.objects.count()


@pytest.mark.django_db
def test_counts_always_end_equal_to_the_registrations(referentiedata):
    with time_machine.travel(VANDAAG):
        _run()


def _run():
    run_state_machine_as_test(
        TellingMachine,
        settings=settings(max_examples=25, stateful_step_count=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )
