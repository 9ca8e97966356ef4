"""View helpers shared by the advies and melding screens."""

from django.shortcuts import render

from vtregistratie.regels import mag

OPSLAAN_EN_NIEUWE = "nieuw"


def toont_historie(user, obj=None) -> bool:
    """The change history is for team leads of the organisation (rule "vt.historie_zien")."""
    return mag(user, "vt.historie_zien", obj)


def getoonde_versie(form, geplaatst: str | None, record) -> str:
    """The version an edit form carries: the one the user opened, so a change made meanwhile by someone else is
    refused; after that refusal (shown with the other person's values) the stored one, so saving again
    overwrites deliberately."""
    if geplaatst is None or form.versieconflict:
        return record.versie
    return geplaatst


def render_formulier(request, template: str, form, **context):
    form.bereid_weergave_voor()
    return render(request, template, {"form": form, **context})
