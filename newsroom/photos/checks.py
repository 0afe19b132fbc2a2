"""The release check of object storage: uploads and renditions go to the bucket that
`AWS_STORAGE_BUCKET_NAME` names, which the site never creates. A bucket missing or out of reach
fails the first upload, `seed_demo` and `make_renditions`; `check --deploy --database default`
says so before any of them. Like Django's database checks, it reaches outside the code, so it
runs only when a database is named."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register("newsroom-storage", deploy=True)
def bucket_is_there(app_configs, databases=None, **kwargs):
    if not databases or not settings.AWS_STORAGE_BUCKET_NAME:
        return []
    from botocore.exceptions import BotoCoreError, ClientError
    from django.core.files.storage import default_storage

    name = settings.AWS_STORAGE_BUCKET_NAME
    try:
        default_storage.connection.meta.client.head_bucket(Bucket=name)
    except ClientError as error:
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 404:
            return [
                Error(
                    f"The bucket {name!r} does not exist: uploads, their renditions and title "
                    "cards cannot be stored.",
                    hint="Create it (aws s3 mb s3://<name>), readable by everyone or by the CDN "
                    "on AWS_S3_CUSTOM_DOMAIN (docs/deploying.md), or correct "
                    "AWS_STORAGE_BUCKET_NAME and AWS_S3_REGION_NAME.",
                    id="newsroom.E008",
                )
            ]
        # Credentials allowed to write objects may still not list the bucket (403): only the
        # first upload can tell.
        return [
            Warning(
                f"Whether the bucket {name!r} exists could not be told ({error}).",
                hint="Give the credentials s3:ListBucket on it to have this checked.",
                id="newsroom.W003",
            )
        ]
    except BotoCoreError as error:
        return [
            Error(
                f"The bucket {name!r} cannot be reached ({error}).",
                hint="Check AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME and the credentials.",
                id="newsroom.E008",
            )
        ]
    return []
