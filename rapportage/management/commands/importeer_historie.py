from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rapportage.historie.services import HistorieFout, importeer_historie


class Command(BaseCommand):
    help = ("Importeert kwartaaltotalen per organisatie van voor het gebruik van de applicatie uit een CSV- of "
            "XLSX-bestand (organisatie, jaar, kwartaal, soort, meldergroep, crisis, aantal). Alles of niets; "
            "opnieuw importeren vervangt de cijfers per organisatie en kwartaal. Zie docs/analyses.md.")

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Pad naar het CSV- of XLSX-bestand.")

    def handle(self, *args, bestand, **options):
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand {bestand} bestaat niet.")
        try:
            rapport = importeer_historie(pad=pad)
        except HistorieFout as fout:
            for f in fout.fouten:
                self.stderr.write(str(f))
            raise CommandError(f"{len(fout.fouten)} fout(en); er is niets geïmporteerd.") from fout
        self.stdout.write(self.style.SUCCESS(
            f"{rapport.regels} regels gelezen: {len(rapport.kwartalen)} kwartalen van "
            f"{', '.join(rapport.organisaties)} geïmporteerd ({rapport.opgeslagen} cijfers, "
            f"{rapport.vervangen} eerder geïmporteerde vervangen)."))
