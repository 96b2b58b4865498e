from sqlalchemy import text
def test_probe(app, db, make_user):
    uid = make_user("a@example.org")
    with db() as s:
        print("fk", s.execute(text("PRAGMA foreign_keys")).scalar())
        from portal.models import PasswordResetToken, User, utcnow
        s.add(PasswordResetToken(id="x", user_id=uid, expires=utcnow()))
    with db() as s:
        s.delete(s.get(User, uid))
    with db() as s:
        print("tokens", s.execute(text("select count(*) from password_reset_tokens")).scalar())
        print(s.execute(text("select sql from sqlite_master where name='password_reset_tokens'")).scalar())
