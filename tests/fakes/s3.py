"""S3-compatible object storage on 127.0.0.1 for tests: moto's threaded server.

`S3Server.settings()` gives the environment a second process needs to use the same bucket
through the app's own settings (AWS_STORAGE_BUCKET_NAME switches STORAGES["default"] to
django-storages' S3Storage); `client()` is an independent boto3 client for checking what
really is in the bucket.
"""
from __future__ import annotations

import secrets

import boto3
from moto.server import ThreadedMotoServer

REGION = "us-east-1"
ACCESS_KEY = "r2w-test-access-key"
SECRET_KEY = "r2w-test-secret-key"


class S3Server:
    def __init__(self):
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)

    def start(self) -> S3Server:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    @property
    def endpoint_url(self) -> str:
        host, port = self._server.get_host_and_port()
        return f"http://{host}:{port}"

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint_url, region_name=REGION,
                            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)

    def create_bucket(self) -> str:
        bucket = f"r2w-test-{secrets.token_hex(4)}"
        self.client().create_bucket(Bucket=bucket)
        return bucket

    def env(self, bucket: str) -> dict[str, str]:
        """The environment variables that put the app's files in `bucket`."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }
