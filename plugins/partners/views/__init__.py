"""The pages of the partners plugin: the partners grouped by kind, a partner's page values and its joint
activities, the secretariat's agreements. Each view names its permission."""


def includeme(config):
    config.scan(".")
