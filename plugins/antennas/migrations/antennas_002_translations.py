"""antennas: an antenna's name and description in each language (the other languages' texts)"""
from portal.api import translations_column

revision, down_revision = "antennas_002_translations", "antennas_001"

upgrade, downgrade = translations_column("antennas")
