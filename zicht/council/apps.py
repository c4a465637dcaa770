from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "zicht.council"
    label = "council"
