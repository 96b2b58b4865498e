"""The pages of the awards: calls, entries and their documents, the jury, reviews, ranking and results.
Each view names its permission; the contexts (call, entry, review) carry their own ACLs (see models);
the routes are in ../routes.py."""


def includeme(config):
    config.scan(".")
