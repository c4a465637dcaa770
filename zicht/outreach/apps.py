from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "zicht.outreach"
    label = "outreach"
