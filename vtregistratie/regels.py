"""Every permission decision of the application, as named predicates and named rules (django-rules).

A role is a group (``vtregistratie/roles.py`` creates them); what a role may do *in the application* is
decided here and nowhere else. Views declare a rule with ``@regel(...)``, API views with
``permission_classes = [Regel.voor(...)]`` (checked per request and per object), services call ``mag`` or
``eis``, and the ``for_user`` scopes ask ``registrerende_organisatie``. A rule checked without an object
asks "for the user's own organisation"; with an object (an ``Organisatie``, or anything with
``organisatie_id``) it asks for that object's organisation.

The admin (``/beheer/``) keeps Django's model permissions, which ``ROL_PERMISSIES`` gives the ``beheer``
role.
"""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

# --- predicates -------------------------------------------------------------------------------------------


@rules.predicate
def is_actief(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _rol(rol: str):
    @rules.predicate(name=f"heeft_rol_{rol}")
    def heeft_rol(user) -> bool:
        return rol in user.rollen

    return is_actief & heeft_rol


is_intake = _rol("intake")
is_teamleider = _rol("teamleider")
is_gemeente = _rol("gemeente")
is_beheer = _rol("beheer")


@rules.predicate
def is_superuser(user) -> bool:
    return user.is_superuser


@rules.predicate
def heeft_organisatie(user) -> bool:
    return user.organisatie_id is not None


def organisatie_id_van(obj) -> int | None:
    """The organisation an object belongs to: the object itself when it is an organisation."""
    from vtregistratie.models import Organisatie

    return obj.pk if isinstance(obj, Organisatie) else obj.organisatie_id


@rules.predicate
def van_eigen_organisatie(user, obj) -> bool:
    """The object belongs to the user's own organisation (no object: the question is about that one)."""
    return obj is None or organisatie_id_van(obj) == user.organisatie_id


@rules.predicate
def is_zichzelf(user, obj) -> bool:
    """The object is the user's own account."""
    return obj is not None and obj.pk == user.pk


@rules.predicate
def is_koppeling(user) -> bool:
    """An integration account: it logs in only with an API key, never on the login page."""
    return bool(getattr(user, "is_koppeling", False))


#: "is team lead of this organisation"
is_teamleider_van_organisatie = is_teamleider & heeft_organisatie & van_eigen_organisatie
#: "may register for this organisation": intake staff and team leads of it
mag_registreren = (is_intake | is_teamleider) & heeft_organisatie & van_eigen_organisatie

# --- named rules ------------------------------------------------------------------------------------------

REGELS = {
    # Signed in at all (start page, code lists, the API schema).
    "vt.ingelogd": is_actief,
    # Adviezen, meldingen and casussen of the organisation: see, register, change, delete.
    "vt.registreren": mag_registreren,
    # The change history of a registration.
    "vt.historie_zien": is_teamleider_van_organisatie,
    # The exact quarterly counts of the organisation (the counts of one's own organisation are not rounded).
    "vt.tellingen_zien": is_teamleider_van_organisatie,
    # Close, finalise and reopen quarters.
    "vt.kwartaal_beheren": is_teamleider_van_organisatie,
    # The half-yearly CBS delivery: see, create, validate, download.
    "vt.cbs_aanleveren": is_teamleider_van_organisatie,
    # The analyses (rounded outside the viewer's own organisation).
    "vt.analyses_zien": is_teamleider | is_gemeente,
    # Write a data-quality note on the organisation's figures.
    "vt.notitie_maken": is_teamleider_van_organisatie,
    # The admin: reference data, users, integration keys.
    "vt.beheren": is_beheer | (is_actief & is_superuser),
    # Give a user roles, an organisation, staff status or integration status: never one's own (separation of
    # duties), not even a superuser.
    "vt.rechten_toekennen": (is_beheer | (is_actief & is_superuser)) & ~is_zichzelf,
    # Hold an API key (only integration accounts).
    "vt.sleutel_houden": is_koppeling,
}
for _naam, _predicaat in REGELS.items():
    rules.add_perm(_naam, _predicaat)


def mag(user, regel: str, obj=None) -> bool:
    """Whether ``user`` may do ``regel`` (on ``obj``). No superuser shortcut: the rules are the rules."""
    if regel not in REGELS:
        raise KeyError(f"unknown rule {regel!r}")
    return rules.has_perm(regel, user, obj)


def eis(user, regel: str, obj=None, bericht: str = "") -> None:
    """Raise ``PermissionDenied`` unless ``user`` may do ``regel`` (on ``obj``); for services."""
    if user is None or not mag(user, regel, obj):
        raise PermissionDenied(bericht or None)


def registrerende_organisatie(user):
    """The organisation whose registrations ``user`` may see and change, or None (deny)."""
    return user.organisatie if mag(user, "vt.registreren") else None


def exacte_organisatie(user) -> int | None:
    """The organisation whose counts ``user`` sees exactly (a team lead's own), or None."""
    return user.organisatie_id if user is not None and mag(user, "vt.tellingen_zien") else None


# --- declaring a rule on a view ---------------------------------------------------------------------------


def regel(naam: str):
    """Decorator for a view function: login required, then rule ``naam`` for the user's organisation (403)."""
    if naam not in REGELS:
        raise KeyError(f"unknown rule {naam!r}")

    def decorator(view):
        @wraps(view)
        def gecontroleerd(request, *args, **kwargs):
            if not mag(request.user, naam):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        beschermd = login_required(gecontroleerd)
        beschermd.vt_regel = naam
        return beschermd

    return decorator


def openbaar(view):
    """Mark a view as deliberately open to anyone (login page, health check)."""
    view.vt_regel = None
    view.vt_openbaar = True
    return view


class Regel(BasePermission):
    """DRF permission for one named rule: per request (own organisation) and per object (its organisation)."""

    regel: str = ""

    def has_permission(self, request, view) -> bool:
        return mag(request.user, self.regel)

    def has_object_permission(self, request, view, obj) -> bool:
        return mag(request.user, self.regel, obj)

    @classmethod
    def voor(cls, naam: str) -> type[Regel]:
        if naam not in REGELS:
            raise KeyError(f"unknown rule {naam!r}")
        return type(f"Regel[{naam}]", (cls,), {"regel": naam})


IsIngelogd = Regel.voor("vt.ingelogd")


class NiemandToegestaan(BasePermission):
    """The API's default: a view that declares no rule answers 403 to everyone."""

    def has_permission(self, request, view) -> bool:
        return False
