"""Model fields that keep Vietnamese text consistent in the database.

The normalisation sits in the field, not in forms or `save()`, so every
path that stores text — forms, the admin, imports, services, the shell —
stores NFC-normalised, trimmed text, and look-ups typed in NFD still match.
"""

from django.db import models

from centers.text import clean_multiline_text, clean_text, search_key


class NFCCharField(models.CharField):
    """A one-line text: NFC-normalised, trimmed, inner whitespace collapsed."""

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def get_prep_value(self, value):
        return clean_text(super().get_prep_value(value))

    def pre_save(self, model_instance, add):
        value = clean_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class NFCTextField(models.TextField):
    """A longer text: NFC-normalised and trimmed, line breaks kept."""

    def to_python(self, value):
        return clean_multiline_text(super().to_python(value))

    def get_prep_value(self, value):
        return clean_multiline_text(super().get_prep_value(value))

    def pre_save(self, model_instance, add):
        value = clean_multiline_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class SearchKeyField(models.CharField):
    """The accent-free, lower-case copy of another field, kept for search.

    It is derived on every save from `source` ("Xã Thạch Trung" -> "xa thach
    trung"), so the search index never goes stale; bulk_update callers must
    list it in their fields (see `AdministrativeUnit.refresh_search_keys`).
    """

    def __init__(self, *args, source: str = "name", **kwargs):
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = search_key(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value
