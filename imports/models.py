"""An import of an Excel list, kept as a batch: who imported which file
(name and SHA-256) when, what it held and what it created — the links that
let the whole batch be undone while nothing depends on it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centers.models import LearningCenter


class ImportKind(models.TextChoices):
    CENTERS = "centers", _("Learning centers and their details")
    APPOINTMENTS = "appointments", _("Directors and staff")
    COURSES = "courses", _("Courses and sessions")


class BatchStatus(models.TextChoices):
    CHECKED = "checked", _("checked, waiting for confirmation")
    REFUSED = "refused", _("refused")
    DONE = "done", _("imported")
    UNDONE = "undone", _("undone")
    EXPIRED = "expired", _("expired before confirmation")


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The batches `user` may see: their own, and those that imported
        courses for a center they see (a director sees what the office
        imported on the center's behalf). Administrators see all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(created_by=user) | Q(center__in=LearningCenter.objects.visible_to(user))
        )


class ImportBatch(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # The center whose courses were imported, when the file was for one.
    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    on_behalf = models.BooleanField(
        _("on the center's behalf"),
        default=False,
        help_text=_("Courses imported by an office for centers in its scope."),
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The uploaded file between the dry run and the confirmation; emptied
    # once imported (the hash stays).
    content = models.BinaryField(_("file"), blank=True, default=b"", editable=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    skipped = models.PositiveIntegerField(_("already present"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The batch list: a user's batches, newest first.
            models.Index(fields=["created_by", "-created_at"], name="importbatch_user_idx"),
            # "Was this file imported before?"
            models.Index(fields=["kind", "sha256"], name="importbatch_sha_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.filename} (#{self.pk})"

    def get_absolute_url(self) -> str:
        return reverse("imports:batch_detail", args=[self.pk])

    @property
    def errors(self) -> list[dict]:
        return [p for p in self.problems if not p.get("warning")]

    @property
    def warnings(self) -> list[dict]:
        return [p for p in self.problems if p.get("warning")]


class ImportedRecord(models.Model):
    """A record a batch created, for its undo (deleted in reverse order)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    row = models.PositiveIntegerField(_("row"))

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        ordering = ["batch", "pk"]
        indexes = [
            # Undo, and "did an import create this record?"
            models.Index(fields=["content_type", "object_id"], name="importedrecord_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id}"
