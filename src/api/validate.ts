import type { z } from 'zod';

// Request bodies are parsed with strict zod objects: unknown fields and wrong types throw a
// ZodError, which the error mapper turns into a 400 naming the field.
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  return schema.parse(body ?? {});
}
export function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> {
  return schema.parse(query ?? {});
}
