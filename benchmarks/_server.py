"""What the HTTP benchmarks share: benchmark users, gunicorn on loopback, a small HTTP client and percentiles.

The load comes from threads with the standard library's HTTP client in the benchmark's own process, on the
same 2 cores as gunicorn and PostgreSQL: the figures include the cost of the client.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, replace

from _setup import ROOT

BENCH_ORGANISATIE = "VT01"
# The settings the server runs with: production-like (no debug), the benchmark's database and broker.
SERVER_ENV = {
    "DEBUG": "false",
    "DEMO_MODE": "false",
    "SECRET_KEY": "benchmark-" + secrets.token_hex(24),
    "ALLOWED_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "WARNING",
}


@dataclass(frozen=True)
class BenchGebruiker:
    gebruikersnaam: str
    wachtwoord: str
    rol: str
    token: str = ""


def maak_benchgebruikers() -> dict[str, BenchGebruiker]:
    """One user per role at the benchmark organisation, with a fresh password; and an integration account with
    role intake and a fresh API key (returned as the intake user's ``token``)."""
    from django.contrib.auth.models import Group

    from vtregistratie.models import Gebruiker, Organisatie

    organisatie = Organisatie.objects.get(code=BENCH_ORGANISATIE)
    gebruikers = {}
    for rol, eigen in (("intake", True), ("teamleider", True), ("gemeente", False)):
        wachtwoord = secrets.token_urlsafe(16)
        gebruiker, _ = Gebruiker.objects.get_or_create(username=f"bench-{rol}")
        gebruiker.organisatie = organisatie if eigen else None
        gebruiker.set_password(wachtwoord)
        gebruiker.save()
        gebruiker.groups.set([Group.objects.get(name=rol)])
        gebruikers[rol] = BenchGebruiker(gebruiker.username, wachtwoord, rol)
    gebruikers["intake"] = replace(gebruikers["intake"], token=_koppelsleutel(organisatie))
    return gebruikers


def _koppelsleutel(organisatie) -> str:
    """A fresh API key of the benchmark's integration account (role intake): only such accounts hold keys."""
    from django.contrib.auth.models import Group

    from vtregistratie.models import Gebruiker, Koppelsleutel

    koppeling, _ = Gebruiker.objects.get_or_create(username="bench-koppeling")
    koppeling.organisatie, koppeling.is_koppeling = organisatie, True
    koppeling.set_unusable_password()
    koppeling.save()
    koppeling.groups.set([Group.objects.get(name="intake")])
    Koppelsleutel.objects.filter(user=koppeling).delete()
    return Koppelsleutel.objects.create(user=koppeling, expiry=None, omschrijving="benchmark")[1]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(*, workers: int, extra_env: dict | None = None):
    """Run gunicorn (sync workers) on a free loopback port; yield its base URL; stop it afterwards."""
    poort = _vrije_poort()
    env = {**os.environ, **SERVER_ENV, **(extra_env or {})}
    # As in production: without debug, static files come from the collected, hashed copies.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    proces = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{poort}",
         "--workers", str(workers), "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{basis}/gezondheid/", timeout=10)
                break
            except OSError:  # refused while starting, or slow on the first request
                if proces.poll() is not None:
                    sys.exit("gunicorn stopped while starting")
                time.sleep(0.1)
        else:
            sys.exit("gunicorn did not answer /gezondheid/ within 30 s")
        yield basis
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        proces.wait(timeout=30)


class Sessie:
    """A browser-like session: cookies, CSRF token, logged in through the real login form."""

    def __init__(self, basis: str):
        self.basis = basis
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, pad: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.basis + pad, timeout=60) as antwoord:
                return antwoord.status, antwoord.read()
        except urllib.error.HTTPError as fout:
            return fout.code, fout.read()

    def log_in(self, gebruiker: BenchGebruiker) -> None:
        self.get("/inloggen/")
        csrf = next(c.value for c in self.cookies if c.name == "csrftoken")
        data = urllib.parse.urlencode({"username": gebruiker.gebruikersnaam, "password": gebruiker.wachtwoord,
                                       "csrfmiddlewaretoken": csrf}).encode()
        verzoek = urllib.request.Request(self.basis + "/inloggen/", data=data,
                                         headers={"Referer": self.basis + "/inloggen/"})
        with self.opener.open(verzoek, timeout=60) as antwoord:
            if antwoord.url.rstrip("/").endswith("/inloggen"):
                sys.exit(f"logging in as {gebruiker.gebruikersnaam} failed")


def post_json(url: str, token: str, gegevens: dict) -> int:
    verzoek = urllib.request.Request(url, data=json.dumps(gegevens).encode(), method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(verzoek, timeout=60) as antwoord:
            antwoord.read()
            return antwoord.status
    except urllib.error.HTTPError as fout:
        fout.read()
        return fout.code


def percentiel(waarden: list[float], p: float) -> float:
    """The p-th percentile (0–100) by the inclusive method; the median for p=50."""
    if len(waarden) == 1:
        return waarden[0]
    return statistics.quantiles(waarden, n=100, method="inclusive")[int(p) - 1]
