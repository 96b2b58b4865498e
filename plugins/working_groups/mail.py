"""The plugin's e-mails, declared once (config.add_mail_template) and sent in each recipient's language."""
from portal.api import _, date_text


def includeme(config):
    add = config.add_mail_template
    add("working_groups:join-request", _("Request to join ${group}"),
        _("Hello ${name},\n\n${person} asks to join the working group “${group}”:\n\n${message}\n\n"
          "Accept or decline the request here:\n${link}"))
    add("working_groups:joined", _("You joined ${group}"),
        _("Hello ${name},\n\nYour request to join the working group “${group}” was accepted. "
          "Its pages are here:\n${link}"))
    add("working_groups:declined", _("Your request to join ${group}"),
        _("Hello ${name},\n\nYour request to join the working group “${group}” was declined by its coordinators."
          "\n${link}"))
    add("working_groups:invitation", _("Invitation to the working group ${group}"),
        _("Hello,\n\n${inviter} invites you to join the working group “${group}” on the portal.\n\n"
          "Accept the invitation here (the link works once, until ${date}; if you have no account yet, "
          "you can create one there):\n${link}"))


def join_request(request, group, person, message):
    """To every coordinator: someone asks to join."""
    for m in group.memberships:
        if m.role == "coordinator":
            request.send_template("working_groups:join-request", m.user, person=person.name, group=group.name,
                                  message=message or "—", link=request.route_url("working_group_members", id=group.id))


def join_decision(request, group, user, accepted):
    request.send_template("working_groups:joined" if accepted else "working_groups:declined", user, group=group.name,
                          link=request.route_url("working_group", id=group.id))


def invitation(request, group, invitation, token, lang):
    request.send_template("working_groups:invitation", invitation.email, lang, inviter=request.user.name,
                          group=group.name, date=date_text(lang, invitation.expires, "long", zone=request.reader_zone),
                          link=request.route_url("working_group_invitation", token=token))
