from django.urls import path

from zicht.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("instroom/", views.concerns, name="concerns"),
    path("hulpverlening/", views.cases, name="cases"),
    path("preventie/", views.outreach, name="outreach"),
    path("raadsrapportage/", views.report, name="report"),
    path("tabel/<slug:key>.<str:fmt>", views.table_download, name="table_download"),
    path("grafiek/<slug:key>.svg", views.chart, name="chart"),
]
