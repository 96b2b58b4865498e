"""Log in, log out, server-side sessions, login throttling and password reset by a mailed one-time link."""
import re
from datetime import timedelta
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from portal.models import AuthSession, LoginAttempt, PasswordResetToken, User, utcnow
from portal.testing import HOST, client, csrf, in_language, logged_in, login, text_of

RESET_LINK = re.compile(r"http://portal\.test/password/reset/[A-Za-z0-9_\-]+")


def try_login(browser, email, password="a-good-password", status="*", came_from=None):
    page = browser.get("/login", {"came_from": came_from} if came_from else {})
    form = page.forms["deform"]
    form["email"] = email
    form["password"] = password
    return form.submit("login", status=status)


def stored_user(db, email):
    with db() as s:
        user = s.scalar(select(User).where(User.email == email))
        return None if user is None else {"id": user.id, "hash": user.password_hash}


def body_of(message):
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    return parsed.get_body(("plain",)).get_content()


def reset_link_for(maildir, registry, email):
    maildir.deliver(registry)
    links = [RESET_LINK.search(body_of(m)).group(0) for m in maildir.messages()
             if m["To"] == email and RESET_LINK.search(body_of(m))]
    assert links, f"no mail with a password link to {email}"
    return links[-1]


def ask_for_reset(browser, email):
    form = browser.get("/password/forgot").forms["deform"]
    form["email"] = email
    return form.submit("send", status=302)


def choose_password(browser, link, password, confirm=None, status=302):
    form = browser.get(link).forms["deform"]
    form["password"] = password
    form["password-confirm"] = password if confirm is None else confirm
    return form.submit("save", status=status)


# --- passwords, login and logout -------------------------------------------------------------------

def test_password_hash_is_argon2id(make_user, db):
    make_user("alice@example.org")
    assert stored_user(db, "alice@example.org")["hash"].startswith("$argon2id$")


def test_hash_made_with_other_costs_is_upgraded_at_login(testapp, make_user, db, registry):
    from argon2 import PasswordHasher
    settings = registry.settings
    cost = int(settings["auth.argon2_time_cost"])
    old = PasswordHasher(time_cost=cost + 1, memory_cost=int(settings["auth.argon2_memory_cost"])).hash(
        "a-good-password")
    user_id = make_user("alice@example.org")
    with db() as s:
        s.get(User, user_id).password_hash = old
    try_login(testapp, "alice@example.org", status=302)
    upgraded = stored_user(db, "alice@example.org")["hash"]
    assert upgraded != old and upgraded.startswith("$argon2id$") and f"t={cost}," in upgraded
    testapp.post("/logout", {"csrf_token": csrf(testapp)}, status=302)
    try_login(testapp, "alice@example.org", status=302)


def test_login_with_right_password_opens_a_server_side_session(testapp, make_user, db):
    user_id = make_user("alice@example.org", name="Alice Martin")
    assert not logged_in(testapp)
    res = try_login(testapp, "Alice@Example.org ", status=302)  # case and spaces do not matter
    cookie = [c for c in res.headers.getall("Set-Cookie") if c.startswith("portal_session=")][0]
    assert "portal_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = res.follow()
    assert "Welcome, Alice Martin." in text_of(page.text)
    assert logged_in(testapp)
    token = testapp.cookies["portal_session"]
    with db() as s:
        rows = s.scalars(select(AuthSession).where(AuthSession.user_id == user_id)).all()
        assert len(rows) == 1
        assert token not in rows[0].id  # the table keeps only a hash of what the cookie carries


def test_wrong_password_is_refused_and_keeps_the_email(testapp, make_user):
    make_user("alice@example.org")
    res = try_login(testapp, "alice@example.org", "not-the-password", status=400)
    assert "Wrong email or password." in text_of(res.text)
    form = res.forms["deform"]
    assert form["email"].value == "alice@example.org"
    assert form["password"].value == ""  # a password is never sent back
    assert "portal_session" not in testapp.cookies
    assert not logged_in(testapp)


