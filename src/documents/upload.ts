// A multipart upload read as a stream (busboy): the file part is hashed (sha256) and counted
// while it arrives and refused as soon as it passes the size limit, so memory is bounded by
// the limit and a too-large upload is never stored. One file part per request; text fields
// (title, kind, note, ...) may come before or after it.
import { createHash } from 'node:crypto';
import busboy from 'busboy';
import type { Request } from 'express';
import { HttpError } from '../api/errors';

export interface UploadedFile {
  filename: string;
  declaredType: string;
  bytes: Buffer;
  sha256: string;
  size: number;
}
export interface Upload {
  fields: Record<string, string>;
  file: UploadedFile;
}

const bad = (code: string, message: string, field: string, status = 400) =>
  new HttpError(status, code, message, { field });

export function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(
      bad(
        'UNSUPPORTED_MEDIA_TYPE',
        'content-type: an upload is multipart/form-data with one part named "file"',
        'content-type',
        415,
      ),
    );
  }
  return new Promise<Upload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: UploadedFile | undefined;
    let failure: HttpError | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes + 1, fields: 20, fieldSize: 10_000, parts: 21 },
      });
    } catch (err) {
      reject(bad('MALFORMED_MULTIPART', `content-type: ${(err as Error).message}`, 'content-type'));
      return;
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= bad('FIELD_TOO_LONG', `${name}: at most 10,000 characters`, name);
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        failure ??= bad('UNKNOWN_PART', `${name}: the file part must be named "file"`, name);
        stream.resume();
        return;
      }
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        if (failure) return; // draining after a refusal: keep nothing
        size += chunk.length;
        if (size > maxBytes) {
          tooLarge();
          return;
        }
        hash.update(chunk);
        chunks.push(chunk);
      });
      // busboy stops at maxBytes + 1 (its limit event fires at the limit itself): one byte over is refused.
      const tooLarge = () => {
        failure ??= bad(
          'FILE_TOO_LARGE',
          `file: larger than the limit of ${maxBytes} bytes (DOCUMENT_MAX_BYTES)`,
          'file',
          413,
        );
        chunks.length = 0;
      };
      stream.on('limit', tooLarge);
      stream.on('end', () => {
        if (failure) return;
        file = {
          filename: info.filename ?? '',
          declaredType: info.mimeType,
          bytes: Buffer.concat(chunks, size),
          sha256: hash.digest('hex'),
          size,
        };
      });
    });
    parser.on('filesLimit', () => {
      failure ??= bad('ONE_FILE', 'file: one file per upload (a new version is a new upload)', 'file');
    });
    parser.on('partsLimit', () => {
      failure ??= bad('TOO_MANY_PARTS', '(body): too many form fields', '(body)');
    });
    parser.on('error', (err: Error) => {
      reject(failure ?? bad('MALFORMED_MULTIPART', `(body): ${err.message}`, '(body)'));
    });
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!file) reject(bad('FILE_REQUIRED', 'file: the upload has no part named "file"', 'file'));
      else resolve({ fields, file });
    });
    req.pipe(parser);
  });
}
