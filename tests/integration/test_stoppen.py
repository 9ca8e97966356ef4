"""``make run`` on Ctrl-C: honcho sends SIGTERM and kills what has not stopped 5 s later. The worker on the
embedded SQLite broker must stop by itself well within that."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HONCHO_WACHTTIJD = 5  # seconds honcho waits after SIGTERM before SIGKILL


def test_the_worker_on_the_embedded_broker_stops_on_sigterm_before_honcho_kills_it(tmp_path):
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "CELERY_BROKER_URL": f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}",
           "CELERY_RESULT_BACKEND": f"db+sqlite:///{tmp_path / 'resultaten.sqlite3'}"}
    log = tmp_path / "worker.log"
    with open(log, "w") as uit:
        proc = subprocess.Popen(  # as in the Procfile
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=uit, stderr=subprocess.STDOUT,
        )
        try:
            begin = time.monotonic()
            while "ready." not in log.read_text():
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() - begin < 120, "worker did not start"
                time.sleep(0.2)
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=HONCHO_WACHTTIJD)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, log.read_text()
    assert "Warm shutdown" in log.read_text()
