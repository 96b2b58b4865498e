"""Entries: saved as drafts and submitted until the call closes (the server's clock decides), with
their documents, which for a blind review must be ones the portal can make anonymous."""
import colander
from sqlalchemy import func, select

from portal.api import pending_file, store_kept
from portal.api import _

from portal.api import clock
from .blind import masker_for
from .models import AwardEntry, EntryDocument
from .scrub import Unreadable, scrub

MAX_DOCUMENTS = 10


class EntryRefused(ValueError):
    """What the entry form cannot take; `field` is the form field the message belongs to (or None)."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def experience_choices(request, member_id):
    Experience = request.resources["experience"]
    rows = request.dbsession.execute(select(Experience.id, Experience.title).where(Experience.member_id == member_id)
                                     .order_by(Experience.title)).all()
    return [(str(r.id), r.title) for r in rows]


def entry_values(entry):
    values = {"experience_id": entry.experience_id, "category": entry.category or colander.null}
    for q in entry.call.questions:
        values[f"q_{q['key']}"] = entry.answers.get(q["key"], "")
    return values


def document_rows(request, entry) -> list[dict]:
    """The entry's documents as the entry form lists them."""
    return [{"id": d.id, "title": d.file.title, "url": request.route_path("award_entry_document", entry=entry.id,
                                                                         doc=d.id),
             "note": f"{d.file.mimetype.split('/')[-1].split('.')[-1].upper()}, {d.file.size / 1024.0:.0f} KB"}
            for d in entry.documents]


def missing_for_submission(entry):
    call = entry.call
    missing = []
    if entry.experience_id is None:
        missing.append("experience")
    if not entry.category:
        missing.append("category")
    missing += [q["title"] for q in call.questions if not str(entry.answers.get(q["key"], "")).strip()]
    return missing


def check_document(entry, data: bytes, mimetype: str) -> None:
    """For a blind review, a document the portal cannot make anonymous is refused now, not passed on."""
    if not entry.call.blind:
        return
    try:
        scrub(data, mimetype, masker_for(entry))
    except Unreadable as exc:
        raise EntryRefused(exc.message, "documents")


def save_entry(request, entry, appstruct: dict) -> None:
    """The entry as the form has it: experience, category, answers, documents added and removed. Raises
    EntryRefused (nothing is changed then: the caller dooms the transaction)."""
    call = entry.call
    documents = appstruct.get("documents") or {"kept": [], "remove": []}
    removed = [d for d in entry.documents if d.id in set(documents["remove"])]
    held = [found for found in (pending_file(request, t) for t in documents["kept"]) if found]
    if len(entry.documents) - len(removed) + len(held) > MAX_DOCUMENTS:
        raise EntryRefused(_("An entry has at most ${count} documents.", mapping={"count": MAX_DOCUMENTS}), "documents")
    for item in held:
        try:
            check_document(entry, item.path.read_bytes(), item.mimetype)
        except EntryRefused as exc:
            documents["kept"].remove(item.token)  # a refused file is not offered again
            raise EntryRefused(_("“${file}” was not added: ${reason} Upload a copy without the names of your "
                                 "organisation, city and people.",
                                 mapping={"file": item.filename, "reason": exc.message}), "documents")
    entry.experience_id = appstruct["experience_id"]
    entry.category = appstruct["category"]
    entry.answers = {q["key"]: appstruct.get(f"q_{q['key']}", "") for q in call.questions}
    from portal.api import delete_file
    for doc in removed:
        file = doc.file
        entry.documents.remove(doc)
        request.dbsession.flush()
        delete_file(request, file)
    for row in store_kept(request, [h.token for h in held], owner=request.user):
        request.dbsession.flush()
        entry.documents.append(EntryDocument(file_id=row.id))
    request.dbsession.flush()


def submit_entry(request, entry) -> bool:
    """Submit a saved draft (or resubmit the entry); True the first time. Raises EntryRefused when
    something is missing or the organisation has submitted as many entries as the call accepts."""
    call = entry.call
    request.dbsession.refresh(entry, ["experience"])
    if missing_for_submission(entry):
        raise EntryRefused(_("The draft is saved. To submit it, answer every question and choose the experience "
                             "and the category."))
    others = request.dbsession.scalar(select(func.count(AwardEntry.id)).where(
        AwardEntry.call_id == call.id, AwardEntry.member_id == entry.member_id,
        AwardEntry.status == "submitted", AwardEntry.id != entry.id))
    if others >= call.max_entries_per_member and entry.status != "submitted":
        raise EntryRefused(_("Your organisation has already submitted ${count} entries, the most this call accepts. "
                             "The draft is saved.", mapping={"count": call.max_entries_per_member}))
    first = entry.status != "submitted"
    entry.status = "submitted"
    entry.submitted = clock.now()
    entry.submitter_id = request.user.id
    return first


def blind_file_name(number: int, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"document-{number}" + (f".{ext}" if ext.isalnum() and len(ext) <= 5 else "")


def years(exp, request) -> str:
    """An experience's years as a reader expects them: "2017–2021", or "2017 – ongoing"."""
    from portal.api import translate
    if exp is None or not exp.start_year:
        return ""
    if exp.end_year:
        return f"{exp.start_year}–{exp.end_year}" if exp.end_year != exp.start_year else str(exp.start_year)
    ongoing = translate(_("ongoing"), request)
    return f"{exp.start_year} – {ongoing}"
