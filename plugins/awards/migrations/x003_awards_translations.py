"""awards: a call's title, rules and eligibility in each language (the other languages' texts)"""
from portal.api import translations_column

revision = "x003_awards_translations"
down_revision = "x002_awards_ceremony"

upgrade, downgrade = translations_column("award_calls")
