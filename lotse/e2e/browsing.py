"""A user's walk through Lotse in a real browser, with axe-core on every page.

`Journey` wraps a Playwright page. Every way of reaching a new page (`open`,
`follow`) runs axe afterwards; pages changed in place by HTMX are checked with
`check()`. The page's navigations are recorded independently, so a journey that
reaches a page some other way and forgets to check it fails at the end.
"""

from typing import Any

from django.utils import translation

from lotse.e2e import axe


def t(text: str, language: str) -> str:
    """`text` as Lotse shows it in `language`, whatever state the catalogue is in."""
    with translation.override(language):
        return str(translation.gettext(text))


class Journey:
    def __init__(self, page: Any, base_url: str, password: str) -> None:
        self.page = page
        self.base_url = base_url
        # Every persona shares the factories' password; tests never type real ones.
        self.password = password
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.server_errors: list[str] = []
        self.script_errors: list[str] = []
        page.on("framenavigated", self._navigated)
        page.on("response", self._responded)
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        page.on("console", self._console)

    def _navigated(self, frame: Any) -> None:
        if frame.parent_frame is None and frame.url.startswith("http"):
            self.visited.append(frame.url)

    def _console(self, message: Any) -> None:
        # A script or style the Content-Security-Policy blocked is a broken page.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.script_errors.append(message.text)

    def _responded(self, response: Any) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")

    @property
    def path(self) -> str:
        return str(self.page.url).removeprefix(self.base_url)

    def check(self) -> None:
        """Run axe on the page as it is now; fail with a readable list of violations."""
        found = axe.violations(self.page)
        language = self.page.evaluate("() => document.documentElement.lang")
        assert not found, axe.report(found, f"{self.path} (lang={language})")
        self.checked.add(self.page.url)

    def open(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        self.check()

    def follow(self, target: Any) -> None:
        """Click a link or submit button (a locator or selector) and check the new page."""
        locator = self.page.locator(target) if isinstance(target, str) else target
        with self.page.expect_navigation():
            locator.click()
        self.check()

    def press_and_follow(self, key: str) -> None:
        """Press a key that leads to a new page (Enter on a link or button)."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.check()

    def use_language(self, language: str) -> None:
        self.page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": self.base_url}]
        )

    def switch_language(self, language: str) -> None:
        """Choose the language with the selector in the page header, as a user does."""
        self.page.select_option("#language-select", language)
        self.follow(self.page.locator("form.language-switch button[type=submit]"))
        assert self.language == language

    @property
    def language(self) -> str:
        return str(self.page.evaluate("() => document.documentElement.lang"))

    def sign_in(self, username: str, password: str | None = None) -> None:
        if "/accounts/login/" not in self.page.url:
            self.open("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password or self.password)
        self.follow(self.page.locator("main form button[type=submit]"))

    def search_people(self, term: str) -> None:
        """Type into the live search; HTMX swaps the results in and pushes the query."""
        self.page.fill("#id_q", term)
        self.page.wait_for_url(f"**/people/?q={term}")
        self.page.locator("#search-results table, #search-results p").first.wait_for()
        self.check()

    def nav_hrefs(self) -> list[str]:
        hrefs: list[str] = self.page.locator("header nav a").evaluate_all(
            "(links) => links.map((a) => a.getAttribute('href'))"
        )
        return hrefs

    def nav_link(self, href: str) -> Any:
        return self.page.locator(f'header nav a[href="{href}"]')

    def text(self, selector: str = "main") -> str:
        return str(self.page.locator(selector).inner_text())

    def assert_clean_end(self) -> None:
        assert not self.server_errors, f"server errors: {self.server_errors}"
        assert not self.script_errors, f"JavaScript errors: {self.script_errors}"
        unchecked = [url for url in dict.fromkeys(self.visited) if url not in self.checked]
        assert not unchecked, f"pages visited without an axe check: {unchecked}"


_FOCUSED = """(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const label = el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.name ? `[name=${el.name}]` : '');
  return {
    label: label + ' ' + (el.innerText || el.value || el.getAttribute('href') || '').trim().slice(0, 40),
    matches: el.matches(selector),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
}"""


class Keyboard:
    """Moving through a page with Tab and Shift+Tab only, checking that focus shows."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.keys = journey.page.keyboard
        self.stops: list[str] = []

    def tab_to(self, selector: str, *, backwards: bool = False, limit: int = 80) -> None:
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(limit):
            self.keys.press(key)
            focused = self.journey.page.evaluate(_FOCUSED, selector)
            if focused is None:
                continue  # passing the document itself between the last and first stop
            self.stops.append(focused["label"])
            # WCAG 2.4.7: every element reached by keyboard shows where focus is.
            assert focused["outline"] or focused["shadow"], (
                f"focus not visible on {focused['label']} at {self.journey.path}"
            )
            if focused["matches"]:
                return
        raise AssertionError(
            f"{selector} not reached with {key} on {self.journey.path}; stops: {self.stops[-limit:]}"
        )

    def type(self, text: str) -> None:
        self.keys.type(text)

    def press(self, key: str) -> None:
        self.keys.press(key)

    def activate(self) -> None:
        """Enter on the focused link or button, leading to a new page."""
        self.journey.press_and_follow("Enter")
