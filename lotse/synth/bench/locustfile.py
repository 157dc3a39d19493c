"""Locust users for `lotse benchload`: case managers, office staff and coordinators.

Each simulated user signs in through the real login form (the server runs with
LOTSE_REQUIRE_2FA=false), then works as that role does: case lists, case and
person pages, name searches, and for case managers summary edits and phase
changes. Ids come from the pages the user was shown, never from the database,
so every request is one the user could really make. Users and the shared
password come from the JSON file named by LOTSE_LOAD_USERS.
"""

import json
import os
import random
import re
from collections.abc import Callable
from typing import Any

from locust import HttpUser, between, task

_CASE = re.compile(r'href="/cases/(\d+)/"')
_PERSON = re.compile(r'href="/people/(\d+)/"')
_VERSION = re.compile(r'name="version" value="(\d+)"')
# The phase form's own choices: other selects on the case page (language,
# contact channel, data category) have lowercase values too.
_PHASE_SELECT = re.compile(r'<select name="phase"[^>]*>(.*?)</select>', re.S)
# Not the selected one: a case is not moved to the phase it is in.
_OTHER_OPTION = re.compile(r'<option value="([a-z]+)">')
# Two or three letters, as staff type them into the live search.
SEARCH_TERMS = ["ha", "mo", "al", "ah", "sa", "ko", "nov", "ova", "ali", "mar", "yil", "kar"]

_plan = json.loads(open(os.environ["LOTSE_LOAD_USERS"]).read())  # noqa: SIM115
_free: dict[str, list[str]] = {}
for _user in _plan["users"]:
    _free.setdefault(_user["role"], []).append(_user["username"])


class Staff(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 4)  # a person reading a page before the next click

    def on_start(self) -> None:
        pool = _free[self.role]
        self.username = pool.pop(0)
        pool.append(self.username)  # more simulated users than logins share them
        self.cases: list[str] = []
        self.persons: list[str] = []
        self.rng = random.Random(self.username)  # noqa: S311 (load pattern, not secrets)
        self.client.get("/accounts/login/", name="sign in form")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": _plan["password"],
                "csrfmiddlewaretoken": token,
            },
            name="sign in",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"sign-in of {self.username} failed")

    def _post(
        self,
        path: str,
        data: dict[str, Any],
        name: str,
        saved: Callable[[Any], bool],
        headers: dict[str, str] | None = None,
    ) -> None:
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            path, data, name=name, headers=headers, catch_response=True
        ) as response:
            # A refused change (stale version, not allowed now) is an answer, not an
            # error; but it wrote nothing, so it is counted apart from the writes.
            if response.status_code < 500:
                if not saved(response):
                    response.request_meta["name"] = f"{name} (refused)"
                response.success()

    def _remember(self, body: str) -> None:
        self.cases = (_CASE.findall(body) or self.cases)[:50]
        self.persons = (_PERSON.findall(body) or self.persons)[:50]

    def case_list(self, query: str) -> None:
        response = self.client.get(f"/cases/{query}", name="case list")
        self._remember(response.text)

    def search(self) -> None:
        term = self.rng.choice(SEARCH_TERMS)
        response = self.client.get(f"/people/?q={term}", name="search")
        self.persons = (_PERSON.findall(response.text) or self.persons)[:50]

    def person_page(self) -> None:
        if self.persons:
            self.client.get(f"/people/{self.rng.choice(self.persons)}/", name="person page")

    def case_page(self) -> tuple[str, str]:
        """Open one of the cases last listed: (its id, the page), or ("", "") if none."""
        if not self.cases:
            return "", ""
        case = self.rng.choice(self.cases)
        response = self.client.get(f"/cases/{case}/", name="case page")
        self.persons = (_PERSON.findall(response.text) or self.persons)[:50]
        return case, response.text


class CaseManager(Staff):
    role = "case_manager"
    weight = 6

    @task(4)
    def my_open_cases(self) -> None:
        self.case_list(self.rng.choice(["", "?phase=open", "?phase=planning", "?phase=linking"]))

    @task(3)
    def open_a_case(self) -> None:
        self.case_page()

    @task(3)
    def open_a_person(self) -> None:
        self.person_page()

    @task(2)
    def find_someone(self) -> None:
        self.search()

    @task(1)
    def edit_summary(self) -> None:
        if not self.cases:
            return
        case = self.rng.choice(self.cases)
        form = self.client.get(f"/cases/{case}/edit/", name="summary form")
        version = _VERSION.search(form.text)
        if version:
            summary = f"Load test note {self.rng.randrange(10**6)}: next appointment agreed."
            self._post(
                f"/cases/{case}/edit/",
                {"version": version.group(1), "summary": summary},
                "edit summary",
                saved=lambda response: bool(response.history),  # redirected to the case
            )

    @task(1)
    def change_phase(self) -> None:
        # On the case page just opened, as a person would: the phase form posts
        # through HTMX (hx-post in cases/_phase.html) and gets the phase panel
        # back, so the browser sends these headers and loads no further page.
        case, page = self.case_page()
        version = _VERSION.search(page)
        select = _PHASE_SELECT.search(page)
        phases = _OTHER_OPTION.findall(select.group(1)) if select else []
        if version and phases:
            self._post(
                f"/cases/{case}/phase/",
                {"version": version.group(1), "phase": self.rng.choice(phases)},
                "change phase",
                saved=lambda response: "message-success" in response.text,
                headers={
                    "HX-Request": "true",
                    "HX-Target": "phase-panel",
                    "HX-Current-URL": f"{self.host}/cases/{case}/",
                },
            )


class OfficeStaff(Staff):
    role = "office_staff"
    weight = 3

    @task(3)
    def find_someone(self) -> None:
        self.search()

    @task(3)
    def open_a_person(self) -> None:
        self.person_page()

    @task(2)
    def participating_cases(self) -> None:
        self.case_list("?scope=taking_part")

    @task(1)
    def open_a_case(self) -> None:
        self.case_page()


class Coordinator(Staff):
    role = "coordinator"
    weight = 1

    @task
    def start_page(self) -> None:
        self.client.get("/", name="start page")

    @task
    def account(self) -> None:
        self.client.get("/accounts/profile/", name="profile")
