"""Running the app on a developer's or operator's machine (`python3 dev.py run`)."""
from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
