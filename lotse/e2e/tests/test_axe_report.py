"""The accessibility check itself can fail, and says why in a readable way."""

import pytest

pytestmark = pytest.mark.browser

BROKEN_PAGE = """<!DOCTYPE html><html lang="de"><head><title>Kaputt</title></head>
<body><main><h1>Kaputt</h1><input id="nameless"><img src="data:," id="pictured">
<p style="color:#bbb;background:#fff">blass</p></main></body></html>"""


def test_it_names_rule_impact_and_element_of_each_violation(journey):
    journey.page.set_content(BROKEN_PAGE)
    with pytest.raises(AssertionError) as failure:
        journey.check()
    message = str(failure.value)
    assert "violation(s) on" in message
    assert "- label [critical]" in message
    assert "at #nameless" in message
    assert "- image-alt [critical]" in message
    assert "at #pictured" in message
    assert "- color-contrast [serious]" in message
