import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from rapportage.cbs import selectors
from rapportage.cbs.aggregaat import schrijf_aggregaat
from rapportage.cbs.bestand import tel_records
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import maak_aanlevering, maak_geplande_aanleveringen, valideer_aanlevering
from vtregistratie.models import Organisatie


class Command(BaseCommand):
    help = (
        "Maakt de CBS-aanlevering van een organisatie over een halfjaar (bestaat er al een versie, dan de volgende "
        "versie: een correctie) en valideert haar. Met --aggregaat het geaggregeerde CSV-bestand; met --gepland "
        "nu de geplande aanmaak voor alle organisaties."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisatie", help="Code van de organisatie, bijvoorbeeld VT01.")
        parser.add_argument("--periode", help="Halfjaar, bijvoorbeeld 2025-H1.")
        parser.add_argument("--zonder-validatie", action="store_true", help="Alleen aanmaken, niet valideren.")
        parser.add_argument("--aggregaat", metavar="BESTAND",
                            help="Schrijf het aggregaat (CSV, afgerond) van het halfjaar naar BESTAND (- = stdout), "
                                 "voor de organisatie of, zonder --organisatie, voor alle organisaties.")
        parser.add_argument("--gepland", action="store_true",
                            help="Voer nu de geplande aanmaak uit: alle organisaties die klaar zijn, alleen wat "
                                 "ontbreekt.")

    def handle(self, *args, organisatie=None, periode=None, zonder_validatie=False, aggregaat=None, gepland=False,
               **options):
        if gepland:
            gemaakt = maak_geplande_aanleveringen()
            for a in gemaakt:
                self.stdout.write(f"{a}: {a.get_status_display()}")
            self.stdout.write(self.style.SUCCESS(f"{len(gemaakt)} aanlevering(en) aangemaakt."))
            return
        if not periode:
            raise CommandError("Geef --periode, bijvoorbeeld 2025-H1.")
        try:
            halfjaar = Halfjaar.parse(periode)
        except ValueError as exc:
            raise CommandError(f"Ongeldig halfjaar {periode!r}; gebruik bijvoorbeeld 2025-H1.") from exc
        org = None
        if organisatie:
            org = Organisatie.objects.filter(code=organisatie.upper()).first()
            if org is None:
                raise CommandError(f"Onbekende organisatie {organisatie}.")
        if aggregaat:
            self._aggregaat(aggregaat, halfjaar, org)
            return
        if org is None:
            raise CommandError("Geef --organisatie, bijvoorbeeld VT01.")
        self._aanlevering(org, halfjaar, valideren=not zonder_validatie, stil=options["verbosity"] == 0)

    def _aggregaat(self, pad: str, halfjaar: Halfjaar, org) -> None:
        organisaties = [org] if org else None
        if pad == "-":
            rijen = schrijf_aggregaat(sys.stdout, halfjaar=halfjaar, organisaties=organisaties)
        else:
            with open(pad, "w", encoding="utf-8", newline="") as uit:
                rijen = schrijf_aggregaat(uit, halfjaar=halfjaar, organisaties=organisaties)
        self.stderr.write(f"{rijen} regels geschreven.")

    def _aanlevering(self, org, halfjaar: Halfjaar, *, valideren: bool, stil: bool) -> None:
        statussen = selectors.kwartaalstatussen(organisatie=org, halfjaar=halfjaar)
        totaal = tel_records(organisatie=org, kwartalen=selectors.geleverde_kwartalen(statussen)) + 2
        with tqdm(total=totaal, desc=f"{org.code} {halfjaar}", unit="record", disable=stil) as balk:
            try:
                aanlevering = maak_aanlevering(organisatie=org, halfjaar=halfjaar,
                                               aanleiding=Aanlevering.Aanleiding.COMMANDO, voortgang=balk.update)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{aanlevering}: {aanlevering.aantal_records} records, {aanlevering.bestand.path}")
        self.stdout.write(f"sha256 {aanlevering.sha256}")
        if not valideren:
            return
        try:
            aanlevering = valideer_aanlevering(aanlevering=aanlevering)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for p in aanlevering.problemen:
            self.stdout.write(f"record {p['record'] or '-'} {p['soort']} {p['sleutel']} {p['veld']}: {p['melding']}")
        if aanlevering.validatierapport["geslaagd"]:
            self.stdout.write(self.style.SUCCESS("Gevalideerd: geen problemen."))
        else:
            raise CommandError(f"Afgekeurd: {aanlevering.validatierapport['aantal_problemen']} probleem/problemen.")
