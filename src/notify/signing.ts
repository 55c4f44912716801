// Signatures of the chat robots and of weibao's own webhook. Pure functions over node:crypto,
// used by the channels and by the tests' receivers (and shown in README "Notifications").
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk custom robot with a signing secret ("加签"): sign = urlencode(base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret))), timestamp in epoch ms, both appended to the webhook URL.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64'));
}

/** The DingTalk URL to POST: the robot's URL with its timestamp and signature. */
export function dingtalkUrl(url: string, secret: string, timestampMs: number): string {
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${dingtalkSign(secret, timestampMs)}`;
}

/**
 * weibao's webhook: X-Weibao-Signature = "v1=" + hex(HMAC-SHA256(secret, timestamp + "." + body)),
 * X-Weibao-Timestamp = epoch ms. The receiver recomputes it over the raw body and refuses a
 * timestamp outside its tolerance (replay).
 */
export function webhookSignature(secret: string, timestampMs: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampMs}.${body}`, 'utf8').digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  body: string,
  nowMs: number,
  toleranceMs = 5 * 60_000,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isSafeInteger(ts) || Math.abs(nowMs - ts) > toleranceMs || !headers.signature) return false;
  const expected = Buffer.from(webhookSignature(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
