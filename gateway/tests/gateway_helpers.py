"""Helpers of the gateway tests: log in through the real form, read CSRF tokens."""
from __future__ import annotations

import re

from fakes import PASSWORD

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

# username of one person per role (the fake's seed)
ROLE_USERS = {
    "leader": "lanhdao",
    "secretary": "thuky",
    "dept_head": "truongphong",
    "staff": "chuyenvien",
    "auditor": "danhgia",
    "admin": "quantri",
}


def csrf_token(client, path: str = "/") -> str:
    page = client.get(path)
    found = CSRF_RE.search(page.get_data(as_text=True))
    assert found, f"no CSRF token on {path} ({page.status_code})"
    return found.group(1)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username: str = "lanhdao", password: str = PASSWORD, follow=False):
        token = csrf_token(self._client, "/login")
        return self._client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                                 follow_redirects=follow)

    def login_as(self, role: str):
        response = self.login(ROLE_USERS[role])
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    def logout(self):
        token = csrf_token(self._client, "/")
        return self._client.post("/logout", data={"csrf_token": token})

    def csrf(self, path: str = "/") -> str:
        return csrf_token(self._client, path)
