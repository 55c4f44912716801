// The document routes declared (issue 14, 15; route.ts): the multipart fields of an upload, the
// filters of the list, and the answers (a document and its versions, never their bytes, with
// instants at +08:00); documents.ts handles them.
import { z } from 'zod';
import { instantOut } from '../instants';
import { ErrorBody } from '../openapi';
import { declareRoute } from '../route';
import * as store from '../../db/queries/documents';
import { CONTRACT_404, NONE, notFoundOf } from './refusals';

const subject = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'must be like fault:<contractId>:<caseNo> (letters, digits, _ . : -)');
export const NewDocumentFields = z.strictObject({
  kind: z.enum(store.DOCUMENT_KINDS),
  title: z.string().trim().min(1).max(500),
  subject: subject.optional(),
  note: z.string().max(2000).optional(),
});
export const NewVersionFields = z.strictObject({ note: z.string().max(2000).optional() });
const ListQuery = z.strictObject({
  kind: z.enum(store.DOCUMENT_KINDS).optional(),
  subject: subject.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// Answers (issue 15): a document and its versions, never their bytes; instants +08:00.
const VersionOut = z.object({
  documentId: z.string(),
  version: z.number().int(),
  filename: z.string(),
  contentType: z.string().describe('sniffed from the bytes, not taken from the upload'),
  declaredType: z.string().nullable().describe('the content type the upload declared'),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('hex digest of the bytes'),
  note: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedRole: z.string(),
  uploadedAt: instantOut,
  review: z
    .object({
      decision: z.enum(['accepted', 'rejected']),
      reason: z.string().nullable(),
      reviewedBy: z.string(),
      reviewedRole: z.string(),
      reviewedAt: instantOut,
      caseId: z.string().describe('the case whose fact decided it (4.9.2, 4.3, 8)'),
    })
    .nullable(),
});
const DocumentOut = z.object({
  id: z.string(),
  contractId: z.string(),
  kind: z.enum(store.DOCUMENT_KINDS),
  subject: z.string().nullable(),
  title: z.string(),
  createdBy: z.string(),
  createdAt: instantOut,
  latest: VersionOut,
  versions: z.array(VersionOut).optional(),
});
const file = z.string().openapi({ format: 'binary' });
const refusedFile = {
  413: { description: 'larger than DOCUMENT_MAX_BYTES', schema: ErrorBody },
  415: { description: 'not multipart, or a file type a document may not be', schema: ErrorBody },
};
const bytes = {
  200: { description: 'the bytes (ETag and Repr-Digest: sha-256)', contentType: 'application/octet-stream' },
  304: { description: 'If-None-Match named this version: it has not changed (a version never does)' },
};
const DocumentParams = z.object({ documentId: z.string() });
export const DOCUMENT_ROUTES = {
  upload: declareRoute({
    method: 'post',
    path: '/contracts/{id}/documents',
    duty: 'fileDocuments',
    refusals: CONTRACT_404,
    summary: 'Upload a document (version 1); kind decides who may file it; Idempotency-Key makes retries safe',
    params: z.object({ id: z.string().describe('contract id') }),
    body: NewDocumentFields.extend({ file }),
    bodyContentType: 'multipart/form-data',
    responses: {
      201: { description: 'stored', schema: DocumentOut },
      200: { description: 'the document of this Idempotency-Key, stored before', schema: DocumentOut },
      ...refusedFile,
    },
  }),
  version: declareRoute({
    method: 'post',
    path: '/documents/{documentId}/versions',
    duty: 'fileDocuments',
    refusals: notFoundOf('document'),
    summary: 'Upload a new version (never overwrites an older one)',
    params: DocumentParams,
    body: NewVersionFields.extend({ file }),
    bodyContentType: 'multipart/form-data',
    responses: {
      201: { description: 'stored', schema: VersionOut },
      200: { description: 'the version of this Idempotency-Key, stored before', schema: VersionOut },
      ...refusedFile,
    },
  }),
  list: declareRoute({
    method: 'get',
    path: '/contracts/{id}/documents',
    duty: 'read',
    refusals: NONE,
    summary: "A contract's documents with their latest version (filters: kind, subject)",
    params: z.object({ id: z.string().describe('contract id') }),
    query: ListQuery,
    responses: { 200: { description: 'documents, newest first', schema: z.object({ items: z.array(DocumentOut) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: '/documents/{documentId}',
    duty: 'read',
    refusals: notFoundOf('document'),
    summary: 'One document with every version and its review',
    params: DocumentParams,
    responses: { 200: { description: 'the document', schema: DocumentOut } },
  }),
  content: declareRoute({
    method: 'get',
    path: '/documents/{documentId}/content',
    duty: 'read',
    refusals: notFoundOf('document'),
    summary:
      'The bytes of the latest version (Content-Disposition with the UTF-8 filename, RFC 5987; Repr-Digest sha-256)',
    params: DocumentParams,
    responses: bytes,
  }),
  versionContent: declareRoute({
    method: 'get',
    path: '/documents/{documentId}/versions/{version}/content',
    duty: 'read',
    refusals: notFoundOf('document or version'),
    summary: 'The bytes of one version, byte-identical to the upload',
    params: DocumentParams.extend({ version: z.coerce.number().int().min(1).max(100_000) }),
    responses: bytes,
  }),
};
