"""Registration through the API under load: requests per second and p50/p95 latency with 1, 4 and 16
concurrent clients, against gunicorn on loopback, with a Celery worker doing the recomputes they trigger.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vtreg_demo CELERY_BROKER_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python benchmarks/api.py --clients 1 4 16 --duur 20

Use the full-scale database (docs/demodata.md). Every client is a thread that posts, one after the other,
an advies and a melding (half each) to /api/v1/adviezen/ and /api/v1/meldingen/ as an integration account
with an API key (role intake), dated in the current quarter. Afterwards the benchmark's registrations are
deleted again and their keys recomputed, so the database is as it was. Target (docs/performance.md): ≥ 200
registrations per second with 4 clients.
"""

import argparse
import os
import random
import subprocess
import threading
import time
from datetime import date, timedelta

from _server import BENCH_ORGANISATIE, gunicorn, maak_benchgebruikers, percentiel, post_json
from _setup import ROOT, django_setup, machine


def _gegevens(gemeenten: list[str], vandaag: date, begin: date, rnd: random.Random, soort: str) -> dict:
    datum = (begin + timedelta(days=rnd.randrange((vandaag - begin).days + 1))).isoformat()
    if soort == "advies":
        return {"startdatum": datum, "gemeente": rnd.choice(gemeenten), "beroepsmatig": True,
                "melder_organisatietype": "huisarts", "aard": ["kindermishandeling"]}
    return {"ontvangstdatum": datum, "gemeente": rnd.choice(gemeenten), "beroepsmatig": True,
            "melder_organisatietype": "politie", "aard": ["partnergeweld"], "acute_onveiligheid": False}


def _belast(basis: str, token: str, clients: int, duur: float, gemeenten: list[str]) -> dict:
    from kwartalen.kwartaal import Kwartaal

    vandaag = date.today()
    begin = Kwartaal.van_datum(vandaag).begin
    latenties: list[float] = []
    statussen: dict[int, int] = {}
    slot = threading.Lock()
    start = time.perf_counter()
    einde = start + duur

    def client(nummer: int):
        rnd = random.Random(nummer)
        eigen, eigen_status = [], {}
        i = 0
        while time.perf_counter() < einde:
            soort = "advies" if (i + nummer) % 2 == 0 else "melding"
            t0 = time.perf_counter()
            status = post_json(f"{basis}/api/v1/{'adviezen' if soort == 'advies' else 'meldingen'}/", token,
                               _gegevens(gemeenten, vandaag, begin, rnd, soort))
            eigen.append(time.perf_counter() - t0)
            eigen_status[status] = eigen_status.get(status, 0) + 1
            i += 1
        with slot:
            latenties.extend(eigen)
            for status, n in eigen_status.items():
                statussen[status] = statussen.get(status, 0) + n

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    verstreken = time.perf_counter() - start
    gelukt = statussen.get(201, 0)
    return {"clients": clients, "verzoeken": len(latenties), "gelukt": gelukt, "statussen": statussen,
            "per_seconde": gelukt / verstreken, "p50": percentiel(latenties, 50) * 1000,
            "p95": percentiel(latenties, 95) * 1000}


def _opruimen(gebruikersnaam: str) -> int:
    """Delete the benchmark's registrations and recompute the keys they touched."""
    from django.db import transaction

    from adviezen.models import Advies
    from kwartalen.kwartaal import Kwartaal
    from kwartalen.models import VerouderdeSleutel
    from meldingen.models import Casus, Melding
    from rapportage.tellingen.services.herberekening import herbereken

    with transaction.atomic():
        adviezen = Advies.objects.filter(aangemaakt_door__username=gebruikersnaam)
        meldingen = Melding.objects.filter(aangemaakt_door__username=gebruikersnaam)
        sleutels = {(a.organisatie_id, Kwartaal.van_datum(a.startdatum))
                    for a in adviezen.only("organisatie", "startdatum")}
        sleutels |= {(m.organisatie_id, Kwartaal.van_datum(m.ontvangstdatum))
                     for m in meldingen.only("organisatie", "ontvangstdatum")}
        casussen = list(meldingen.values_list("casus_id", flat=True).distinct())
        n = adviezen.delete()[0] + meldingen.delete()[0]
        Casus.objects.filter(pk__in=casussen, meldingen__isnull=True).delete()
    for organisatie_id, kwartaal in sleutels:
        herbereken(organisatie_id=organisatie_id, kwartaal=kwartaal, aanleiding="benchmark")
        VerouderdeSleutel.objects.filter(organisatie_id=organisatie_id, jaar=kwartaal.jaar,
                                         kwartaal=kwartaal.kwartaal).delete()
    return n


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--duur", type=float, default=20.0, help="seconds of load per number of clients")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (docs/operations.md)")
    parser.add_argument("--zonder-celery", action="store_true", help="no Celery worker (the marks stay stale)")
    args = parser.parse_args()

    django_setup()
    from vtregistratie.models import Organisatie
    from vtregistratie.selectors.indeling import gemeenten_van_organisatie

    gebruikers = maak_benchgebruikers()
    organisatie = Organisatie.objects.get(code=BENCH_ORGANISATIE)
    gemeenten = list(gemeenten_van_organisatie(organisatie, date.today()).values_list("code", flat=True))
    print(machine())
    print(f"gunicorn: {args.workers} sync workers; Celery worker: {'no' if args.zonder_celery else 'yes'}; "
          f"{args.duur:.0f} s per run; organisation {BENCH_ORGANISATIE}, {len(gemeenten)} gemeenten")
    worker = None
    if not args.zonder_celery:
        worker = subprocess.Popen(
            [str(ROOT / ".venv/bin/celery"), "-A", "config", "worker", "--concurrency", "1",
             "--loglevel", "WARNING", "--without-heartbeat", "--without-mingle", "--without-gossip"],
            cwd=ROOT, env={**os.environ, "DEBUG": "false", "SECRET_KEY": "benchmark-worker"},
        )
    try:
        with gunicorn(workers=args.workers) as basis:
            _belast(basis, gebruikers["intake"].token, 2, 3.0, gemeenten)  # warm up every worker
            print(f"{'clients':>7} {'requests':>9} {'201':>7} {'per s':>7} {'p50 ms':>7} {'p95 ms':>7}  other")
            for clients in args.clients:
                r = _belast(basis, gebruikers["intake"].token, clients, args.duur, gemeenten)
                anders = {k: v for k, v in r["statussen"].items() if k != 201}
                print(f"{clients:>7} {r['verzoeken']:>9} {r['gelukt']:>7} {r['per_seconde']:>7.0f} "
                      f"{r['p50']:>7.1f} {r['p95']:>7.1f}  {anders or ''}", flush=True)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        print(f"removed {_opruimen('bench-koppeling')} benchmark registrations")


if __name__ == "__main__":
    main()
