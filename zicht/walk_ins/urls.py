from django.urls import path  # noqa: F401

app_name = "walk_ins"
urlpatterns: list = []
