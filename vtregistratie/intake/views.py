"""View helpers shared by the advies and melding screens."""

from django.contrib import messages
from django.shortcuts import redirect, render

from vtregistratie.intake.forms import VerwijderForm
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


def verwijderpagina(request, contact, *, verwijder, app: str, bericht: str, **context):
    """The delete page of an advies or melding (the caller refuses a locked one first): a confirmation with a
    reason on GET, the deletion by ``verwijder(reden=..., versie=...)`` on a POST the service accepts. The
    page carries the version the user saw, so a record changed meanwhile by someone else is not deleted unseen."""
    form = VerwijderForm(request.POST if request.method == "POST" else None)
    versie = request.POST.get("versie") or None
    # the service returns nothing; True tells a deletion from a refusal
    if form.is_bound and form.bewaar(lambda: verwijder(versie=versie, **form.cleaned_data) or True):
        messages.success(request, bericht)
        return redirect(f"{app}:lijst")
    if form.versieconflict:
        # its page shows the other person's values; deleting after that is a deliberate choice
        for fout in form.non_field_errors():
            messages.error(request, fout)
        return redirect(f"{app}:detail", pk=contact.pk)
    return render_formulier(request, f"{app}/verwijder.html", form, versie=versie or contact.versie, **context)