def test_login_errors_are_in_the_visitor_s_language(app, make_user, registry):
    make_user("alice@example.org")
    browser = client(app)
    browser.get("/", {"_LOCALE_": "fr"})  # the choice is remembered
    res = try_login(browser, "alice@example.org", "not-the-password", status=400)
    assert in_language("fr", "Wrong email or password.") in text_of(res.text)
    for _ in range(int(registry.settings["auth.max_failures_account"]) - 1):
        try_login(browser, "alice@example.org", "not-the-password", status=400)
    res = try_login(browser, "alice@example.org", status=429)
    assert in_language("fr", "Too many failed attempts. Wait a quarter of an hour, or reset your password.") \
        in text_of(res.text)


def test_unknown_account_gets_the_same_answer_as_a_wrong_password(testapp):
    res = try_login(testapp, "nobody@example.org", "whatever-password", status=400)
    assert "Wrong email or password." in text_of(res.text)


def test_empty_login_form_shows_translated_required_errors(testapp):
    form = testapp.get("/login", {"_LOCALE_": "fr"}).forms["deform"]
    form["email"] = "alice@example.org"
    res = form.submit("login", status=400)
    assert "Requis" in text_of(res.text)  # colander's "Required", in the visitor's language
    assert res.forms["deform"]["email"].value == "alice@example.org"


def test_overlong_email_gets_a_form_error_not_a_server_error(testapp):
    typed = "a" * 400 + "@example.org"
    res = try_login(testapp, typed, status=400)
    assert res.forms["deform"]["email"].value == typed
    assert "Enter a valid e-mail address, such as name@example.org." in text_of(res.text)


def test_deactivated_account_cannot_log_in(testapp, make_user):
    make_user("gone@example.org", active=False)
    res = try_login(testapp, "gone@example.org", status=400)
    assert "Wrong email or password." in text_of(res.text)
    assert not logged_in(testapp)


def test_every_refused_login_costs_one_argon2_hash_so_its_time_tells_nothing(testapp, make_user, monkeypatch):
    """A deactivated account answered in 7 ms where others took 150: each answer now does the same work,
    one argon2 operation with the site's costs, and says the same words."""
    from argon2 import PasswordHasher
    work = []
    for name in ("hash", "verify"):
        real = getattr(PasswordHasher, name)
        monkeypatch.setattr(PasswordHasher, name, lambda self, *a, _real=real, **kw: (
            work.append((self.time_cost, self.memory_cost)), _real(self, *a, **kw))[1])
    make_user("alice@example.org")
    make_user("gone@example.org", active=False)
    answers = {}
    for email, password in [("alice@example.org", "guess-password"), ("nobody@example.org", "a-good-password"),
                            ("gone@example.org", "a-good-password"), ("gone@example.org", "guess-password")]:
        work.clear()
        res = try_login(testapp, email, password, status=400)
        answers[(email, password)] = (work[:], text_of(res.html.select_one(".alert, [role=alert]").text))
    assert len({repr(a) for a in answers.values()}) == 1, answers
    assert len(next(iter(answers.values()))[0]) == 1


def test_login_without_csrf_token_is_refused(testapp, make_user):
    make_user("alice@example.org")
    testapp.get("/login")
    testapp.post("/login", {"email": "alice@example.org", "password": "a-good-password", "login": "login"},
                 status=400)
    assert not logged_in(testapp)


def test_login_returns_to_the_page_that_asked_for_it(testapp, make_user):
    make_user("alice@example.org")
    res = testapp.get("/account/password", status=302)
    assert urlsplit(res.location).path == "/login"
    res = res.follow().forms["deform"]
    res["email"], res["password"] = "alice@example.org", "a-good-password"
    res = res.submit("login", status=302)
    assert res.location == "http://portal.test/account/password"


@pytest.mark.parametrize("came_from", ["//evil.example/", "https://evil.example/", "http://evil.example",
                                       "/\\evil.example", "\\\\evil.example", "///evil.example"])
def test_login_never_redirects_to_another_host(testapp, make_user, came_from):
    make_user("alice@example.org")
    res = try_login(testapp, "alice@example.org", came_from=came_from, status=302)
    assert urlsplit(res.location).netloc == HOST
    assert "evil.example" not in res.location


