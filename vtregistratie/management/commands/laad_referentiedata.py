from django.core.management.base import BaseCommand
from tqdm import tqdm

from vtregistratie.services.referentiedata import laad_referentiedata

STAPPEN = 7


class Command(BaseCommand):
    help = "Laadt de meegeleverde referentiedata (VT-regio's, gemeenten, indeling, inwoners). Idempotent."

    def handle(self, *args, **options):
        with tqdm(total=STAPPEN, desc="Referentiedata", unit="tabel", disable=options["verbosity"] == 0) as balk:
            rapport = laad_referentiedata(voortgang=lambda naam: (balk.set_postfix_str(naam), balk.update()))
        for naam, res in rapport.tabellen.items():
            self.stdout.write(
                f"{naam:<24} toegevoegd {res.toegevoegd:>5}  gewijzigd {res.gewijzigd:>5}  "
                f"ongewijzigd {res.ongewijzigd:>5}"
            )
        if rapport.iets_gewijzigd:
            self.stdout.write(self.style.SUCCESS("Referentiedata bijgewerkt."))
        else:
            self.stdout.write(self.style.SUCCESS("Referentiedata was al actueel; niets gewijzigd."))
