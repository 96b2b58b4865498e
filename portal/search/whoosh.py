"""Whoosh backend: one index on disk, a text field per language with that language's stemmer.

A search made of words is matched, counted and ranked here from the posting lists (read a block at a
time through whoosh-reloaded 2.7.5's block reader, pinned in setup.cfg), not by Whoosh's matchers and
collectors, which step through every posting in Python; the pages and scores are Whoosh's own (BM25F).
"""
import ctypes
import ctypes.util
import heapq
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import timezone
from itertools import accumulate

from whoosh import index, sorting, writing
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.matching.wrappers import FilterMatcher
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.query import And, Every, Or, Phrase, Term
from whoosh.searching import Results
from whoosh.util.filelock import try_for
from whoosh.util.numeric import byte_to_length

from . import (EXACT_WINDOW, LANGUAGES, Hit, SearchBackend, SearchIndexLocked, SearchResults, exact_first,
               exact_phrases, facet_order, fingerprint, fold, leading_text, reader_first, translations_of)
from .language import analyzer, formatter, fragmenter, is_current, lead, plain_analyzer
from .query import ParsedText, parse_text

FACET_PREFIX = "f_"
PARALLEL_FROM = 500  # documents in one write, before a bulk() command's writes use several processes
KEYWORD_FIELDS = ("type", "language", "region", "year", "allowed")
PR_SET_PDEATHSIG = 1
# the only fields a visitor's words are looked for in
TEXT_FIELDS = tuple(f"text_{lang}" for lang in LANGUAGES) + tuple(f"title_{lang}" for lang in LANGUAGES) + ("plain",)
# where a document's title and summary are: a document whose title or summary holds every word of a
# query ranks before the others
COVER_FIELDS = tuple(f"title_{lang}" for lang in LANGUAGES) + tuple(f"lead_{lang}" for lang in LANGUAGES)


def _postings(matcher):
    """([document numbers], [weights]) of a fresh term matcher of one segment. Whoosh's own matcher is
    read a block at a time (its Python API steps one posting at a time); deleted documents are left out
    as Whoosh's wrapper would."""
    deleted = ()
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        deleted, matcher = matcher._ids, matcher.child
    ids, values = [], []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._ids is None:
                if matcher._data is None:
                    matcher._read_data()
                # the block keeps the gaps between document numbers: summed in C, not by Whoosh's generator
                matcher._ids = matcher._data[0] if matcher._byteids else list(accumulate(matcher._data[0]))
            ids.extend(matcher._ids[matcher._i:])
            if matcher._weights is None:
                matcher._read_weights()
            values.extend(matcher._weights[matcher._i:])
            matcher._i = matcher._blocklength
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            values.append(matcher.weight())
            matcher.next()
    if deleted:
        kept = [i for i, docnum in enumerate(ids) if docnum not in deleted]
        ids, values = [ids[i] for i in kept], [values[i] for i in kept]
    return ids, values


def make_schema():
    schema = Schema(
        key=ID(stored=True, unique=True),
        type=ID(stored=True),
        title=STORED,
        url=STORED,
        language=ID(stored=True),
        region=KEYWORD(stored=True, commas=True),
        year=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        sort_title=ID(sortable=True),
        allowed=KEYWORD(commas=True),
        plain=TEXT(analyzer=plain_analyzer()),
        facets=STORED,
        fingerprint=COLUMN(VarBytesColumn()),  # key and fingerprint, read by `portal reindex --check`
        translation_group=ID(stored=True),  # what the language versions of one item share
    )
    for lang in LANGUAGES:
        # chars=True keeps match positions, so highlighting needs no second pass of the analyzer
        schema.add(f"text_{lang}", TEXT(analyzer=analyzer(lang), stored=True, chars=True))
        schema.add(f"title_{lang}", TEXT(analyzer=analyzer(lang), field_boost=3.0))
        # the summary (the text's first paragraph): not scored, only what a title or summary holds
        schema.add(f"lead_{lang}", TEXT(analyzer=analyzer(lang)))
    schema.add(FACET_PREFIX + "*", KEYWORD(commas=True, stored=True), glob=True)
    return schema


def _die_with_parent(parent: int) -> None:
    """In a writer process: end with the process that started it. Killed (kill -9, the OOM killer), that
    process leaves its writers waiting for documents forever, holding the index's write lock (inherited
    with its file descriptor), so every later write would wait and fail."""
    try:  # Linux: the kernel sends SIGKILL when the parent (the thread that forked) ends
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        watch = False
    except (OSError, AttributeError):
        watch = True
    if os.getppid() != parent:  # it ended before prctl
        os._exit(1)
    if watch:
        def check() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)
        threading.Thread(target=check, daemon=True).start()


