"""Working groups: group spaces with collaborative pages that never lose an edit."""


def includeme(config):
    pass
