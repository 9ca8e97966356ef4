"""The CBS delivery pages, included from rapportage/urls.py (namespace ``rapportage``)."""

from django.urls import path

from rapportage import views_cbs

urlpatterns = [
    path("", views_cbs.aanleveringen, name="aanleveringen"),
    path("maken/", views_cbs.aanlevering_maken, name="aanlevering_maken"),
    path("<int:pk>/", views_cbs.aanlevering_detail, name="aanlevering"),
    path("<int:pk>/valideren/", views_cbs.aanlevering_valideren, name="aanlevering_valideren"),
    path("<int:pk>/bestand/", views_cbs.aanlevering_download, name="aanlevering_download"),
    path("<int:pk>/aggregaat/", views_cbs.aanlevering_aggregaat, name="aanlevering_aggregaat"),
]