def test_logout_needs_a_post_and_revokes_the_session(app, testapp, make_user, db):
    user_id = make_user("alice@example.org")
    login(testapp, "alice@example.org")
    copied = {"Cookie": f"portal_session={testapp.cookies['portal_session']}"}
    other_browser = client(app)
    assert logged_in(other_browser, copied)

    page = testapp.get("/logout")  # a GET (a prefetch, a link) only asks for confirmation
    assert logged_in(testapp)
    testapp.post("/logout", {}, status=400)  # without the CSRF token
    assert logged_in(testapp)

    confirm = [f for f in page.forms.values() if f.action == "/logout"][-1]
    res = confirm.submit(status=302)
    assert "You are logged out." in text_of(res.follow().text)
    assert not logged_in(testapp)
    assert not logged_in(other_browser, copied)  # the copied cookie is dead: revoked server-side
    with db() as s:
        assert s.scalars(select(AuthSession).where(AuthSession.user_id == user_id)).all() == []


def test_logout_ends_only_the_current_session(app, testapp, make_user):
    make_user("alice@example.org")
    login(testapp, "alice@example.org")
    phone = client(app)
    login(phone, "alice@example.org")
    testapp.post("/logout", {"csrf_token": csrf(testapp)}, status=302)
    assert not logged_in(testapp)
    assert logged_in(phone)


def test_expired_session_no_longer_logs_in(testapp, make_user, db):
    user_id = make_user("alice@example.org")
    login(testapp, "alice@example.org")
    with db() as s:
        for row in s.scalars(select(AuthSession).where(AuthSession.user_id == user_id)):
            row.expires = utcnow() - timedelta(seconds=1)
    assert not logged_in(testapp)


def test_deactivating_a_user_ends_their_open_sessions(testapp, make_user, db):
    user_id = make_user("alice@example.org")
    login(testapp, "alice@example.org")
    with db() as s:
        s.get(User, user_id).active = False
    assert not logged_in(testapp)


# --- throttling ------------------------------------------------------------------------------------

def test_throttle_settings_default_to_the_documented_values(registry):
    settings = registry.settings
    assert int(settings["auth.max_failures_account"]) == 5
    assert int(settings["auth.max_failures_address"]) == 20
    assert int(settings["auth.throttle_minutes"]) == 15


def test_guessing_an_account_from_one_address_makes_that_address_wait(app, testapp, registry, make_user):
    limit = int(registry.settings["auth.max_failures_account"])
    make_user("alice@example.org")
    make_user("bob@example.org")
    for _ in range(limit):
        try_login(testapp, "alice@example.org", "guess-password", status=400)

    res = try_login(testapp, "alice@example.org", status=429)  # even the right password now waits
    assert "Too many failed attempts" in text_of(res.text)
    assert res.forms["deform"]["email"].value == "alice@example.org"
    assert not logged_in(testapp)
    try_login(testapp, "bob@example.org", status=302)  # other accounts from this address still log in
    assert logged_in(testapp)

    owner = client(app, "198.51.100.7")  # the guesser cannot lock the owner out
    try_login(owner, "alice@example.org", status=302)
    assert logged_in(owner)


def test_a_guess_spread_over_many_addresses_slows_them_all_but_not_the_owner(app, registry, make_user, monkeypatch,
                                                                             maildir):
    monkeypatch.setitem(registry.settings, "auth.max_failures_account_total", "8")
    make_user("secretariat@example.org", role="secretariat")
    office = client(app, "203.0.113.10")  # where the secretariat works from
    try_login(office, "secretariat@example.org", status=302)
    office.post("/logout", {"csrf_token": csrf(office)}, status=302)
    for n in range(8):  # a botnet: one guess per address, each far below the per-address limits
        try_login(client(app, f"198.51.100.{100 + n}"), "secretariat@example.org", "guess-password", status=400)

    new_bot = client(app, "198.51.100.200")
    res = try_login(new_bot, "secretariat@example.org", status=429)
    assert "reset your password" in text_of(res.text) and not logged_in(new_bot)
    try_login(office, "secretariat@example.org", status=302)  # the owner's own address still logs in
    assert logged_in(office)

    travelling = client(app, "192.0.2.77")  # from a new place, the mailed link still gets them in
    try_login(travelling, "secretariat@example.org", status=429)
    ask_for_reset(travelling, "secretariat@example.org")
    choose_password(travelling, reset_link_for(maildir, registry, "secretariat@example.org"), "a-brand-new-password")
    assert logged_in(travelling)


