"""Helpers shared by test modules: what a browser would post back from an admin form."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the one form whose id is given."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "text": "",
            }
            self._select["options"].append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline that Django writes right after <textarea>.
            self.fields.append((self._textarea["name"], self._textarea["text"].removeprefix("\n")))
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            values = [o["value"] if o["value"] is not None else o["text"] for o in options]
            chosen = [v for v, o in zip(values, options, strict=True) if o["selected"]]
            if not chosen and values and not self._select["multiple"]:
                chosen = values[:1]
            self.fields += [(self._select["name"], value) for value in chosen]
            self._select = None


def admin_form_data(response) -> dict:
    """What a browser posts back from an admin add or change form, exactly as the GET showed it.

    Read from the page's HTML, so hidden inputs, inline formsets and their management forms
    are all there; file inputs stay empty, as they do until the editor picks a file.
    """
    assert response.status_code == 200
    reader = _FormReader(f"{response.context['opts'].model_name}_form")
    reader.feed(response.content.decode())
    assert reader.fields, "no admin form found on the page"
    data: dict = {}
    for name, value in reader.fields:
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    data["_save"] = "Save"
    return data


def inline_prefix(data: dict, field: str, value: str) -> str:
    """The prefix (e.g. "sections-2") of the inline form whose `field` shows `value`."""
    matches = [
        name.removesuffix(f"-{field}")
        for name, shown in data.items()
        if name.endswith(f"-{field}") and shown == value
    ]
    assert len(matches) == 1, f"expected one inline form with {field}={value!r}, got {matches}"
    return matches[0]
