"""`portal import-experiences -c INI FILE`: the same as `portal import experiences FILE`, kept for the
scripts written before imports were declared with add_import."""


def run(args):
    from portal.api import run_import_file
    run_import_file(args, "experiences")


def register(command):
    from portal.api import import_arguments
    import_arguments(command("import-experiences", run, "import experiences from a JSON or CSV file (see README)"),
                     with_name=False)
