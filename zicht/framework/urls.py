from django.urls import path

from zicht.framework import views

app_name = "framework"
urlpatterns = [
    path("", views.index, name="index"),
    path("afdrukken/", views.printable, name="print"),
    path("handelingskader.pdf", views.printable_pdf, name="pdf"),
    path("route/nieuw/", views.route_start_view, name="route_start"),
    path("route/<int:pk>/", views.route_detail, name="route_detail"),
]