def test_account_throttle_ends_after_the_window(testapp, registry, make_user, db):
    limit = int(registry.settings["auth.max_failures_account"])
    minutes = int(registry.settings["auth.throttle_minutes"])
    make_user("alice@example.org")
    for _ in range(limit):
        try_login(testapp, "alice@example.org", "guess-password", status=400)
    try_login(testapp, "alice@example.org", status=429)
    with db() as s:
        for row in s.scalars(select(LoginAttempt)):
            row.at = utcnow() - timedelta(minutes=minutes, seconds=1)
    try_login(testapp, "alice@example.org", status=302)
    assert logged_in(testapp)


def test_failures_below_the_limit_do_not_block_and_success_clears_them(testapp, registry, make_user):
    limit = int(registry.settings["auth.max_failures_account"])
    make_user("alice@example.org")
    for _ in range(limit - 1):
        try_login(testapp, "alice@example.org", "guess-password", status=400)
    try_login(testapp, "alice@example.org", status=302)
    testapp.post("/logout", {"csrf_token": csrf(testapp)}, status=302)
    for _ in range(limit - 1):  # the count started again after the successful login
        try_login(testapp, "alice@example.org", "guess-password", status=400)
    try_login(testapp, "alice@example.org", status=302)


def test_failed_logins_are_throttled_per_address_across_accounts(app, testapp, registry, make_user):
    per_account = int(registry.settings["auth.max_failures_account"])
    per_address = int(registry.settings["auth.max_failures_address"])
    make_user("carol@example.org")
    tried = 0
    while tried < per_address:  # many accounts, each below its own limit
        victim = f"victim{tried // (per_account - 1)}@example.org"
        try_login(testapp, victim, "guess-password", status=400)
        tried += 1

    res = try_login(testapp, "carol@example.org", status=429)
    assert "Too many failed attempts" in text_of(res.text)
    assert not logged_in(testapp)

    elsewhere = client(app, "198.51.100.7")  # the same account from a different address still logs in
    try_login(elsewhere, "carol@example.org", status=302)
    assert logged_in(elsewhere)


def test_forged_forwarded_for_header_does_not_escape_the_address_throttle(app, registry, make_user):
    """Behind the proxy, waitress puts the client's address in REMOTE_ADDR; a header the client
    writes itself must not give each guess a fresh address."""
    per_account = int(registry.settings["auth.max_failures_account"])
    per_address = int(registry.settings["auth.max_failures_address"])
    make_user("carol@example.org")
    browser = client(app, "192.0.2.99")
    for tried in range(per_address):
        victim = f"victim{tried // (per_account - 1)}@example.org"
        page = browser.get("/login")
        form = page.forms["deform"]
        form["email"], form["password"] = victim, "guess-password"
        form.submit("login", headers={"X-Forwarded-For": f"203.0.113.{tried}"}, status=400)
    page = browser.get("/login")
    form = page.forms["deform"]
    form["email"], form["password"] = "carol@example.org", "a-good-password"
    form.submit("login", headers={"X-Forwarded-For": "203.0.113.250"}, status=429)


# --- password reset by mail ------------------------------------------------------------------------

def test_password_reset_by_mailed_link(app, testapp, make_user, db, maildir, registry):
    make_user("alice@example.org", password="the-old-password")
    old_hash = stored_user(db, "alice@example.org")["hash"]
    laptop = client(app)
    login(laptop, "alice@example.org", "the-old-password")

    res = ask_for_reset(testapp, "alice@example.org")
    assert urlsplit(res.location).path == "/login"
    assert "a link to choose a new password is on its way" in text_of(res.follow().text)
    link = reset_link_for(maildir, registry, "alice@example.org")
    with db() as s:  # only a hash of the token is stored
        assert link.rsplit("/", 1)[1] not in [t.id for t in s.scalars(select(PasswordResetToken))]

    res = choose_password(testapp, link, "a-brand-new-password")
    assert urlsplit(res.location).path == "/account"
    assert "Your new password is saved." in text_of(res.follow().text)
    assert logged_in(testapp)
    new_hash = stored_user(db, "alice@example.org")["hash"]
    assert new_hash.startswith("$argon2id$") and new_hash != old_hash
    assert not logged_in(laptop)  # whoever had the old password is logged out

    fresh = client(app, "198.51.100.8")
    try_login(fresh, "alice@example.org", "the-old-password", status=400)
    try_login(fresh, "alice@example.org", "a-brand-new-password", status=302)


