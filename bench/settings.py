"""Settings for the benchmark stack only: the product's settings plus bench/urls.py.

The product never loads this module; it exists so the API benchmark can compare the real
CV read route with a bare Django JSON view served by the same daphne process.
"""
from resume2website.settings.base import *  # noqa: F401,F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
