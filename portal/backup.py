"""`portal backup` and `portal restore`: the database and files.dir, consistent with each other,
taken while the site runs.

A backup copies the database first, as one snapshot (SQLite's online backup API; on PostgreSQL
pg_dump with a snapshot exported by a transaction that also reads the file rows), then the files
those rows name. Uploads reach files.dir before their row commits, so every row of the snapshot has
its bytes; a file whose row was deleted after the snapshot was moved aside (files.dir/.deleted, kept
a day, portal/files.py) rather than unlinked, and is copied from there. Each copied file is checked
against its row's SHA-256. The search index is not copied: it is derived data, and a restore rebuilds
it from the restored database (what `portal reindex` does).

A backup is a folder: manifest.json, database.sqlite or database.dump (pg_dump's custom format) and
files/ (the same layout as files.dir). It is written as DEST.partial and renamed when complete.

A restore (site stopped) puts the database back (into the database of the ini: pg_restore --clean,
or SQLite's backup API into the file), copies the files back, removes every file of files.dir that
no row names, and rebuilds the search index.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

FORMAT = 1
MANIFEST = "manifest.json"
KEEP = {".portal-generation"}  # the page cache's marker may share files.dir: not a file of the site


class BackupError(Exception):
    pass


def _say(message: str) -> None:
    print(message, flush=True)


def _sqlite_path(url) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _pg_command(url, program: str) -> tuple[list[str], dict]:
    """libpq arguments and environment (the password in PGPASSWORD, never on the command line)."""
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client)")
    args = [program, "--no-password"]
    if url.host:
        args += ["-h", url.host]
    if url.port:
        args += ["-p", str(url.port)]
    if url.username:
        args += ["-U", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-2000:]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    shutil.copyfile(source, part)
    os.replace(part, target)


def _database_copy(settings: dict, work: Path) -> tuple[str, list, list]:
    """Copy the database into `work`; (kind, file rows, alembic revisions) as of that copy."""
    url = make_url(settings["sqlalchemy.url"])
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        target = sqlite3.connect(work / "database.sqlite")
        try:
            source.backup(target)  # one step: a consistent snapshot, writers go on (WAL)
        finally:
            source.close()
        try:
            rows = target.execute("SELECT id, path, sha256, size FROM files ORDER BY id").fetchall()
            revisions = [r[0] for r in target.execute("SELECT version_num FROM alembic_version")]
        finally:
            target.close()
        return "sqlite", rows, revisions
    if url.get_backend_name() != "postgresql":
        raise BackupError(f"cannot back up a {url.get_backend_name()} database")
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn:
            # the snapshot pg_dump reads is the one this transaction reads the file rows from
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
            rows = [tuple(r) for r in conn.execute(text("SELECT id, path, sha256, size FROM files ORDER BY id"))]
            revisions = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
            args, env = _pg_command(url, "pg_dump")
            _run(args + ["--format=custom", f"--snapshot={snapshot}", "--file", str(work / "database.dump"),
                         url.database], env)
            conn.rollback()
    finally:
        engine.dispose()
    return "postgresql", rows, revisions


def backup(settings: dict, dest: Path, say: Callable[[str], None] = _say) -> dict:
    """Write a backup folder at `dest` (which must not exist); returns its manifest."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not empty: a backup goes into a new folder")
    work = dest.with_name(dest.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = datetime.now(timezone.utc)
    kind, rows, revisions = _database_copy(settings, work)
    say(f"Database copied ({kind}): {len(rows)} files named by its rows.")
    files_dir = Path(settings["files.dir"])
    aside = files_dir / ".deleted"
    missing, size = [], 0
    for file_id, relative, sha256, length in rows:
        found = next((p for p in (files_dir / relative, aside / relative) if p.is_file()), None)
        if found is None:
            missing.append(relative)
            continue
        target = work / "files" / relative
        _copy(found, target)
        if _sha256(target) != sha256:
            missing.append(relative)  # changed under its row: not the file the row describes
            target.unlink()
            continue
        size += length
    manifest = {"format": FORMAT, "created": started.isoformat(timespec="seconds"), "database": kind,
                "alembic": sorted(revisions), "files": len(rows) - len(missing), "bytes": size,
                "missing": missing}
    (work / MANIFEST).write_text(json.dumps(manifest, indent=1))
    if dest.exists():
        dest.rmdir()
    os.replace(work, dest)
    say(f"Files copied: {manifest['files']} ({size / 1e6:.1f} MB)."
        + (f" {len(missing)} files named by rows were not found: {', '.join(missing[:5])}" if missing else ""))
    return manifest


def read_manifest(src: Path) -> dict:
    try:
        manifest = json.loads((Path(src) / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{src} is not a portal backup (no readable {MANIFEST}: {exc})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{src}: backup format {manifest.get('format')} is not {FORMAT}")
    return manifest


def _database_restore(settings: dict, src: Path, kind: str) -> None:
    url = make_url(settings["sqlalchemy.url"])
    if url.get_backend_name() != kind:
        raise BackupError(f"this backup holds a {kind} database; the ini's database is {url.get_backend_name()}")
    engine = settings.get("portal.engine")
    if engine is not None:
        engine.dispose()  # no pooled connection may hold the tables being replaced
    if kind == "sqlite":
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(src / "database.sqlite")
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    args, env = _pg_command(url, "pg_restore")
    _run(args + ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                 "--dbname", url.database, str(src / "database.dump")], env)


def restore(settings: dict, src: Path, reindex: Callable[[], Any] | None = None,
            say: Callable[[str], None] = _say) -> dict:
    """Put a backup back into the site of `settings` (stopped), then rebuild the search index with
    reindex() (the CLI's: the app's own `portal reindex`)."""
    src = Path(src)
    manifest = read_manifest(src)
    _database_restore(settings, src, manifest["database"])
    say(f"Database restored from {src} (taken {manifest['created']}).")
    url = make_url(settings["sqlalchemy.url"])
    engine = settings.get("portal.engine") or create_engine(url)
    try:
        with engine.connect() as conn:
            rows = {r[0]: r[1] for r in conn.execute(text("SELECT path, sha256 FROM files"))}
    finally:
        if "portal.engine" not in settings:
            engine.dispose()
    files_dir = Path(settings["files.dir"])
    files_dir.mkdir(parents=True, exist_ok=True)
    copied = 0
    for relative, sha256 in rows.items():
        source, target = src / "files" / relative, files_dir / relative
        if not source.is_file():
            continue
        if target.is_file() and target.stat().st_size == source.stat().st_size and _sha256(target) == sha256:
            continue
        _copy(source, target)
        copied += 1
    removed = 0
    for found in sorted(files_dir.rglob("*"), reverse=True):
        relative = found.relative_to(files_dir).as_posix()
        if found.is_file() and relative not in rows and not found.name.startswith(tuple(KEEP)):
            found.unlink()
            removed += 1
        elif found.is_dir() and not any(found.iterdir()):
            found.rmdir()
    absent = [r for r in rows if not (files_dir / r).is_file()]
    say(f"Files: {copied} copied back, {removed} without a row removed"
        + (f", {len(absent)} named by rows but absent from the backup" if absent else "") + ".")
    if reindex is not None:
        reindex()
    return {**manifest, "copied": copied, "removed": removed, "absent": absent}


def rebuild_index(registry, say: Callable[[str], None] = _say) -> int:
    """The search index rebuilt from the database, as `portal reindex` does."""
    from pyramid.scripting import prepare
    from .search import all_documents
    env = prepare(registry=registry)
    try:
        request = env["request"]
        backend = registry["search"]
        with request.tm:
            docs = list(all_documents(request))
        backend.rebuild(docs)
        say(f"Search index rebuilt: {len(docs)} documents.")
        return len(docs)
    finally:
        env["closer"]()
