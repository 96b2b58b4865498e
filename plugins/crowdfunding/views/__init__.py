"""The pages of the crowdfunding plugin: the campaigns' listing and page values, the pledge form and
its thank-you page, the secretariat's pledges. Each view names its permission."""


def includeme(config):
    config.scan(".")
