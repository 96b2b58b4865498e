"""The portal's plugins, one package each (plugins/<name>/), enabled by `portal.plugins` in the ini."""