def test_reset_link_works_only_once(app, testapp, make_user, maildir, registry, db):
    make_user("alice@example.org")
    ask_for_reset(testapp, "alice@example.org")
    link = reset_link_for(maildir, registry, "alice@example.org")
    choose_password(testapp, link, "a-brand-new-password")
    hash_after_first_use = stored_user(db, "alice@example.org")["hash"]

    attacker = client(app, "198.51.100.9")
    res = attacker.get(link, status=400)
    assert "This link has expired or was already used." in text_of(res.text)
    assert "deform" not in res.forms
    attacker.post(link, {"csrf_token": csrf(attacker), "password": "attacker-password-1",
                         "password-confirm": "attacker-password-1", "save": "save"}, status=400)
    assert stored_user(db, "alice@example.org")["hash"] == hash_after_first_use


def test_expired_reset_link_is_refused(testapp, make_user, maildir, registry, db):
    make_user("alice@example.org")
    before = stored_user(db, "alice@example.org")["hash"]
    ask_for_reset(testapp, "alice@example.org")
    link = reset_link_for(maildir, registry, "alice@example.org")
    form = testapp.get(link).forms["deform"]  # opened in time...
    with db() as s:
        for token in s.scalars(select(PasswordResetToken)):
            token.expires = utcnow() - timedelta(minutes=1)
    form["password"] = form["password-confirm"] = "a-brand-new-password"
    res = form.submit("save", status=400)  # ...sent too late
    assert "This link has expired or was already used." in text_of(res.text)
    assert testapp.get(link, status=400)
    assert stored_user(db, "alice@example.org")["hash"] == before


def test_made_up_reset_link_is_refused(testapp):
    res = testapp.get("/password/reset/not-a-real-token", status=400)
    assert "This link has expired or was already used." in text_of(res.text)


def test_reset_asks_for_a_long_enough_matching_password_and_keeps_the_link_valid(testapp, make_user, maildir,
                                                                                  registry, db):
    make_user("alice@example.org")
    before = stored_user(db, "alice@example.org")["hash"]
    ask_for_reset(testapp, "alice@example.org")
    link = reset_link_for(maildir, registry, "alice@example.org")
    res = choose_password(testapp, link, "short", status=400)
    assert "At least 10 characters." in text_of(res.text)
    res = choose_password(testapp, link, "a-brand-new-password", confirm="a-different-password", status=400)
    assert "Password did not match confirm" in text_of(res.text)
    assert stored_user(db, "alice@example.org")["hash"] == before
    choose_password(testapp, link, "a-brand-new-password")  # the failed tries did not use the link up


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(testapp, make_user, maildir, registry, db):
    make_user("alice@example.org")
    res = ask_for_reset(testapp, "nobody@example.org")
    assert "a link to choose a new password is on its way" in text_of(res.follow().text)
    maildir.deliver(registry)
    assert maildir.messages() == []
    with db() as s:
        assert s.scalars(select(PasswordResetToken)).all() == []


def test_reset_form_refuses_a_malformed_address_and_keeps_it(testapp):
    form = testapp.get("/password/forgot").forms["deform"]
    form["email"] = "alice-at-example.org"
    res = form.submit("send", status=400)
    assert "Enter a valid e-mail address, such as name@example.org." in text_of(res.text)
    assert res.forms["deform"]["email"].value == "alice-at-example.org"


def test_reset_request_without_csrf_token_is_refused(testapp, make_user, maildir, registry):
    make_user("alice@example.org")
    testapp.get("/password/forgot")
    testapp.post("/password/forgot", {"email": "alice@example.org", "send": "send"}, status=400)
    maildir.deliver(registry)
    assert maildir.messages() == []


