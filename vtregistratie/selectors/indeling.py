"""Reads on the regional division: which organisations and gemeenten exist on a date, and who
belongs to whom. Memberships are looked up on the counting date (docs/rollup.md)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from vtregistratie.models import Gemeente, Lidmaatschap, Organisatie


def organisaties_op(datum: date) -> QuerySet[Organisatie]:
    return Organisatie.objects.geldig_op(datum).order_by("code")


def gemeenten_op(datum: date) -> QuerySet[Gemeente]:
    return Gemeente.objects.geldig_op(datum).order_by("naam")


def organisatie_van_gemeente(gemeente: Gemeente, datum: date) -> Organisatie | None:
    lidmaatschap = (
        Lidmaatschap.objects.geldig_op(datum).filter(gemeente=gemeente).select_related("organisatie").first()
    )
    return lidmaatschap.organisatie if lidmaatschap else None


def gemeenten_van_organisatie(organisatie: Organisatie, datum: date) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(
        lidmaatschappen__in=Lidmaatschap.objects.geldig_op(datum).filter(organisatie=organisatie)
    ).order_by("naam")
