"""The CBS delivery pages, included from rapportage/urls.py (namespace ``rapportage``)."""

from django.urls import path

from rapportage.cbs import views

urlpatterns = [
    path("", views.aanleveringen, name="aanleveringen"),
    path("maken/", views.aanlevering_maken, name="aanlevering_maken"),
    path("<int:pk>/", views.aanlevering_detail, name="aanlevering"),
    path("<int:pk>/valideren/", views.aanlevering_valideren, name="aanlevering_valideren"),
    path("<int:pk>/bestand/", views.aanlevering_download, name="aanlevering_download"),
    path("<int:pk>/aggregaat/", views.aanlevering_aggregaat, name="aanlevering_aggregaat"),
]
