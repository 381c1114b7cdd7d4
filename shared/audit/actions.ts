/**
 * Every kind of audit entry the server writes, and every kind of object an entry can name. One list: the words for each
 * (shared/i18n/audit.*.ts, typed against it), the log's filters and its CSV all read it. tests/audit/actions.test.ts reads
 * the server's source and fails when an action is written that is not here.
 */

/** Areas of the log (the part before the dot), in the order the filter shows them. */
export const AUDIT_AREAS = [
  'setup',
  'auth',
  'accounts',
  'congress',
  'departments',
  'roster',
  'gathering',
  'screening',
  'candidates',
  'lists',
  'session',
  'kiosk',
  'ballot',
  'tally',
  'projects',
  'inspections',
  'evaluation',
  'keys',
  'demo',
  'stations',
  'items',
  'hotline',
  'review',
  'archive',
  'county',
  'templates',
  'hallbox',
  'notify',
] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export const AUDIT_ACTIONS = [
  'setup.create_admin',
  'auth.login',
  'auth.card_login',
  'auth.logout',
  'auth.change_password',
  'auth.revoke_session',
  'accounts.create',
  'accounts.update',
  'accounts.reset_password',
  'accounts.revoke_sessions',
  'accounts.unlock',
  'congress.create',
  'congress.update',
  'congress.update_settings',
  'congress.grant_role',
  'congress.revoke_role',
  'departments.create',
  'departments.update',
  'roster.create',
  'roster.update',
  'roster.import',
  'roster.end_term',
  'roster.reissue_card',
  'roster.create_card_account',
  'gathering.window_create',
  'gathering.window_update',
  'gathering.window_close',
  'gathering.submit',
  'screening.checks',
  'screening.accept',
  'screening.merge',
  'screening.reject',
  'screening.reject_to_reserve',
  'screening.reserve',
  'screening.revive',
  'candidates.update',
  'lists.create',
  'lists.update',
  'lists.freeze',
  'lists.new_version',
  'session.create',
  'session.check_in',
  'session.mark_attendance',
  'kiosk.create',
  'kiosk.enrol',
  'kiosk.leave',
  'kiosk.revoke',
  'ballot.create_vote',
  'ballot.update_vote',
  'ballot.generate_cards',
  'ballot.issue_count',
  'ballot.open_vote',
  'ballot.close_vote',
  'ballot.void_card',
  'ballot.paper_mismatch',
  'ballot.paper_resolve',
  'ballot.create_motion',
  'ballot.update_motion',
  'ballot.delete_motion',
  'ballot.set_questions',
  'ballot.draft_decision',
  'tally.prepare',
  'tally.signoff',
  'tally.publish',
  'tally.reserve',
  'tally.leave_unfilled',
  'projects.create',
  'projects.create_from_vote',
  'projects.update',
  'projects.plan',
  'projects.milestone_add',
  'projects.milestone_update',
  'projects.milestone_delete',
  'projects.report',
  'projects.file_add',
  'projects.file_delete',
  'projects.change_request',
  'projects.change_decide',
  'projects.complete',
  'inspections.create',
  'inspections.finding',
  'inspections.answer',
  'inspections.accept',
  'inspections.return',
  'evaluation.create',
  'evaluation.update',
  'evaluation.open',
  'evaluation.codes',
  'evaluation.issued',
  'evaluation.close',
  'evaluation.publish',
  'evaluation.rectification_report',
  'evaluation.rectification_accept',
  'evaluation.rectification_return',
  'evaluation.rectification_deadline',
  'evaluation.official_create',
  'evaluation.official_update',
  'evaluation.official_archive',
  'evaluation.inquiry_create',
  'evaluation.inquiry_update',
  'evaluation.inquiry_archive',
  'keys.rotate',
  'demo.load',
  // ---- stations ----
  'stations.create',
  'stations.update',
  'stations.representatives',
  'stations.plan_add',
  'stations.plan_remove',
  'stations.duty',
  'stations.plan_publish',
  'stations.reception',
  'stations.public_item',
  // ---- items ----
  'items.create',
  'items.answer_on_spot',
  'items.assign',
  'items.reassign',
  'items.refer',
  'items.merge',
  'items.to_proposal',
  'items.answer',
  'items.accept',
  'items.return',
  'items.key',
  'items.supervision',
  'items.feedback',
  // ---- hotline ----
  'hotline.mapping',
  'hotline.import',
  // ---- review ----
  'review.calendar_upload',
  'review.calendar_day',
  'review.calendar_remove',
  'review.meeting',
  // ---- archive ----
  'archive.entry_create',
  'archive.entry_update',
  'archive.entry_delete',
  // ---- county ----
  'county.set_parent',
  // ---- templates ----
  'templates.create',
  'templates.publish',
  'templates.adopt',
  // ---- hallbox ----
  'hallbox.file',
  // ---- notify ----
  'notify.set_robot',
  'notify.set_template',
  'notify.retry',
  'notify.test_send',
  'notify.invite',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (a: string): a is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(a);
export const areaOf = (a: string) => a.split('.')[0];
export const actionsOf = (area: string) => AUDIT_ACTIONS.filter((a) => areaOf(a) === area);

/**
 * Kinds of object an entry names: its target (`targetType`) or an id in its details (`rectificationId`…). Each is looked
 * up by name in the congress of the log, never outside it.
 */
export const REF_KINDS = [
  'congress',
  'account',
  'representative',
  'department',
  'collection_window',
  'proposal',
  'candidate',
  'candidate_list',
  'session',
  'kiosk',
  'vote',
  'project',
  'milestone',
  'file',
  'change_request',
  'inspection',
  'finding',
  'eval_round',
  'rectification',
  'signing_key',
  'station',
  'reception',
  'item',
  'hotline_import',
  'review_meeting',
  'archive_entry',
] as const;
export type RefKind = (typeof REF_KINDS)[number];
export const isRefKind = (k: string): k is RefKind => (REF_KINDS as readonly string[]).includes(k);

/** Ids in an entry's details and the kind of object each names. `from` depends on the action (see `detailRefKind`). */
const DETAIL_IDS: Record<string, RefKind> = {
  rectificationId: 'rectification',
  milestoneId: 'milestone',
  findingId: 'finding',
  fileId: 'file',
  changeId: 'change_request',
  departmentId: 'department',
  leadDepartmentId: 'department',
  coDepartmentIds: 'department',
  projectId: 'project',
  voteId: 'vote',
  previousVoteId: 'vote',
  listId: 'candidate_list',
  candidateId: 'candidate',
  candidateIds: 'candidate',
  intoId: 'proposal',
  inspectionId: 'inspection',
  sessionId: 'session',
  representativeId: 'representative',
  accountId: 'account',
};
/** The kind of object a details key names in an entry of `action`, or null when it names none. */
export function detailRefKind(action: string, key: string): RefKind | null {
  if (key === 'from') return action === 'lists.new_version' ? 'candidate_list' : action === 'screening.revive' ? 'proposal' : null;
  return DETAIL_IDS[key] ?? null;
}

/** Every (kind, id) an entry names: its target and the ids in its details. */
export function refsOf(e: { action: string; targetType: string | null; targetId: string | null; details: unknown }): { kind: RefKind; id: string }[] {
  const out: { kind: RefKind; id: string }[] = [];
  if (e.targetType && e.targetId && isRefKind(e.targetType)) out.push({ kind: e.targetType, id: e.targetId });
  if (e.details && typeof e.details === 'object' && !Array.isArray(e.details)) {
    for (const [k, v] of Object.entries(e.details as Record<string, unknown>)) {
      const kind = detailRefKind(e.action, k);
      if (!kind) continue;
      for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && id) out.push({ kind, id });
    }
  }
  return out;
}

