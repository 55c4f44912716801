// The response check (issue 15, done-when): with VALIDATE_RESPONSES (set by the test stack and
// the schemathesis run), every JSON body a declared route sends is checked, as the client will
// read it (after the +08:00 serializer), against the schema declared for its status; error
// bodies against the Error schema. A mismatch is logged and answered 500
// RESPONSE_SCHEMA_MISMATCH naming the route, status and first wrong field, so a test that got
// the answer fails loudly instead of passing on an undocumented shape. The answer is in the
// request's language like every other (the catalogue's sentence, zod's zh-CN words); the log
// keeps English.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { localizeMessage } from '../i18n/catalogue';
import type { Locale } from '../i18n/locale';
import { zodIssueMessage } from '../i18n/zod';
import type { Route } from './route';
import { documentedStatuses, ErrorBody } from './openapi';
import { refusalCodes } from './openapi-refusals';
import { requestLocale } from './errors';
import { wireJson } from './instants';

/**
 * A refusal its route does not declare (route.ts `refusals`, issue 15 item 1): a status its
 * operation does not list, or a 404 / 409 whose code is not among the route's. 500 is never
 * declared: it is the answer of a defect (and of this check).
 */
function undeclaredRefusal(route: Route, status: number, locale: Locale): string | null {
  const statuses = documentedStatuses(route.spec);
  if (status === 500 || statuses.includes(status)) return null;
  return locale === 'en'
    ? `status ${status} is not among its declared answers (${statuses.join(', ')})`
    : `状态 ${status} 不在其声明的应答之中（${statuses.join(', ')}）`;
}
function undeclaredCode(route: Route, status: number, body: unknown, locale: Locale): string | null {
  const codes = refusalCodes(route.spec, status);
  const code = String((body as { error: { code: string } }).error.code);
  if (!codes || codes.includes(code)) return null;
  return locale === 'en'
    ? `error.code: ${code} is not among its declared ${status} refusals (${codes.join(', ')})`
    : `error.code：${code} 不在其声明的 ${status} 拒绝之中（${codes.join(', ')}）`;
}

/** An answer in a language (Content-Language) from a route whose declaration does not say so (route.ts `localized`). */
function undeclaredLanguage(route: Route, status: number, language: unknown, locale: Locale): string | null {
  if (status >= 400 || language === undefined || route.spec.localized) return null;
  return locale === 'en'
    ? `Content-Language: ${String(language)} is not declared (the route is not marked localized)`
    : `Content-Language：${String(language)} 未声明（该路由未标明按语言应答）`;
}

/**
 * The first problem of a body against its route's declaration, or null when it conforms;
 * `language` is the answer's Content-Language, when it has one.
 */
export function responseMismatch(
  route: Route,
  status: number,
  body: unknown,
  locale: Locale = 'en',
  language?: unknown,
): string | null {
  const undeclared = undeclaredLanguage(route, status, language, locale);
  if (undeclared) return undeclared;
  const reply = route.spec.responses[status];
  let schema: z.ZodType | undefined = reply?.schema;
  if (!reply) {
    if (status < 400)
      return `status ${status} is not declared (declared: ${Object.keys(route.spec.responses).join(', ')})`;
    const refused = undeclaredRefusal(route, status, locale);
    if (refused) return refused;
    schema = ErrorBody;
  }
  if (!schema) return reply?.contentType ? `status ${status} is declared as ${reply.contentType}, not JSON` : null;
  const r = schema.safeParse(JSON.parse(wireJson(body) ?? 'null'));
  if (r.success) return reply ? null : undeclaredCode(route, status, body, locale);
  const first = r.error.issues[0]!;
  const more = r.error.issues.length - 1;
  const where = first.path.join('.') || '(body)';
  if (locale === 'en') return `${where}: ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`;
  return `${where}：${zodIssueMessage(first, locale)}${more > 0 ? `（另有 ${more} 处）` : ''}`;
}

export function checkResponses(log: Logger): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const route = res.locals.route as Route | undefined;
      const language = res.getHeader('content-language');
      const problem = route ? responseMismatch(route, res.statusCode, body, 'en', language) : null;
      if (!route || !problem) return json(body);
      const english = (p: string) =>
        `the answer of ${route.key} (status ${res.statusCode}) does not match its declared schema: ${p}`;
      log.error({ route: route.key, status: res.statusCode, problem }, 'response schema mismatch');
      const locale = requestLocale(req);
      const message = localizeMessage(
        'RESPONSE_SCHEMA_MISMATCH',
        english(responseMismatch(route, res.statusCode, body, locale, language)!),
        locale,
      );
      res.status(500);
      res.setHeader('content-language', locale);
      return json({
        error: { code: 'RESPONSE_SCHEMA_MISMATCH', message },
        requestId: String(res.locals.requestId ?? ''),
      });
    };
    next();
  };
}
