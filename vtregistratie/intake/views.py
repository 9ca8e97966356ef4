"""View helpers shared by the advies and melding screens."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import kwartaal_status
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


def kwartaalstatus_van(contact) -> str:
    return kwartaal_status(organisatie=contact.organisatie_id, kwartaal=Kwartaal.van_datum(contact.teldatum))


def is_vergrendeld(contact) -> bool:
    """Counted in a definitief quarter: the services refuse a change or deletion, so the screens do not offer
    one."""
    return kwartaalstatus_van(contact) == "definitief"


def weiger_vergrendeld(request, contact, detail_url: str):
    """For the change and delete pages of a locked registration: back to its page with the reason."""
    messages.error(request, _("%(nummer)s telt mee in het definitief vastgestelde kwartaal %(kwartaal)s en kan niet "
                              "meer worden gewijzigd of verwijderd.")
                   % {"nummer": contact.nummer, "kwartaal": Kwartaal.van_datum(contact.teldatum)})
    return redirect(detail_url)


def waarschuw_voorlopig(request, contact) -> None:
    """After saving into a quarter the team lead already closed (voorlopig): its figures change."""
    if kwartaalstatus_van(contact) == "voorlopig":
        messages.warning(request, _(
            "Let op: kwartaal %(kwartaal)s is al voorlopig afgesloten. Deze registratie verandert de voorlopige "
            "cijfers; meld het aan uw teamleider.") % {"kwartaal": Kwartaal.van_datum(contact.teldatum)})


def verwijderpagina(request, contact, *, verwijder, app: str, bericht: str, **context):
    """The delete page of an advies or melding: refused for a locked record, a confirmation with a reason on
    GET, the deletion by ``verwijder(reden=..., versie=...)`` on a POST the service accepts. The page carries
    the version the user saw, so a record changed meanwhile by someone else is not deleted unseen."""
    if is_vergrendeld(contact):
        return weiger_vergrendeld(request, contact, reverse(f"{app}:detail", args=[contact.pk]))
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
