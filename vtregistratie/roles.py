"""The four roles as groups, and the admin permissions of the ``beheer`` role.

Roles are Django groups so that administrators assign them in the admin. What a role may do in the
application is decided by the named rules in ``vtregistratie/regels.py``; ``ROL_PERMISSIES`` only gives the
Django model permissions the admin (``/beheer/``) asks for. Migrations call ``synchroniseer_rollen`` after
adding models, so a new model's permissions reach its roles.
"""

from __future__ import annotations

REFERENTIEDATA_MODELLEN = [
    "vtregistratie.organisatie",
    "vtregistratie.organisatienaam",
    "vtregistratie.gemeente",
    "vtregistratie.lidmaatschap",
    "vtregistratie.inwoners",
    "vtregistratie.herindeling",
    "vtregistratie.stedelijkheid",
    "vtregistratie.gebruiker",
]


def _crud(model: str) -> list[str]:
    app, name = model.split(".")
    return [f"{app}.{action}_{name}" for action in ("view", "add", "change", "delete")]


ROL_PERMISSIES: dict[str, list[str]] = {
    # The application's own screens and API ask the rules (vtregistratie/regels.py), not model permissions.
    "intake": [],
    "teamleider": [],
    "gemeente": [],
    "beheer": [
        *[perm for model in REFERENTIEDATA_MODELLEN for perm in _crud(model)],
        "auth.view_group",
        # API keys of integration accounts: made and revoked (deleted) by functional administrators.
        "vtregistratie.view_koppelsleutel",
        "vtregistratie.add_koppelsleutel",
        "vtregistratie.delete_koppelsleutel",
        "rapportage.add_datakwaliteitnotitie",
        "rapportage.change_datakwaliteitnotitie",
        "rapportage.delete_datakwaliteitnotitie",
        "rapportage.view_datakwaliteitnotitie",
    ],
}


def synchroniseer_rollen(apps, schema_editor=None) -> None:
    """Create the role groups and give each exactly the permissions that exist for it now.

    Usable from a migration (historical ``apps``). Permissions of models that do not exist yet are
    skipped; the migration that adds such a model calls this again.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, permissies in ROL_PERMISSIES.items():
        group, _ = Group.objects.get_or_create(name=rol)
        gevonden = []
        for perm in permissies:
            app_label, codename = perm.split(".")
            gevonden.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(gevonden)
