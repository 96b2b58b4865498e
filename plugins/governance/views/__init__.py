"""The pages of the governance plugin; each view names its permission."""


def includeme(config):
    config.scan(".")
