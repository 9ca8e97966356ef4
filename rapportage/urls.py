from django.urls import include, path

from rapportage import views

app_name = "rapportage"
urlpatterns = [
    path("kwartalen/", views.kwartalen, name="kwartalen"),
    path("kwartalen/<int:jaar>/<int:kwartaal>/", views.kwartaal_detail, name="kwartaal_detail"),
    path("kwartalen/<int:jaar>/<int:kwartaal>/status/", views.kwartaal_status_wijzigen, name="kwartaal_status"),
    path("aanleveringen/", include("rapportage.urls_cbs")),
    path("analyses/", include("rapportage.urls_analyses")),
]
