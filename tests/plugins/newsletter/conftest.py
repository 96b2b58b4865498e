"""Fixtures of the newsletter's tests; their steps are in tests/support/newsletter_steps.py."""
from datetime import timedelta

import pytest

from portal.models import News, utcnow


@pytest.fixture
def news(db):
    """A piece of news published yesterday in English and its French translation: {language: id}."""
    with db() as s:
        made = {}
        for title, lang in (("Porto Alegre opens its budget", "en"), ("Porto Alegre ouvre son budget", "fr")):
            n = News(title=title, description=f"Summary: {title}", body="<p>x</p>", language=lang, state="published",
                     published=utcnow() - timedelta(days=1))
            s.add(n)
            s.flush()
            made[lang] = n
        made["fr"].translation_group = made["en"].translation_group
        return {k: v.id for k, v in made.items()}
