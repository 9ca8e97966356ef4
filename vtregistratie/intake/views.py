"""View helpers shared by the advies and melding screens."""

from django.shortcuts import render

from vtregistratie.regels import mag

OPSLAAN_EN_NIEUWE = "nieuw"


def toont_historie(user, obj=None) -> bool:
    """The change history is for team leads of the organisation (rule "vt.historie_zien")."""
    return mag(user, "vt.historie_zien", obj)


def render_formulier(request, template: str, form, **context):
    form.bereid_weergave_voor()
    return render(request, template, {"form": form, **context})
