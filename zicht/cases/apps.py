from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zicht.cases"
    label = "cases"
