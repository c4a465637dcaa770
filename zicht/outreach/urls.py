from django.urls import path

from zicht.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.index, name="index"),
    path("training/nieuw/", views.training_new, name="training_create"),
    path("preventieles/nieuw/", views.lesson_new, name="lesson_create"),
    path("campagne/nieuw/", views.campaign_new, name="campaign_create"),
]
