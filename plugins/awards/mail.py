"""The awards' mails, each in its recipient's language: the receipt of an entry, the invitation to the
jury, the notice of entries to review (the outcomes are in publication.py)."""
from portal.api import _, translate_to

from .format import when


def submission_mail(request, entry):
    user = request.user
    lang = user.language
    call = entry.call
    lines = [f"{translate_to(request, _('Experience'), lang)}: {entry.title}",
             f"{translate_to(request, _('Category'), lang)}: {call.category_title(entry.category)}"]
    lines += [f"{q['title']}: {entry.answers.get(q['key'], '')}" for q in call.questions]
    lines += [f"{translate_to(request, _('Document'), lang)}: {d.file.filename}" for d in entry.documents]
    request.send_mail(user.email,
                      translate_to(request, _("Entry received: ${edition} ${title}",
                                              mapping={"edition": call.edition, "title": call.title}), lang),
                      translate_to(request, _("Hello ${name},\n\nYour entry to the ${edition} ${title} was submitted "
                                              "on ${date}. This is what the jury will read:\n\n${summary}\n\n"
                                              "The results will be published on ${results}.\n\nYour entry: ${url}",
                                              mapping={"name": user.name, "edition": call.edition, "title": call.title,
                                                       "date": when(request, call, entry.submitted),
                                                       "summary": "\n".join(lines),
                                                       "results": when(request, call, call.results_date),
                                                       "url": request.route_url("award_entry", entry=entry.id)}),
                                  lang))


def invitation_mail(request, call, juror, created):
    """A new juror learns they are on the jury (with a link to choose a password, for a new account)."""
    from portal.api import issue_reset_token
    user = juror.user
    lang = user.language
    mapping = {"name": user.name, "edition": call.edition, "title": call.title,
               "url": request.route_url("award_my_reviews", call=call.id),
               "closes": when(request, call, call.evaluation_closes)}
    if created:
        mapping["link"] = issue_reset_token(request, user, hours=24 * 14)
        body = _("Hello ${name},\n\nThe network invites you to the jury of the ${edition} ${title}. An account "
                 "was created for you: choose your password within two weeks at\n\n${link}\n\nThen your "
                 "entries to review will be at ${url} (evaluation closes on ${closes}).", mapping=mapping)
    else:
        body = _("Hello ${name},\n\nThe network invites you to the jury of the ${edition} ${title}. Your "
                 "entries to review will be at ${url} (evaluation closes on ${closes}).", mapping=mapping)
    request.send_mail(user.email, translate_to(request, _("Jury of the ${edition} ${title}", mapping=mapping), lang),
                      translate_to(request, body, lang))


def tell_juror(request, call, juror, added):
    """A juror learns by mail that entries wait for their review, in their language."""
    user = juror.user
    lang = user.language or "en"
    mapping = {"name": user.name, "count": added, "edition": call.edition, "title": call.title,
               "url": request.route_url("award_my_reviews", call=call.id),
               "closes": when(request, call, call.evaluation_closes)}
    request.send_mail(user.email,
                      translate_to(request, _("Entries to review: ${edition} ${title}", mapping=mapping), lang),
                      translate_to(request, _("Hello ${name},\n\n${count} entries of the ${edition} ${title} now wait "
                                              "for your review at ${url}\n\nYou can change your scores until "
                                              "the evaluation closes on ${closes}.", mapping=mapping), lang))
