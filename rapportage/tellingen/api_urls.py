from django.urls import path

from rapportage.tellingen import api

urlpatterns = [
    path("", api.KwartalenApi.as_view(), name="kwartalen"),
    path("<int:jaar>/<int:kwartaal>/", api.KwartaalApi.as_view(), name="kwartaal"),
    path("<int:jaar>/<int:kwartaal>/status/", api.KwartaalStatusApi.as_view(), name="kwartaal-status"),
]
