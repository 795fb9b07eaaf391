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
  INSTRUMENT_PHOTO_TYPE: {
    status: 415,
    zh: '照片须为 JPEG、PNG 或 WebP 图片。',
    en: 'A photo must be a JPEG, PNG or WebP image.',
  },
  INSTRUMENT_PHOTO_TOO_LARGE: {
    status: 413,
    zh: '照片不能超过 {limit}，请压缩后再上传。',
    en: 'A photo may be at most {limit}; compress it and upload again.',
  },
  INSTRUMENT_PHOTO_LIMIT: {
    status: 409,
    zh: '每台仪器最多 {max} 张照片，请先删除不需要的照片。',
    en: 'An instrument has at most {max} photos; delete one first.',
  },
  INSTRUMENT_PHOTO_DUPLICATE: {
    status: 409,
    zh: '这张照片已经上传过了。',
    en: 'This photo has already been uploaded.',
  },
  INSTRUMENT_PHOTO_ORDER: {
    status: 400,
    zh: '排序须恰好列出该仪器的全部照片，每张一次。',
    en: 'The order must list every photo of this instrument exactly once.',
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
  METRICS_PERIOD_INVALID: {
    status: 400,
    zh: '统计期间无效：起始月份（{from} 月）不能晚于结束月份（{to} 月）。',
    en: 'Invalid period: the first month ({from}) is after the last month ({to}).',
  },
  RECONCILIATION_FINDING_NOT_FOUND: {
    status: 404,
    zh: '资产编号 {assetNo} 没有这一待核对事项，可能已处理或已被他人说明，请刷新列表。',
    en: 'There is no such open finding for asset number {assetNo}; it may have been resolved or explained already. Refresh the list.',
  },
  QUALIFICATION_EXISTS: {
    status: 409,
    zh: '该用户已持有本仪器的有效培训记录（有效期至 {validUntil}）；如需延长请使用“续期”。',
    en: 'This user already holds a live training record for this instrument (valid until {validUntil}); renew it instead.',
  },
  QUALIFICATION_REVOKED: {
    status: 409,
    zh: '该培训记录已被撤销，不能续期；请重新授予。',
    en: 'This training record was revoked and cannot be renewed; grant a new one.',
  },
  QUALIFICATION_EXPIRY_PAST: {
    status: 400,
    zh: '有效期须晚于当前时间。',
    en: 'The expiry date must be in the future.',
  },
  QUALIFICATION_USER_UNKNOWN: {
    status: 404,
    zh: '找不到该用户，请确认邮箱或从候选列表中选择。',
    en: 'No such user; check the email or pick one from the suggestions.',
  },
  BOOKING_CALENDAR_RANGE: {
    status: 400,
    zh: '日历查询范围须为正，且不超过 {days} 天。',
    en: 'The calendar range must be positive and at most {days} days.',
  },
  CHALLENGE_BATCH_CLOSED: {
    status: 409,
    zh: '本批次需求征集时间为 {opens} 至 {closes}（北京时间），当前不在征集期内。',
    en: 'This batch collects needs from {opens} to {closes} (Beijing time); it is not open now.',
  },
  CHALLENGE_BATCH_CODE_TAKEN: {
    status: 409,
    zh: '批次编号 {code} 已被使用，请换一个。',
    en: 'Batch code {code} is already used; choose another.',
  },
  CHALLENGE_WINDOW_INVALID: {
    status: 422,
    zh: '时间段无效：结束时间必须晚于开始时间。',
    en: 'The time window is not valid: it must end after it starts.',
  },
  CHALLENGE_DIRECTION_UNKNOWN: {
    status: 422,
    zh: '所选创新方向不属于该批次。',
    en: 'The chosen direction does not belong to this batch.',
  },
  CHALLENGE_NEED_UNAVAILABLE: {
    status: 409,
    zh: '需求「{title}」不能用于制榜：只能选用本批次已采纳且尚未用于其他榜单的需求。',
    en: 'Need "{title}" cannot be used: only accepted needs of this batch not yet in another list can.',
  },
  CHALLENGE_MERGE_INVALID: {
    status: 409,
    zh: '需求「{title}」当前状态为「{status}」，不能合并（只能合并同一批次中已提交、甄别中或已采纳的需求）。',
    en: 'Need "{title}" is "{status}" and cannot be merged (only submitted, screening or accepted needs of one batch can).',
  },
  CHALLENGE_ALREADY_REVIEWED: {
    status: 409,
    zh: '您已对该榜单的当前版本提交过论证意见。',
    en: 'You have already given your opinion on this version of the list.',
  },
  CHALLENGE_LIST_NOT_PUBLIC: {
    status: 409,
    zh: '榜单尚未发布，暂不能提问。',
    en: 'The list is not published yet; questions open on publication.',
  },
  CHALLENGE_REASON_REQUIRED: {
    status: 400,
    zh: '此操作需要填写理由。',
    en: 'This action needs a reason.',
  },
  CHALLENGE_LIST_NOT_OPEN: {
    status: 409,
    zh: '该榜单当前不在揭榜申报期（{opens} 至 {closes}），不能提交或修改申报。',
    en: 'This list is not open for applications ({opens} to {closes}); applications cannot be submitted or changed.',
  },
  CHALLENGE_APPLICATION_DUPLICATE: {
    status: 409,
    zh: '「{name}」已参与该榜单的一份申报（牵头或联合体成员），每个单位每个榜单只能申报一次。',
    en: '"{name}" is already part of an application to this list (as lead or consortium member); one application per organisation per list.',
  },
  CHALLENGE_ORG_BLACKLISTED: {
    status: 403,
    zh: '「{name}」在失信名单中（{until}），期间不能揭榜申报。',
    en: '"{name}" is on the credit blacklist ({until}) and cannot apply meanwhile.',
  },
  CHALLENGE_MEMBER_NOT_VERIFIED: {
    status: 403,
    zh: '联合体成员「{name}」尚未通过单位认证，不能参与申报。',
    en: 'Consortium member "{name}" is not a verified organisation and cannot take part.',
  },
  CHALLENGE_PLEDGE_REQUIRED: {
    status: 400,
    zh: '请阅读并签署科研诚信承诺书后再提交。',
    en: 'Read and accept the research integrity pledge before submitting.',
  },
  CHALLENGE_MILESTONE_WEIGHTS: {
    status: 400,
    zh: '里程碑的补助拨付比例之和须为 100（当前为 {sum}）。',
    en: 'Milestone tranche weights must add up to 100 (now {sum}).',
  },
  CHALLENGE_ATTACHMENT_TYPE: {
    status: 415,
    zh: '只能上传 PDF 或 Office 文件（.pdf .doc .docx .xls .xlsx .ppt .pptx）。',
    en: 'Only PDF or Office files may be uploaded (.pdf .doc .docx .xls .xlsx .ppt .pptx).',
  },
  CHALLENGE_ATTACHMENT_DISGUISED: {
    status: 415,
    zh: '文件「{name}」的内容与其扩展名不符，已拒收；请上传真实的 PDF 或 Office 文件。',
    en: 'The content of "{name}" does not match its extension and was refused; upload a genuine PDF or Office file.',
  },
  CHALLENGE_ATTACHMENT_TOO_LARGE: {
    status: 413,
    zh: '附件过大（上限 {limit}）。',
    en: 'The attachment is too large (limit {limit}).',
  },
  CHALLENGE_EXPERT_CONFLICT: {
    status: 409,
    zh: '专家「{expert}」与申报单位存在利益冲突，不能分配：{reasons}',
    en: 'Expert "{expert}" has a conflict of interest with the applicant and cannot be assigned: {reasons}',
  },
  CHALLENGE_NOT_EXPERT: {
    status: 400,
    zh: '该用户不是评审专家。',
    en: 'This user is not a review expert.',
  },
  CHALLENGE_SCORES_INVALID: {
    status: 400,
    zh: '评分不完整或超出范围：{keys}',
    en: 'Scores are missing or out of range: {keys}',
  },
  CHALLENGE_SELECTION_INVALID: {
    status: 409,
    zh: '遴选无效：{reason}',
    en: 'The selection is not valid: {reason}',
  },
  CHALLENGE_NOTICE_NOT_OVER: {
    status: 409,
    zh: '公示期至 {until} 结束，之后才能确认。',
    en: 'The public notice runs until {until}; confirm after it ends.',
  },
  CHALLENGE_CONTRACT_TYPE: {
    status: 400,
    zh: '合同类型与子类型不匹配，或技术交易额大于成交额。',
    en: 'The contract sub-type does not belong to the type, or the technology amount exceeds the contract amount.',
  },
  CHALLENGE_CONTRACT_UNREGISTERED: {
    status: 409,
    zh: '技术合同尚未认定登记（或已注销），不能申请补助；请先登记并上传登记证明。',
    en: 'The technology contract is not registered (or was cancelled), so no subsidy can be requested; register it and upload the certificate first.',
  },
  CHALLENGE_REGISTRATION_TAKEN: {
    status: 409,
    zh: '登记编号 {registrationNo} 已被另一份合同使用。',
    en: 'Registration number {registrationNo} is already used by another contract.',
  },
  CHALLENGE_CERTIFICATE_REQUIRED: {
    status: 400,
    zh: '登记合同前请先上传技术合同登记证明。',
    en: 'Upload the contract registration certificate before registering.',
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
  CONNECT_DEVICE_BAD_PASSWORD: {
    status: 401,
    zh: '设备连接被拒：密码错误（凭据轮换后请在传感器上更新密码）。',
    en: 'Device login refused: wrong password (after a rotation, update the password on the sensor).',
  },
  CONNECT_DEVICE_RETIRED: {
    status: 403,
    zh: '设备连接被拒：设备已停用。',
    en: 'Device login refused: the device is retired.',
  },
  CONNECT_DEVICE_UNKNOWN: {
    status: 401,
    zh: '设备连接被拒：未登记的设备。',
    en: 'Device login refused: unknown device.',
  },
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
  VOUCHER_PROGRAMME_CODE_TAKEN: {
    status: 409,
    zh: '项目编号 {code} 已被使用，请换一个编号。',
    en: 'Programme code {code} is already used; choose another.',
  },
  VOUCHER_PROGRAMME_NOT_OPEN: {
    status: 409,
    zh: '创新券项目「{name}」当前不在实施期内（{validFrom} 至 {validUntil}），暂不能办理。',
    en: 'Voucher programme "{name}" is not open now ({validFrom} to {validUntil}).',
  },
  VOUCHER_SETTINGS_INVALID: {
    status: 400,
    zh: '项目设置有误：{reason}',
    en: 'The programme settings are not valid: {reason}',
  },
  VOUCHER_NOT_ELIGIBLE_TYPE: {
    status: 422,
    zh: '本项目只面向以下类型的单位申领：{types}。',
    en: 'Only these kinds of organisation may apply to this programme: {types}.',
  },
  VOUCHER_NOT_ELIGIBLE_REGION: {
    status: 422,
    zh: '贵单位所在地区（{region}）不在本项目的申领范围内。',
    en: 'Your organisation’s region ({region}) is outside this programme’s area.',
  },
  VOUCHER_EXCLUDED_FUNDED: {
    status: 422,
    zh: '贵单位上一年度（{year} 年）已获科技局资助，按项目规定本年度不能申领创新券。',
    en: 'Your organisation was funded by the bureau last year ({year}); the programme excludes it this year.',
  },
  VOUCHER_EXCLUDED_LISTED: {
    status: 422,
    zh: '贵单位在本项目的排除名单中（如上年度科技计划项目承担单位），不能申领。',
    en: 'Your organisation is on this programme’s exclusion list (e.g. last year’s S&T plan projects).',
  },
  VOUCHER_ORG_BLACKLISTED: {
    status: 422,
    zh: '「{name}」在失信名单中（至 {until}），不能办理创新券业务。',
    en: '"{name}" is blacklisted (until {until}) and cannot take part in vouchers.',
  },
  VOUCHER_PROVIDER_TYPE: {
    status: 422,
    zh: '本项目的服务机构须为以下类型：{types}。',
    en: 'Service providers of this programme must be: {types}.',
  },
  VOUCHER_PROVIDER_DUPLICATE: {
    status: 409,
    zh: '贵单位已申请或已入库本项目的服务机构，无需重复申请。',
    en: 'Your organisation has already applied to, or been admitted by, this programme.',
  },
  VOUCHER_PROVIDER_BLACKLISTED: {
    status: 422,
    zh: '信用核查未通过：「{name}」在失信名单中（至 {until}），不能入库。',
    en: 'Credit check failed: "{name}" is blacklisted (until {until}) and cannot be admitted.',
  },
  VOUCHER_APPLICATION_PENDING: {
    status: 409,
    zh: '贵单位在本项目已有一份待审核的申领，请等待审核结果或先撤回。',
    en: 'Your organisation already has an application under review in this programme; wait for it or withdraw it.',
  },
  VOUCHER_QUOTA_OVER_CAP: {
    status: 422,
    zh: '申领额度超出年度上限：本年度已发放 {issued} 元，上限 {cap} 元，最多还可申领 {left} 元。',
    en: 'Above the annual cap: {issued} yuan already issued this year, cap {cap} yuan; at most {left} yuan more.',
  },
  VOUCHER_APPROVE_ABOVE_REQUEST: {
    status: 422,
    zh: '核定额度不能高于申请额度（{requested} 元）。',
    en: 'The approved amount cannot exceed the amount applied for ({requested} yuan).',
  },
  VOUCHER_BUDGET_EXCEEDED: {
    status: 422,
    zh: '项目资金不足：总额度 {budget} 元，已发放 {issued} 元，最多还可发放 {left} 元。',
    en: 'Programme budget exhausted: budget {budget} yuan, {issued} yuan issued; at most {left} yuan more.',
  },
  VOUCHER_INSUFFICIENT_BALANCE: {
    status: 409,
    zh: '创新券余额不足：可用 {available} 元，需要 {needed} 元。',
    en: 'Not enough voucher balance: {available} yuan available, {needed} yuan needed.',
  },
  VOUCHER_CAP_EXCEEDED: {
    status: 422,
    zh: '超出限额：{limit}（上限 {cap} 元，本次 {amount} 元）。',
    en: 'Above a limit: {limitEn} (limit {cap} yuan, this {amount} yuan).',
  },
  VOUCHER_PROVIDER_NOT_ADMITTED: {
    status: 422,
    zh: '「{name}」不是可受理本创新券的入库服务机构（未入库、已暂停或不在互认地区）。',
    en: '"{name}" is not an admitted provider that accepts this voucher (not admitted, suspended or outside the partner regions).',
  },
  VOUCHER_SERVICE_NOT_COVERED: {
    status: 422,
    zh: '「{kind}」不在本创新券支持的服务范围内。',
    en: '"{kindEn}" is not a service this voucher pays for.',
  },
  VOUCHER_QUOTA_EXPIRED: {
    status: 422,
    zh: '创新券已过有效期（{expiresAt} 截止）{grace}。',
    en: 'The voucher has expired (valid until {expiresAt}){graceEn}.',
  },
  VOUCHER_QUOTA_VOIDED: {
    status: 422,
    zh: '该创新券已作废，不能再使用或兑付。',
    en: 'This voucher has been voided and can no longer be used or redeemed.',
  },
  VOUCHER_OUTSIDE_VALIDITY: {
    status: 422,
    zh: '服务时间（{start}）不在创新券有效期内（{validFrom} 至 {validUntil}）。',
    en: 'The service time ({start}) is outside the voucher’s validity ({validFrom} to {validUntil}).',
  },
  VOUCHER_RELATED_PARTY: {
    status: 422,
    zh: '关联交易不能使用创新券：{relation}。',
    en: 'Vouchers cannot pay for related-party services: {relationEn}.',
  },
  VOUCHER_ALREADY_RESERVED: {
    status: 409,
    zh: '该{subject}已使用创新券，不能重复抵扣。',
    en: 'This {subjectEn} already uses a voucher.',
  },
  VOUCHER_SUBJECT_NOT_RESERVABLE: {
    status: 409,
    zh: '该{subject}当前状态为「{status}」，不能再使用创新券。',
    en: 'This {subjectEn} is "{status}" and can no longer use a voucher.',
  },
  VOUCHER_FEE_UNKNOWN: {
    status: 422,
    zh: '该服务没有公布的收费标准，无法计算创新券抵扣金额；请联系服务机构补充收费标准。',
    en: 'This service has no published fee, so no voucher share can be computed; ask the provider to publish its fee.',
  },
  VOUCHER_CLAIM_ABOVE_FEE: {
    status: 422,
    zh: '申请兑付的收费 {fee} 元高于公布的收费标准 {published} 元。',
    en: 'The fee claimed ({fee} yuan) is above the published fee ({published} yuan).',
  },
  VOUCHER_CLAIM_DUPLICATE: {
    status: 409,
    zh: '该服务已提交过兑付申请（{claimId}），不能重复申请。',
    en: 'A claim for this service already exists ({claimId}).',
  },
  VOUCHER_SERVICE_NOT_DELIVERED: {
    status: 422,
    zh: '服务尚未完成（{status}），完成并登记服务记录后才能申请兑付。',
    en: 'The service is not complete yet ({status}); record the service before claiming.',
  },
  VOUCHER_RESERVATION_NOT_HELD: {
    status: 409,
    zh: '该创新券冻结记录当前为「{status}」，不能再申请兑付或释放。',
    en: 'This voucher reservation is "{status}" and can no longer be claimed or released.',
  },
  VOUCHER_USAGE_SHORT: {
    status: 422,
    zh: '传感器确认的工作机时 {working} 分钟，低于申请机时 {claimed} 分钟的 {share}%（需 {required} 分钟）。',
    en: 'The sensor confirmed {working} working minutes, under {share}% of the {claimed} minutes claimed ({required} needed).',
  },
  VOUCHER_SELF_REPORTED: {
    status: 422,
    zh: '该服务没有传感器数据（仪器未接入或非仪器服务），为自报机时，转人工复核。',
    en: 'No sensor data for this service (instrument not connected, or not an instrument service): self-reported, for manual review.',
  },
  VOUCHER_SETTLEMENT_NOT_DUE: {
    status: 409,
    zh: '{month} 的结算批次要到月末结束后才能拨付。',
    en: 'The {month} settlement batch can be paid only after the month has ended.',
  },
  VOUCHER_SETTLEMENT_TOTAL_MISMATCH: {
    status: 409,
    zh: '拨付金额 {given} 元与批次合计 {total} 元不一致，请刷新后核对。',
    en: 'The amount paid ({given} yuan) differs from the batch total ({total} yuan); reload and check.',
  },
  VOUCHER_SETTLEMENT_EMPTY: {
    status: 409,
    zh: '该结算批次没有待拨付的兑付申请。',
    en: 'This settlement batch has no claims to pay.',
  },
  VOUCHER_IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    zh: 'Idempotency-Key 请求头应为 8–100 个字母、数字或 ._:- 字符。',
    en: 'The Idempotency-Key header must be 8–100 letters, digits or ._:- characters.',
  },
  VOUCHER_IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    zh: '该 Idempotency-Key 已用于另一笔不同的请求，请为新的请求使用新的键。',
    en: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  },
  VOUCHER_REASON_REQUIRED: {
    status: 400,
    zh: '此操作需要填写理由。',
    en: 'This action needs a reason.',
  },
  VOUCHER_SERVICE_UNKNOWN: {
    status: 422,
    zh: '服务机构未公布编号为 {key} 的服务。',
    en: 'The provider publishes no service with key {key}.',
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
