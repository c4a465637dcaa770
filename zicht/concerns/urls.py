from django.urls import path

from zicht.concerns import views

app_name = "concerns"
urlpatterns = [
    path("melden/", views.public_create, name="public_create"),
    path("melden/bedankt/", views.public_thanks, name="public_thanks"),
    path("nieuw/", views.create, name="create"),
    path("mijn/", views.mine, name="mine"),
    path("", views.concern_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/<slug:to_status>/", views.transition, name="transition"),
    path("<int:pk>/eerste-contact/", views.first_contact, name="first_contact"),
    path("<int:pk>/veiligheidscheck/", views.safety_check, name="safety_check"),
]
