# scrapyd-deploy builds its egg with `python setup.py bdist_egg` (and writes a setup.py of its own where none
# exists). Everything about the package is in pyproject.toml.
from setuptools import setup

setup()
