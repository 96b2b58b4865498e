"""Newsletter: subscribers, issues in four languages, delivery that misses no one."""


def includeme(config):
    pass
