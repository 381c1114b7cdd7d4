import type { templatesZh } from './templates.zh-CN.ts';

export const templatesEn: Record<keyof typeof templatesZh, string> = {
};
