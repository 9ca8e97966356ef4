app_name = "api"
urlpatterns: list = []  # the API work adds the routes
