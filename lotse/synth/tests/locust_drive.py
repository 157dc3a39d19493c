"""Drive the load test's simulated staff once through their tasks against a running server.

Run as a subprocess by test_load_users.py (importing locust patches the process
for gevent, which a test process must not be). Each user signs in and does
its role's tasks in a fixed order, outside locust's scheduler; every request
locust reports is printed as one JSON line: its name and failure, if any.
usage: LOTSE_LOAD_USERS=users.json python locust_drive.py URL LOCUSTFILE
"""

import importlib.util
import json
import sys
from typing import Any

from locust.env import Environment


def main(host: str, locustfile: str) -> None:
    spec = importlib.util.spec_from_file_location("locustfile", locustfile)
    assert spec is not None and spec.loader is not None
    users = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(users)
    environment = Environment(host=host)

    def report(name: str, exception: Any = None, **_kwargs: Any) -> None:
        print(json.dumps({"name": name, "failure": str(exception or "")}), flush=True)

    environment.events.request.add_listener(report)
    for role in (users.CaseManager, users.OfficeStaff, users.Coordinator):
        role.host = host  # what locust's runner sets from --host
    users.SEARCH_TERMS = ["haddad"]  # a term that finds the test's persons
    manager = users.CaseManager(environment)
    manager.on_start()
    manager.case_list("")
    manager.change_phase()
    manager.edit_summary()
    manager.find_someone()
    manager.open_a_person()
    office = users.OfficeStaff(environment)
    office.on_start()
    office.participating_cases()
    office.open_a_case()
    office.find_someone()
    office.open_a_person()
    coordinator = users.Coordinator(environment)
    coordinator.on_start()
    coordinator.start_page()
    coordinator.account()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
