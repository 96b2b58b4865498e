"""Events: the network's workshops, conferences and plenary sessions."""


def includeme(config):
    pass
