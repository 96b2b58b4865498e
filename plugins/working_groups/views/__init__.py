"""/groups: the working groups (groups.py), their members, requests and invitations (membership.py,
invitations.py), their pages with revisions and merges of concurrent edits (pages.py), comments
(comments.py). The routes are in ../routes.py, the contexts in ../resources.py and who may do what
in ../permissions.py."""


def includeme(config):
    config.scan(".")
