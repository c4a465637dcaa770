from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "zicht.stats"
    label = "stats"
