"""Settings used only by ``benchmarks/public_form_load.py``: the app's settings, with a URL conf that
adds one bare view beside the app's URLs. Never used in production."""

from config.settings import *  # noqa: F403 (the app's settings unchanged, but for the URL conf)

ROOT_URLCONF = "benchmarks.bare_urls"
