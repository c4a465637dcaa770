from django.urls import path

from zicht.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.involvement_list, name="involvement_list"),
    path("registreren/", views.involvement_register, name="involvement_register"),
    path("<int:involvement_id>/", views.involvement_detail, name="involvement_detail"),
    path("<int:involvement_id>/intrekken/", views.involvement_withdraw, name="involvement_withdraw"),
    path("berichten/", views.notice_list, name="notice_list"),
    path("berichten/<int:notice_id>/", views.notice_detail, name="notice_detail"),
]
