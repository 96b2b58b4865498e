"""The pages of the governance plugin. Each view names its permission."""


def includeme(config):
    config.scan(".")
