from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.views import favicon, gezondheid, home
from vtregistratie.regels import openbaar

admin.site.site_header = "VT-registratie beheer"
admin.site.site_title = "VT-registratie"

urlpatterns = [
    path("", home, name="home"),
    path("gezondheid/", gezondheid, name="gezondheid"),
    path("favicon.ico", openbaar(favicon), name="favicon"),
    path("inloggen/", openbaar(auth_views.LoginView.as_view(redirect_authenticated_user=True)), name="login"),
    path("uitloggen/", openbaar(auth_views.LogoutView.as_view()), name="logout"),
    path("beheer/", admin.site.urls),
    path("adviezen/", include("adviezen.urls")),
    path("meldingen/", include("meldingen.urls")),
    path("diensten/", include("diensten.urls")),
    path("rapportage/", include("rapportage.urls")),
    path("api/v1/kwartalen/", include(("rapportage.tellingen.api_urls", "kwartalen-api"))),
    path("api/v1/aanleveringen/", include(("rapportage.cbs.api_urls", "aanleveringen-api"))),
    path("api/v1/", include("config.api_urls")),
]

handler400 = "vtregistratie.views.ongeldig_verzoek"
handler403 = "vtregistratie.views.geen_toegang"
handler404 = "vtregistratie.views.niet_gevonden"
handler500 = "vtregistratie.views.serverfout"
