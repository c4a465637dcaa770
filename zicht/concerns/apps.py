from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "zicht.concerns"
    label = "concerns"
