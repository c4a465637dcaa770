from django.apps import AppConfig


class WalkInsConfig(AppConfig):
    name = "zicht.walk_ins"
    label = "walk_ins"
