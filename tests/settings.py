"""Settings for the test suite: the real settings, with test defaults for what the environment leaves open."""

import os
from pathlib import Path

_VAR = Path(__file__).resolve().parent.parent / "var"
_VAR.mkdir(exist_ok=True)
os.environ.setdefault("DEBUG", "true")
# Without a configured broker the tests use their own SQLite broker, apart from `make run`'s.
os.environ.setdefault("CELERY_BROKER_URL", f"sqla+sqlite:///{_VAR / 'test-celery-broker.sqlite3'}")
# One connection per request, as Django's test tools assume; production keeps them (CONN_MAX_AGE).
os.environ.setdefault("CONN_MAX_AGE", "0")
os.environ.setdefault("CELERY_RESULT_BACKEND", f"db+sqlite:///{_VAR / 'test-celery-results.sqlite3'}")

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
# Expected figures in the analysis tests are computed by hand with rounding only; the perturbation of the
# cell-key method is tested on its own (test_analyses_onthulling.py) and by the attacker (test_onthulling_aanval.py).
ONTHULLING_PTABEL = ((0, 1.0),)

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Every test is rolled back, so in a long run the tables fill with dead rows and are never analysed: the
    # planner then takes a handful of rows for thousands, and JIT-compiles the invariant check's queries (a few
    # hundred milliseconds each, seconds per check; measured in CI). Tests assert behaviour, not speed; the
    # benchmarks in benchmarks/ run with the server's own settings.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"  # noqa: F405
