"""Regional antennas, the member directory and the network's reach."""


def includeme(config):
    pass
