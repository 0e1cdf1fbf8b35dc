from rest_framework import serializers

from apps.contacts.models import Contact
from apps.core.choices import Certificate
from apps.core.company import COMPANY_FIELDS, ChoiceListField, ModelCleanMixin
from apps.core.models import Protein
from apps.core.serializers import GuardedFieldsMixin, TenantOwnedSerializer
from apps.tenants.models import Role

from .models import Customer, ShipToLocation

SHIP_TO_FIELDS = [
    "id",
    "name",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "postal_code",
    "country",
    "phone",
    "receiving_hours",
    "appointment_method",
    "appointment_notes",
    "is_default",
    "is_active",
]


class CustomerShipToSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShipToLocation
        fields = SHIP_TO_FIELDS
        read_only_fields = fields


class CustomerContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = [
            "id",
            "first_name",
            "last_name",
            "title",
            "contact_types",
            "email",
            "main_phone",
            "direct_phone",
            "cell_phone",
            "is_primary",
            "status",
        ]
        read_only_fields = fields


class CustomerSerializer(GuardedFieldsMixin, ModelCleanMixin, TenantOwnedSerializer):
    # Credit controls: only a manager or higher grants credit or lifts a hold, always with a reason.
    guarded_fields = {"credit_hold": Role.MANAGER, "credit_limit": Role.MANAGER, "payment_terms_days": Role.MANAGER}
    guarded_event = "credit_terms_changed"

    proteins = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Protein.objects.all(), help_text="Protein codes."
    )
    certificates = ChoiceListField(Certificate.choices)
    sales_rep_name = serializers.SerializerMethodField()
    ship_to_locations = CustomerShipToSerializer(many=True, read_only=True)
    contacts = CustomerContactSerializer(many=True, read_only=True)

    class Meta:
        model = Customer
        fields = [
            "id",
            *COMPANY_FIELDS,
            "customer_type",
            "industry",
            "proteins",
            "certificates",
            "edible_inedible",
            "purchasing_preference",
            "will_pick_up",
            "buyer_contact",
            "preferred_plants",
            "sales_rep",
            "sales_rep_name",
            "credit_hold",
            "exportable",
            "ship_to_locations",
            "contacts",
            "created_at",
            "updated_at",
        ]

    def get_sales_rep_name(self, customer) -> str:
        if customer.sales_rep is None:
            return ""
        user = customer.sales_rep.user
        return user.get_full_name() or user.username

    def validate_sales_rep(self, membership):
        if membership is not None and not membership.is_active:
            raise serializers.ValidationError("This member is inactive; choose an active member as sales rep.")
        return membership

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.run_model_clean(attrs)
        contact = attrs.get("buyer_contact")
        if contact is not None and (self.instance is None or contact.customer_id != self.instance.pk):
            raise serializers.ValidationError(
                {"buyer_contact": ["Choose one of this customer's contacts (add the buyer as a contact first)."]}
            )
        return attrs


class ShipToLocationSerializer(ModelCleanMixin, TenantOwnedSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = ShipToLocation
        fields = ["customer", "customer_name", *SHIP_TO_FIELDS, "created_at", "updated_at"]
        # The one-default rule is kept by ShipToLocation.save (a new default releases the old one), and the
        # name rule is checked below with a message naming the customer.
        validators: list = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.run_model_clean(attrs)
        customer = attrs.get("customer") or getattr(self.instance, "customer", None)
        name = attrs.get("name", getattr(self.instance, "name", None))
        if customer is not None and name:
            clash = ShipToLocation.objects.filter(customer=customer, name=name)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise serializers.ValidationError({"name": [f"{customer.name} already has a ship-to named {name}."]})
        return attrs
