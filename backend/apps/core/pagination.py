"""Page-number pagination whose COUNT is bounded, so deep pages of big tenants stay cheap (DESIGN §5)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_LIMIT = 10_000


class BoundedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        # COUNT(*) over at most COUNT_LIMIT + 1 rows; beyond that the count is reported as a lower bound.
        return self.object_list[: COUNT_LIMIT + 1].count()


class BoundedPageNumberPagination(PageNumberPagination):
    django_paginator_class = BoundedPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response(self, data):
        count = self.page.paginator.count
        return Response(
            {
                "count": min(count, COUNT_LIMIT),
                "count_is_exact": count <= COUNT_LIMIT,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        base = super().get_paginated_response_schema(schema)
        base["properties"]["count_is_exact"] = {"type": "boolean", "example": True}
        base["required"] = ["count", "count_is_exact", "results"]
        return base
