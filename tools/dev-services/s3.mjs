// Local S3 stand-in for development and tests: s3rver with our own credentials and
// the S3 XML namespace that SDKs expect. Production uses real MinIO/S3.
//
// Environment:
//   S3_PORT        port on 127.0.0.1 (default 9000)
//   S3_DIR         folder that holds buckets and objects (default ./.s3-data)
//   S3_ACCESS_KEY  access key id (default platform)
//   S3_SECRET_KEY  secret key (default platform-secret)
//   S3_BUCKETS     optional comma list of buckets to create at start
//   S3_SILENT      "1" to turn off s3rver's request log (default: log to stdout)
//
// Known limits of s3rver (do not rely on S3 to enforce anything):
//   - SigV4 signatures and POST policies are not verified: only the access key id
//     (and a presigned URL's expiry) is checked. SigV2 signatures are verified.
//   - Buckets are path-style only here (virtual-host style is switched off).
//   - s3rver has no ListParts and no AbortMultipartUpload, and stores a part for an upload id
//     that does not exist; multipart-extras.mjs adds the two calls and refuses such parts, as
//     S3 and MinIO do (resumable browser uploads need them).
import fs from 'node:fs';
import path from 'node:path';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { multipartExtras } from './multipart-extras.mjs';

const port = Number(process.env.S3_PORT ?? 9000);
const directory = path.resolve(process.env.S3_DIR ?? '.s3-data');
const accessKey = process.env.S3_ACCESS_KEY ?? 'platform';
const secretKey = process.env.S3_SECRET_KEY ?? 'platform-secret';
const buckets = (process.env.S3_BUCKETS ?? '')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);

// s3rver hard-wires one account with the key pair S3RVER/S3RVER; keep the account
// (its id and name appear in listings) but swap the key pair for ours.
const account = AWSAccount.DUMMY_ACCOUNT;
for (const id of [...account.accessKeys.keys()]) account.revokeAccessKey(id);
account.createKeyPair(accessKey, secretKey);

fs.mkdirSync(directory, { recursive: true });

const server = new S3rver({
  address: '127.0.0.1',
  port,
  directory,
  silent: process.env.S3_SILENT === '1',
  vhostBuckets: false,
  configureBuckets: buckets.map((name) => ({ name })),
});

// s3rver writes its XML documents in the namespace "http://doc.s3.amazonaws.com/2006-03-01/",
// but S3 uses "http://s3.amazonaws.com/doc/2006-03-01/". Namespace-aware clients (the
// .NET Minio SDK among them) then find no elements and, e.g., list an empty bucket without
// any error. The outermost middleware rewrites the namespace of every XML document that
// s3rver generated (object bodies are streams and are left alone).
// s3rver removes a folder once its last object is deleted, with no lock: deletes in one folder at
// the same time (single or multi-object) race and some fail with ENOENT ("internal error"). S3 and
// MinIO take concurrent deletes; here they are done one after another.
let deleting = Promise.resolve();
const deleteObject = server.store.deleteObject.bind(server.store);
server.store.deleteObject = (bucket, key) => {
  const done = deleting.then(() => deleteObject(bucket, key));
  deleting = done.catch(() => {});
  return done;
};

const WRONG_NS = 'xmlns="http://doc.s3.amazonaws.com/2006-03-01/"';
const S3_NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
server.middleware.unshift(async (ctx, next) => {
  await next();
  if (typeof ctx.body === 'string' && ctx.body.includes(WRONG_NS)) {
    ctx.body = ctx.body.replaceAll(WRONG_NS, S3_NS);
  }
});

// Before s3rver's router (the last middleware), which answers these calls "method not allowed".
server.middleware.splice(server.middleware.length - 1, 0, multipartExtras({ directory, accessKey }));

const address = await server.run();
console.log(
  `s3: listening on http://${address.address}:${address.port}, data in ${directory}, access key ${accessKey}`,
);

const stop = async (signal) => {
  console.log(`s3: ${signal}, stopping`);
  try {
    await server.close();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
