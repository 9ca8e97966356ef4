"""Loading the user for a request in one query, and the admin's model permissions without further queries.

Django's ``ModelBackend`` loads the user, then on the first permission check the user's groups and their
permissions (two more queries per request). The roles are groups whose permissions come from
``vtregistratie/roles.py`` in code, so the user is loaded with its organisation and role names in one query
and every permission is answered from those names.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from vtregistratie.models import Gebruiker
from vtregistratie.roles import ROL_PERMISSIES


class RolBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = Gebruiker.objects.met_rollen().get(pk=user_id)
        except Gebruiker.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user):
        # An integration account never signs in on the login page, nor keeps a session: only with an API key.
        return super().user_can_authenticate(user) and not getattr(user, "is_koppeling", False)

    def get_user_permissions(self, user_obj, obj=None):
        # Permissions are given per role only, never to one user.
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return {perm for rol in user_obj.rollen for perm in ROL_PERMISSIES.get(rol, ())}

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        return self.get_group_permissions(user_obj)
