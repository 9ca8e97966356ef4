"""The pages of the reporting subdomains under /rapportage/ (namespace ``rapportage``)."""

from django.urls import include, path

app_name = "rapportage"
urlpatterns = [
    path("", include("rapportage.tellingen.urls")),
    path("aanleveringen/", include("rapportage.cbs.urls")),
    path("analyses/", include("rapportage.analyses.urls")),
]
