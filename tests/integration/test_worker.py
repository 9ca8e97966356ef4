import pytest

from vtregistratie.tasks import tel_organisaties

pytestmark = pytest.mark.integration


def test_a_real_worker_runs_a_task_against_the_database(referentiedata_tx, celery_worker_process):
    result = tel_organisaties.delay("2023-06-30")
    try:
        assert result.get(timeout=90) == 25
    finally:
        print(celery_worker_process.log_path.read_text())
