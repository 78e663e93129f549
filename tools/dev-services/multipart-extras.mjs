// The multipart calls s3rver lacks, on top of its own files: an upload lives in
// {directory}/{bucket}/._S3rver_uploads/{uploadId}/ with the files `key`, `metadata`, and per part
// `{n}` (the bytes) and `{n}.md5`.
//
//   GET    /{bucket}/{key}?uploadId=X               ListParts (at most 1000 parts, no paging needed here)
//   DELETE /{bucket}/{key}?uploadId=X               AbortMultipartUpload
//   PUT    /{bucket}/{key}?uploadId=X&partNumber=N  passed on to s3rver, but refused with NoSuchUpload
//                                                   when the upload does not exist (s3rver would
//                                                   create it again, without its key)
//
// Requests are checked the way s3rver checks them: the access key id must be ours (signatures are
// not verified, and the key id is in every pre-signed URL, so this keeps out only the careless; the
// local server is a stand-in, never exposed). A presigned part PUT goes on to s3rver, which checks
// its key and expiry.
import fs from 'node:fs/promises';
import path from 'node:path';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const decoded = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
};

const xmlEscape = (text) =>
  String(text).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);

function error(ctx, status, code, message, extra = '') {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${extra}</Error>`;
}

/** The access key id of a request: from the Authorization header (V4 or V2) or a presigned query. */
function accessKeyOf(ctx) {
  const header = ctx.get('authorization');
  const v4 = /Credential=([^/,\s]+)\//.exec(header);
  if (v4) return v4[1];
  const v2 = /^AWS ([^:]+):/.exec(header);
  if (v2) return v2[1];
  const credential = ctx.query['X-Amz-Credential'];
  if (typeof credential === 'string') return credential.split('/')[0];
  if (typeof ctx.query.AWSAccessKeyId === 'string') return ctx.query.AWSAccessKeyId;
  return null;
}

export function multipartExtras({ directory, accessKey }) {
  return async function multipart(ctx, next) {
    const uploadId = ctx.query.uploadId;
    const match = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    if (typeof uploadId !== 'string' || !match || !['GET', 'DELETE', 'PUT'].includes(ctx.method)) return next();
    const bucket = decoded(match[1]);
    const key = decoded(match[2]);
    if (bucket === null || key === null || !BUCKET.test(bucket)) return next();
    if (ctx.method !== 'PUT' && accessKeyOf(ctx) !== accessKey) {
      return error(ctx, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    }
    const folder = path.join(directory, bucket, '._S3rver_uploads', UPLOAD_ID.test(uploadId) ? uploadId : 'none');
    let storedKey = null;
    try {
      storedKey = await fs.readFile(path.join(folder, 'key'), 'utf8');
    } catch {
      storedKey = null;
    }
    if (storedKey !== key) {
      return error(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', `<UploadId>${xmlEscape(uploadId)}</UploadId>`);
    }
    if (ctx.method === 'PUT') return next();
    if (ctx.method === 'DELETE') {
      await fs.rm(folder, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return undefined;
    }
    const names = await fs.readdir(folder);
    const numbers = names.filter((n) => /^\d+$/.test(n) && names.includes(`${n}.md5`)).map(Number).sort((a, b) => a - b).slice(0, 1000);
    const parts = await Promise.all(
      numbers.map(async (n) => {
        const [stat, md5] = await Promise.all([fs.stat(path.join(folder, String(n))), fs.readFile(path.join(folder, `${n}.md5`), 'utf8')]);
        return `<Part><PartNumber>${n}</PartNumber><LastModified>${stat.mtime.toISOString()}</LastModified><ETag>"${md5.trim()}"</ETag><Size>${stat.size}</Size></Part>`;
      }),
    );
    ctx.status = 200;
    ctx.type = 'application/xml';
    ctx.body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult xmlns="${NS}">` +
      `<Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId>` +
      `<PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>${numbers.at(-1) ?? 0}</NextPartNumberMarker>` +
      `<MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`;
    return undefined;
  };
}
