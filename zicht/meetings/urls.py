from django.urls import path

from zicht.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/casus/<int:case_id>/", views.meeting_plan, name="plan"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/uitnodigen/", views.meeting_invite, name="invite"),
    path("<int:meeting_id>/verslag/", views.meeting_summary, name="summary"),
    path("<int:meeting_id>/afspraak/", views.action_add, name="action_add"),
    path("afspraken/", views.action_list, name="action_list"),
    path("afspraken/<int:action_id>/", views.action_detail, name="action_detail"),
    path("afspraken/<int:action_id>/status/", views.action_update, name="action_update"),
]
