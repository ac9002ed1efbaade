"""What people do in the browser, written once for every test."""

from tests.conftest import PASSWORD

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the admin login form, as a person does."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
