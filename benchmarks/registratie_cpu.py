"""CPU per registration in-process: the whole Django request (API-key authentication, permission check,
serializer, service with its queries, JSON answer) without a web server or network, measured as process CPU
time over many registrations. Everything is rolled back afterwards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vtreg_bench .venv/bin/python benchmarks/registratie_cpu.py \\
        --aantal 400 --rondes 3

Adviezen and meldingen alternate, dated in the current quarter in the benchmark organisation's gemeenten.
Target (docs/performance.md): ≤ 6 ms CPU per registration.
"""

import argparse
import cProfile
import json
import os
import pstats
import time
from datetime import date

os.environ.setdefault("ALLOWED_HOSTS", "testserver")

from _server import BENCH_ORGANISATIE, maak_benchgebruikers
from _setup import django_setup, machine


def _invoer(i: int, datum: str, gemeenten: list[str]) -> tuple[str, dict]:
    gemeente = gemeenten[i % len(gemeenten)]
    if i % 2:
        return "meldingen", {"ontvangstdatum": datum, "gemeente": gemeente, "beroepsmatig": True,
                             "melder_organisatietype": "politie", "aard": ["partnergeweld"]}
    return "adviezen", {"startdatum": datum, "gemeente": gemeente, "beroepsmatig": True,
                        "melder_organisatietype": "huisarts", "aard": ["kindermishandeling"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aantal", type=int, default=400)
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--profiel", action="store_true", help="print where the CPU goes (cProfile, one round)")
    args = parser.parse_args()

    connection = django_setup()
    from django.db import transaction
    from django.test import Client

    from vtregistratie.models import Lidmaatschap

    token = maak_benchgebruikers()["intake"].token
    vandaag = date.today()
    gemeenten = sorted({lid.gemeente.code for lid in Lidmaatschap.objects.select_related("gemeente")
                        .filter(organisatie__code=BENCH_ORGANISATIE) if lid.gemeente.is_geldig_op(vandaag)})
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    print(machine())
    for ronde in range(args.rondes):
        with transaction.atomic():
            for i in range(20):  # warm-up: imports, caches, the quarter's first registration
                soort, invoer = _invoer(i, vandaag.isoformat(), gemeenten)
                client.post(f"/api/v1/{soort}/", json.dumps(invoer), content_type="application/json")
            profiel = cProfile.Profile() if args.profiel else None
            begin_cpu, begin_wand = time.process_time(), time.perf_counter()
            if profiel:
                profiel.enable()
            for i in range(args.aantal):
                soort, invoer = _invoer(i, vandaag.isoformat(), gemeenten)
                antwoord = client.post(f"/api/v1/{soort}/", json.dumps(invoer), content_type="application/json")
                assert antwoord.status_code == 201, antwoord.content
            if profiel:
                profiel.disable()
            cpu, wand = time.process_time() - begin_cpu, time.perf_counter() - begin_wand
            transaction.set_rollback(True)
        print(f"round {ronde + 1}: {cpu / args.aantal * 1000:.1f} ms CPU and {wand / args.aantal * 1000:.1f} ms wall "
              f"per registration ({args.aantal} registrations, {connection.vendor})")
        if profiel:
            pstats.Stats(profiel).sort_stats("cumulative").print_stats(r"(adviezen|meldingen|vtregistratie|kwartalen|"
                                                                      r"rest_framework|psycopg)/", 30)
            break


if __name__ == "__main__":
    main()
