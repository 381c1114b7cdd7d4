/** A readable API reference rendered on the server from the OpenAPI document (no scripts, no CDN). */
type Op = { summary?: string; description?: string; tags?: string[]; parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[]; requestBody?: { content?: Record<string, { schema?: unknown }> } };

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

export function renderApiDocs(spec: { info?: { title?: string; version?: string; description?: string }; paths?: Record<string, Record<string, Op>> }): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other';
      const params = (op.parameters ?? []).map((p) => `<li><code>${esc(p.name)}</code> <small>${esc(p.in)}${p.required ? ', required' : ''}</small></li>`).join('');
      const body = op.requestBody?.content ? Object.entries(op.requestBody.content).map(([type, m]) => `<details><summary>${esc(type)}</summary><pre>${esc(JSON.stringify(m.schema ?? {}, null, 2))}</pre></details>`).join('') : '';
      const html = `<section class="op"><h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary ?? '')}</p>${params ? `<ul>${params}</ul>` : ''}${body}</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag.entries()].map(([tag, ops]) => `<h2 id="${esc(tag)}">${esc(tag)}</h2>${ops.join('')}`).join('');
  const toc = [...byTag.keys()].map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(spec.info?.title ?? 'API')} — API reference</title>
<style>body{font:16px/1.5 "PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}h1{color:#8b1a1a}h2{border-bottom:2px solid #8b1a1a;padding-bottom:.2rem;margin-top:2rem}.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}.op h3{margin:.25rem 0;font-size:1rem}.m{display:inline-block;min-width:4.5em;font-size:.8rem;padding:.1rem .4rem;border-radius:4px;background:#555;color:#fff;text-align:center}.m-get{background:#2b6a3a}.m-post{background:#8b1a1a}.m-patch,.m-put{background:#8a5a00}.m-delete{background:#5a1a8b}pre{background:#f6f5f3;padding:.5rem;overflow:auto;font-size:.8rem}</style></head>
<body><h1>${esc(spec.info?.title ?? 'API')} <small>${esc(spec.info?.version ?? '')}</small></h1><p>${esc(spec.info?.description ?? '')}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Public keys: <a href="/.well-known/jwks.json">/.well-known/jwks.json</a>.</p><nav>${toc}</nav>${sections}</body></html>`;
}
