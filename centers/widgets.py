"""Form widgets the site shares."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A `<select>` of hundreds of options — a Sở's centers — written in
    one pass. Django's own `Select` renders every option through a
    template, on every view of the dashboard that offers it. Same markup,
    same attributes; text escaped as Django escapes it (`html.escape`)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group, options, _index in widget["optgroups"]:
            if group is not None:
                parts.append(f'<optgroup label="{escape(str(group))}">')
            for option in options:
                extra = flatatt(option["attrs"]) if option["attrs"] else ""
                parts.append(
                    f'<option value="{escape(str(option["value"]))}"{extra}>'
                    f"{escape(str(option['label']))}</option>"
                )
            if group is not None:
                parts.append("</optgroup>")
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(parts)),  # every piece escaped above
        )
