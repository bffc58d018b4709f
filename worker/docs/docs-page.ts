export const docsPage = (nonce: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>CRM API reference</title>
<style nonce="${nonce}">
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1e293b;background:#f8fafc}
header{padding:16px 24px;background:#1e3a8a;color:#fff}main{max-width:1000px;margin:auto;padding:16px}
details{background:#fff;border:1px solid #cbd5e1;border-radius:8px;margin:8px 0}summary{cursor:pointer;padding:10px 12px}
.m{display:inline-block;min-width:64px;font-weight:700;text-transform:uppercase}.get{color:#166534}.post{color:#1d4ed8}
.patch{color:#92400e}.delete{color:#b91c1c}.perm{float:right;color:#475569;font-size:12px}
pre{background:#0f172a;color:#e2e8f0;padding:12px;overflow:auto;margin:0 12px 12px;border-radius:6px}
h2{margin-top:24px}
</style></head><body><header><strong>CRM API</strong> — <a style="color:#bfdbfe" href="/api/openapi.json">openapi.json</a></header>
<main id="root">Chargement…</main>
<script nonce="${nonce}">
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const root=document.getElementById('root');root.textContent='';
  const byTag={};
  for(const [path,ops] of Object.entries(doc.paths||{}))for(const [method,op] of Object.entries(ops)){
    const tag=(op.tags||['Other'])[0];(byTag[tag]=byTag[tag]||[]).push({path,method,op});}
  for(const [tag,ops] of Object.entries(byTag)){
    const h=document.createElement('h2');h.textContent=tag;root.append(h);
    for(const {path,method,op} of ops){
      const d=document.createElement('details');const s=document.createElement('summary');
      s.innerHTML='<span class="m '+method+'"></span><code></code> <span class="sum"></span><span class="perm"></span>';
      s.querySelector('.m').textContent=method;s.querySelector('code').textContent=path;
      s.querySelector('.sum').textContent=op.summary||'';s.querySelector('.perm').textContent=op['x-permission']||'';
      const pre=document.createElement('pre');
      pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
      d.append(s,pre);root.append(d);}
  }
});
</script></body></html>`
