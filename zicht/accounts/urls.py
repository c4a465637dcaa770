from django.contrib.auth import views as auth_views
from django.urls import path

from zicht.accounts import enrolment, views, views_password, views_review

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.mfa, name="mfa"),
    path("activeren/<str:token>/", enrolment.enrolment, name="enrolment"),
    path("organisatie/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("voorkeuren/", views.preferences, name="preferences"),
    path("toegangsoverzicht/", views_review.access_review, name="access_review"),
    path("toegangsoverzicht.csv", views_review.access_review_csv, name="access_review_csv"),
    path("wachtwoord-vergeten/", views_password.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views_password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
