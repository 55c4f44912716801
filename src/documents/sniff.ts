// The content type of an upload is decided from its bytes (file-type's magic numbers), never
// taken from the client: a stored document is served back with this type, so a declared
// "application/pdf" that is really HTML or an executable must not pass as evidence.
// file-type 16.5.4 is its last CommonJS release (later majors are ESM-only, which this
// CommonJS project and its jest setup cannot require); its head-of-file API is all we need.
import { fromBuffer } from 'file-type/core';

/** Bytes of the head of a file that the sniffer reads (file-type's minimum). */
export const SNIFF_BYTES = 4100;

/** What a contract document may be: PDFs, scans, office files, archives of them, plain text. */
const ALLOWED = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'image/gif',
  'image/webp',
  'image/bmp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/x-cfb', // legacy .doc / .xls
  'application/zip',
  'application/x-7z-compressed',
  'application/gzip',
  'text/plain; charset=utf-8',
]);

export type Sniffed = { ok: true; contentType: string } | { ok: false; contentType: string };

function isUtf8Text(head: Buffer): boolean {
  if (head.length === 0) return true;
  // A cut multi-byte character at the end of the head is not a reason to refuse.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  const controls = (text.match(/[\u0000-\u0008\u000E-\u001F]/g) ?? []).length;
  return bad <= 1 && controls === 0;
}

/** The type of a file from its first SNIFF_BYTES bytes, and whether a document may be of it. */
export async function sniffContentType(head: Buffer): Promise<Sniffed> {
  const found = await fromBuffer(head);
  const contentType = found?.mime ?? (isUtf8Text(head) ? 'text/plain; charset=utf-8' : 'application/octet-stream');
  return { ok: ALLOWED.has(contentType), contentType };
}
