def includeme(config):
    add = config.add_route
    config.add_routes("", home="/", login="/login", logout="/logout", password_forgot="/password/forgot",
                      password_reset="/password/reset/{token}", dashboard="/my", account="/account",
                      account_password="/account/password", account_export="/account/export.json",
                      account_delete="/account/delete", notifications="/notifications")
    add("notifications_read", "/notifications/read", request_method="POST")
    add("notification", "/notifications/{id:\\d+}", request_method="POST")  # opening one marks it read: a POST
    add("follow", "/follow", request_method="POST")
    config.add_routes("", apply="/join", members="/members", member="/members/{id:\\d+}", person="/people/{id:\\d+}",
                      search="/search", search_json="/search.json", editor_links="/editor/links.json")
    # before "file", whose {filename} would take "delete"; POST only, so a file named "delete" is still served
    add("file_delete", "/files/{id:\\d+}/delete", request_method="POST")
    add("file", "/files/{id:\\d+}/{filename}")
    add("file_size", "/files/{id:\\d+}/w{width:\\d+}/{filename}")  # a resized copy of an image (srcset)
    add("file_hold", "/files/hold", request_method="POST")  # a file chosen in a form, held until it is saved
    add("file_held", "/files/held/{token}")  # its preview, for the person who chose it
    config.add_routes("", content_files="/content/{id:\\d+}/files", content_sharing="/content/{id:\\d+}/sharing",
                      export="/export/{name}.{format}", news_feed="/news/feed.atom", manage="/manage",
                      manage_users="/manage/users", manage_user_add="/manage/users/add",
                      manage_user="/manage/users/{id:\\d+}", manage_members="/manage/members",
                      manage_member_add="/manage/members/add", manage_member="/manage/members/{id:\\d+}",
                      manage_applications="/manage/applications", manage_application="/manage/applications/{id:\\d+}",
                      manage_groups="/manage/groups", manage_import="/manage/import/{name}",
                      manage_group_add="/manage/groups/add", manage_group="/manage/groups/{id:\\d+}",
                      manage_settings="/manage/settings/{name}", manage_outbox="/manage/outbox",
                      manage_search="/manage/search")
