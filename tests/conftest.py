pytest_plugins = []  # the `portal` fixtures come from the portal.testing pytest plugin (setup.cfg)
