"""Open data: the partners (published) and the public agreements, as JSON or CSV; a private agreement
never appears in them, nor does any document of one."""
from collections.abc import Iterator

from sqlalchemy import select

from portal.api import ExportRow, Request, in_batches

from .models import Agreement, Partner

PARTNER_COLUMNS = ("id", "name", "kind", "website", "country", "region", "relation", "url")
AGREEMENT_COLUMNS = ("id", "title", "kind", "partner", "member", "parties", "signatories", "starts", "ends",
                     "renewal_terms", "status", "renews", "document")


def partner_rows(request: Request) -> Iterator[ExportRow]:
    stmt = select(Partner).where(Partner.state == "published").order_by(Partner.id)
    for p in in_batches(request, stmt):
        yield {"id": p.id, "name": p.title, "kind": p.kind, "website": p.website, "country": p.country or "",
               "region": p.region or "", "relation": p.relation,
               "url": request.route_url("partner.view", id=p.id)}


def agreement_rows(request: Request) -> Iterator[ExportRow]:
    stmt = select(Agreement).where(Agreement.public.is_(True)).order_by(Agreement.id)
    for a in in_batches(request, stmt):
        yield {"id": a.id, "title": a.title, "kind": a.kind, "partner": a.partner.title if a.partner else "",
               "member": a.member.name if a.member else "", "parties": a.parties, "signatories": a.signatories,
               "starts": a.starts.isoformat(), "ends": a.ends.isoformat() if a.ends else "",
               "renewal_terms": a.renewal_terms, "status": a.status, "renews": a.renews_id or "",
               "document": request.route_url("agreement_document", agreement=a.id) if a.document_id else ""}
