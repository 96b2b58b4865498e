"""core: translatable fields keep their other languages in one JSON column of the item

The field's own column still holds the text in the portal's language; `translations` holds
{field: {language: text}} for the others (portal.translatable). Items written before have none.
"""
from portal.translatable import translations_column

revision, down_revision = "0010_translatable_fields", "0009_user_timezone"

upgrade, downgrade = translations_column("content")
