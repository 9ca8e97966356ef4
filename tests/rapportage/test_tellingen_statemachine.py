"""Whatever happens to registrations, and in whatever order recomputes and sweeps run, the counts
end equal to the raw registrations, and are exact at every moment for every key that is not stale."""

import contextlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule, run_state_machine_as_test

from adviezen.models import Advies
from adviezen.services import registreer_advies, verwijder_advies, wijzig_advies
from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from meldingen.models import Casus, Melding
from meldingen.services import registreer_melding, verwijder_melding, wijzig_melding
from rapportage.tellingen.models import Telling, TellingAard
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken, herbereken_verouderde
from tests.factories import GebruikerFactory

DATUMS = st.sampled_from([date(2024, 11, 5), date(2024, 12, 30), date(2025, 1, 2), date(2025, 3, 31),
                          date(2025, 4, 1), date(2025, 8, 15)])
GEMEENTEN = st.sampled_from(["GM0363", "GM0437", "GM0362", None])  # Amsterdam, Ouder-Amstel, Amstelveen, onbekend
MELDERS = st.sampled_from([
    {"beroepsmatig": True, "melder_organisatietype": "politie", "melder_relatie": ""},
    {"beroepsmatig": True, "melder_organisatietype": "huisarts", "melder_relatie": ""},
    {"beroepsmatig": False, "melder_organisatietype": "", "melder_relatie": "familielid"},
])
AARDEN = st.lists(st.sampled_from(["kindermishandeling", "partnergeweld", "onbekend"]), min_size=1, max_size=2,
                  unique=True)


class TellingMachine(RuleBasedStateMachine):
    adviezen = Bundle("adviezen")
    meldingen = Bundle("meldingen")

    def __init__(self):
        super().__init__()
        for model in (Melding, Casus, Advies, Telling, TellingAard, VerouderdeSleutel):
            model.objects.all().delete()
        self.intake = GebruikerFactory(rol="intake")

    @rule(target=adviezen, datum=DATUMS, gemeente=GEMEENTEN, melder=MELDERS, aard=AARDEN)
    def registreer_advies(self, datum, gemeente, melder, aard):
        return registreer_advies(door=self.intake, startdatum=datum, gemeente=gemeente, aard=aard, **melder).pk

    @rule(target=meldingen, datum=DATUMS, gemeente=GEMEENTEN, melder=MELDERS, aard=AARDEN, crisis=st.booleans())
    def registreer_melding(self, datum, gemeente, melder, aard, crisis):
        return registreer_melding(door=self.intake, ontvangstdatum=datum, gemeente=gemeente, aard=aard,
                                  acute_onveiligheid=crisis, **melder).pk

    @rule(pk=adviezen, datum=DATUMS, gemeente=GEMEENTEN, melder=MELDERS)
    def wijzig_advies(self, pk, datum, gemeente, melder):
        wijzig_advies(advies=Advies.objects.get(pk=pk), door=self.intake, startdatum=datum, gemeente=gemeente,
                      **melder)

    @rule(pk=meldingen, datum=DATUMS, crisis=st.booleans(), aard=AARDEN)
    def wijzig_melding(self, pk, datum, crisis, aard):
        melding = Melding.objects.get(pk=pk)
        # A refusal (e.g. moved before the opening of its casus) changes nothing; that is fine here.
        with contextlib.suppress(ValidationError):
            wijzig_melding(melding=melding, door=self.intake, ontvangstdatum=datum, acute_onveiligheid=crisis,
                           aard=aard)

    @rule(pk=consumes(adviezen))
    def verwijder_advies(self, pk):
        verwijder_advies(advies=Advies.objects.get(pk=pk), door=self.intake)

    @rule(pk=consumes(meldingen))
    def verwijder_melding(self, pk):
        verwijder_melding(melding=Melding.objects.get(pk=pk), door=self.intake)

    @rule(datum=DATUMS)
    def herbereken_een_sleutel(self, datum):
        herbereken(organisatie_id=self.intake.organisatie_id, kwartaal=Kwartaal.van_datum(datum))

    @rule()
    def veeg(self):
        herbereken_verouderde()

    @invariant()
    def niet_verouderde_sleutels_kloppen(self):
        assert controleer_tellingen() == []

    def teardown(self):
        herbereken_verouderde()
        assert not VerouderdeSleutel.objects.exists()
        assert controleer_tellingen() == []
        geteld = Telling.objects.aggregate(n=Sum("aantal"))["n"] or 0
        assert geteld == Advies.objects.count() + Melding.objects.count()


@pytest.mark.django_db
def test_counts_always_end_equal_to_the_registrations(referentiedata):
    run_state_machine_as_test(
        TellingMachine,
        settings=settings(max_examples=25, stateful_step_count=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )
