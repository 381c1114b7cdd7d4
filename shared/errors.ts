/**
 * Every error the API answers with: its HTTP status and a message a person can act on, in both languages.
 * The JSON shape is `{ error: { code, message, details? } }` (design §8).
 */
import { STATIONS_ERRORS } from './stations/errors.ts';
import { ITEMS_ERRORS } from './items/errors.ts';
import { HOTLINE_ERRORS } from './hotline/errors.ts';
import { REVIEW_ERRORS } from './review/errors.ts';
import { ARCHIVE_ERRORS } from './archive/errors.ts';
import { COUNTY_ERRORS } from './county/errors.ts';
import { TEMPLATES_ERRORS } from './templates/errors.ts';
import { NOTIFY_ERRORS } from './notify/errors.ts';
import { HALLBOX_ERRORS } from './hallbox/errors.ts';

export type Lang = 'zh-CN' | 'en';

export type ErrorEntry = { status: number; zh: string; en: string };
type Entry = ErrorEntry;
export const ERRORS = {
  // The year-round loop's stages keep their refusals in their own files (shared/<stage>/errors.ts).
  ...STATIONS_ERRORS,
  ...ITEMS_ERRORS,
  ...HOTLINE_ERRORS,
  ...REVIEW_ERRORS,
  ...ARCHIVE_ERRORS,
  ...COUNTY_ERRORS,
  ...TEMPLATES_ERRORS,
  ...NOTIFY_ERRORS,
  ...HALLBOX_ERRORS,
  validation: { status: 400, zh: '提交的内容有误，请按提示修改。', en: 'Some fields are not valid; correct them as shown.' },
  malformed_json: { status: 400, zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  malformed_utf8: {
    status: 400,
    zh: '请求内容不是有效的 UTF-8 文本，请以 UTF-8 编码重新提交。',
    en: 'The request body is not valid UTF-8 text; send it again encoded as UTF-8.',
  },
  unsupported_media: {
    status: 415,
    zh: '请求内容类型不受支持：请以 {expected} 提交。',
    en: 'Unsupported content type: send {expected}.',
  },
  body_too_large: { status: 413, zh: '提交的内容过大（上限 {limit}）。', en: 'The request is too large (limit {limit}).' },
  not_found: { status: 404, zh: '找不到所请求的地址。', en: 'Nothing is at this address.' },
  method_not_allowed: { status: 405, zh: '该地址不支持此操作。', en: 'This address does not accept that method.' },
  unauthenticated: { status: 401, zh: '请先登录。', en: 'Please sign in first.' },
  bad_credentials: { status: 401, zh: '用户名或密码不正确。', en: 'The username or password is not correct.' },
  account_disabled: { status: 403, zh: '该账号已停用，请联系管理员。', en: 'This account is disabled; contact an administrator.' },
  wrong_password: { status: 403, zh: '当前密码不正确。', en: 'The current password is not correct.' },
  forbidden: { status: 403, zh: '您没有权限执行此操作。', en: 'You do not have permission to do this.' },
  csrf: {
    status: 403,
    zh: '请求缺少安全校验，请刷新页面后重试。',
    en: 'The request is missing its security check; reload the page and try again.',
  },
  card_invalid: {
    status: 403,
    zh: '代表证二维码无效或已作废，请向工作人员领取新的代表证。',
    en: 'This delegate card QR is not valid or was revoked; ask the staff for a new card.',
  },
  rate_limited: {
    status: 429,
    zh: '尝试次数过多，请 {retryAfter} 秒后再试。',
    en: 'Too many attempts; try again in {retryAfter} seconds.',
  },
  setup_done: {
    status: 409,
    zh: '系统已完成初始化，请直接登录。',
    en: 'Setup is already done; sign in instead.',
  },
  username_taken: { status: 409, zh: '用户名“{username}”已被使用。', en: 'The username “{username}” is already taken.' },
  congress_not_found: { status: 404, zh: '找不到该人大。', en: 'This congress does not exist.' },
  account_not_found: { status: 404, zh: '找不到该账号。', en: 'This account does not exist.' },
  representative_not_found: { status: 404, zh: '名册中找不到该代表。', en: 'This representative is not on the roster.' },
  department_not_found: { status: 404, zh: '找不到该单位。', en: 'This department does not exist.' },
  member_not_found: { status: 404, zh: '找不到该角色授权。', en: 'This role grant does not exist.' },
  session_not_found: { status: 404, zh: '找不到该登录会话。', en: 'This session does not exist.' },
  department_required: {
    status: 400,
    zh: '承办单位账号必须指定所属单位。',
    en: 'A department account must name its department.',
  },
  department_not_allowed: {
    status: 400,
    zh: '只有承办单位角色可以指定单位。',
    en: 'Only the department role takes a department.',
  },
  department_name_taken: {
    status: 409,
    zh: '本人大已有名为“{name}”的单位。',
    en: 'This congress already has a department named “{name}”.',
  },
  role_exists: { status: 409, zh: '该账号已拥有此角色。', en: 'This account already holds this role.' },
  term_already_ended: { status: 409, zh: '该代表的任期已终止。', en: "This representative's term has already ended." },
  representative_left: {
    status: 409,
    zh: '该代表已不在任，不能签发代表证。',
    en: 'This representative is no longer seated; no card can be issued.',
  },
  last_congress_admin: {
    status: 409,
    zh: '这是本人大最后一位管理员，不能撤销。请先为他人授予管理员角色。',
    en: 'This is the congress\'s last admin and cannot be removed; grant the admin role to someone else first.',
  },
  last_system_admin: {
    status: 409,
    zh: '不能停用或降级最后一位系统管理员。',
    en: 'The last system administrator cannot be disabled or demoted.',
  },
  import_invalid: {
    status: 400,
    zh: '文件中有 {invalid} 行有误，未导入任何数据。请修改后重新导入。',
    en: '{invalid} rows have errors; nothing was imported. Correct them and import again.',
  },
  import_encoding: {
    status: 400,
    zh: '无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。',
    en: 'The file encoding is not recognised; save it as CSV in UTF-8 or GBK.',
  },
  import_changed: {
    status: 409,
    zh: '检查之后名册已有变动，现在将新增 {new} 位、更新 {update} 位。请看过新的检查结果后再导入。',
    en: 'The roster changed since the check: it would now add {new} and update {update}. Look at the new check, then import.',
  },
  import_nothing: {
    status: 409,
    zh: '没有可导入的内容：表中的代表都已在名册中（{unchanged} 位无变化，{skipped} 位按选择跳过）。',
    en: 'Nothing to import: everyone in the file is already on the roster ({unchanged} unchanged, {skipped} skipped as chosen).',
  },
  password_change_required: {
    status: 403,
    zh: '请先设置您自己的新密码，之后才能使用其他功能。',
    en: 'Choose a new password of your own first; nothing else is available until then.',
  },
  password_unchanged: {
    status: 400,
    zh: '新密码不能与当前密码相同。',
    en: 'The new password must differ from the current one.',
  },
  short_code_format: {
    status: 400,
    zh: '“{code}”不是有效的短码：短码由 5 个字母或数字组成（不含 0、O、1、I、L）。',
    en: '“{code}” is not a short code: a short code is 5 letters or digits (never 0, O, 1, I or L).',
  },
  short_code_not_found: {
    status: 404,
    zh: '找不到编码为“{code}”的人大，请核对海报或测评码纸条上的地址。',
    en: 'No congress has the code “{code}”; check the address on the poster or slip.',
  },
  no_open_window: {
    status: 409,
    zh: '当前不在民生实事项目征集期内，暂不接受建议。',
    en: 'Proposals are not being collected right now.',
  },
  window_exists: { status: 409, zh: '{year} 年度已有征集安排。', en: 'A collection window for {year} already exists.' },
  session_meeting_not_found: { status: 404, zh: '找不到该会议。', en: 'This session does not exist.' },
  kiosk_forbidden: {
    status: 403,
    zh: '这台设备已设为平板（{label}），只能办理这一件事。如需其他操作，请工作人员先在平板上登录，退出平板模式。',
    en: 'This device is set up as a kiosk ({label}) and can do only that one thing. For anything else, staff must first sign in on it to leave kiosk mode.',
  },
  kiosk_not_found: { status: 404, zh: '找不到该平板。', en: 'This kiosk does not exist.' },
  kiosk_link_invalid: {
    status: 409,
    zh: '这个平板设置链接无效、已使用或已过期。请工作人员在「设置签到/投票平板」页面重新生成。',
    en: 'This kiosk set-up link is not valid, was used already or has expired. Staff can make a new one on the “Set up kiosks” page.',
  },
  kiosk_already: {
    status: 409,
    zh: '这台设备已是平板（{label}）。请工作人员先登录退出平板模式，再打开新的设置链接。',
    en: 'This device is already a kiosk ({label}). Staff must first sign in on it to leave kiosk mode, then open the new link.',
  },
  kiosk_none: { status: 409, zh: '这台设备不是平板，无需退出。', en: 'This device is not a kiosk; there is nothing to leave.' },
  kiosk_not_staff: {
    status: 403,
    zh: '只有本人大的工作人员（管理员）账号可以退出平板模式；代表和承办单位的账号不能。',
    en: "Only a staff (administrator) account of this congress can leave kiosk mode; representatives' and departments' accounts cannot.",
  },
  kiosk_ended: { status: 409, zh: '该平板已经停用或到期。', en: 'This kiosk has already ended.' },
  window_not_found: { status: 404, zh: '找不到该征集安排。', en: 'This collection window does not exist.' },
  challenge_failed: {
    status: 400,
    zh: '验证题答案不对，请重新作答。',
    en: 'The answer to the check question is not right; try again.',
  },
  challenge_expired: {
    status: 400,
    zh: '验证题已过期或已使用，请刷新后重新作答。',
    en: 'The check question has expired or was already used; reload and answer again.',
  },
  too_fast: { status: 400, zh: '提交太快了，请核对内容后再提交。', en: 'That was too fast; check your text and submit again.' },
  attachment_type: {
    status: 415,
    zh: '附件“{name}”不是支持的类型（JPG、PNG、WebP 图片或 PDF）。',
    en: 'The attachment “{name}” is not a supported type (JPG, PNG or WebP photo, or PDF).',
  },
  attachment_too_large: {
    status: 413,
    zh: '附件“{name}”太大（每个不超过 {limit}）。',
    en: 'The attachment “{name}” is too large (at most {limit} each).',
  },
  attachment_empty: {
    status: 400,
    zh: '附件“{name}”是空文件，请重新选择。',
    en: 'The attachment “{name}” is empty; choose the file again.',
  },
  too_many_attachments: {
    status: 400,
    zh: '附件最多 {max} 个。',
    en: 'At most {max} attachments.',
  },
  proposal_not_found: { status: 404, zh: '找不到该项目建议。', en: 'This proposal does not exist.' },
  attachment_not_found: { status: 404, zh: '找不到该附件。', en: 'This attachment does not exist.' },
  tracking_not_found: {
    status: 404,
    zh: '没有找到这个查询码，请核对后再试（查询码为 8 位字母和数字）。',
    en: 'No proposal has this tracking code; check it and try again (8 letters and digits).',
  },
  proposal_screened: {
    status: 409,
    zh: '该建议已处理（{status}），不能再次处理。',
    en: 'This proposal has already been handled ({status}).',
  },
  merge_self: { status: 400, zh: '不能把建议合并到它自己。', en: 'A proposal cannot be merged into itself.' },
  merge_target_invalid: {
    status: 409,
    zh: '只能合并到同一年度、尚在办理或已列为候选的建议。',
    en: 'A proposal can only be merged into a proposal of the same year that is pending or accepted.',
  },
  checks_incomplete: {
    status: 409,
    zh: '还有审查项未完成：{checks}。全部完成且无“不通过”后才能列为候选项目。',
    en: 'Checks still to do: {checks}. Every check must be done, none failed, before accepting.',
  },
  check_failed: {
    status: 409,
    zh: '审查项“{checks}”未通过，不能列为候选项目。',
    en: 'The check “{checks}” failed; the proposal cannot be accepted.',
  },
  negative_list: {
    status: 409,
    zh: '该建议触及负面清单（{words}），不能列为候选项目。',
    en: 'This proposal hits the negative list ({words}) and cannot be accepted.',
  },
  not_reserved: { status: 409, zh: '只有储备库中的建议可以重新启用。', en: 'Only proposals in the reserve pool can be brought back.' },
  already_revived: { status: 409, zh: '该建议已在 {year} 年度重新启用。', en: 'This proposal was already brought back in {year}.' },
  not_rejectable: {
    status: 409,
    zh: '只有“不予采纳”的建议可以转入储备库。',
    en: 'Only proposals that were not adopted can go to the reserve pool.',
  },
  candidate_not_found: { status: 404, zh: '找不到该候选项目。', en: 'This candidate does not exist.' },
  candidate_locked: {
    status: 409,
    zh: '该候选项目已列入冻结的清单，不能修改。',
    en: 'This candidate is on a frozen list and cannot change.',
  },
  candidate_wrong_year: {
    status: 400,
    zh: '清单中的候选项目必须属于本人大、本年度。',
    en: 'Every candidate on the list must belong to this congress and year.',
  },
  list_not_found: { status: 404, zh: '找不到该候选项目清单。', en: 'This candidate list does not exist.' },
  list_frozen: {
    status: 409,
    zh: '该清单已冻结，不能修改；如需调整请生成新版本。',
    en: 'This list is frozen and cannot change; make a new version instead.',
  },
  list_not_frozen: { status: 409, zh: '该清单尚未冻结。', en: 'This list is not frozen yet.' },
  list_superseded: { status: 409, zh: '该清单已有新版本。', en: 'This list already has a newer version.' },
  list_too_few: {
    status: 409,
    zh: '候选项目（{candidates} 个）少于应选项目数（{seats} 个），不能冻结。',
    en: 'There are fewer candidates ({candidates}) than seats ({seats}); the list cannot be frozen.',
  },
  list_surplus_warning: {
    status: 409,
    zh: '差额不足：候选 {candidates} 个、应选 {seats} 个，少于本人大规定的至少多 {minSurplus} 个。确认仍要冻结请勾选确认。',
    en: 'Candidate surplus too small: {candidates} candidates for {seats} seats, below the required surplus of {minSurplus}. Confirm to freeze anyway.',
  },
  vote_not_found: { status: 404, zh: '找不到该表决。', en: 'This vote does not exist.' },
  vote_started: { status: 409, zh: '表决已开始，规则和选票不能再改。', en: 'The vote has started; its rules and cards can no longer change.' },
  vote_not_open: { status: 409, zh: '表决尚未开始，请等待主持人宣布开始。', en: 'Voting has not started yet; wait for the chair to open it.' },
  vote_closed: { status: 409, zh: '表决已经截止，不能再投票。', en: 'Voting has closed; no more ballots can be cast.' },
  cards_exist: { status: 409, zh: '本次表决的选票已经生成。', en: 'The ballot cards of this vote have already been made.' },
  cards_missing: { status: 409, zh: '请先生成选票，再开始表决。', en: 'Make the ballot cards before opening the vote.' },
  over_issued: {
    status: 409,
    zh: '已发出表决卡 {issued} 张，多于出席代表 {present} 人。请先核对发票；确认无误后，须确认这两个数字才能开始表决。',
    en: '{issued} ballot cards issued, more than the {present} representatives present. Check the issuance first; to open the vote anyway, confirm these two numbers.',
  },
  quorum_not_met: {
    status: 409,
    zh: '出席代表 {present} 人，未达到法定人数 {needed} 人，不能开始表决。',
    en: '{present} representatives present, fewer than the quorum of {needed}; the vote cannot open.',
  },
  sitting_empty: {
    status: 409,
    zh: '这次表决没有任何表决事项：请选择候选项目清单，或把议题列入表决事项单。',
    en: 'This vote asks nothing: choose a candidate list or put motions on its card.',
  },
  motion_not_found: { status: 404, zh: '找不到该议题。', en: 'This motion does not exist.' },
  motion_locked: {
    status: 409,
    zh: '该议题所在的表决已经开始（或选票已生成），议题不能再修改、移动或删除。',
    en: 'The vote this motion is on has started (or its cards are made): the motion can no longer be changed, moved or deleted.',
  },
  motion_other_session: { status: 409, zh: '只能把本次会议的议题列入本次会议的表决。', en: 'Only motions of this session can be put on its votes.' },
  motion_on_other_vote: {
    status: 409,
    zh: '议题“{title}”已列入另一次表决，请先从那次表决中移出。',
    en: 'The motion “{title}” is on another vote; take it off that vote first.',
  },
  motion_decides_needed: {
    status: 409,
    zh: '“决定”类议题须指明它所决定的、已公布结果的项目表决。',
    en: 'A decision motion must name the published project vote it decides.',
  },
  motion_decides_invalid: {
    status: 409,
    zh: '所决定的表决须是本人大已公布结果的项目表决，且只有“决定”类议题可以指明它。',
    en: 'Only a decision motion names a vote, and it must be a published project vote of this congress.',
  },
  decision_needs_published: {
    status: 409,
    zh: '该项目表决的结果（包括其后的再次投票、另行表决）尚未全部公布，名单尚未确定，暂不能起草决定。请先由主席团公布结果；有空缺名额的，请先决定另行表决或留空。',
    en: 'The results of this project vote (and of the votes that followed it) are not all published, so the list is not final: the decision cannot be drafted yet. Have the presidium publish the results first; with unfilled seats, decide on a further vote or leave them empty.',
  },
  decision_exists: {
    status: 409,
    zh: '这次项目表决已经起草过决定“{title}”，请打开并修改它，不要重复起草。',
    en: 'A decision, “{title}”, was already drafted for this project vote; open and edit it instead of drafting another.',
  },
  decision_not_project_vote: { status: 409, zh: '只能为项目表决起草决定。', en: 'A decision can only be drafted for a project vote.' },
  decision_not_found: { status: 404, zh: '找不到该决定，或它尚未经会议表决通过并公布。', en: 'This decision does not exist, or it has not been adopted and published yet.' },
  list_not_frozen_for_vote: { status: 409, zh: '只能对已冻结的候选项目清单表决。', en: 'Only a frozen candidate list can be voted on.' },
  card_signature: {
    status: 403,
    zh: '选票签名不符，这不是本系统签发的选票。请向监票人更换选票。',
    en: 'The signature does not match: this is not a card issued by this system. Ask a scrutineer for a new card.',
  },
  card_other_vote: {
    status: 409,
    zh: '这张选票属于另一次表决，请使用本次表决的选票。',
    en: 'This card is for another vote; use a card of this vote.',
  },
  card_used: { status: 409, zh: '这张选票已经投过，不能再次投票。', en: 'This card was already used; it cannot vote again.' },
  card_voided: { status: 409, zh: '这张选票已作废，请向监票人更换选票。', en: 'This card was voided; ask a scrutineer for a new card.' },
  card_not_issued: {
    status: 409,
    zh: '这张选票没有经过发票登记，不能投票。请向监票人领取选票。',
    en: 'This card was not registered as handed out and cannot vote; get a card from the scrutineers.',
  },
  card_serial_unknown: {
    status: 404,
    zh: '没有找到这个选票编号，请核对选票上的 8 位编号。',
    en: 'No card has this serial; check the 8 characters printed on the card.',
  },
  card_already_cast: { status: 409, zh: '这张选票已经投过，不能作废。', en: 'This card has been cast and cannot be voided.' },
  ballot_marks: {
    status: 400,
    zh: '选票内容无效：{reason}。请重新填写。',
    en: 'The ballot is not valid: {reason}. Fill it in again.',
  },
  vote_not_closed_for_revote: { status: 409, zh: '只有已截止的表决才能重新表决。', en: 'Only a closed vote can be followed by a re-vote.' },
  paper_needs_close: {
    status: 409,
    zh: '纸质选票在表决截止后录入。',
    en: 'Paper ballots are entered after the vote closes.',
  },
  paper_same_counter: {
    status: 409,
    zh: '同一张纸质选票须由两名不同的计票人分别录入。',
    en: 'Each paper ballot must be entered by two different counters.',
  },
  paper_mismatch: {
    status: 409,
    zh: '两次录入不一致，已提交监票人核对处理。',
    en: 'The two entries differ; the scrutineers must resolve this ballot.',
  },
  paper_nothing_to_resolve: { status: 409, zh: '这张选票没有待核对的录入。', en: 'This card has no differing entries to resolve.' },
  // ---- projects, inspections, change requests ----
  project_not_found: { status: 404, zh: '找不到该项目。', en: 'This project does not exist.' },
  project_terminated: { status: 409, zh: '项目已终止，不能再修改。', en: 'This project was terminated; it can no longer be changed.' },
  project_not_active: { status: 409, zh: '只有实施中的项目才能填报进展或登记完成。', en: 'Only a project in progress takes progress reports or a completion.' },
  milestone_not_found: { status: 404, zh: '找不到该节点。', en: 'This milestone does not exist.' },
  actual_date_future: { status: 422, zh: '完成日期不能晚于今天。', en: 'The date done cannot be later than today.' },
  file_not_found: { status: 404, zh: '找不到该文件。', en: 'This file does not exist.' },
  change_not_applicable: { status: 409, zh: '项目当前状态为“{status}”，不能提出这种变更。', en: 'The project is {status}; this kind of change does not apply.' },
  change_empty: { status: 422, zh: '请写明变更的内容或理由。', en: 'Say what changes, or why.' },
  change_pending: { status: 409, zh: '该项目已有一项待决定的变更申请，请先作出决定。', en: 'A change request of this project is waiting for a decision; decide it first.' },
  change_not_found: { status: 404, zh: '找不到该变更申请。', en: 'This change request does not exist.' },
  change_decided: { status: 409, zh: '该变更申请已经作出决定。', en: 'This change request has already been decided.' },
  announcement_before_decision: { status: 422, zh: '公告日期不能早于决定日期。', en: 'The announcement cannot be dated before the decision.' },
  inspection_not_found: { status: 404, zh: '找不到该视察记录。', en: 'This inspection does not exist.' },
  inspection_future: { status: 422, zh: '视察日期不能晚于今天：视察结束后再记录。', en: 'The inspection date cannot be later than today; record it after the visit.' },
  finding_department_not_on_project: { status: 422, zh: '要求答复的单位须是该项目的牵头或配合单位。', en: 'The department asked to answer must be the lead or a co-operating department of this project.' },
  finding_not_found: { status: 404, zh: '找不到该视察意见。', en: 'This finding does not exist.' },
  finding_not_awaiting: { status: 409, zh: '该意见目前不需要答复（未要求答复、已答复或已采纳）。', en: 'This finding does not await an answer (none was asked, or it was answered or accepted).' },
  finding_not_answered: { status: 409, zh: '该意见还没有答复，无法审核。', en: 'This finding has no answer to review yet.' },
  // ---- evaluation (满意度测评) ----
  round_not_found: { status: 404, zh: '找不到该测评。', en: 'This evaluation round does not exist.' },
  round_started: { status: 409, zh: '测评已经开始，不能再修改测评对象和问卷。', en: 'The round has started; its targets and questionnaire can no longer change.' },
  round_not_open: { status: 409, zh: '测评尚未开始。', en: 'This evaluation has not opened yet.' },
  round_closed: { status: 409, zh: '测评已经结束。', en: 'This evaluation round has closed.' },
  round_not_closed: { status: 409, zh: '测评结束后才能公布结果。', en: 'Results are published after the round closes.' },
  round_published: { status: 409, zh: '测评结果已经公布。', en: 'The results of this round are already published.' },
  round_not_published: { status: 409, zh: '测评结果尚未公布。', en: 'The results of this round are not published yet.' },
  round_figures_hidden: { status: 409, zh: '测评进行中，只显示已答份数；结束后才能查看结果。', en: 'While the round is open only the number of answers shows; results come after it closes.' },
  round_audience: { status: 422, zh: '本次测评不包括这一类测评人。', en: 'This round does not include that audience.' },
  round_items_duplicate: { status: 422, zh: '问卷中有重复的项目编号。', en: 'The questionnaire has a duplicate item id.' },
  eval_code_invalid: { status: 400, zh: '测评码无效：请核对二维码或编号是否完整。', en: 'This evaluation code is not valid; check that the QR code or serial is complete.' },
  eval_serial_unknown: { status: 404, zh: '找不到这个测评码编号，请核对后重新输入。', en: 'No evaluation code has this serial; check it and type it again.' },
  eval_code_used: { status: 409, zh: '这个测评码已经使用过，每个码只能提交一次。', en: 'This code has already been used; each code answers once.' },
  eval_round_closed: { status: 409, zh: '本次测评已经结束，不能再提交。', en: 'This evaluation has closed; answers are no longer taken.' },
  eval_code_other_round: { status: 409, zh: '这个测评码属于另一次测评。', en: 'This code belongs to another evaluation round.' },
  eval_code_given: { status: 409, zh: '您已经领取过本次测评的测评码（每人一个）。', en: 'You have already received your code for this round (one each).' },
  eval_hall_kiosk_only: {
    status: 403,
    zh: '只有本次会议的投票平板可以用代表证参加会场测评。请在会场的投票平板上扫代表证。',
    en: "Only a voting tablet of this session can take a delegate card for the hall evaluation. Scan the card on one of the hall's voting tablets.",
  },
  eval_hall_other_session: {
    status: 409,
    zh: '这次测评不在本平板所在的会议进行，请在该会议的平板上作答。',
    en: "This evaluation round is not held at this tablet's session; answer it on a tablet of its own session.",
  },
  eval_card_other_congress: {
    status: 403,
    zh: '这张代表证不属于本次会议的人大，请使用本届人大的代表证。',
    en: "This delegate card is not of this session's congress; use your card of this congress.",
  },
  eval_not_representative: { status: 403, zh: '只有用代表证登录的代表可以领取测评码。', en: 'Only a representative signed in with their delegate card can receive a code.' },
  eval_answer_unknown: { status: 422, zh: '答卷中有不属于本次测评的项目。', en: 'The answers include something that is not in this round.' },
  eval_answer_twice: { status: 422, zh: '同一项目回答了两次。', en: 'An item was answered twice.' },
  eval_answers_missing: { status: 422, zh: '还有 {n} 项未作答，请全部回答后再提交。', en: '{n} item(s) are not answered; answer every item before submitting.' },
  eval_answer_invalid: { status: 400, zh: '“{item}”的回答不是这一题可选的答案。', en: 'The answer to “{item}” is not one this question offers.' },
  round_no_targets: { status: 422, zh: '测评至少要有一个测评对象（项目、单位、任命人员、建议办理、专题询问或代表）。', en: 'A round needs at least one target (a project, department, official, suggestion handling, inquiry or representative).' },
  eval_target_not_found: { status: 404, zh: '找不到测评对象（{kind}），或它不属于本届人大、已归档。', en: 'A target ({kind}) does not exist in this congress or is archived.' },
  official_not_found: { status: 404, zh: '找不到该任命人员。', en: 'This appointed official does not exist.' },
  inquiry_not_found: { status: 404, zh: '找不到该专题询问。', en: 'This inquiry does not exist.' },
  eval_unknown_not_allowed: { status: 422, zh: '本次测评没有“不了解”选项。', en: 'This round does not offer “don\'t know”.' },
  rectification_not_found: { status: 404, zh: '找不到该整改事项。', en: 'This rectification does not exist.' },
  rectification_not_open: { status: 409, zh: '该整改报告已提交或已验收。', en: 'This rectification report was already filed or accepted.' },
  rectification_not_reported: { status: 409, zh: '该整改事项还没有提交报告。', en: 'No rectification report has been filed yet.' },
  rectification_closed: { status: 409, zh: '该整改已验收，不能再修改。', en: 'This rectification was accepted; it can no longer change.' },
  reevaluation_exists: { status: 409, zh: '这次测评已经安排了再测评。', en: 'A re-evaluation of this round already exists.' },
  reevaluation_not_needed: { status: 409, zh: '本次测评没有“不满意”的对象，不需要再测评。', en: 'No target of this round was graded dissatisfied; no re-evaluation is needed.' },
  // ---- tally, sign-off and publication ----
  tally_needs_close: { status: 409, zh: '表决截止后才能计票。', en: 'The tally is prepared after the vote closes.' },
  tally_paper_pending: {
    status: 409,
    zh: '还有 {n} 张纸质选票未录入完成或待核对，全部处理后才能计票。',
    en: '{n} paper ballot(s) still await a second entry or the scrutineers; finish them before the tally.',
  },
  tally_prepared: { status: 409, zh: '本次表决已经计票；计票结果不能再更改，纸质选票也不能再录入。', en: 'The tally of this vote is prepared; it cannot change and no more paper ballots can be entered.' },
  tally_not_prepared: { status: 409, zh: '尚未计票：请监票人先计票。', en: 'The tally is not prepared yet; a scrutineer must prepare it first.' },
  tally_already_signed: { status: 409, zh: '您已经签字确认过本次计票结果。', en: 'You have already signed this tally.' },
  tally_chief_taken: { status: 409, zh: '总监票人已经签字；其他监票人请以监票人身份签字。', en: 'The chief scrutineer has already signed; sign as a scrutineer.' },
  tally_invalid_unchecked: {
    status: 422,
    zh: '有 {n} 张计算机认定的无效票，总监票人须复核并勾选确认后才能签字。',
    en: 'There are {n} ballot(s) the system judged invalid; the chief scrutineer must re-check them and confirm before signing.',
  },
  tally_signoffs_missing: {
    status: 409,
    zh: '计票结果须由 {required} 名监票人（含总监票人）签字确认后才能公布，目前 {have} 名{chief}。',
    en: 'The tally needs {required} scrutineer sign-offs (the chief scrutineer among them) before publication; it has {have}{chief}.',
  },
  result_published: { status: 409, zh: '计票结果已经公布，不能再更改。', en: 'The result is published and cannot be changed.' },
  result_not_published: { status: 409, zh: '该表决结果尚未公布，请主席团先公布结果。', en: 'This result has not been published yet; the presidium publishes it first.' },
  public_result_not_found: { status: 404, zh: '找不到已公布的表决结果（可能尚未公布）。', en: 'No published result here (it may not be published yet).' },
  screen_session_not_found: { status: 404, zh: '找不到该会议。', en: 'This session does not exist.' },
  runoff_not_possible: { status: 409, zh: '只有公布的结果中有并列票数跨越最后一个名额时，才能再次投票。', en: 'A runoff is possible only when the published result has a tie across the last seat.' },
  further_not_possible: {
    status: 409,
    zh: '不能另行表决：{reason}。',
    en: 'A further vote is not possible: {reason}.',
  },
  unfilled_none: { status: 409, zh: '这次表决没有可以留空的空缺名额（无空缺、有并列或投票无效）。', en: 'This vote has no unfilled seat to leave empty (none, a tie, or a void vote).' },
  unfilled_left: { status: 409, zh: '主席团已经确认空缺名额留空。', en: 'The presidium has already left the unfilled seats empty.' },
  revote_not_void: { status: 409, zh: '只有无效的表决（收回票数多于发出票数）才能重新投票。', en: 'Only a void vote (more ballots cast than cards issued) can be re-voted.' },
  follow_up_exists: { status: 409, zh: '这次表决已经有后续表决“{title}”。', en: 'This vote already has a follow-up vote, “{title}”.' },
  reserve_elected: { status: 409, zh: '当选的项目不能转入储备库。', en: 'An elected candidate cannot go to the reserve pool.' },
  reserve_not_on_vote: { status: 422, zh: '所选项目不在本次表决的候选项目中。', en: 'A chosen candidate is not on this vote.' },
  data_dir_locked: {
    status: 409,
    zh: '数据目录正被另一个进程使用。',
    en: 'The data directory is in use by another process.',
  },
  cards_locked: {
    status: 409,
    zh: '表决已开始，选票二维码不再提供打印。如有污损，请作废该张选票并发放备用票。',
    en: 'The vote has opened: ballot cards can no longer be printed. Void a spoiled card and hand out a spare instead.',
  },
  // Running through failures (design §13): 503s that a tablet or a person retries; every one carries Retry-After.
  database_unavailable: {
    status: 503,
    zh: '暂时连接不上数据库，系统正在自动重连。本次内容尚未保存，请稍候重试（{retryAfter} 秒后）。',
    en: 'The database cannot be reached right now; the server is reconnecting by itself. Nothing was saved yet: try again in {retryAfter} seconds.',
  },
  database_busy: {
    status: 503,
    zh: '数据库繁忙，本次操作没有在时限内完成，未保存。请稍候重试（{retryAfter} 秒后）。',
    en: 'The database is busy and this did not finish in time; nothing was saved. Try again in {retryAfter} seconds.',
  },
  server_busy: {
    status: 503,
    zh: '提交的人数太多，服务器正在排队处理，本次未保存。请稍候重试（{retryAfter} 秒后）。',
    en: 'Too many submissions are waiting; this one was not saved. Try again in {retryAfter} seconds.',
  },
  server_stopping: {
    status: 503,
    zh: '服务器正在重启，本次未保存。请稍候重试（{retryAfter} 秒后）。',
    en: 'The server is restarting; this was not saved. Try again in {retryAfter} seconds.',
  },
  // The big screen's live stream: caps per client address and per server instance (server/lib/live-hub.ts).
  live_streams_per_address: {
    status: 429,
    zh: '本网络地址打开的大屏实时连接已达上限（{limit} 个）。请关闭不用的大屏页面，{retryAfter} 秒后再连接（大屏页面会自动重连）。',
    en: 'This network address already holds the most live big-screen connections allowed ({limit}). Close the big screens not in use and connect again in {retryAfter} seconds (the big screen page does so by itself).',
  },
  live_streams_full: {
    status: 503,
    zh: '服务器的大屏实时连接已满，请 {retryAfter} 秒后再连接（大屏页面会自动重连）。',
    en: 'The server is holding as many live big-screen connections as it can; connect again in {retryAfter} seconds (the big screen page does so by itself).',
  },
  storage_full: {
    status: 503,
    zh: '服务器无法写入数据（磁盘已满或数据目录不可写），本次未保存。请通知管理员释放磁盘空间；恢复后可重试。',
    en: 'The server cannot write its data (the disk is full or the data folder is not writable); nothing was saved. Tell the administrator to free disk space, then try again.',
  },
  internal: {
    status: 500,
    zh: '服务器内部错误，已记录（请求号 {requestId}）。',
    en: 'Internal server error; it has been logged (request {requestId}).',
  },
} satisfies Record<string, Entry>;
export type ErrorCode = keyof typeof ERRORS;

/** A message parameter: a value, or words in both languages (e.g. the names of checks). */
export type ErrorParam = string | number | { zh: string; en: string };

export function errorMessage(code: ErrorCode, lang: Lang, params: Record<string, ErrorParam> = {}): string {
  const e = ERRORS[code] as Entry;
  const text = lang === 'en' ? e.en : e.zh;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    return typeof v === 'object' ? (lang === 'en' ? v.en : v.zh) : String(v);
  });
}

/** Field-level messages for validation details. */
const FIELD: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'required' },
  too_short: { zh: '至少 {min} 个字符', en: 'at least {min} characters' },
  too_long: { zh: '最多 {max} 个字符', en: 'at most {max} characters' },
  too_small: { zh: '不能小于 {min}', en: 'must be at least {min}' },
  too_big: { zh: '不能大于 {max}', en: 'must be at most {max}' },
  not_integer: { zh: '须为整数', en: 'must be a whole number' },
  wrong_type: { zh: '类型不正确（应为 {expected}）', en: 'wrong type (expected {expected})' },
  bad_choice: { zh: '不是可选的值（可选：{options}）', en: 'not an allowed value (one of: {options})' },
  bad_format: { zh: '格式不正确（应为 {format}）', en: 'wrong format (expected {format})' },
  unknown_field: { zh: '不认识的字段', en: 'unknown field' },
  file_required: { zh: '请选择要上传的文件（表单字段 file）', en: 'choose a file to upload (form field “file”)' },
  multipart_broken: { zh: '表单数据不完整或格式有误，请重新选择文件后提交', en: 'the form data is incomplete or malformed; choose the file and send it again' },
  nul_char: { zh: '含有无法保存的空字符（U+0000），请删除后重试', en: 'contains a NUL character (U+0000), which cannot be stored; remove it and try again' },
  fraction_over_one: { zh: '分子不能大于分母', en: 'the numerator cannot exceed the denominator' },
  username_chars: {
    zh: '只能包含字母、数字、下划线、点和连字符',
    en: 'letters, digits, underscore, dot and hyphen only',
  },
  phone_format: { zh: '电话号码格式不正确', en: 'not a phone number' },
  empty_update: { zh: '没有要修改的内容', en: 'nothing to change' },
  gender_word: { zh: '性别应为“男”或“女”', en: 'gender must be 男/女 or male/female' },
  status_word: { zh: '状态应为“在任”或“终止”', en: 'status must be 在任/终止 or seated/left' },
  duplicate_in_file: { zh: '文件中重复（姓名和电话相同）', en: 'duplicate in the file (same name and phone)' },
  duplicate_on_roster: { zh: '名册中已有此代表（姓名和电话相同）', en: 'already on the roster (same name and phone)' },
  ambiguous_on_roster: { zh: '名册中有多位同名代表，无法确定是哪一位，请在表中写明电话', en: 'several people on the roster have this name; add the phone so the row names one of them' },
  name_on_roster_other_phone: {
    zh: '名册中已有同名代表但电话不同：如是同一人，请先在名册中改电话；如是另一人，请在名册中单独添加',
    en: 'someone of this name is on the roster with another phone: if it is the same person, change the phone on the roster first; if not, add this person on the roster by hand',
  },
  same_person_twice: { zh: '与文件中另一行是名册上的同一位代表', en: 'another row of the file is about the same person on the roster' },
  status_differs: { zh: '状态与名册不同：终止代表资格请在名册中办理（须填日期）', en: 'the status differs from the roster: end a term on the roster page (it needs a date)' },
  csv_extra_cells: { zh: '本行的列数多于表头', en: 'this row has more cells than the header' },
  csv_empty: { zh: '文件是空的', en: 'the file is empty' },
  csv_no_rows: { zh: '文件只有表头，没有代表', en: 'the file has a header but no rows' },
  csv_no_name_column: { zh: '表头中没有“姓名”列', en: 'the header has no 姓名 (name) column' },
  money_format: { zh: '金额格式不正确（万元，最多两位小数）', en: 'not an amount (万元, at most two decimals)' },
  dates_order: { zh: '结束日期不能早于开始日期', en: 'the end date cannot be before the start date' },
  duplicate_candidate: { zh: '同一候选项目不能重复列入', en: 'a candidate cannot be listed twice' },
  invalid: { zh: '无效', en: 'not valid' },
};
export type FieldCode = keyof typeof FIELD;

export function fieldMessage(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const f = FIELD[code] ?? FIELD.invalid;
  const text = lang === 'en' ? f.en : f.zh;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export type ApiErrorBody = {
  error: { code: string; message: string; details?: unknown; requestId?: string };
};
