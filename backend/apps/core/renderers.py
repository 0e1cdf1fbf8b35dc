"""The browsable API (what a browser gets when someone opens an API URL): the response rendered as a read-only
HTML page. Its forms are switched off: DRF builds them while the page renders, after the view's transaction
(and with it the database tenant and the app role) has ended, so they would query outside row-level security
or fail ("the database tenant is transaction-scoped"). Writes go through the JSON API or the web app."""

from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    def show_form_for_method(self, view, method, request, obj):
        return False

    def get_rendered_html_form(self, data, view, method, request):
        return None

    def get_raw_data_form(self, data, view, method, request):
        return None

    def get_filter_form(self, data, view, request):
        return None
