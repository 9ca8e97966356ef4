"""The four roles as permission groups.

Roles are Django groups so that administrators manage them in the admin and views check ordinary
permissions. ``ROL_PERMISSIES`` is the one place that says which role may do what; migrations call
``synchroniseer_rollen`` after adding models, so a new model's permissions reach its roles.
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


REGISTRATIE_PERMISSIES = [
    *_crud("adviezen.advies"),
    *_crud("meldingen.melding"),
    *_crud("meldingen.casus"),
]

ROL_PERMISSIES: dict[str, list[str]] = {
    "intake": REGISTRATIE_PERMISSIES,
    "teamleider": [
        *REGISTRATIE_PERMISSIES,
        "rapportage.view_tellingen",
        "rapportage.change_kwartaalstatus",
        "rapportage.view_analyses",
        "rapportage.view_aanlevering",
        "rapportage.add_aanlevering",
        "rapportage.add_datakwaliteitnotitie",
    ],
    "gemeente": ["rapportage.view_analyses"],
    "beheer": [
        *[perm for model in REFERENTIEDATA_MODELLEN for perm in _crud(model)],
        "auth.view_group",
        # API tokens per integration: created and revoked (deleted) by functional administrators.
        "authtoken.view_tokenproxy",
        "authtoken.add_tokenproxy",
        "authtoken.delete_tokenproxy",
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
