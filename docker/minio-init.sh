#!/bin/sh
# One-shot (the minio-init service): the platform bucket and the Api's own MinIO user, whose
# policy reaches that bucket only (objects: read, write, delete, multipart; the bucket: list,
# location). The Api then runs without the root credentials. Idempotent.
set -eu
alias=platform
until mc alias set "$alias" http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null 2>&1; do
  echo "waiting for minio…"
  sleep 1
done
mc mb --ignore-existing "$alias/$S3_BUCKET"
cat >/tmp/platform-api-policy.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET/*"]
    }
  ]
}
JSON
mc admin policy create "$alias" platform-api /tmp/platform-api-policy.json
mc admin user add "$alias" "$API_S3_ACCESS_KEY" "$API_S3_SECRET_KEY"
# "attach" fails when the policy is attached already; that is the state we want.
if ! mc admin policy attach "$alias" platform-api --user "$API_S3_ACCESS_KEY" 2>/dev/null; then
  mc admin user info "$alias" "$API_S3_ACCESS_KEY" | grep -q platform-api
fi
echo "minio: bucket $S3_BUCKET and user $API_S3_ACCESS_KEY (policy platform-api) ready"
