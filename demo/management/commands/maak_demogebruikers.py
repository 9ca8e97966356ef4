from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from demo.demogebruikers import maak_demogebruikers


class Command(BaseCommand):
    help = "Maakt één demo-gebruiker per rol (alleen in debug- of demomodus) en toont de inloggegevens."

    def handle(self, *args, **options):
        try:
            gebruikers = maak_demogebruikers()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Demo-inloggegevens (alleen voor demonstratie):")
        for g in gebruikers:
            org = g.organisatie or "-"
            self.stdout.write(
                f"  {g.rol:<11} gebruiker {g.gebruikersnaam:<11} wachtwoord {g.wachtwoord:<20} organisatie {org}"
            )
