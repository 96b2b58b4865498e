"""Editing a call without detaching anything: its categories, criteria and questions keep the keys
they were given (entries' categories and answers and jurors' scores point to them) whatever their
titles become; what entries or scores already use cannot be removed."""
from collections import Counter

from portal.api import TranslatedText, _, field_values, set_translated

from .schemas import slugify


def usage(call) -> dict:
    """{kind: Counter(key: uses)} and the answers chosen per question: what editing must not detach."""
    used = {"categories": Counter(), "questions": Counter(), "criteria": Counter(), "choices": {}}
    if call is None:
        return used
    for entry in call.entries:
        if entry.category:
            used["categories"][entry.category] += 1
        for key, answer in (entry.answers or {}).items():
            if str(answer).strip():
                used["questions"][key] += 1
                used["choices"].setdefault(key, Counter())[str(answer)] += 1
        for review in entry.reviews:
            for key, score in (review.scores or {}).items():
                if score is not None:
                    used["criteria"][key] += 1
    return used


def _choices(text: str) -> list[str]:
    return [c.strip() for c in (text or "").split(";") if c.strip()]


def _position(row, index):
    raw = str(row.get("position") or "").strip()
    return (int(raw) if raw.isdigit() else index + 1, index)


def merge_rows(kind: str, old: list, submitted: list, used: dict) -> tuple[list, list]:
    """The rows a call keeps after its form is sent: (rows, error messages). A row keeps its key when it
    comes back with it (renamed or not), a new row gets a key from its title; a row ticked "Remove",
    emptied or left out is removed unless something uses it."""
    old_by_key = {row["key"]: row for row in old}
    taken, seen = set(old_by_key), set()
    kept, errors = [], []
    for index, row in enumerate(submitted):
        key = row.get("key") or ""
        if key not in old_by_key or key in seen:
            key = ""  # a key the call does not have (or twice): the row is new
        name = row.get("name")
        title = " ".join(((name.original if isinstance(name, TranslatedText) else name) or "").split())
        if key and (row.get("remove") or not title):
            continue  # removed: checked below with the rows left out
        if not title:
            continue  # an empty row
        item = {"title": title[:300]}
        if isinstance(name, TranslatedText):  # the other languages' titles, kept in the row
            set_translated(item, "title", TranslatedText(dict(name, **{name.default: title[:300]}), name.default))
        if kind == "criteria":
            weight = str(row.get("weight") or "").strip()
            if not weight.isdigit() or not 1 <= int(weight) <= 100:
                errors.append(_("“${title}”: a weight is a whole number from 1 to 100.", mapping={"title": title}))
                continue
            item["weight"] = int(weight)
            described = row.get("description")
            if isinstance(described, TranslatedText):
                set_translated(item, "description", TranslatedText(
                    {lang: text.strip()[:1000] for lang, text in described.items()}, described.default))
            else:
                item["description"] = (described or "").strip()[:1000]
        if kind == "questions":
            choices = _choices(row.get("choices"))
            if len(choices) == 1:
                errors.append(_("“${title}”: a question with answers to choose from needs at least two, separated "
                                "by semicolons.", mapping={"title": title}))
                continue
            item.update(kind="choice" if choices else "text", choices=choices)
            if key and choices:
                lost = sorted(answer for answer in used["choices"].get(key, {}) if answer not in choices)
                if lost:
                    errors.append(_("Entries that answered “${answer}” to “${title}”: ${count}. Keep that answer among "
                                    "those to choose from.",
                                    mapping={"title": title, "answer": lost[0], "count": used["choices"][key][lost[0]]}))
                    continue
        item["key"] = key or slugify(title, taken)
        seen.add(item["key"])
        kept.append((_position(row, index), item))
    for key, row in old_by_key.items():
        if key not in seen and used[kind][key]:
            errors.append(REFUSED[kind](row["title"], used[kind][key]))
    if not kept and not errors and kind in ("categories", "criteria"):
        errors.append(_("At least one category.") if kind == "categories" else _("At least one criterion."))
    return [item for _pos, item in sorted(kept, key=lambda pair: pair[0])], errors


REFUSED = {
    "categories": lambda title, n: _("Entries in “${title}”: ${count}. A category in use cannot be removed: rename it "
                                     "instead, or keep it.", mapping={"title": title, "count": n}),
    "criteria": lambda title, n: _("Scores of the jury on “${title}”: ${count}. A criterion in use cannot be removed: "
                                   "rename it instead, or keep it.", mapping={"title": title, "count": n}),
    "questions": lambda title, n: _("Answers to “${title}”: ${count}. A question in use cannot be removed: rename it "
                                    "instead, or keep it.", mapping={"title": title, "count": n}),
}


def merge_call_rows(call, value: dict) -> dict:
    """Replace the submitted rows of the call form by the rows the call keeps; {field: message} of what
    is refused."""
    used = usage(call)
    errors = {}
    for kind in ("categories", "criteria", "questions"):
        rows, problems = merge_rows(kind, getattr(call, kind) if call is not None else [], value.get(kind) or [],
                                    used)
        value[kind] = rows
        if problems:
            errors[kind] = problems  # colander keeps a list of messages, each translated where shown
    return errors


def typed_values(appstruct: dict, more: str = "", count: int = 3) -> dict:
    """The call form's values again from what was sent (its rows merged, its dates in UTC), with `count`
    more empty rows under `more` (categories, criteria or questions)."""
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo
    from .schemas import rows_of
    values = dict(appstruct)
    rows = SimpleNamespace(**{kind: appstruct[kind] for kind in ("categories", "criteria", "questions")})
    for kind in ("categories", "criteria", "questions"):
        values[kind] = rows_of(rows, kind) + ([{} for _n in range(count)] if kind == more else [])
    zone = ZoneInfo(appstruct["timezone"])
    for name in ("opens", "closes", "evaluation_closes", "results_date"):
        values[name] = appstruct[name].astimezone(zone).replace(tzinfo=None)
    return values


def copy_values(source, same_call: bool) -> dict:
    """The call form's values from a call: to edit it, or (same_call False) to start next year's from it,
    the same dates a year on."""
    from .schemas import rows_of
    values = {k: getattr(source, k) for k in ("edition", "timezone", "reviews_per_entry", "blind",
                                               "max_entries_per_member", "ceremony")}
    values.update({k: field_values(source, k) for k in ("title", "rules", "eligibility")})
    for kind in ("categories", "criteria", "questions"):
        values[kind] = rows_of(source, kind)
    for name in ("opens", "closes", "evaluation_closes", "results_date"):
        local = source.local(getattr(source, name))
        if not same_call:
            try:
                local = local.replace(year=local.year + 1)
            except ValueError:  # 29 February
                local = local.replace(year=local.year + 1, day=28)
        values[name] = local.replace(tzinfo=None)
    if not same_call:
        values["edition"] = ""
        values["ceremony"] = ""
        for kind in ("categories", "criteria", "questions"):  # next year's call starts with keys of its own
            for row in values[kind]:
                row.pop("key", None)
    return values


def empty_values() -> dict:
    from .schemas import rows_of
    return {kind: rows_of(None, kind) for kind in ("categories", "criteria", "questions")}


def ceremony_link(request, call) -> str | None:
    """The address of the call's ceremony: as given, or the page of the portal's event of that number."""
    value = (call.ceremony or "").strip()
    if not value:
        return None
    if value.isdigit():
        info = request.registry.portal.content_types.get("event")
        if info is None:
            return None
        return request.route_path(f"{info.name}.view", id=int(value))
    return value
