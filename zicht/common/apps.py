from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "zicht.common"
    label = "common"
