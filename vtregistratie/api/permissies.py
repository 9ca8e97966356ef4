from rest_framework.permissions import DjangoModelPermissions


class ModelPermissies(DjangoModelPermissions):
    """Django model permissions, reading included: without view permission a list is a 403, not empty."""

    perms_map = {**DjangoModelPermissions.perms_map, "GET": ["%(app_label)s.view_%(model_name)s"],
                 "HEAD": ["%(app_label)s.view_%(model_name)s"], "OPTIONS": ["%(app_label)s.view_%(model_name)s"]}
