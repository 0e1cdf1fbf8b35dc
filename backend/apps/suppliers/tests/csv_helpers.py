"""CSV export/import through the API, for the business tests of my resources."""

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.testing.api import response_body


def export_csv(client, url: str, **params) -> str:
    response = client.get(url, {"format": "csv", **params})
    assert response.status_code == 200, response.content[:300]
    return response_body(response).decode()


def import_csv(client, url: str, text: str, *, dry_run: bool = False):
    upload = SimpleUploadedFile("rows.csv", text.encode(), content_type="text/csv")
    return client.post(f"{url}import/" + ("?dry_run=1" if dry_run else ""), {"file": upload}, format="multipart")
