from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo.demodata import (
    ADVIES,
    CASUS,
    MELDING,
    DemodataGeweigerd,
    Samenvatting,
    genereer_demodata,
)


def schrijf_samenvatting(stdout, samenvatting: Samenvatting) -> None:
    """The rows made per soort and year, a total line, and what became of the rollup."""
    stdout.write(f"{'jaar':<6}{'adviezen':>10}{'meldingen':>11}{'casussen':>10}")
    for jaar in samenvatting.jaren():
        regel = (samenvatting.aantallen[(soort, jaar)] for soort in (ADVIES, MELDING, CASUS))
        stdout.write(f"{jaar:<6}" + "".join(f"{n:>{w},}" for n, w in zip(regel, (10, 11, 10), strict=True)))
    totalen = (samenvatting.totaal(soort) for soort in (ADVIES, MELDING, CASUS))
    stdout.write(f"{'totaal':<6}" + "".join(f"{n:>{w},}" for n, w in zip(totalen, (10, 11, 10), strict=True)))
    stdout.write(samenvatting.herberekening)
    if samenvatting.kwartalen:
        stdout.write("Kwartalen afgesloten: " + ", ".join(
            f"{n} {status}" for status, n in sorted(samenvatting.kwartalen.items())))


class Voortgangsbalk:
    """A tqdm bar that moves per organisation-year. Made at the first step, when the generator has planned
    and knows the total, so a run that generates nothing shows no bar."""

    def __init__(self, stil: bool):
        self.stil = stil
        self.balk: tqdm | None = None

    def __call__(self, omschrijving: str, totaal: int) -> None:
        if self.balk is None:
            self.balk = tqdm(total=totaal, desc="Demodata", unit="organisatiejaar", disable=self.stil)
        self.balk.set_postfix_str(omschrijving, refresh=False)
        self.balk.update()

    def sluit(self) -> None:
        if self.balk is not None:
            self.balk.close()


class Command(BaseCommand):
    help = (
        "Genereert synthetische adviezen, meldingen en casussen voor alle organisaties, gekalibreerd op de "
        "landelijke jaartotalen (zie docs/demodata.md). Weigert als er al registraties zijn, tenzij --wis."
    )

    def add_arguments(self, parser):
        parser.add_argument("--van", type=int, required=True, help="Eerste jaar (vanaf 2019).")
        parser.add_argument("--tot", type=int, required=True, help="Laatste jaar, inclusief; nooit na vandaag.")
        parser.add_argument("--schaal", type=float, default=1.0,
                            help="Deel van de landelijke aantallen, bijvoorbeeld 0.02 voor 2 %%. Standaard 1.0.")
        parser.add_argument("--seed", type=int, default=1, help="Zelfde seed en argumenten geven dezelfde data.")
        parser.add_argument("--wis", action="store_true",
                            help="Verwijder eerst alle adviezen, meldingen, casussen en hun nummerreeksen.")

    def handle(self, *args, van, tot, schaal, seed, wis, **options):
        balk = Voortgangsbalk(stil=options["verbosity"] == 0)
        try:
            samenvatting = genereer_demodata(van=van, tot=tot, schaal=schaal, seed=seed, wis=wis, voortgang=balk)
        except DemodataGeweigerd as exc:
            raise CommandError(str(exc)) from exc
        finally:
            balk.sluit()
        schrijf_samenvatting(self.stdout, samenvatting)
