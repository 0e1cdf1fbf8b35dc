"""A local S3-compatible server for tests: moto's server mode on 127.0.0.1 speaking the S3 HTTP API, so
django-storages and boto3 run exactly as against DigitalOcean Spaces or AWS, and another process (a Celery
worker) reaches the same bucket over the network."""

from __future__ import annotations

from contextlib import contextmanager

from .processes import free_port

BUCKET = "projectmeats-test-media"


@contextmanager
def s3_server(bucket: str = BUCKET):
    """Yields the AWS_* variables of a fresh bucket on a moto server started for the test; stopped after."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        environ = {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test-access-key",
            "AWS_SECRET_ACCESS_KEY": "test-secret-key",
            "AWS_LOCATION": "media",
        }
        client(environ).create_bucket(Bucket=bucket)
        yield environ
    finally:
        server.stop()


def client(environ: dict[str, str]):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=environ["AWS_S3_ENDPOINT_URL"],
        region_name=environ["AWS_S3_REGION_NAME"],
        aws_access_key_id=environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=environ["AWS_SECRET_ACCESS_KEY"],
    )


def keys(environ: dict[str, str]) -> list[str]:
    listing = client(environ).list_objects_v2(Bucket=environ["AWS_STORAGE_BUCKET_NAME"])
    return sorted(item["Key"] for item in listing.get("Contents", []))
