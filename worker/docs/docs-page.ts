// The French introduction a partner reads first; the reference below keeps the API's English names.
const INTRO = `<section id="intro" lang="fr">
<h1>API du CRM</h1>
<p>Une API REST en JSON sous <code>/api/v1</code>, décrite par <a href="/api/openapi.json">openapi.json</a>
(OpenAPI 3.1). Toutes les requêtes : <a href="/api/crm.http" download>crm.http</a>, générée depuis ce document
(VS Code REST Client, JetBrains HTTP Client, httpyac).</p>
<h2>Obtenir un jeton</h2>
<p>Un administrateur crée le jeton dans <em>Administration → Jetons d’API</em> : un nom, le compte au nom duquel il
agit, un rôle plafond et une date d’expiration (un an au plus). Le secret n’est affiché qu’une fois : conservez-le dans
votre coffre. Un jeton se révoque au même endroit.</p>
<h2>Authentification</h2>
<pre>Authorization: Bearer &lt;jeton&gt;</pre>
<p>Le jeton a les droits de son compte, limités au rôle plafond, et voit les mêmes fiches que lui (son équipe, ou les
siennes pour un commercial). Limite : 100 requêtes par minute et par jeton ; au-delà, réponse 429 avec l’en-tête
<code>Retry-After</code>.</p>
<h2>Erreurs</h2>
<p>Toute erreur est un <code>application/problem+json</code> (RFC 9457), message en français dans <code>detail</code>,
champs fautifs dans <code>errors</code> :</p>
<pre>{ "type": "about:blank", "title": "Bad Request", "status": 400,
  "detail": "Données invalides.", "errors": [{ "path": "name", "message": "Ce champ est obligatoire." }] }</pre>
<p>400 : données invalides · 401 : jeton absent, expiré ou révoqué · 403 : permission ou périmètre · 404 : fiche
inexistante ou hors de votre périmètre · 409 : conflit · 413 : fichier trop gros · 429 : trop de requêtes.</p>
<h2>Pagination</h2>
<p>Les listes répondent <code>{ "data": [...], "nextCursor": "..." }</code>. Passez <code>?limit=</code> (100 au plus)
puis <code>?cursor=&lt;nextCursor&gt;</code> avec les mêmes filtres pour la page suivante ; <code>nextCursor</code> vaut
<code>null</code> sur la dernière page.</p>
<h2>Webhooks</h2>
<p>Pour être prévenu des changements plutôt que d’interroger l’API : <a href="/aide/webhooks">guide des webhooks</a>
(abonnements, signature, nouvelles tentatives).</p>
</section>`

export const docsPage = (nonce: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API du CRM — référence</title>
<style nonce="${nonce}">
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1e293b;background:#f8fafc}
header{padding:16px 24px;background:#1e3a8a;color:#fff}main{max-width:1000px;margin:auto;padding:16px}
details{background:#fff;border:1px solid #cbd5e1;border-radius:8px;margin:8px 0}
summary{cursor:pointer;padding:10px 12px}
.m{display:inline-block;min-width:64px;font-weight:700;text-transform:uppercase}.get{color:#166534}.post{color:#1d4ed8}
.patch{color:#92400e}.delete{color:#b91c1c}.perm{float:right;color:#475569;font-size:12px}
pre{background:#0f172a;color:#e2e8f0;padding:12px;overflow:auto;margin:0 12px 12px;border-radius:6px}
h2{margin-top:24px}
#intro{background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:4px 16px}
#intro code{background:#f1f5f9;padding:0 3px;border-radius:3px}
#intro pre{margin:0 0 12px}
</style></head><body>
<header><strong>CRM API</strong> — <a style="color:#bfdbfe" href="/api/openapi.json">openapi.json</a></header>
<main>${INTRO}<h2>Référence</h2><p>Identifiants en anglais, comme dans <code>openapi.json</code> ; chaque route indique
la permission requise.</p><div id="root">Chargement…</div></main>
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
      pre.textContent=JSON.stringify(
        {parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
      d.append(s,pre);root.append(d);}
  }
});
</script></body></html>`