def test_reset_lifts_the_account_throttle(testapp, make_user, maildir, registry):
    limit = int(registry.settings["auth.max_failures_account"])
    make_user("alice@example.org")
    for _ in range(limit):
        try_login(testapp, "alice@example.org", "guess-password", status=400)
    res = try_login(testapp, "alice@example.org", status=429)
    assert "reset your password" in text_of(res.text)
    ask_for_reset(testapp, "alice@example.org")
    choose_password(testapp, reset_link_for(maildir, registry, "alice@example.org"), "a-brand-new-password")
    testapp.post("/logout", {"csrf_token": csrf(testapp)}, status=302)
    try_login(testapp, "alice@example.org", "a-brand-new-password", status=302)


# --- one-time links end with a new password or a new address --------------------------------------

def test_a_new_password_ends_every_outstanding_link_of_the_account(app, testapp, make_user, maildir, registry, db):
    make_user("alice@example.org", password="the-old-password")
    ask_for_reset(testapp, "alice@example.org")
    ask_for_reset(testapp, "alice@example.org")
    maildir.deliver(registry)
    first, second = [RESET_LINK.search(body_of(m)).group(0) for m in maildir.messages()]
    login(testapp, "alice@example.org", "the-old-password")
    form = testapp.get("/account/password").forms["deform"]
    form["current"] = "the-old-password"
    form["password"] = form["password-confirm"] = "a-brand-new-password"
    form.submit("save", status=302)
    hash_now = stored_user(db, "alice@example.org")["hash"]

    thief = client(app, "198.51.100.60")  # someone who read the mailbox before the change
    for link in (first, second):
        assert "This link has expired or was already used." in text_of(thief.get(link, status=400).text)
        thief.post(link, {"csrf_token": csrf(thief), "password": "thief-password-1",
                          "password-confirm": "thief-password-1", "save": "save"}, status=400)
    assert stored_user(db, "alice@example.org")["hash"] == hash_now


def test_a_reset_link_asked_for_after_the_change_works(testapp, make_user, maildir, registry, db):
    make_user("alice@example.org")
    with db() as s:
        s.scalar(select(User).where(User.email == "alice@example.org")).password_hash = "$argon2id$changed"
    ask_for_reset(testapp, "alice@example.org")
    choose_password(testapp, reset_link_for(maildir, registry, "alice@example.org"), "a-brand-new-password")
    assert logged_in(testapp)


def test_a_new_address_ends_the_welcome_link_sent_to_the_old_one(app, testapp, make_user, maildir, registry, db):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    form = testapp.get("/manage/users/add").forms["deform"]
    form["email"], form["name"], form["language"] = "typo@exmaple.org", "Nadia", "fr"
    form.submit("save", status=302)
    welcome = reset_link_for(maildir, registry, "typo@exmaple.org")
    with db() as s:
        user_id = s.scalar(select(User.id).where(User.email == "typo@exmaple.org"))
    form = testapp.get(f"/manage/users/{user_id}").forms["deform"]
    form["email"] = "nadia@example.org"
    form.submit("save", status=302)

    stranger = client(app, "198.51.100.61")  # whoever owns the mistyped address
    assert "This link has expired or was already used." in text_of(stranger.get(welcome, status=400).text)
    assert stored_user(db, "nadia@example.org")["hash"] is None


def test_a_stronger_hash_at_login_keeps_the_account_s_links(testapp, make_user, maildir, registry, db):
    from portal.passwords import hash_password
    make_user("alice@example.org")
    with db() as s:  # a hash made with weaker costs than the site's: login upgrades it
        user = s.scalar(select(User).where(User.email == "alice@example.org"))
        user.password_hash = hash_password("a-good-password", {"auth.argon2_time_cost": 1,
                                                                "auth.argon2_memory_cost": 512})
    weak = stored_user(db, "alice@example.org")["hash"]
    ask_for_reset(testapp, "alice@example.org")
    link = reset_link_for(maildir, registry, "alice@example.org")
    try_login(testapp, "alice@example.org", status=302)
    assert stored_user(db, "alice@example.org")["hash"] != weak
    testapp.get(link, status=200)
