"""The quarter pages, included from rapportage/urls.py (namespace ``rapportage``)."""

from django.urls import path

from rapportage.tellingen import views

urlpatterns = [
    path("kwartalen/", views.kwartalen, name="kwartalen"),
    path("kwartalen/<int:jaar>/<int:kwartaal>/", views.kwartaal_detail, name="kwartaal_detail"),
    path("kwartalen/<int:jaar>/<int:kwartaal>/status/", views.kwartaal_status_wijzigen, name="kwartaal_status"),
]
