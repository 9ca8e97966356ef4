"""Navigation links for the base layout, by what the user may do."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from vtregistratie.regels import mag

# (url name, label, the rule (vtregistratie/regels.py) the page declares)
NAVIGATIE = [
    ("home", _("Start"), "vt.ingelogd"),
    ("adviezen:lijst", _("Adviezen"), "vt.registreren"),
    ("meldingen:lijst", _("Meldingen"), "vt.registreren"),
    ("meldingen:werklijst", _("Te beoordelen"), "vt.registreren"),
    ("diensten:wachtlijst", _("Wachtlijst"), "vt.registreren"),
    ("diensten:lopend", _("Lopende diensten"), "vt.registreren"),
    ("rapportage:kwartalen", _("Kwartaaltellingen"), "vt.tellingen_zien"),
    ("rapportage:analyses", _("Analyses"), "vt.analyses_zien"),
    ("rapportage:aanleveringen", _("CBS-aanlevering"), "vt.cbs_aanleveren"),
    ("admin:index", _("Beheer"), "vt.beheren"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigatie": []}
    links = []
    for url_name, label, perm in NAVIGATIE:
        if not mag(user, perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # the app that serves it is not installed in this build
            continue
        links.append({"url": url, "label": label, "actief": request.path == url})
    return {"navigatie": links}
