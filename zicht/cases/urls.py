from django.urls import path

from zicht.cases import views, views_referrals

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("export.csv", views.case_export, name="export"),
    path("nieuw/", views.case_create, name="create"),
    path("nieuw/melding/<int:concern_id>/", views.case_create_from_concern, name="create_from_concern"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/notitie/", views.case_add_note, name="add_note"),
    path("<int:case_id>/hulp/", views.case_add_support_action, name="add_support_action"),
    path("<int:case_id>/toestemming/", views.case_record_consent, name="record_consent"),
    path("<int:case_id>/toestemming/<int:consent_id>/intrekken/", views.case_withdraw_consent, name="withdraw_consent"),
    path("<int:case_id>/verwijzing/", views.case_create_referral, name="create_referral"),
    path("<int:case_id>/status/", views.case_transition, name="transition"),
    path("<int:case_id>/slachtofferstatus/", views.case_set_victim_status, name="set_victim_status"),
    path("<int:case_id>/uitbuitingsvormen/", views.case_set_exploitation, name="set_exploitation"),
    path("<int:case_id>/overgang-18/", views.case_transition_step, name="transition_step"),
    path("<int:case_id>/regiehouder/", views.case_assign_lead, name="assign_lead"),
    path("<int:case_id>/afsluiten/", views.case_close, name="close"),
    path("verwijzingen/", views_referrals.referral_list, name="referral_list"),
    path("verwijzingen/<int:referral_id>/", views_referrals.referral_detail, name="referral_detail"),
    path("verwijzingen/<int:referral_id>/beantwoorden/", views_referrals.referral_respond, name="referral_respond"),
    path("verwijzingen/<int:referral_id>/afgerond/", views_referrals.referral_done, name="referral_done"),
]
