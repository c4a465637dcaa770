from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "zicht.sources"
    label = "sources"
