"""A test-only plugin with one periodic task that runs every `beat.every` seconds (default 1) and
writes one line per run (the worker's process id and the time) to beat.log in files.dir, a folder
every process of the site shares: the scale-out test counts how often the task ran across workers."""
import os
import time
from pathlib import Path


def beat(request):
    line = f"{os.getpid()} {time.time():.3f}\n"
    folder = Path(request.registry.settings["files.dir"])
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "beat.log", "a") as log:
        log.write(line)  # one write of one short line in append mode: lines of two processes never mix
    return "beat"


def includeme(config):
    config.add_periodic_task("beat:tick", beat, every=float(config.get_settings().get("beat.every", 1)))
