"""awards: a call's title, rules and eligibility in each language (the other languages' texts)"""
from portal.api import translations_column

revision, down_revision = "x003_awards_translations", "x002_awards_ceremony"

upgrade, downgrade = translations_column("award_calls")
