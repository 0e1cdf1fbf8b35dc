"""OPTIONS answers for every API view. DRF's describes the writable fields of the view's serializer; a view
without one (a report, an action such as statement send) made that a 500 — here it simply lists no actions."""

from rest_framework.metadata import SimpleMetadata


class Metadata(SimpleMetadata):
    def determine_actions(self, request, view):
        try:
            view.get_serializer_class()
        except (AssertionError, AttributeError, NotImplementedError):
            return {}
        return super().determine_actions(request, view)
