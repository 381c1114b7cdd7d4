/** Words of the audit log in words in English: exactly the keys of audit.zh-CN.ts (checked by tsc). */
import type { auditZh } from './audit.zh-CN.ts';

export const auditEn: Record<keyof typeof auditZh, string> = {
};
