"""Small core tasks. The rollup tasks live in ``rapportage.tellingen.tasks``."""

from datetime import date

from celery import shared_task

from vtregistratie.selectors.indeling import organisaties_op


@shared_task(name="vtregistratie.tel_organisaties")
def tel_organisaties(peildatum: str) -> int:
    """Number of VT organisations on a date (ISO string). Used to check a worker reaches the database."""
    return organisaties_op(date.fromisoformat(peildatum)).count()
