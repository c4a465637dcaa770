from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "zicht.matching"
    label = "matching"
