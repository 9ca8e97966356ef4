from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kwartalen.kwartaal import Kwartaal
from rapportage.tellingen.services.herberekening import STAPPEN, herbereken_alles
from vtregistratie.models import Organisatie


class Command(BaseCommand):
    help = "Berekent de kwartaaltellingen opnieuw, per organisatie en kwartaal."

    def add_arguments(self, parser):
        parser.add_argument("--organisatie", help="Code van de organisatie, bijvoorbeeld VT01.")
        parser.add_argument("--van", help="Eerste kwartaal, bijvoorbeeld 2024-Q1.")
        parser.add_argument("--tot", help="Laatste kwartaal (inclusief), bijvoorbeeld 2025-Q4.")

    def handle(self, *args, organisatie=None, van=None, tot=None, **options):
        organisaties = None
        if organisatie:
            organisaties = list(Organisatie.objects.filter(code=organisatie))
            if not organisaties:
                raise CommandError(f"Onbekende organisatie {organisatie}.")
        try:
            van_kw = Kwartaal.parse(van) if van else None
            tot_kw = Kwartaal.parse(tot) if tot else None
        except ValueError as exc:
            raise CommandError(f"Ongeldig kwartaal: {exc}. Gebruik bijvoorbeeld 2025-Q1.") from exc
        with tqdm(total=len(STAPPEN), desc="Herberekenen", unit="stap", disable=options["verbosity"] == 0) as balk:
            aantal = herbereken_alles(organisaties=organisaties, van=van_kw, tot=tot_kw, aanleiding="commando",
                                      voortgang=lambda naam: (balk.set_postfix_str(naam), balk.update()))
        self.stdout.write(self.style.SUCCESS(f"{aantal} kwartalen herberekend."))
