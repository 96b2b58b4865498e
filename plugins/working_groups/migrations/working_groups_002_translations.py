"""working groups: a group's name and purpose in each language (the other languages' texts)"""
from portal.api import translations_column

revision, down_revision = "working_groups_002_translations", "working_groups_001"

upgrade, downgrade = translations_column("working_groups")
