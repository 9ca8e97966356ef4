"""Token authentication that loads the user's organisation and role names with the token: one query on every
API request, and no further query for a permission check (every registration needs both)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from vtregistratie.models import rolnamen


class TokenAuthenticatie(TokenAuthentication):
    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            token = (model.objects.select_related("user__organisatie")
                     .annotate(rolnamen=rolnamen("user_id")).get(key=key))
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token.user.rolnamen = token.rolnamen
        return (token.user, token)
