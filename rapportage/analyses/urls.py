"""The analysis pages, included from rapportage/urls.py under ``analyses/`` (namespace ``rapportage``)."""

from django.urls import path

from rapportage.analyses import views

urlpatterns = [
    path("", views.analyses, name="analyses"),
    path("notities/nieuw/", views.notitie_toevoegen, name="notitie_toevoegen"),
    *[path(f"{sleutel}/", view, name=f"analyse_{sleutel}") for sleutel, view in views.ANALYSE_VIEWS.items()],
]
