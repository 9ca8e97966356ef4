"""Whatever happens to registrations, and in whatever order recomputes and sweeps run, the counts
end equal to the raw registrations, and are exact at every moment for every key that is not stale.

Every dimension moves: dates on quarter and year ends, veiligheidsbeoordelingen set (before, on and after the
5-working-day deadline) and cleared again, meldingen in an existing casus (open or closed), professional and
other melders, known and unknown gemeenten, one or two aarden with or without sub-forms. Besides the project's own
check, every count is compared with a recount written here in plain Python, independent of the declaration of the
dimensions."""

import contextlib
from collections import Counter
from datetime import date, timedelta

import pytest
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
from rapportage.tellingen.models import Telling, TellingAard, TellingSubvorm
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken, herbereken_verouderde
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


def opgeslagen() -> tuple[Counter, Counter, Counter]:
    kolommen = ("organisatie_id", "jaar", "kwartaal", "gemeente_code", "soort", "melder_groep", "melder_categorie",
                "crisis", "beoordeling", "eerdere_betrokkenheid", "binnen_termijn")
    telling = Counter({tuple(r[:-1]): r[-1] for r in Telling.objects.values_list(*kolommen, "aantal")})
    aard = Counter({tuple(r[:-1]): r[-1] for r in TellingAard.objects.values_list(
        "organisatie_id", "jaar", "kwartaal", "gemeente_code", "soort", "aard", "aantal")})
    subvorm = Counter({tuple(r[:-1]): r[-1] for r in TellingSubvorm.objects.values_list(
        "organisatie_id", "jaar", "kwartaal", "gemeente_code", "soort", "aard_subvorm", "aantal")})
    return telling, aard, subvorm


def zonder(teller: Counter, verouderd: set) -> Counter:
    return Counter({k: n for k, n in teller.items() if k[:3] not in verouderd and n})


class TellingMachine(RuleBasedStateMachine):
    adviezen = Bundle("adviezen")
    meldingen = Bundle("meldingen")

    def __init__(self):
        super().__init__()
        for model in (Melding, Casus, Advies, Telling, TellingAard, TellingSubvorm, VerouderdeSleutel):
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
        wijzig_melding(melding=Melding.objects.get(pk=pk), door=self.intake, beoordeling_datum=None,
                       beoordeling_uitkomst="", vervolgdienst="")

    @rule(pk=consumes(adviezen))
    def verwijder_advies(self, pk):
        verwijder_advies(advies=Advies.objects.get(pk=pk), door=self.intake, reden="dubbel")

    @rule(pk=consumes(meldingen))
    def verwijder_melding(self, pk):
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
        for geteld, werkelijk in zip(opgeslagen(), hertelling(), strict=True):
            assert zonder(geteld, verouderd) == zonder(werkelijk, verouderd)

    def teardown(self):
        herbereken_verouderde()
        assert not VerouderdeSleutel.objects.exists()
        assert controleer_tellingen() == []
        assert opgeslagen() == hertelling()
        geteld = Telling.objects.aggregate(n=Sum("aantal"))["n"] or 0
        assert geteld == Advies.objects.count() + Melding.objects.count()


@pytest.mark.django_db
def test_counts_always_end_equal_to_the_registrations(referentiedata):
    run_state_machine_as_test(
        TellingMachine,
        settings=settings(max_examples=25, stateful_step_count=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )
