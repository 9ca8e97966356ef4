from django.core.management.base import BaseCommand, CommandError

from rapportage.tellingen.services.controle import controleer_tellingen
from vtregistratie.models import Organisatie


class Command(BaseCommand):
    help = "Vergelijkt de kwartaaltellingen met de registraties; stopt met een foutcode bij een afwijking."

    def handle(self, *args, **options):
        afwijkingen = controleer_tellingen()
        if not afwijkingen:
            self.stdout.write(self.style.SUCCESS("Alle tellingen kloppen met de registraties."))
            return
        codes = dict(Organisatie.objects.values_list("pk", "code"))
        for a in afwijkingen:
            self.stdout.write(
                f"{codes.get(a.organisatie_id, a.organisatie_id)} {a.jaar}-K{a.kwartaal} {a.wat}: "
                f"geteld {a.telling}, geregistreerd {a.werkelijk}"
            )
        raise CommandError(f"{len(afwijkingen)} afwijking(en) gevonden.")
