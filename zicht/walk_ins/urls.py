from django.urls import path

from zicht.walk_ins import views

app_name = "walk_ins"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("plannen/", views.generate, name="generate"),
    path("<int:pk>/", views.session_detail, name="session"),
]
