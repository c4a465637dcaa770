from django.urls import path

from zicht.council import views

app_name = "council"
urlpatterns = [
    path("", views.question_list, name="question_list"),
    path("registreren/", views.question_register, name="question_register"),
    path("<int:pk>/", views.question_detail, name="question_detail"),
    path("<int:pk>/wijzigen/", views.question_edit, name="question_edit"),
    path("<int:pk>/uitstel/", views.question_extend, name="question_extend"),
    path("<int:pk>/status/<slug:target>/", views.question_transition, name="question_transition"),
    path("<int:pk>/goedkeuren/", views.question_approve, name="question_approve"),
    path("<int:pk>/vragen/nieuw/", views.item_add, name="item_add"),
    path("<int:pk>/vragen/<int:number>/", views.item_edit, name="item_edit"),
    path("<int:pk>/vragen/<int:number>/verwijderen/", views.item_remove, name="item_remove"),
    path("<int:pk>/vragen/<int:number>/cijfer/", views.figure_insert, name="figure_insert"),
    path("<int:pk>/brief/", views.letter_html, name="letter"),
    path("<int:pk>/brief.docx", views.letter_docx_download, name="letter_docx"),
]
