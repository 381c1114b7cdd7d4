import type { Lang } from '../../shared/errors.ts';

/** zh-CN unless the caller prefers English in `Accept-Language` (q-values respected). */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | null = tag.startsWith('zh') ? 'zh-CN' : tag.startsWith('en') ? 'en' : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh-CN';
}
