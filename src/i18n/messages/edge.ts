// The API edge's messages: keys and roles, request bodies and text, idempotency, lookups,
// outages (src/api, src/security, src/documents/upload.ts). Shape: src/i18n/catalogue.ts.
import type { MessageEntry } from '../catalogue';

const RETRY_EN = 'retry with the same Idempotency-Key';
const RETRY_ZH = '请用同一个 Idempotency-Key 重试';

export const EDGE_MESSAGES: MessageEntry[] = [
  // keys (clause 7: every action is the authenticated caller's)
  { code: 'UNAUTHORIZED', clause: '7', en: 'a bearer API key is required', zh: '需要 Bearer API 密钥' },
  { code: 'UNAUTHORIZED', clause: '7', en: 'unknown, revoked or expired API key', zh: 'API 密钥未知、已吊销或已过期' },
  {
    code: 'TOO_MANY_FAILED_AUTHENTICATIONS',
    clause: '7',
    en: 'too many failed authentications from this client or with this key; retry after {seconds} s',
    zh: '此客户端或此密钥认证失败次数过多，请 {seconds} 秒后重试',
  },
  // people signed in to the console (src/api/routes/session.ts, src/security/sessions.ts)
  {
    code: 'UNAUTHORIZED',
    clause: '7',
    en: 'the session has ended (signed out, idle too long or expired): sign in again',
    zh: '会话已结束（已退出、闲置过久或已过期）：请重新登录',
  },
  {
    code: 'TOO_MANY_FAILED_AUTHENTICATIONS',
    clause: '7',
    en: 'too many failed sign-ins; retry after {seconds} s',
    zh: '登录失败次数过多，请 {seconds} 秒后重试',
  },
  {
    code: 'SIGN_IN_FAILED',
    clause: '7',
    en: 'login or password is wrong (clause 7)',
    zh: '登录名或密码错误（第 7 条）',
  },
  {
    code: 'ACCOUNT_LOCKED',
    clause: '7',
    en: 'too many wrong passwords: the account is locked until {until} (clause 7, MLPS level 3)',
    zh: '密码错误次数过多：账户锁定至 {until}（第 7 条，等保三级）',
  },
  {
    code: 'CSRF_TOKEN_INVALID',
    clause: '7',
    en: "a session's change needs its {header} header (clause 7)",
    zh: '会话中的修改操作需要带上 {header} 请求头（第 7 条）',
  },
  { code: 'LOGIN_TAKEN', clause: '7', en: 'the login {login} is taken', zh: '登录名 {login} 已被占用' },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'role {role} may not do this; allowed: {allowed}',
    zh: '角色 {role} 无权执行此操作；允许的角色：{allowed}',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'this key may not touch contract {contractId}',
    zh: '此密钥无权访问合同 {contractId}',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'role {role} may not do this: duty "{duty}" ({what}, clause {clause}); allowed: {allowed}',
    zh: '角色 {role} 无权执行此操作：职责“{duty}”（第 {clause} 条）；允许的角色：{allowed}',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'only a key for all contracts may do this: duty "{duty}" ({what}, clause {clause}); this key is limited to {contracts}',
    zh: '只有适用于全部合同的密钥可以执行此操作：职责“{duty}”（第 {clause} 条）；此密钥仅限于 {contracts}',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'this key is limited to {contracts}: it may only mint keys limited to those contracts (name them in "contracts")',
    zh: '此密钥仅限于 {contracts}：只能创建限于这些合同的密钥（请在 "contracts" 中列出）',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'this key may not mint keys for {outside} (outside its contracts {contracts})',
    zh: '此密钥不能为 {outside} 创建密钥（超出其合同范围 {contracts}）',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: "key {keyId} reaches beyond this key's contracts ({contracts}); only a key holding all of them may change it",
    zh: '密钥 {keyId} 的合同范围超出此密钥的合同（{contracts}）；只有覆盖其全部合同的密钥才能修改它',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'a key rotates itself; only an admin rotates another key (clause 7)',
    zh: '密钥只能轮换自身；只有管理员可以轮换其他密钥（第 7 条）',
  },
  {
    code: 'FORBIDDEN',
    en: "only an admin enters a running contract's history (onboarding)",
    zh: '只有管理员可以录入在履行合同的历史（接入）',
  },
  {
    code: 'FORBIDDEN',
    clause: '3',
    en: 'only the key that proposed a change withdraws it (clause 3)',
    zh: '只有提出变更的密钥可以撤回该变更（第 3 条）',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: "role {role} manages the {party} party's people only",
    zh: '角色 {role} 只能管理{party}一方的人员',
  },
  {
    code: 'FORBIDDEN',
    clause: '7',
    en: 'person {personId} belongs to the {party} party',
    zh: '人员 {personId} 属于{party}一方',
  },
  {
    code: 'ACTOR_UNVERIFIED',
    clause: '7',
    en: "{why} (clause 7: every action is the authenticated caller's)",
    zh: '无法确认操作者：{why}（第 7 条：每项操作都属于经认证的调用者）',
  },
  {
    code: 'KEY_REVOKED',
    clause: '7',
    en: 'key {keyId} is revoked; a revoked key is not rotated (mint a new one)',
    zh: '密钥 {keyId} 已吊销；已吊销的密钥不能轮换（请新建一个）',
  },
  { code: 'KEY_ALREADY_ROTATED', clause: '7', en: 'key {keyId} was already rotated', zh: '密钥 {keyId} 已经轮换过' },
  {
    code: 'SECOND_PERSON',
    clause: '3',
    en: '{name} proposed this change; a second person {verb} it (clause 3)',
    zh: '{name} 提出了此变更；须由另一人审批（第 3 条）',
  },
  {
    code: 'SECOND_PERSON',
    clause: '3',
    en: 'a change proposed by {role} {name} is {verb} by a hospital approver{others}, not by {approver} (clause 3)',
    zh: '{role} {name} 提出的变更须由院方审批人或另一方的密钥审批，不能由 {approver} 审批（第 3 条）',
  },
  // request bodies, text and parameters
  { code: 'MALFORMED_JSON', en: 'request body is not valid JSON', zh: '请求体不是有效的 JSON' },
  { code: 'MALFORMED_JSON', en: 'request body must be a JSON object or array', zh: '请求体必须是 JSON 对象或数组' },
  {
    code: 'BOM_NOT_ALLOWED',
    en: 'request body starts with a byte-order mark; send UTF-8 without a BOM',
    zh: '请求体以字节顺序标记（BOM）开头；请发送不带 BOM 的 UTF-8',
  },
  { code: 'INVALID_UTF8', en: 'request body is not valid UTF-8', zh: '请求体不是有效的 UTF-8' },
  {
    code: 'TOO_DEEP',
    en: 'request body is nested more than {depth} levels deep',
    zh: '请求体嵌套超过 {depth} 层',
  },
  {
    code: 'DUPLICATE_KEY',
    en: '{field}: appears twice in one object; send each field once',
    zh: '{field}：在同一对象中出现两次；每个字段只发送一次',
  },
  {
    code: 'UNSUPPORTED_CHARSET',
    en: 'charset {charset} is not supported; send UTF-8',
    zh: '不支持字符集 {charset}；请发送 UTF-8',
  },
  { code: 'BODY_TOO_LARGE', en: 'request body is too large', zh: '请求体过大' },
  {
    code: 'UNSUPPORTED_ENCODING',
    en: 'Content-Encoding {encoding} is not supported; send the body uncompressed',
    zh: '不支持 Content-Encoding {encoding}；请发送未压缩的请求体',
  },
  // the body reader's (raw-body's) own refusals; an aborted one is only logged when the client has gone
  {
    code: 'REQUEST_ABORTED',
    en: 'the request ended before its body was complete: {received} bytes received, Content-Length {expected}; nothing was recorded',
    zh: '请求在请求体传输完成前中断：已收到 {received} 字节，Content-Length 为 {expected}；未记录任何内容',
  },
  {
    code: 'BODY_LENGTH_MISMATCH',
    en: 'the request body has {received} bytes, not the {expected} of its Content-Length; nothing was recorded',
    zh: '请求体有 {received} 字节，与其 Content-Length 的 {expected} 字节不符；未记录任何内容',
  },
  // Any other refusal express writes itself stays its English inside the Chinese frame.
  { code: 'BAD_REQUEST', en: '{message}', zh: '请求无效：{message}' },
  {
    code: 'INVALID_TEXT',
    en: '{field}: must not contain a NUL character (U+0000)',
    zh: '{field}：不能包含 NUL 字符（U+0000）',
  },
  {
    code: 'INVALID_TEXT',
    en: '{field}: must not contain a lone UTF-16 surrogate (not valid Unicode text)',
    zh: '{field}：不能包含孤立的 UTF-16 代理项（不是有效的 Unicode 文本）',
  },
  {
    code: 'INVALID_TEXT',
    en: '{field}: field name must not contain a NUL character (U+0000)',
    zh: '{field}：字段名不能包含 NUL 字符（U+0000）',
  },
  {
    code: 'INVALID_TEXT',
    en: '{field}: field name must not contain a lone UTF-16 surrogate (not valid Unicode text)',
    zh: '{field}：字段名不能包含孤立的 UTF-16 代理项（不是有效的 Unicode 文本）',
  },
  {
    code: 'INVALID_TEXT',
    en: '{field}: is not valid percent-encoded UTF-8',
    zh: '{field}：不是有效的百分号编码 UTF-8',
  },
  {
    code: 'INVALID_INPUT',
    en: 'Idempotency-Key must be 1-200 characters of letters, digits, _ . : -',
    zh: 'Idempotency-Key 必须是 1-200 个字母、数字或 _ . : - 字符',
  },
  {
    code: 'INVALID_INPUT',
    en: 'format: must be one of {formats}',
    zh: 'format：必须是 {formats} 之一',
  },
  {
    code: 'NOT_ACCEPTABLE',
    en: 'Accept: a report is {media} (or ?format=json|csv|pdf)',
    zh: 'Accept：报告的格式为 {media}（或使用 ?format=json|csv|pdf）',
  },
  // idempotency and races
  {
    code: 'IDEMPOTENCY_KEY_REUSED',
    en: 'this Idempotency-Key was used for a different {what}',
    zh: '此 Idempotency-Key 已用于另一个不同的请求',
  },
  {
    code: 'REQUEST_IN_PROGRESS',
    en: 'a request with this Idempotency-Key is still being processed; retry with the same key to get its answer',
    zh: '使用此 Idempotency-Key 的请求仍在处理中；请用同一个密钥重试以获得其答复',
  },
  { code: 'ALREADY_EXISTS', en: 'a case with this id already exists', zh: '已存在此编号的案件' },
  // outages: 503 with Retry-After (issue 11, finding 5)
  {
    code: 'WORKER_UNAVAILABLE',
    en: `no worker is running the cases right now; nothing was recorded, ${RETRY_EN}`,
    zh: `当前没有运行案件的工作进程；未记录任何内容，${RETRY_ZH}`,
  },
  {
    code: 'WORKER_UNAVAILABLE',
    en: `the worker stopped while this action waited; it may still be recorded when a worker returns: ${RETRY_EN} to get its answer`,
    zh: `此操作等待期间工作进程已停止；工作进程恢复后仍可能被记录：${RETRY_ZH}以获得其答复`,
  },
  {
    code: 'UPDATE_NOT_PROCESSED',
    en: `the case did not process this action in time; ${RETRY_EN}`,
    zh: `案件未能及时处理此操作；${RETRY_ZH}`,
  },
  {
    code: 'TEMPORAL_UNAVAILABLE',
    en: `the workflow service did not answer in time; ${RETRY_EN}`,
    zh: `工作流服务未能及时应答；${RETRY_ZH}`,
  },
  { code: 'DATABASE_UNAVAILABLE', en: `the database is unavailable; ${RETRY_EN}`, zh: `数据库不可用；${RETRY_ZH}` },
  { code: 'REQUEST_DEADLINE', en: `no answer within {ms} ms; ${RETRY_EN}`, zh: `{ms} 毫秒内未能答复；${RETRY_ZH}` },
  { code: 'INTERNAL', en: 'internal error; quote the request id', zh: '内部错误；请提供请求编号（requestId）' },
  // VALIDATE_RESPONSES (test stacks, schemathesis): an answer that breaks its own declaration (response-check.ts)
  {
    code: 'RESPONSE_SCHEMA_MISMATCH',
    en: 'the answer of {route} (status {status}) does not match its declared schema: {problem}',
    zh: '{route} 的应答（状态 {status}）与其声明的结构不符：{problem}',
  },
  {
    code: 'NO_PAYLOAD_ENCRYPTION',
    en: 'payload encryption is not configured (TEMPORAL_PAYLOAD_KEYS)',
    zh: '未配置载荷加密（TEMPORAL_PAYLOAD_KEYS）',
  },
  // uploads (src/documents/upload.ts)
  {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    en: 'content-type: an upload is multipart/form-data with one part named "file"',
    zh: 'content-type：上传须为 multipart/form-data，且包含一个名为 "file" 的部分',
  },
  { code: 'MALFORMED_MULTIPART', en: '{field}: {detail}', zh: '{field}：multipart 格式错误（{detail}）' },
  { code: 'FIELD_TOO_LONG', en: '{field}: at most 10,000 characters', zh: '{field}：最多 10,000 个字符' },
  { code: 'UNKNOWN_PART', en: '{field}: the file part must be named "file"', zh: '{field}：文件部分必须命名为 "file"' },
  {
    code: 'FILE_TOO_LARGE',
    en: 'file: larger than the limit of {bytes} bytes (DOCUMENT_MAX_BYTES)',
    zh: 'file：超过 {bytes} 字节的上限（DOCUMENT_MAX_BYTES）',
  },
  {
    code: 'ONE_FILE',
    en: 'file: one file per upload (a new version is a new upload)',
    zh: 'file：每次上传一个文件（新版本另行上传）',
  },
  { code: 'TOO_MANY_PARTS', en: '(body): too many form fields', zh: '(body)：表单字段过多' },
  { code: 'FILE_REQUIRED', en: 'file: the upload has no part named "file"', zh: 'file：上传中没有名为 "file" 的部分' },
  {
    code: 'INVALID_INPUT',
    en: 'file: the part needs a filename of 1-255 characters without slashes',
    zh: 'file：该部分需要 1-255 个字符且不含斜杠的文件名',
  },
  {
    code: 'UNSUPPORTED_FILE_TYPE',
    en: 'file: the bytes are {type}; a document is a PDF, an image, an office file, an archive or UTF-8 text',
    zh: 'file：文件内容为 {type}；文档须为 PDF、图片、办公文档、压缩包或 UTF-8 文本',
  },
];
