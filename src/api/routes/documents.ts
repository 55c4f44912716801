// Documents over HTTP (issue 14): upload (multipart, streamed, sniffed, sha256), immutable
// versions, byte-identical download, list. Every read and write is scoped to the document's
// contract; every write is audited. A document is reviewed on the case that cites it, never
// here: the fault analysis by POST /faults/{caseId}/analysis-review (4.9.2), the inspection
// report by the inspection's acknowledge / request-changes (4.3), the acceptance package by the
// acceptance's decision (8); a version shows the review its case recorded.
import { Router, type Request } from 'express';
import { actorOf, allow, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { mount } from '../route';
import { idempotencyKeyOf, parseBody } from '../validate';
import { contractIdSchema } from './contract-schemas';
import { DOCUMENT_ROUTES, NewDocumentFields, NewVersionFields } from './document-routes';
import { mustFindContract } from '../../services/contracts';
import { assertMayUpload, assertSubjectOfContract } from '../../documents/rules';
import { SNIFF_BYTES, sniffContentType } from '../../documents/sniff';
import * as store from '../../db/queries/documents';
import { readUpload, type Upload } from '../../documents/upload';

const routes = DOCUMENT_ROUTES;
const READ = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;
const WRITE = ['hospital-operator', 'hospital-approver', 'vendor-engineer'] as const;

export function documentsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();

  async function documentOf(req: Request): Promise<store.DocumentRow> {
    const doc = await store.getDocument(pool, String(req.params.documentId));
    if (!doc) throw notFound(`document ${String(req.params.documentId)}`);
    assertContractAccess(actorOf(req), doc.contractId);
    return doc;
  }

  async function versionOf(req: Request, upload: Upload): Promise<store.NewVersion> {
    const { file } = upload;
    const sniffed = await sniffContentType(file.bytes.subarray(0, SNIFF_BYTES));
    if (!sniffed.ok)
      throw new HttpError(
        415,
        'UNSUPPORTED_FILE_TYPE',
        `file: the bytes are ${sniffed.contentType}; a document is a PDF, an image, an office file, an archive or UTF-8 text`,
        { field: 'file' },
      );
    const filename = file.filename.trim();
    if (!filename || filename.length > 255 || /[\u0000-\u001f/\\]/.test(filename))
      throw new HttpError(400, 'INVALID_INPUT', 'file: the part needs a filename of 1-255 characters without slashes', {
        field: 'file',
      });
    const actor = actorOf(req);
    return {
      filename,
      contentType: sniffed.contentType,
      declaredType: file.declaredType || null,
      bytes: file.bytes,
      sha256: file.sha256,
      note: upload.fields.note ?? null,
      idempotencyKey: idempotencyKeyOf(req),
      uploadedBy: actor.name,
      uploadedRole: actor.role,
    };
  }

  mount(r, routes.upload, allow(...WRITE), async (req, res) => {
    const contractId = contractIdSchema.parse(routes.upload.params(req).id);
    auditAs(res, 'document.upload', `contract:${contractId}`); // a refusal is audited under this name too
    assertContractAccess(actorOf(req), contractId);
    await mustFindContract(pool, contractId);
    const upload = await readUpload(req, deps.config.DOCUMENT_MAX_BYTES);
    const fields = parseBody(NewDocumentFields, upload.fields);
    assertMayUpload(actorOf(req).role, fields.kind);
    assertSubjectOfContract(fields.subject ?? null, contractId);
    const v = await versionOf(req, upload);
    const id = store.newDocumentId();
    // The note goes out with the transaction that stores the document (src/security/audit-scope.ts).
    auditAs(res, 'document.upload', id, {
      contractId,
      kind: fields.kind,
      version: 1,
      sha256: v.sha256,
      sizeBytes: v.bytes.length,
    });
    const { document, created } = await store.createDocument(pool, id, {
      ...v,
      contractId,
      kind: fields.kind,
      subject: fields.subject ?? null,
      title: fields.title,
    });
    if (!created)
      auditAs(res, 'document.upload', document.id, {
        contractId,
        retried: true,
        version: document.latest.version,
        sha256: document.latest.sha256,
      });
    routes.upload.send(res, created ? 201 : 200, document);
  });

  mount(r, routes.version, allow(...WRITE), async (req, res) => {
    auditAs(res, 'document.version', String(req.params.documentId));
    const doc = await documentOf(req);
    assertMayUpload(actorOf(req).role, doc.kind);
    const upload = await readUpload(req, deps.config.DOCUMENT_MAX_BYTES);
    parseBody(NewVersionFields, upload.fields);
    const v = await versionOf(req, upload);
    const note = (n: number, retried?: true) =>
      auditAs(res, 'document.version', doc.id, {
        contractId: doc.contractId,
        version: n,
        sha256: v.sha256,
        sizeBytes: v.bytes.length,
        ...(retried ? { retried } : {}),
      });
    const { version, created } = await store.addVersion(pool, doc.id, v, note);
    if (!created) note(version.version, true);
    routes.version.send(res, created ? 201 : 200, version);
  });

  mount(r, routes.list, allow(...READ), async (req, res) => {
    const contractId = contractIdSchema.parse(routes.list.params(req).id);
    assertContractAccess(actorOf(req), contractId);
    const f = routes.list.query(req);
    routes.list.send(res, 200, { items: await store.listDocuments(pool, { contractId, ...f }) });
  });

  mount(r, routes.one, allow(...READ), async (req, res) => {
    routes.one.send(res, 200, await documentOf(req));
  });

  async function sendVersion(req: Request, res: import('express').Response, version: number): Promise<void> {
    const doc = await documentOf(req);
    const meta = doc.versions!.find((v) => v.version === version);
    if (!meta) throw notFound(`version ${version} of document ${doc.id}`);
    const etag = `"sha256-${meta.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable'); // a version never changes
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const bytes = await store.versionContent(pool, doc.id, version);
    if (!bytes) throw notFound(`content of version ${version} of document ${doc.id}`);
    // res.attachment writes filename= (ASCII fallback) and filename*=UTF-8'' (RFC 5987) for Chinese names.
    res.attachment(meta.filename);
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Content-Length', String(bytes.length));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`); // RFC 9530
    res.setHeader('X-Document-Version', String(version));
    res.end(bytes);
  }
  mount(r, routes.content, allow(...READ), async (req, res) => {
    const doc = await documentOf(req);
    await sendVersion(req, res, doc.latest.version);
  });
  mount(r, routes.versionContent, allow(...READ), async (req, res) => {
    await sendVersion(req, res, routes.versionContent.params(req).version);
  });

  return r;
}
