"""View helpers shared by the advies and melding screens."""

from django.shortcuts import render

OPSLAAN_EN_NIEUWE = "nieuw"


def toont_historie(user) -> bool:
    """The change history is for team leads only."""
    return user.heeft_rol("teamleider")


def render_formulier(request, template: str, form, **context):
    form.bereid_weergave_voor()
    return render(request, template, {"form": form, **context})
