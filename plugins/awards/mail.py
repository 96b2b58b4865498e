"""The awards' mails, each in its recipient's language: the receipt of an entry, the invitation to the
jury, the notice of entries to review (the outcomes are in publication.py)."""
from portal.api import _, notify, text_in, translate_to

from .format import when_in


def includeme(config):
    add = config.add_mail_template
    add("awards:entry-received", _("Entry received: ${edition} ${title}"),
        _("Hello ${name},\n\nYour entry to the ${edition} ${title} was submitted on ${date}. This is what the jury "
          "will read:\n\n${summary}\n\nThe results will be published on ${results}.\n\nYour entry: ${url}"))
    add("awards:jury-invitation-new-account", _("Jury of the ${edition} ${title}"),
        _("Hello ${name},\n\nThe network invites you to the jury of the ${edition} ${title}. An account was created "
          "for you: choose your password within two weeks at\n\n${link}\n\nThen your entries to review will be at "
          "${url} (evaluation closes on ${closes})."))
    add("awards:jury-invitation", _("Jury of the ${edition} ${title}"),
        _("Hello ${name},\n\nThe network invites you to the jury of the ${edition} ${title}. Your entries to "
          "review will be at ${url} (evaluation closes on ${closes})."))
    add("awards:entries-to-review", _("Entries to review: ${edition} ${title}"),
        _("Hello ${name},\n\n${count} entries of the ${edition} ${title} now wait for your review at ${url}\n\n"
          "You can change your scores until the evaluation closes on ${closes}."))
    add("awards:results", _("Results of the ${edition} ${title}"),
        _("Hello ${name},\n\nThe results of the ${edition} ${title} are published.\n\nYour entry: ${entry}\n"
          "${outcome}\n\nAll the results: ${url}"))


def submission_mail(request, entry):
    user = request.user
    lang = user.language
    call = entry.call
    lines = [f"{translate_to(request, _('Experience'), lang)}: {entry.title}",
             f"{translate_to(request, _('Category'), lang)}: {call.category_title(entry.category, lang)}"]
    lines += [f"{text_in(q, 'title', lang) or q['title']}: {entry.answers.get(q['key'], '')}" for q in call.questions]
    lines += [f"{translate_to(request, _('Document'), lang)}: {d.file.filename}" for d in entry.documents]
    request.send_template("awards:entry-received", user, edition=call.edition, title=call.title_in(lang),
                          date=when_in(lang, call, entry.submitted), summary="\n".join(lines),
                          results=when_in(lang, call, call.results_date),
                          url=request.route_url("award_entry", entry=entry.id))


def invitation_mail(request, call, juror, created):
    """A new juror learns they are on the jury (with a link to choose a password, for a new account)."""
    from portal.api import issue_reset_token
    user = juror.user
    lang = user.language or "en"
    values = {"edition": call.edition, "title": call.title_in(lang),
              "url": request.route_url("award_my_reviews", call=call.id),
              "closes": when_in(lang, call, call.evaluation_closes)}
    notify(request, [user], "jury.assigned", _("You are on the jury of the ${edition} ${title}.", mapping={
        "edition": call.edition, "title": call.title_in(lang)}), values["url"])
    if created:
        request.send_template("awards:jury-invitation-new-account", user,
                              link=issue_reset_token(request, user, hours=24 * 14), **values)
    else:
        request.send_template("awards:jury-invitation", user, **values)


def tell_juror(request, call, juror, added):
    """A juror learns by mail that entries wait for their review, in their language."""
    lang = juror.user.language or "en"
    notify(request, [juror.user], "jury.assigned", _("${count} entries of the ${edition} ${title} wait for your "
                                                    "review.", mapping={"count": added, "edition": call.edition,
                                                                        "title": call.title_in(lang)}),
           request.route_url("award_my_reviews", call=call.id))
    request.send_template("awards:entries-to-review", juror.user, lang, count=added,
                          edition=call.edition, title=call.title_in(lang),
                          url=request.route_url("award_my_reviews", call=call.id),
                          closes=when_in(lang, call, call.evaluation_closes))
