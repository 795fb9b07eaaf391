/**
 * The platform's stable error codes. A code, once published, keeps its meaning: clients and the
 * bureau's scripts branch on it. Messages are what a person reads, in both languages, and say what
 * to do next. `{name}`-style placeholders are filled from the error's params.
 */
export const errorCatalog = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的内容不符合要求，请检查标出的字段。',
    en: 'Some fields are not valid; check the highlighted fields.',
  },
  MALFORMED_JSON: {
    status: 400,
    zh: '请求内容不是有效的 JSON。',
    en: 'The request body is not valid JSON.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持该内容类型，请以 application/json 提交。',
    en: 'Unsupported content type; send application/json.',
  },
  BODY_TOO_LARGE: {
    status: 413,
    zh: '请求内容过大（上限 {limit}）。',
    en: 'The request body is too large (limit {limit}).',
  },
  NOT_FOUND: { status: 404, zh: '找不到该资源。', en: 'Not found.' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录。', en: 'Please sign in.' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录。',
    en: 'Your session has expired; please sign in again.',
  },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  CSRF_TOKEN_MISSING: {
    status: 403,
    zh: '缺少安全令牌（CSRF），请刷新页面后重试。',
    en: 'The security token (CSRF) is missing; reload the page and try again.',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    zh: '安全令牌（CSRF）无效，请刷新页面后重试。',
    en: 'The security token (CSRF) is not valid; reload the page and try again.',
  },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '账号或密码错误。连续错误 {maxAttempts} 次将锁定账号 {lockMinutes} 分钟。',
    en: 'Wrong email or password. After {maxAttempts} failures in a row the account is locked for {lockMinutes} minutes.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '密码错误次数过多，账号已锁定，请于 {until} 后再试或联系管理员。',
    en: 'Too many wrong passwords; the account is locked until {until}. Try later or contact an administrator.',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    zh: '账号已停用，请联系管理员。',
    en: 'This account is disabled; contact an administrator.',
  },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码强度不足：至少 10 位，并包含大写字母、小写字母、数字、符号中的至少三类，且不得包含邮箱或手机号。',
    en: 'Password too weak: at least 10 characters, with three of upper case, lower case, digits and symbols, and not containing your email or phone.',
  },
  WRONG_CURRENT_PASSWORD: { status: 400, zh: '当前密码不正确。', en: 'The current password is wrong.' },
  EMAIL_TAKEN: {
    status: 409,
    zh: '该邮箱已注册，请直接登录或使用其他邮箱。',
    en: 'This email is already registered; sign in or use another email.',
  },
  CREDIT_CODE_INVALID_FORMAT: {
    status: 400,
    zh: '统一社会信用代码格式不正确：应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z）。',
    en: 'The unified social credit code is malformed: 18 characters of digits and capital letters (no I, O, S, V, Z).',
  },
  CREDIT_CODE_CHECKSUM: {
    status: 400,
    zh: '统一社会信用代码校验位不正确，请核对营业执照。早期试点代码可由科技局管理员核实后登记。',
    en: 'The credit code check character is wrong; check the business licence. Early pilot codes can be registered by a bureau administrator.',
  },
  ORG_DUPLICATE: {
    status: 409,
    zh: '该统一社会信用代码的单位已注册，请联系本单位管理员邀请您加入。',
    en: 'An organisation with this credit code is already registered; ask its administrator to invite you.',
  },
  REGION_UNKNOWN: {
    status: 400,
    zh: '行政区划代码 {code} 不存在（GB/T 2260，6 位数字）。',
    en: 'Unknown region code {code} (GB/T 2260, 6 digits).',
  },
  REGION_OUT_OF_SCOPE: {
    status: 403,
    zh: '该地区不在您的管辖范围内。',
    en: 'That region is outside your jurisdiction.',
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态为「{from}」，不能执行该操作。',
    en: 'This cannot be done while the status is "{from}".',
  },
  STALE_STATE: {
    status: 409,
    zh: '该记录刚被他人修改，请刷新后重试。',
    en: 'Someone else changed this record just now; reload and try again.',
  },
  INVITATION_INVALID: {
    status: 400,
    zh: '邀请链接无效、已使用或已过期，请联系邀请人重新发送。',
    en: 'The invitation link is invalid, used or expired; ask for a new one.',
  },
  INVITATION_EMAIL_EXISTS: {
    status: 409,
    zh: '该邮箱已有账号，请先登录再接受邀请。',
    en: 'This email already has an account; sign in first, then accept the invitation.',
  },
  ALREADY_MEMBER: { status: 409, zh: '该用户已是本单位成员。', en: 'This user is already a member.' },
  ROLE_CONFLICT: {
    status: 409,
    zh: '角色冲突：审计员不能同时担任管理或业务角色（三员分立）。',
    en: 'Role conflict: an auditor cannot also hold an administrative or business role (separation of duties).',
  },
  ROLE_NOT_ALLOWED: {
    status: 400,
    zh: '该角色不能在此范围内授予。',
    en: 'This role cannot be granted in that scope.',
  },
  LAST_ADMIN: {
    status: 409,
    zh: '不能移除本单位最后一位管理员。',
    en: 'You cannot remove the organisation’s last administrator.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    zh: '服务暂不可用，请稍后再试。',
    en: 'The service is temporarily unavailable; try again later.',
  },
  INSTRUMENT_CLASS_UNKNOWN: {
    status: 400,
    zh: '仪器分类代码 {code} 不在国家大型科学仪器设备分类中。',
    en: 'Instrument class {code} is not in the national classification.',
  },
  INSTRUMENT_BELOW_THRESHOLD: {
    status: 400,
    zh: '原值低于本地区入库标准（{threshold} 元），不纳入共享目录。',
    en: 'The original value is below this region’s listing threshold ({threshold} yuan).',
  },
  INSTRUMENT_DUPLICATE_ASSET: {
    status: 409,
    zh: '本单位已登记资产编号为 {assetNo} 的仪器。',
    en: 'Your organisation already listed an instrument with asset number {assetNo}.',
  },
  INSTRUMENT_NOT_BOOKABLE: {
    status: 409,
    zh: '该仪器当前不可预约（状态或共享方式不允许）。',
    en: 'This instrument cannot be booked now (its status or share mode does not allow it).',
  },
  ORG_NOT_VERIFIED: {
    status: 403,
    zh: '贵单位尚未通过科技局核验，暂不能办理此业务。',
    en: 'Your organisation has not been verified by the bureau yet.',
  },
  BOOKING_RULES_INVALID: {
    status: 400,
    zh: '预约规则设置有误，请检查标出的项目。',
    en: 'The booking rules are not valid; check the highlighted settings.',
  },
  BOOKING_RULE_VIOLATION: {
    status: 422,
    zh: '该时段不符合仪器的预约规则：{reasons}',
    en: 'The requested time breaks the instrument’s booking rules: {reasons}',
  },
  BOOKING_CHECK_IN_WINDOW: {
    status: 409,
    zh: '只能在预约开始前 {minutes} 分钟至预约结束之间签到上机。',
    en: 'Check-in is possible from {minutes} minutes before the booking starts until it ends.',
  },
  BOOKING_ALREADY_STARTED: {
    status: 409,
    zh: '预约已开始，不能再由预约人取消；如有特殊情况请联系仪器管理员。',
    en: 'The booking has started and can no longer be cancelled by you; contact the instrument manager.',
  },
  BOOKING_CONFLICT: {
    status: 409,
    zh: '该时段已被预约，请选择其他时间。',
    en: 'That time is already booked; choose another.',
  },
  ASSET_FILE_TOO_LARGE: {
    status: 413,
    zh: '导入文件过大（上限 {limit}），请拆分后分批导入。',
    en: 'The import file is too large (limit {limit}); split it and import the parts.',
  },
  ASSET_TOO_MANY_ROWS: {
    status: 413,
    zh: '导入文件超过 {limit} 行，请拆分后分批导入。',
    en: 'The import file has more than {limit} rows; split it and import the parts.',
  },
  ASSET_FILE_TYPE: {
    status: 415,
    zh: '请上传 CSV（text/csv）或 Excel 2007 及以上版本的 .xlsx 文件；旧版 .xls 请先另存为 .xlsx。',
    en: 'Upload a CSV (text/csv) or an .xlsx workbook; save legacy .xls files as .xlsx first.',
  },
  ASSET_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取导入文件：{reason}',
    en: 'The import file cannot be read: {reason}',
  },
  ASSET_FILE_EMPTY: {
    status: 400,
    zh: '导入文件中没有数据行。',
    en: 'The import file has no data rows.',
  },
  ASSET_COLUMNS_MISSING: {
    status: 400,
    zh: '找不到必需的列：{missing}。文件中的列为：{found}。请调整表头或提交列对应关系（mapping）。',
    en: 'Required columns not found: {missing}. Columns in the file: {found}. Rename the headers or send a column mapping.',
  },
  ASSET_MAPPING_INVALID: {
    status: 400,
    zh: '列对应关系（mapping）有误：{reason}',
    en: 'The column mapping is not valid: {reason}',
  },
  ASSET_ROW_REQUIRED: {
    status: 422,
    zh: '「{column}」不能为空。',
    en: '"{column}" must not be empty.',
  },
  ASSET_ROW_AMOUNT_INVALID: {
    status: 422,
    zh: '「{column}」不是有效金额：{value}（应为以元为单位、最多两位小数的非负数，如 1,234,567.89）。',
    en: '"{column}" is not a valid amount: {value} (non-negative yuan with at most 2 decimals, e.g. 1,234,567.89).',
  },
  ASSET_ROW_DATE_INVALID: {
    status: 422,
    zh: '「{column}」不是有效日期：{value}（应为 YYYY-MM-DD、YYYY/M/D 或 Excel 日期）。',
    en: '"{column}" is not a valid date: {value} (use YYYY-MM-DD, YYYY/M/D or an Excel date).',
  },
  ASSET_ROW_TOO_LONG: {
    status: 422,
    zh: '「{column}」过长（最多 {max} 个字符）。',
    en: '"{column}" is too long (at most {max} characters).',
  },
  ASSET_ROW_FORMULA: {
    status: 422,
    zh: '「{column}」是没有计算结果的公式，平台不计算公式；请在 Excel 中将其粘贴为数值后重新导入。',
    en: '"{column}" is a formula without a stored result; the platform does not evaluate formulas. Paste it as values in Excel and import again.',
  },
  ASSET_ROW_DUPLICATE: {
    status: 422,
    zh: '资产编号 {assetNo} 在本文件中重复（首次出现于第 {firstRow} 行），本行未导入。',
    en: 'Asset number {assetNo} appears again in this file (first on row {firstRow}); this row was not imported.',
  },
  DEVICE_RETIRED: {
    status: 409,
    zh: '设备 {id} 已停用，不能再轮换凭据或移装；如需继续使用请新建设备。',
    en: 'Device {id} is retired; its credentials cannot be rotated and it cannot be moved. Create a new device instead.',
  },
  DEVICE_INSTRUMENT_TAKEN: {
    status: 409,
    zh: '该仪器已装有在用设备 {id}；一台仪器同一时间只能装一个传感器（否则机时会重复计算），请先停用或移走它。',
    en: 'This instrument already has active device {id}; an instrument takes one sensor at a time (or its hours would count twice). Retire or move that one first.',
  },
  DEVICE_SAME_INSTRUMENT: {
    status: 409,
    zh: '设备已装在该仪器上。',
    en: 'The device is already fitted to that instrument.',
  },
  MQTT_HOOK_UNAUTHORIZED: {
    status: 401,
    zh: 'MQTT 认证钩子需要正确的令牌（Authorization: Bearer，见 MQTT_HOOK_TOKEN）。',
    en: 'The MQTT auth hook needs the right token (Authorization: Bearer, see MQTT_HOOK_TOKEN).',
  },
  MQTT_PORT_IN_USE: {
    status: 500,
    zh: '内置 MQTT 服务器无法监听端口 {port}：端口已被占用（本机可能已运行 Mosquitto）。请用 MQTT_PORT 指定其他端口，或设置 MQTT_URL 使用外部 MQTT 服务器。',
    en: 'The embedded MQTT broker cannot listen on port {port}: the port is taken (Mosquitto may already run here). Choose another port with MQTT_PORT, or set MQTT_URL to use that external broker.',
  },
  TELEMETRY_TOO_LARGE: {
    status: 422,
    zh: '传感器消息超过 64 KiB，已拒收。',
    en: 'The sensor message is larger than 64 KiB and was rejected.',
  },
  TELEMETRY_BAD_JSON: { status: 422, zh: '传感器消息不是有效的 JSON。', en: 'The sensor message is not valid JSON.' },
  TELEMETRY_BAD_SHAPE: {
    status: 422,
    zh: '传感器消息应为一个读数对象或读数数组。',
    en: 'A sensor message must be one reading object or an array of readings.',
  },
  TELEMETRY_TOO_MANY: {
    status: 422,
    zh: '一条消息最多 500 个读数。',
    en: 'A message may hold at most 500 readings.',
  },
  TELEMETRY_BAD_READING: {
    status: 422,
    zh: '读数字段缺失或类型错误（ts 为整数毫秒，p 为非负数，win 为 1–300 的整数）。',
    en: 'A reading has a missing or mistyped field (ts integer ms, p non-negative number, win integer 1–300).',
  },
  TELEMETRY_NEGATIVE_POWER: { status: 422, zh: '功率不能为负数。', en: 'Power cannot be negative.' },
  TELEMETRY_TS_FUTURE: {
    status: 422,
    zh: '读数时间比平台时钟超前 5 分钟以上，请检查设备对时（NTP）。',
    en: 'The reading is more than 5 minutes ahead of the platform clock; check the device clock (NTP).',
  },
  TELEMETRY_TS_TOO_OLD: {
    status: 422,
    zh: '读数时间早于可接收的期限（30 天或原始数据保留期）。',
    en: 'The reading is older than can be accepted (30 days, or the raw-data retention window).',
  },
  TELEMETRY_TOPIC_MISMATCH: {
    status: 403,
    zh: '设备在不属于自己的主题下发布消息。',
    en: 'The device published under a topic that is not its own.',
  },
  TELEMETRY_UNKNOWN_DEVICE: { status: 403, zh: '未登记的设备。', en: 'Unknown device.' },
  TELEMETRY_RETIRED_DEVICE: { status: 403, zh: '设备已停用。', en: 'The device is retired.' },
  TELEMETRY_PERIOD_INVALID: {
    status: 400,
    zh: '时间段无效：结束须晚于开始，且不超过 {maxDays} 天。',
    en: 'Invalid period: the end must be after the start and at most {maxDays} days later.',
  },
  TELEMETRY_REPROCESS_TOO_OLD: {
    status: 422,
    zh: '原始读数只保留 {days} 天，无法从 {from} 起重算；请选择 {earliest} 之后的日期。',
    en: 'Raw readings are kept for {days} days, so {from} cannot be reprocessed; choose a date after {earliest}.',
  },
  INTERNAL_ERROR: {
    status: 500,
    zh: '服务器内部错误，请稍后重试；如持续出现，请把请求编号告诉管理员。',
    en: 'Internal error; try again later. If it persists, give the request id to an administrator.',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;
export type Lang = 'zh' | 'en';

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function formatErrorMessage(code: ErrorCode, lang: Lang, params: Record<string, unknown> = {}): string {
  const template = errorCatalog[code][lang];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
