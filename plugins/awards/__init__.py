"""Award calls: the annual Good Practice Award, from the call to published winners."""


def includeme(config):
    pass
