import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from apps.tenants.models import Role, Tenant, TenantUser

TEST_PASSWORD = "test-pass-4821"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])


class TenantFactory(DjangoModelFactory):
    class Meta:
        model = Tenant
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Brokerage {n}")
    slug = factory.Sequence(lambda n: f"brokerage-{n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = TenantUser

    tenant = factory.SubFactory(TenantFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.USER
    is_active = True


def member(tenant, role: str = Role.OWNER, **user_fields):
    """A user with `role` in `tenant`."""
    return MembershipFactory(tenant=tenant, role=role, user=UserFactory(**user_fields)).user