class WriterTask(SubWriterTask):
    def run(self) -> None:
        _die_with_parent(self._parent_pid)
        super().run()


class CheckedMpWriter(MpWriter):
    """Whoosh's multiprocessing writer, with processes that end with their parent, and which would write the
    new table of segments without the segment of a process that died: here the commit fails instead and the
    index stays as it was."""

    def __init__(self, ix, on_task: Callable[[int], None] | None = None, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self._on_task = on_task

    def _new_task(self):
        task = WriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                          self.multisegment)
        self.tasks.append(task)
        task.start()
        if self._on_task is not None:
            self._on_task(task.pid)
        return task

    def _commit_toc(self, segments):
        failed = [task.exitcode for task in self.tasks if task.exitcode]
        if failed:
            self._finish()
            raise RuntimeError(f"an indexing process failed (exit status {failed[0]}); nothing was written")
        super()._commit_toc(segments)


def _alive(pid: int) -> bool:
    """Whether process pid exists and has not ended (a zombie has ended: its files are closed)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _holding(pid: int, path: str) -> bool:
    """Whether process pid has the file at path open (Linux; elsewhere: assumed)."""
    folder = f"/proc/{pid}/fd"
    if not os.path.isdir("/proc/self/fd"):
        return True
    try:
        target = os.stat(path)
        for name in os.listdir(folder):
            try:
                found = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
                return True
    except OSError:
        pass
    return False


class _Groups:
    def __init__(self) -> None:
        self.members: dict[str, set] = {}  # group -> its document numbers (groups of two or more)
        self.of: dict[int, str] = {}  # document number -> its group


class WhooshBackend(SearchBackend):
    def __init__(self, directory, memory_mb=256, unlock_command="portal reindex --unlock"):
        self.directory = directory
        self.memory_mb = memory_mb  # of each writer process, before Whoosh sorts its postings on disk
        self.unlock_command = unlock_command
        self._lock = threading.RLock()
        self._depth, self._file_lock = 0, None
        self._local = threading.local()  # each server thread keeps its own searcher
        self._cache_lock = threading.Lock()
        self._cache, self._cache_generation = {}, None
        os.makedirs(directory, exist_ok=True)
        if index.exists_in(directory):
            self.ix = index.open_dir(directory)
        else:
            self.ix = index.create_in(directory, make_schema())
        self.lock_path = os.path.join(directory, f"{self.ix.indexname}_WRITELOCK")
        self._schema = self.ix.schema  # (reading it from the index reads its table of segments each time)
        missing = [name for name in ("fingerprint", "translation_group", *(f"lead_{lang}" for lang in LANGUAGES))
                   if name not in self._schema]
        if missing:
            self._add_fields(missing)

    def _add_fields(self, names) -> None:
        """An index written before documents kept their fingerprint or translation group gets the field
        (documents written from now on have it; their fingerprints differ, so `portal reindex --check`
        writes the others again; until then each of them is an item of its own)."""
        fields = make_schema()
        try:
            with self.locked(timeout=5):
                writer = self.ix.writer(_lk=False)
                for name in names:
                    writer.add_field(name, fields[name])
                writer.commit()
        except SearchIndexLocked:
            return  # another process writes: the next start adds it
        self._schema = self.ix.schema

    # --- the write lock ----------------------------------------------------------------------------

    @contextmanager
    def locked(self, session=None, timeout: float = 30.0) -> Iterator:
        """The index's write lock (a file lock, shared by every process of the site), with the holder's
        host and process number written in the lock file, for the message of a writer that waits in vain."""
        if not self._lock.acquire(timeout=timeout):  # another thread of this process writes (re-entrant)
            raise SearchIndexLocked(f"the search index is being written by this process (waited {timeout:g} s); "
                                    "the changes stay queued")
        try:
            if self._depth:
                self._depth += 1
                try:
                    yield session
                finally:
                    self._depth -= 1
                return
            lock = self.ix.lock("WRITELOCK")
            deadline, suspect = time.monotonic() + timeout, None
            while not lock.acquire():
                holder = self._gone_holder()
                if holder is not None and holder == suspect:  # (seen twice: not a new holder yet to write)
                    raise self._locked_error(timeout)  # no point waiting for a process that is gone
                suspect = holder
                if time.monotonic() >= deadline:
                    raise self._locked_error(timeout)
                time.sleep(0.05 if suspect is None else 0.5)
            self._file_lock, self._depth = lock, 1
            self._record_holders([os.getpid()])
            try:
                yield session
            finally:
                self._depth, self._file_lock = 0, None
                lock.release()
        finally:
            self._lock.release()

    def _record_holders(self, pids: list[int]) -> None:
        fd = getattr(self._file_lock, "fd", None)
        if fd is not None:
            os.ftruncate(fd, 0)
            os.pwrite(fd, (" ".join([socket.gethostname(), *map(str, pids)]) + "\n").encode(), 0)

    def _add_holder(self, pid: int) -> None:
        """A writer process holds the lock too (it inherited the lock file)."""
        self._holders.append(pid)
        self._record_holders(self._holders)

    def holders(self) -> tuple[str, list[int]]:
        """(host, [the process that took the lock, its writer processes...]) as the lock file has them."""
        try:
            with open(self.lock_path) as f:
                host, *pids = f.read().split() or [""]
        except OSError:
            return "", []
        return host, [int(p) for p in pids if p.isdigit()]

    def _gone_holder(self) -> int | None:
        """The process named as the lock's holder when it provably no longer runs (on this host), else None."""
        host, pids = self.holders()
        return pids[0] if pids and host == socket.gethostname() and not _alive(pids[0]) else None

    def _locked_error(self, timeout: float) -> SearchIndexLocked:
        host, pids = self.holders()
        if self._gone_holder() is not None:
            return SearchIndexLocked(f"the search index is locked by process {pids[0]}, which is no longer "
                                     f"running: run `{self.unlock_command}`")
        if pids:
            where = "" if host == socket.gethostname() else f" on {host}"
            return SearchIndexLocked(f"the search index is locked by process {pids[0]}{where}, still writing "
                                     f"after {timeout:g} s (a `portal reindex` or an import?); the changes "
                                     "stay queued and are applied after it")
        return SearchIndexLocked(f"the search index is locked (waited {timeout:g} s); the changes stay queued")

    def unlock(self) -> str:
        """Free a lock whose holder is no longer running: end its writer processes still holding the lock
        file (orphans waiting for documents that will never come). Returns a line for the operator; refuses
        (SearchIndexLocked) while the holder runs, runs on another host, or when an unknown process holds
        the lock."""
        lock = self.ix.lock("WRITELOCK")
        if lock.acquire():
            lock.release()
            return "The search index was not locked."
        holder = self._gone_holder()
        if holder is None:
            host, pids = self.holders()
            raise SearchIndexLocked(f"the search index is locked by process {pids[0] if pids else '?'}"
                                    f"{'' if host == socket.gethostname() else f' on {host}'}, which may still "
                                    "be running: let it finish, or stop it first")
        orphans = [pid for pid in self.holders()[1][1:] if _alive(pid) and _holding(pid, self.lock_path)]
        for pid in orphans:
            os.kill(pid, signal.SIGKILL)
        if not try_for(lock.acquire, timeout=10, delay=0.1):
            raise SearchIndexLocked(f"the search index is still locked after ending the writer processes "
                                    f"{', '.join(map(str, orphans)) or '(none found)'} of process {holder}; "
                                    f"find the process holding {self.lock_path} (fuser) and stop it")
        lock.release()
        return (f"The search index was locked by process {holder}, no longer running; ended its writer "
                f"processes {', '.join(map(str, orphans))}." if orphans else
                f"The search index was locked by process {holder}, no longer running; it is free now.")

    # --- writing -----------------------------------------------------------------------------------

    def _writer(self, parallel=False):
        """A writer of the index, inside locked(); with parallel=True and self.processes > 1 (a command's
        bulk()), Whoosh's multiprocessing writer: documents are analysed and written by that many forked
        processes, one new segment each."""
        if parallel and self.processes > 1:
            self._holders = [os.getpid()]
            return CheckedMpWriter(self.ix, procs=self.processes, multisegment=True, limitmb=self.memory_mb,
                                   _lk=False, subargs={"limitmb": self.memory_mb}, on_task=self._add_holder)
        return self.ix.writer(limitmb=self.memory_mb, _lk=False)

    def _write(self, write, parallel, **commit):
        """Call write(writer) and commit; on any error the index is left as it was and the writer's
        processes are stopped."""
        writer = self._writer(parallel=parallel)
        try:
            write(writer)
            writer.commit(**commit)
        except BaseException:
            for task in getattr(writer, "tasks", ()):  # they would wait for more documents forever
                task.terminate()
                task.join()
            if not writer.is_closed:
                writer.cancel()
            raise

    def apply_changes(self, changes: dict, handle=None, parallel: bool = False) -> None:
        if not changes:
            return

        def write(writer):
            for key, doc in changes.items():
                if doc is None:
                    writer.delete_by_term("key", key)
                else:
                    writer.update_document(**self._fields(doc))
        with self.locked():  # (already held by the caller: re-entered)
            self._write(write, parallel=parallel and len(changes) >= PARALLEL_FROM)

    def replace_all(self, documents: Iterable[dict], handle=None) -> int:
        """All documents in one commit that drops every old segment: searches see the old index until the
        new one is complete, never an empty one."""
        count = 0

        def write(writer):
            nonlocal count
            for doc in documents:
                writer.add_document(**self._fields(doc))
                count += 1
        with self.locked():
            if not is_current(self._schema["text_en"].analyzer):
                # an index written before the language rules: the new one gets the current analyzers (its
                # searches find nothing until it is written; `portal reindex` once after upgrading)
                self.ix = index.create_in(self.directory, make_schema())
                self._schema = self.ix.schema
            self._write(write, parallel=True, mergetype=writing.CLEAR)
        return count

    def clear(self):
        with self.locked():
            self.ix = index.create_in(self.directory, make_schema())
            self._schema = self.ix.schema
            self._local = threading.local()
            with self._cache_lock:  # a new index counts its generations from 0 again
                self._cache, self._cache_generation = {}, None
        self._changed()

    def fingerprints(self) -> dict[str, str]:
        found = {}
        with self.ix.reader() as reader:
            for leaf in (reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]):
                leaf = leaf[0]
                column = leaf.column_reader("fingerprint", translate=False) if leaf.has_column("fingerprint") else None
                for docnum in leaf.all_doc_ids():
                    value = column[docnum] if column is not None else b""
                    if value:
                        key, _, digest = value.decode().partition("\t")
                    else:  # written before fingerprints were kept
                        key, digest = leaf.stored_fields(docnum)["key"], ""
                    found[key] = digest
        return found

    def _fields(self, doc):
        lang = doc["language"] if doc["language"] in LANGUAGES else "en"
        fields = {
            "key": doc["key"], "type": doc["type"], "title": doc["title"], "url": doc["url"],
            "language": doc["language"], "region": ",".join(doc["region"]), "year": doc["year"],
            "allowed": ",".join(doc["allowed"]), "facets": doc["facets"],
            f"text_{lang}": doc["text"], f"title_{lang}": doc["title"],
            # unstemmed words across languages: the title and what the document adds (theme labels in the
            # four languages, place names); the text itself is matched through its language's field only
            "plain": " ".join([doc["title"], doc.get("extra", "")]),
            "sort_title": fold(doc["title"])[:100],
        }
        if "fingerprint" in self._schema:
            fields["fingerprint"] = f"{doc['key']}\t{fingerprint(doc)}".encode()
        if "translation_group" in self._schema:
            fields["translation_group"] = doc.get("translation_group") or doc["key"]
        if f"lead_{lang}" in self._schema:
            # (a text that is no string is the analyzer's to refuse, in the writer process, as the text field's)
            fields[f"lead_{lang}"] = lead(doc["text"]) if isinstance(doc["text"], str) else doc["text"]
        if doc.get("date"):
            fields["date"] = doc["date"].astimezone(timezone.utc).replace(tzinfo=None)
        for name, values in doc["facets"].items():
            fields[FACET_PREFIX + name] = ",".join(str(v) for v in values)
        return fields

    def count(self):
        with self.ix.searcher() as searcher:
            return searcher.doc_count()

    def _field(self, name):
        return name if name in ("type", "language", "region", "year") else FACET_PREFIX + name

    def _searcher(self):
        """This thread's searcher, reopened only when the index changed since its last search."""
        local = self._local
        searcher = getattr(local, "searcher", None)
        if searcher is None:
            searcher = self.ix.searcher()
        elif not searcher.up_to_date():
            searcher.close()  # (Searcher.refresh fails on a reader of an index that was empty)
            searcher = self.ix.searcher()
        local.searcher = searcher
        return searcher

    def _phrase_query(self, words: tuple[str, ...], fields: tuple = TEXT_FIELDS):
        """The query of one word or phrase: in each text field, as that field's analyzer reads it."""
        found = []
        for name in fields:
            if name not in self._schema:
                continue
            tokens = list(self._schema[name].process_text(" ".join(words), mode="query"))
            query = Term(name, tokens[0]) if len(tokens) == 1 else Phrase(name, tokens) if tokens else None
            if query is not None and query not in found:
                found.append(query)
        return Or(found) if found else None

    def text_queries(self, parsed: ParsedText) -> tuple:
        """(what a document must match, what it must not match or None) of a parsed text: the words, ORs
        and phrases as Whoosh queries on the text fields, nothing else; (None, None) when a word can match
        no field."""
        groups = []
        for group in parsed.required:
            alternatives = [q for q in map(self._phrase_query, group) if q is not None]
            if not alternatives:
                return None, None
            groups.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
        positive = (groups[0] if len(groups) == 1 else And(groups)) if groups else Every()
        excluded = [q for q in map(self._phrase_query, parsed.excluded) if q is not None]
        return positive, (Or(excluded) if excluded else None)

    def _covering(self, searcher, parsed, matched, memo) -> set:
        """The matched documents whose title or summary holds every group of the query."""
        found = matched
        for group in parsed.required:
            alternatives = [a for a in (self._phrase_query(words, COVER_FIELDS) for words in group) if a is not None]
            found = found & (self._docs(searcher, Or(alternatives), memo) if alternatives else set())
            if not found:
                break
        return found

    def search(self, q):
        parsed = parse_text(q.text)
        parsed_query, excluded = self.text_queries(parsed)
        if parsed.matches_nothing or parsed_query is None:  # only ignored words: nothing to look for
            return SearchResults(total=0, hits=[], facets={name: [] for name in q.facets}, page=q.page,
                                 page_size=q.page_size)
        conditions = [Or([Term("allowed", p) for p in q.principals])]
        for name, values in q.filters.items():
            conditions.append(Or([Term(self._field(name), str(v)) for v in values]))
        if q.sort == "title":
            sort, sortedby = "sort_title", sorting.FieldFacet("sort_title")
        elif q.sort == "relevance" and parsed.ranked:
            sort, sortedby = None, None
        else:
            sort, sortedby = "date", sorting.FieldFacet("date", reverse=True)
        searcher = self._searcher()
        if searcher:  # kept open for the next search of this thread
            # Every match once, from the posting lists: it gives the total and the facet counts; the page
            # is then ranked among these only.
            memo = {}  # each term's postings, read once for matching and ranking
            matched = self._docs(searcher, And([parsed_query, *conditions]), memo)
            if excluded is not None and matched:
                matched = matched - self._docs(searcher, excluded, memo)  # a new set: _docs may hand back one it keeps
            if q.exclude:
                hidden = {searcher.document_number(key=key) for key in q.exclude}
                matched = matched - hidden
            groups = self._groups(searcher)
            shared = matched.intersection(groups.of) if groups.of else set()
            counted = {name: facet_order(self._count(searcher, name, matched, groups if shared else None))
                       for name in q.facets}
            total = len(matched) - len(shared) + len({groups.of[d] for d in shared})
            preferred = self._facet_docs(searcher, "language").get(q.language, set()) if shared else set()
            hits = []
            first = (q.page - 1) * q.page_size
            if q.page_size and total > first:
                leaves = self._leaves(parsed_query)
                if leaves and sort is None and not all(searcher.schema[name].scorable for name, _, _ in leaves
                                                       if name in searcher.schema):
                    leaves = None  # a term of a field without lengths: Whoosh scores those
                collapse = (groups, shared, matched, preferred) if shared else None
                phrases = exact_phrases(parsed) if sort is None else []
                covering = self._covering(searcher, parsed, matched, memo) if sort is None else set()
                limit = max(first + q.page_size, EXACT_WINDOW if phrases else 0)
                if leaves is not None:
                    results = self._top(searcher, parsed_query, leaves, matched, limit, memo, sort, collapse, covering)
                else:
                    results = self._ranked(searcher, parsed_query, matched, limit, sortedby, collapse)
                if sort is None:
                    reader = self._facet_docs(searcher, "language").get(q.language, set())
                    results.top_n = reader_first(results.top_n, reader, covering)
                    if phrases:
                        results.top_n = exact_first(phrases, results.top_n,
                                                    lambda item: self._text_of(searcher, item[1]))
                results.fragmenter, results.formatter = fragmenter(), formatter()
                hits = [self._hit(results[i]) for i in range(first, min(first + q.page_size, results.scored_length()))]
                if shared:
                    self._add_translations(searcher, q, hits, groups)
            return SearchResults(total=total, hits=hits,
                                 facets=counted, page=q.page, page_size=q.page_size)

    def _groups(self, searcher) -> "_Groups":
        """The translation groups of more than one document: which group each of their documents is in."""
        def read():
            found = _Groups()
            if "translation_group" not in searcher.reader().indexed_field_names():
                return found
            # from the term dictionaries: only the postings of groups of several documents are read (most
            # items have one version)
            frequency: dict[bytes, int] = {}
            for leaf, _ in searcher.leaf_searchers():
                for tbytes, info in leaf.reader().iter_field("translation_group"):
                    frequency[tbytes] = frequency.get(tbytes, 0) + info.doc_frequency()
            field = searcher.schema["translation_group"]
            for tbytes, n in frequency.items():
                if n > 1:
                    group = field.from_bytes(tbytes)
                    docs = set(self._term_postings(searcher, "translation_group", group, {})[1])
                    if len(docs) > 1:  # (the frequency counts deleted documents until a merge)
                        found.members[group] = docs
                        found.of.update(dict.fromkeys(docs, group))
            return found
        return self._cached(searcher, ("groups",), read)

    def _collapse(self, collapse, order) -> tuple[set, dict]:
        """(the documents ranked: one per group, its best version, and every document of no shared group;
        {best version: the version shown}): order gives the matched documents of shared groups best first."""
        groups, shared, matched, preferred = collapse
        best: dict = {}
        for docnum in order:
            best.setdefault(groups.of[docnum], docnum)
        shown = {}
        for group, docnum in best.items():
            wanted = sorted(groups.members[group] & matched & preferred)
            shown[docnum] = docnum if not wanted or docnum in wanted else wanted[0]
        return (matched - shared) | set(shown), shown

    def _ranked(self, searcher, parsed, matched, limit, sortedby, collapse):
        """The first `limit` of matched as Whoosh ranks them (queries with phrases)."""
        if collapse is None:
            # search(), not search_page(): the page object would count every match once more
            return searcher.search(parsed, limit=limit, filter=matched, sortedby=sortedby)
        order = [hit.docnum for hit in searcher.search(parsed, limit=None, filter=collapse[1], sortedby=sortedby)]
        ranked, shown = self._collapse(collapse, order)
        results = searcher.search(parsed, limit=limit, filter=ranked, sortedby=sortedby)
        top_n = [(score, shown.get(docnum, docnum)) for score, docnum in results.top_n]
        return Results(searcher, parsed, top_n, docset=matched)

    def _add_translations(self, searcher, q, hits, groups) -> None:
        """Each hit of a translated item gets the other versions the visitor may see."""
        page = [(hit.key, groups.of.get(searcher.document_number(key=hit.key))) for hit in hits]
        wanted = [group for _, group in page if group is not None]
        if not wanted:
            return
        visible = self._docs(searcher, Or([Term("allowed", p) for p in q.principals]), {})
        rows = []
        for group in wanted:
            for docnum in groups.members[group] & visible:
                stored = searcher.stored_fields(docnum)
                if stored["key"] not in q.exclude:
                    rows.append((stored["key"], group, stored["language"], stored["url"], stored["title"]))
        found = translations_of(rows, page)
        for hit in hits:
            hit.translations = found.get(hit.key, [])

    def _leaves(self, q):
        """[(field, text, boost)] of a query made of terms, ORs and ANDs only (what text_queries makes of
        words), or None for anything else (phrases)."""
        kind = type(q)
        if kind is Term:
            return [(q.fieldname, q.text, q.boost)]
        if kind is Every and not q.fieldname:
            return []
        if kind in (Or, And) and q.boost == 1 and not getattr(q, "minmatch", 0):
            found = []
            for sub in q.subqueries:
                leaves = self._leaves(sub)
                if leaves is None:
                    return None
                found.extend(leaves)
            return found
        return None

    def _top(self, searcher, parsed, leaves, matched, limit, memo, sort, collapse=None, covering=frozenset()):
        """The first `limit` of matched, by relevance (sort None: BM25F, as Whoosh's default weighting
        scores them, the sum over the query's terms found in a document) or by a sortable field ("date",
        newest first, or "sort_title"), from the posting lists already read for matching: Whoosh's
        collectors would step through every posting of every term in Python. Returns Whoosh Results that
        know which terms each hit matched, so highlighting reads their positions instead of analysing the
        text again. With collapse, one version of each translated item is ranked, by its best version's
        place, and shown in the reader's language when it matched."""
        terms = []
        for fieldname, text, boost in leaves:
            tbytes, ids, weights = self._term_postings(searcher, fieldname, text, memo)
            if ids:
                terms.append((fieldname, tbytes, boost, ids, weights))
        shown: dict = {}
        if sort is None:
            scores = self._scores(searcher, terms, matched)
            if collapse is not None:
                order = sorted(collapse[1], key=lambda d: (d not in covering, -scores.get(d, 0.0), d))
                ranked, shown = self._collapse(collapse, order)
                scores = {d: score for d, score in scores.items() if d in ranked}
            best = heapq.nlargest(limit, scores.items(), key=lambda item: (item[0] in covering, item[1], -item[0]))
            top_n = [(score, docnum) for docnum, score in best]
        else:
            keys = self._sort_keys(searcher, sort)
            if sort == "date":
                def date_key(d):
                    return (keys[d], -d)
                if collapse is not None:
                    matched, shown = self._collapse(collapse, sorted(collapse[1], key=date_key, reverse=True))
                top_n = [(0.0, d) for d in heapq.nlargest(limit, matched, key=date_key)]
            else:
                def title_key(d):
                    return (keys[d], d)
                if collapse is not None:
                    matched, shown = self._collapse(collapse, sorted(collapse[1], key=title_key))
                top_n = [(0.0, d) for d in heapq.nsmallest(limit, matched, key=title_key)]
        if collapse is not None:
            top_n = [(score, shown.get(docnum, docnum)) for score, docnum in top_n]
        results = Results(searcher, parsed, top_n, docset=matched)
        page = {docnum for _, docnum in top_n}
        results.termdocs, results.docterms = {}, {}
        for fieldname, tbytes, _, ids, _ in terms:
            present = page.intersection(ids)
            if present:
                results.termdocs.setdefault((fieldname, tbytes), []).extend(present)
                for docnum in present:
                    results.docterms.setdefault(docnum, []).append((fieldname, tbytes))
        return results

    def _scores(self, searcher, terms, matched):
        """{document number: BM25F score} of the matched documents."""
        weighting = searcher.weighting
        K1, B = getattr(weighting, "K1", 1.2), getattr(weighting, "B", 0.75)
        field_b = getattr(weighting, "_field_B", {})
        scores = {}
        get = scores.get
        for fieldname, tbytes, boost, ids, weights in terms:
            if not searcher.schema[fieldname].scorable:
                continue
            b = field_b.get(fieldname, B)
            numerator = searcher.idf(fieldname, tbytes) * (K1 + 1) * boost
            constant, per_length = K1 * (1 - b), K1 * b / (searcher.avg_field_length(fieldname) or 1)
            lengths = self._lengths(searcher, fieldname)
            for docnum, weight in zip(ids, weights):
                if docnum in matched:
                    scores[docnum] = get(docnum, 0.0) + numerator * weight / (
                        weight + constant + per_length * lengths[docnum])
        return scores

    def _sort_keys(self, searcher, fieldname):
        """The sort key of each document, from fieldname's column (the stored form Whoosh sorts by; a
        segment without the column gives every document the column's default, as Whoosh does)."""
        def read():
            keys = []
            for leaf, _ in searcher.leaf_searchers():
                column = leaf.reader().column_reader(fieldname, translate=False)
                keys += [column.sort_key(docnum) for docnum in range(leaf.reader().doc_count_all())]
            return keys
        return self._cached(searcher, ("sort", fieldname), read)

    def _cached(self, searcher, key, make):
        """What make() reads from the index, kept for the index generation and shared by the server's
        threads (document numbers are those of that generation's segments)."""
        generation = searcher.reader().generation()
        with self._cache_lock:
            if self._cache_generation != generation:
                self._cache, self._cache_generation = {}, generation
            found = self._cache.get(key)
        if found is None:
            found = make()
            with self._cache_lock:
                if self._cache_generation == generation:
                    self._cache[key] = found
        return found

    def _lengths(self, searcher, fieldname):
        """The length of fieldname in each document (what BM25F divides by)."""
        def read():
            found = []
            for leaf, _ in searcher.leaf_searchers():
                reader = leaf.reader()
                column = getattr(getattr(reader, "_perdoc", None), "_cached_reader", None)
                column = column(_lenfield(fieldname), LENGTHS_COLUMN) if column is not None else None
                count = reader.doc_count_all()
                if column is not None:  # the column itself, not one method call per document
                    lengths = [byte_to_length(value) if value else 1 for value in column]
                    found += lengths + [1] * (count - len(lengths))
                else:
                    found += [reader.doc_field_length(docnum, fieldname, 1) for docnum in range(count)]
            return found
        return self._cached(searcher, ("lengths", fieldname), read)

    def _docs(self, searcher, q, memo):
        """The set of document numbers matching q. Terms, their ORs and ANDs are read as whole blocks of
        their posting lists and combined as sets (the matchers would step through them one document at a
        time in Python); other queries (phrases, prefixes...) go through Whoosh's own matching."""
        kind = type(q)
        if kind is Term:
            if q.fieldname in KEYWORD_FIELDS or q.fieldname.startswith(FACET_PREFIX):
                return self._facet_docs(searcher, q.fieldname).get(q.text, set())  # filters: kept sets
            return set(self._term_postings(searcher, q.fieldname, q.text, memo)[1])
        if kind is Or and not q.minmatch:
            found = set()
            for sub in q.subqueries:
                found |= self._docs(searcher, sub, memo)
            return found
        if kind is And:
            found = None
            for sub in sorted(q.subqueries, key=lambda s: type(s) is not Term):
                found = self._docs(searcher, sub, memo) if found is None else found & self._docs(searcher, sub, memo)
                if not found:
                    break
            return found or set()
        if kind is Every and not q.fieldname:
            return set(searcher.reader().all_doc_ids())
        return set(searcher.docs_for_query(q))

    def _term_postings(self, searcher, fieldname, text, memo):
        """(the term as bytes, [document numbers], [weights]) of one term, read once per search (memo)."""
        key = (fieldname, text)
        if key not in memo:
            field = searcher.schema[fieldname] if fieldname in searcher.schema else None
            tbytes, ids, weights = None, [], []
            try:
                tbytes = field.to_bytes(text) if field is not None else None
            except ValueError:
                pass
            if tbytes is not None:
                for leaf, offset in searcher.leaf_searchers():
                    reader = leaf.reader()
                    if (fieldname, tbytes) in reader:
                        leaf_ids, leaf_weights = _postings(reader.postings(fieldname, tbytes))
                        ids += [docnum + offset for docnum in leaf_ids] if offset else leaf_ids
                        weights += leaf_weights
            memo[key] = (tbytes, ids, weights)
        return memo[key]

    def _count(self, searcher, name, matched, groups=None):
        """[(value, items among matched)] of the values found among matched: the versions of a translated
        item (groups) count once."""
        counts = []
        for value, docs in self._facet_docs(searcher, self._field(name)).items():
            found = matched & docs  # (the intersection walks the smaller set)
            n = len(found)
            if n and groups is not None:
                shared = found.intersection(groups.of)
                n -= len(shared) - len({groups.of[d] for d in shared})
            if n:
                counts.append((value, n))
        return counts

    def _facet_docs(self, searcher, field):
        """value -> set of document numbers of one facet or filter field."""
        def read():
            if field not in searcher.reader().indexed_field_names():
                return {}
            return {value: set(self._term_postings(searcher, field, value, {})[1])
                    for value in searcher.reader().field_terms(field)}
        return self._cached(searcher, field, read)

    @staticmethod
    def _text_of(searcher, docnum) -> str:
        stored = searcher.stored_fields(docnum)
        lang = stored.get("language") if stored.get("language") in LANGUAGES else "en"
        return f"{stored.get('title', '')}\n{stored.get(f'text_{lang}') or ''}"

    def _hit(self, hit):
        from markupsafe import escape
        lang = hit.get("language") if hit.get("language") in LANGUAGES else "en"
        stored_text = hit.get(f"text_{lang}") or ""
        snippet = hit.highlights(f"text_{lang}") if stored_text else ""
        if not snippet:
            snippet = str(escape(leading_text(stored_text)))
        date = hit.get("date")
        return Hit(key=hit["key"], type=hit["type"], title=hit["title"], url=hit["url"],
                   language=hit["language"], snippet=snippet,
                   date=date.replace(tzinfo=timezone.utc) if date else None,
                   region=[r for r in (hit.get("region") or "").split(",") if r], year=hit.get("year") or "",
                   facets=hit.get("facets") or {})
