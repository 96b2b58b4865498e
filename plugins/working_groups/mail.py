"""The plugin's e-mails, each in its recipient's language, queued in the core outbox."""
from portal.api import _, translate_to


def join_request(request, group, person, message):
    """To every coordinator: someone asks to join."""
    for m in group.memberships:
        if m.role != "coordinator":
            continue
        lang = m.user.language
        request.send_mail(m.user.email, translate_to(request, _("Request to join ${group}", mapping={
            "group": group.name}), lang), translate_to(request, _(
                "Hello ${name},\n\n${person} asks to join the working group “${group}”:\n\n${message}\n\n"
                "Accept or decline the request here:\n${link}", mapping={
                    "name": m.user.name, "person": person.name, "group": group.name, "message": message or "—",
                    "link": request.route_url("working_group_members", id=group.id)}), lang))


def join_decision(request, group, user, accepted):
    lang = user.language
    subject = _("You joined ${group}") if accepted else _("Your request to join ${group}")
    body = (_("Hello ${name},\n\nYour request to join the working group “${group}” was accepted. "
              "Its pages are here:\n${link}") if accepted else
            _("Hello ${name},\n\nYour request to join the working group “${group}” was declined by its coordinators."
              "\n${link}"))
    request.send_mail(user.email, translate_to(request, subject, lang, mapping={"group": group.name}),
                      translate_to(request, body, lang, mapping={"name": user.name, "group": group.name,
                                                                 "link": request.route_url("working_group", id=group.id)}))


def invitation(request, group, invitation, token, lang):
    request.send_mail(invitation.email, translate_to(request, _("Invitation to the working group ${group}", mapping={
        "group": group.name}), lang), translate_to(request, _(
            "Hello,\n\n${inviter} invites you to join the working group “${group}” on the portal.\n\n"
            "Accept the invitation here (the link works once, until ${date}; if you have no account yet, "
            "you can create one there):\n${link}", mapping={
                "inviter": request.user.name, "group": group.name,
                "date": invitation.expires.strftime("%Y-%m-%d"),
                "link": request.route_url("working_group_invitation", token=token)}), lang))
