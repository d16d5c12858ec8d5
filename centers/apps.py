from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """Give every SQLite connection the Vietnamese collation that PostgreSQL
    gets from ICU (migration 0001), so `ORDER BY name` is Vietnamese on both
    and lists still sort and paginate in the database."""
    if connection.vendor == "sqlite":
        from centers.text import COLLATION, vietnamese_compare

        connection.connection.create_collation(COLLATION, vietnamese_compare)


class CentersConfig(AppConfig):
    name = "centers"
    verbose_name = _("Units and learning centers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        connection_created.connect(register_sqlite_collation, dispatch_uid="centers_collation")