/** What the server tells about an object it found: its name and, where its page needs it, the object it hangs under. */
export type Ref = { name: string; parentId?: string | null };

/** The staff page of an object, or null when it has none. */
export function refPath(congressId: string, kind: RefKind, id: string, ref: Ref | undefined): string | null {
  const c = `/c/${congressId}`;
  switch (kind) {
    case 'congress':
      return id === congressId ? `${c}` : null;
    case 'account':
      return `${c}/members`;
    case 'representative':
      return ref ? `${c}/roster?status=all&q=${encodeURIComponent(ref.name)}` : null;
    case 'department':
      return `${c}/departments`;
    case 'collection_window':
      return `${c}/gathering`;
    case 'proposal':
      return ref ? `${c}/gathering/proposals/${id}` : null;
    case 'candidate':
      return `${c}/gathering/candidates`;
    case 'candidate_list':
      return ref ? `${c}/gathering/lists/${id}` : null;
    case 'session':
      return ref ? `${c}/sessions/${id}` : null;
    case 'kiosk':
      return ref?.parentId ? `${c}/sessions/${ref.parentId}` : null;
    case 'vote':
      return ref?.parentId ? `${c}/sessions/${ref.parentId}/votes/${id}` : null;
    case 'project':
      return ref ? `${c}/projects/${id}` : null;
    case 'milestone':
    case 'file':
    case 'change_request':
      return ref?.parentId ? `${c}/projects/${ref.parentId}` : null;
    case 'inspection':
      return ref ? `${c}/inspections/${id}` : null;
    case 'finding':
      return ref?.parentId ? `${c}/inspections/${ref.parentId}` : null;
    case 'eval_round':
      return ref ? `${c}/evaluation/${id}` : null;
    case 'rectification':
      return `${c}/rectifications`;
    case 'signing_key':
      return null;
    case 'station':
      return ref ? `${c}/stations/${id}` : null;
    case 'reception':
      return ref?.parentId ? `${c}/stations/${ref.parentId}` : null;
    case 'item':
      return ref ? `${c}/items/${id}` : null;
    case 'hotline_import':
      return `${c}/hotline`;
    case 'review_meeting':
      return `${c}/review`;
    case 'archive_entry':
      return `${c}/archive`;
  }
}
