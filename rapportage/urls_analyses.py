"""The analysis pages, included from rapportage/urls.py under ``analyses/`` (namespace ``rapportage``)."""

from django.urls import path

from rapportage import views_analyses

urlpatterns = [
    path("", views_analyses.analyses, name="analyses"),
    path("notities/nieuw/", views_analyses.notitie_toevoegen, name="notitie_toevoegen"),
    *[path(f"{sleutel}/", view, name=f"analyse_{sleutel}") for sleutel, view in views_analyses.ANALYSE_VIEWS.items()],
]
