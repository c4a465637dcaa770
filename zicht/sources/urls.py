from django.urls import path

from zicht.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.list_index, name="list_index"),
    path("uploaden/", views.list_upload, name="list_upload"),
    path("<int:source_list_id>/", views.list_detail, name="list_detail"),
    path("schattingen/", views.estimate_list, name="estimate_list"),
    path("schattingen/nieuw/", views.estimate_create, name="estimate_create"),
    path("schattingen/<int:snapshot_id>/", views.estimate_detail, name="estimate_detail"),
    path("schattingen/<int:snapshot_id>/overlap.svg", views.estimate_upset, name="estimate_upset"),
]
