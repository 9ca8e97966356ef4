from django.urls import path  # noqa: F401 - the UI work adds the routes

app_name = "adviezen"
urlpatterns: list = []
