"""API-key authentication of integration accounts (django-rest-knox keys, stored as a SHA-512 digest).

One query finds the key by its first characters and loads its user with the organisation and role names, so
no permission check of the request needs another query. Only an active integration account
(rule ``vt.sleutel_houden``) is let in. The first use of a key is recorded once, in the audit trail, with the
client address.
"""

from __future__ import annotations

from hmac import compare_digest

from auditlog.models import LogEntry
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework import exceptions

from vtregistratie.audit import AuditMiddleware
from vtregistratie.models import Koppelsleutel, rolnamen
from vtregistratie.regels import mag


class SleutelAuthenticatie(TokenAuthentication):
    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is not None and resultaat[1].eerst_gebruikt_op is None:
            self._eerste_gebruik(request, resultaat[1])
        return resultaat

    def authenticate_credentials(self, token: bytes):
        ongeldig = exceptions.AuthenticationFailed(_("Ongeldige API-sleutel."))
        try:
            sleutel_tekst = token.decode("ascii")
        except UnicodeDecodeError:
            raise ongeldig from None
        kandidaten = (Koppelsleutel.objects.select_related("user__organisatie")
                      .annotate(rolnamen=rolnamen("user_id"))
                      .filter(token_key=sleutel_tekst[:CONSTANTS.TOKEN_KEY_LENGTH]))
        digest = hash_token(sleutel_tekst)
        for sleutel in kandidaten:
            if not compare_digest(digest, sleutel.digest):
                continue
            if sleutel.expiry is not None and sleutel.expiry < timezone.now():
                raise ongeldig
            gebruiker = sleutel.user
            gebruiker.rolnamen = sleutel.rolnamen
            if not mag(gebruiker, "vt.sleutel_houden") or not gebruiker.is_active:
                raise exceptions.AuthenticationFailed(_("Dit account mag geen API-sleutel gebruiken."))
            return gebruiker, sleutel
        raise ongeldig

    @staticmethod
    def _eerste_gebruik(request, sleutel: Koppelsleutel) -> None:
        nu = timezone.now()
        # Conditional, so two first requests at once record it once.
        if Koppelsleutel.objects.filter(pk=sleutel.pk, eerst_gebruikt_op__isnull=True).update(eerst_gebruikt_op=nu):
            sleutel.eerst_gebruikt_op = nu
            LogEntry.objects.log_create(
                sleutel, force_log=True, action=LogEntry.Action.ACCESS, actor=sleutel.user,
                remote_addr=AuditMiddleware._get_remote_addr(request),
                changes={"eerst_gebruikt_op": [None, nu.isoformat()]},
            )


class SleutelSchema(OpenApiAuthenticationExtension):
    """The API key in the OpenAPI schema: ``Authorization: Token <key>``."""

    target_class = SleutelAuthenticatie
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization",
                                                   token_prefix=self.target.authenticate_header(None))
