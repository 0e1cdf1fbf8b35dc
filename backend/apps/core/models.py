"""Base models every app builds on, and the shared reference tables."""

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def normalize(self) -> None:
        """Pure clean-ups of the row's own values (stripping codes ...), applied by save() and by bulk writes
        (the CSV import), which do not call save()."""

    def save(self, *args, **kwargs):
        self.normalize()
        super().save(*args, **kwargs)


class TenantQuerySet(models.QuerySet):
    def for_tenant(self, tenant):
        """The one tenant filter. No tenant means no rows (fail closed)."""
        if tenant is None:
            return self.none()
        return self.filter(tenant=tenant)


TenantManager = models.Manager.from_queryset(TenantQuerySet)


class TenantOwnedModel(TimeStampedModel):
    """A business row that belongs to exactly one tenant.

    Subclassing is all it takes: the base viewset scopes it, post_migrate puts row-level security and
    composite (tenant_id, fk_id) foreign keys on it on PostgreSQL, and the generic tests cover it.
    """

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = TenantManager()

    # Extra OR-condition for this table's RLS policy (SQL); None for the plain tenant policy.
    rls_extra_condition: str | None = None

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["tenant", "-created_at"], name="%(app_label)s_%(class)s_tcr")]


class TenantLinkQuerySet(TenantQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """The many-to-many managers (add, set, create) insert join rows with bulk_create: fill tenant_id here."""
        objs = list(objs)
        self.model.fill_tenants(objs, using=self.db)
        return super().bulk_create(objs, *args, **kwargs)


TenantLinkManager = models.Manager.from_queryset(TenantLinkQuerySet)


class TenantLink(models.Model):
    """A many-to-many join row (an explicit `through` model): it carries the tenant of the row that declares
    the link (`link_owner`, a foreign key name), so the join table gets row-level security and composite
    (tenant_id, fk_id) foreign keys like every tenant table (apps.core.rls). `obj.things.add/set/remove`
    keep working unchanged: tenant_id is filled from the owner on insert."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.PROTECT, related_name="+", editable=False)

    objects = TenantLinkManager()

    link_owner: str = ""
    rls_extra_condition: str | None = None

    class Meta:
        abstract = True

    @classmethod
    def fill_tenants(cls, objs, *, using=None) -> None:
        missing = [obj for obj in objs if obj.tenant_id is None]
        if not missing:
            return
        field = cls._meta.get_field(cls.link_owner)
        owner_ids = {getattr(obj, field.attname) for obj in missing}
        owners = field.related_model._base_manager.using(using).filter(pk__in=owner_ids)
        tenant_of = dict(owners.values_list("pk", "tenant_id"))
        for obj in missing:
            obj.tenant_id = tenant_of.get(getattr(obj, field.attname))

    def save(self, *args, **kwargs):
        self.fill_tenants([self], using=kwargs.get("using"))
        super().save(*args, **kwargs)


class Address(models.Model):
    """One postal address shape, reused by every company and location (abstract)."""

    address_line1 = models.CharField("address line 1", max_length=200, blank=True)
    address_line2 = models.CharField("address line 2", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField("state / province", max_length=50, blank=True)
    postal_code = models.CharField("ZIP / postal code", max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="Two-letter ISO code.")

    class Meta:
        abstract = True

    def clean(self):
        from .validators import raise_if, validate_us_address

        super().clean()
        raise_if(validate_us_address(country=self.country, state=self.state, postal_code=self.postal_code))


class Protein(models.Model):
    """Shared reference list of the proteins brokers trade (not tenant-owned)."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class NumberSequence(TenantOwnedModel):
    """Counter row per tenant, document kind and year; locked by the caller's transaction."""

    kind = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "kind", "year"], name="core_numbersequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}-{self.year}: {self.last_value}"


class TimelineEvent(TenantOwnedModel):
    """One entry of a record's history: status changes, price edits, overrides, documents sent."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    verb = models.CharField(max_length=40)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["tenant", "content_type", "object_id", "created_at"], name="core_timeline_obj"),
            models.Index(fields=["tenant", "-created_at"], name="core_timelineevent_tcr"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.content_type_id}:{self.object_id}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class DocumentDelivery(TenantOwnedModel):
    """A document sent by e-mail: what, to whom, by whom, and how the sending went (apps.core.delivery).

    Created `queued` by `send_document`; the Celery task `core.deliver_document` sets `sent` or, after its
    last attempt, `failed` with the reason in `error`. Attachments live in the default storage (`attachments`
    lists their storage names), so any worker can read them."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    document = models.CharField(max_length=40, help_text="The kind of document: invoice, purchase_order, …")
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True, help_text='[{"name", "path", "content_type"}]')
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(
        max_length=120,
        blank=True,
        default="",
        help_text="Scheduled sends (reminders, statements, warnings): one delivery per key and tenant, so a job "
        "that runs twice sends nothing twice.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "content_type", "object_id"], name="core_delivery_obj"),
            models.Index(fields=["tenant", "-created_at"], name="core_documentdelivery_tcr"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "dedupe_key"], condition=~models.Q(dedupe_key=""), name="core_delivery_dedupe"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} to {', '.join(self.recipients)} ({self.status})"

    @property
    def kind(self) -> str:
        return self.document


class IdempotencyRecord(TenantOwnedModel):
    """The stored answer to a write sent with an Idempotency-Key header (see apps.core.idempotency): the same
    key again replays it instead of applying the change twice (a phone retrying after a lost reply)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64, help_text="sha256 of method, path and body.")
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "user", "key"], name="core_idempotency_key_unique"),
        ]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="core_idempotency_tcr")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"


class CsvJob(TenantOwnedModel):
    """A CSV import or export run by the worker (apps.core.jobs): progress, the report and a file to download.

    Import: `source` is the uploaded file in the default storage, `report` the import report (the first
    REPORT_ERRORS_KEPT errors; every error is in the downloadable report CSV, `result`). Export: `query` holds
    the list filters, `result` the CSV file."""

    class Kind(models.TextChoices):
        IMPORT = "import", "Import"
        EXPORT = "export", "Export"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    resource = models.CharField(max_length=60, help_text="The resource (router basename), e.g. supplier.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    dry_run = models.BooleanField(default=False)
    query = models.JSONField(default=dict, blank=True, help_text="Export: the list's filters.")
    source = models.CharField(max_length=300, blank=True)
    result = models.CharField(max_length=300, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="core_csvjob_tcr")]

    def __str__(self) -> str:
        return f"{self.kind} {self.resource} ({self.status})"


class SavedFilter(TenantOwnedModel):
    """A list's filters saved under a name (#16 item 4): the member's own, or shared with the whole tenant.

    `resource` is the list's API resource (router basename, e.g. invoice); `query` its query string as a
    mapping of parameter -> value (a list for repeated parameters). Private filters are seen by their creator
    only; shared ones by every member, and changed by their creator or a manager."""

    name = models.CharField(max_length=100)
    resource = models.CharField(max_length=60, help_text="The list's resource (router basename), e.g. invoice.")
    query = models.JSONField(default=dict, blank=True, help_text="The list's query parameters.")
    shared = models.BooleanField(default=False, help_text="Seen by every member of the tenant.")

    class Meta:
        ordering = ["resource", "name", "id"]
        indexes = [models.Index(fields=["tenant", "resource"], name="core_savedfilter_tr")]

    def __str__(self) -> str:
        return f"{self.resource}: {self.name}"
