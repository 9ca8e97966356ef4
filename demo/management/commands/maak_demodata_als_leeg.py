from django.core.management.base import BaseCommand, CommandError

from demo.demodata import DemodataGeweigerd, maak_demodata_als_leeg
from demo.management.commands.genereer_demodata import Voortgangsbalk, schrijf_samenvatting


class Command(BaseCommand):
    help = (
        "Maakt een kleine demo-set (2 % van de drie vorige jaren plus dit jaar tot vandaag, verstreken kwartalen "
        "afgesloten) als er nog geen registraties "
        "zijn; doet anders niets. Voor `make run`."
    )

    def handle(self, *args, **options):
        balk = Voortgangsbalk(stil=options["verbosity"] == 0)
        try:
            samenvatting = maak_demodata_als_leeg(voortgang=balk)
        except DemodataGeweigerd as exc:
            raise CommandError(str(exc)) from exc
        finally:
            balk.sluit()
        if samenvatting is None:
            self.stdout.write("Er zijn al registraties; geen demodata gemaakt.")
            return
        schrijf_samenvatting(self.stdout, samenvatting)
