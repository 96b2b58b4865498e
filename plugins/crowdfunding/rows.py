"""Rows of a campaign's own table edited in one form (its matchfunding pots, its collective returns):
kept by their id, a row left empty removed."""


def keep_rows(session, existing, rows, id_field, label, make, fill):
    """existing: the objects there are; rows: the form's, in order; label: the field a row needs to be
    kept; make(): a new object; fill(obj, row): the row's values on it."""
    old = {str(obj.id): obj for obj in existing}
    for position, row in enumerate(rows or []):
        obj = old.pop(row.get(id_field) or "", None)
        if not (row.get(label) or "").strip():
            if obj is not None:
                session.delete(obj)
            continue
        if obj is None:
            obj = make()
            session.add(obj)
        obj.position = position
        fill(obj, row)
    for obj in old.values():
        session.delete(obj)
