"""Navigation links for the base layout, by what the user may do."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, permission or None for every signed-in user)
NAVIGATIE = [
    ("home", _("Start"), None),
    ("adviezen:lijst", _("Adviezen"), "adviezen.view_advies"),
    ("meldingen:lijst", _("Meldingen"), "meldingen.view_melding"),
    ("meldingen:werklijst", _("Te beoordelen"), "meldingen.view_melding"),
    ("rapportage:kwartalen", _("Kwartaaltellingen"), "rapportage.view_tellingen"),
    ("rapportage:analyses", _("Analyses"), "rapportage.view_analyses"),
    ("rapportage:aanleveringen", _("CBS-aanlevering"), "rapportage.view_aanlevering"),
    ("admin:index", _("Beheer"), "vtregistratie.view_gemeente"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigatie": []}
    links = []
    for url_name, label, perm in NAVIGATIE:
        if perm and not user.has_perm(perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # the app that serves it is not installed in this build
            continue
        links.append({"url": url, "label": label, "actief": request.path == url})
    return {"navigatie": links}
