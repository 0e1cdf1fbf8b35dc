import itertools

import factory
from factory.django import DjangoModelFactory

from apps.ai_assistant.tests.factories import latest_member
from apps.core.testing.factories import TenantFactory
from apps.notifications.models import Notification, PushDevice

_tokens = itertools.count(1)


def expo_token() -> str:
    return f"ExponentPushToken[test-device-{next(_tokens):06d}]"


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    tenant = factory.SubFactory(TenantFactory)
    user = factory.LazyAttribute(lambda o: latest_member(o.tenant))
    kind = "load.accepted"
    title = factory.Sequence(lambda n: f"LD-2026-{n:06d} accepted")


class PushDeviceFactory(DjangoModelFactory):
    class Meta:
        model = PushDevice

    tenant = factory.SubFactory(TenantFactory)
    user = factory.LazyAttribute(lambda o: latest_member(o.tenant))
    token = factory.LazyFunction(expo_token)
    platform = "android"
    device_name = factory.Sequence(lambda n: f"Dock phone {n}")
