// Guide: webhooks for partners — verifying signatures (Node with `standardwebhooks`, Python),
// payloads, retries, ordering. The same content for developers is docs/webhooks.md.
import type { Route } from './+types/aide.webhooks'
import { Bullets, Code, Note, Table, To } from '../help/prose'
import { WEBHOOK_EVENTS } from './admin.webhooks.ui'

export const meta: Route.MetaFunction = () => [{ title: 'Webhooks · Aide' }]

const block = 'overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100'
const h2 = 'text-lg font-semibold'

const NODE = `import { Webhook } from 'standardwebhooks' // npm install standardwebhooks

const wh = new Webhook(process.env.CRM_WEBHOOK_SECRET) // "whsec_…"

app.post('/webhooks/crm', express.raw({ type: 'application/json' }), (req, res) => {
  let event
  try {
    // Vérifie la signature et refuse un horodatage de plus de 5 minutes.
    event = wh.verify(req.body.toString('utf8'), req.headers)
  } catch {
    return res.status(400).send('signature invalide')
  }
  if (alreadySeen(req.headers['webhook-id'])) return res.status(200).end() // dédoublonner
  queueForProcessing(event) // répondre vite (moins de 15 s), traiter ensuite
  res.status(200).end()
})`

const PYTHON = `import base64, hashlib, hmac, time

def verify(secret: str, headers: dict, body: bytes) -> bool:
    msg_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False  # trop ancien : rejeu possible
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # Pendant une rotation, l’en-tête porte deux signatures séparées par un espace.
    return any(
        hmac.compare_digest(sig.split(",", 1)[1], expected)
        for sig in headers["webhook-signature"].split(" ")
        if sig.startswith("v1,")
    )

# Ou, avec le paquet officiel : pip install standardwebhooks
# from standardwebhooks.webhooks import Webhook
# Webhook(secret).verify(body, headers)`

const PAYLOAD =
  `{
  "id": "0b9f6c1e-…",              // = en-tête webhook-id, identique à chaque nouvel essai
  "type": "organisation.updated",
  "occurredAt": "2026-12-02T09:41:07.123Z",
  "actor": { "id": "…", "email": "sarah@cabinet.fr" },
  "data": {
    "organisation": { "id": "…", "name": "…", "pipelineStage": "PROPOSITION", ` +
  `"updatedAt": "2026-12-02T09:41:07.101Z", … },
    "changes": { "pipelineStage": { "from": "QUALIFICATION", "to": "PROPOSITION" } }
  }
}`

export default function WebhooksGuide() {
  return (
    <>
      <h2 className="sr-only">Webhooks</h2>
      <p>
        Un webhook envoie chaque changement du CRM à une URL de votre partenaire (plateforme, distributeur, outil
        interne), signé pour qu’il sache que l’envoi vient bien de vous. Les administrateurs les créent dans{' '}
        <To href="/admin/webhooks">Administration → Webhooks</To>.
      </p>
      <section className="space-y-3">
        <h2 className={h2}>Créer un webhook</h2>
        <Bullets>
          <li>
            Indiquez l’URL (https obligatoire, un nom de domaine public) et les événements voulus, ou « Tous les
            événements ».
          </li>
          <li>
            Le secret (<Code>whsec_…</Code>) n’est affiché qu’une fois : transmettez-le au partenaire par un canal sûr.
            Perdu ? « Nouveau secret » en génère un autre ; l’ancien signe encore 24 heures.
          </li>
          <li>« Envoyer un test » envoie un événement webhook.test et affiche la réponse reçue.</li>
        </Bullets>
      </section>
      <section className="space-y-3">
        <h2 className={h2}>Vérifier la signature</h2>
        <p>
          Chaque envoi est un POST JSON avec trois en-têtes (norme Standard Webhooks) : <Code>webhook-id</Code>,{' '}
          <Code>webhook-timestamp</Code> (secondes Unix) et <Code>webhook-signature</Code> = <Code>v1,</Code> suivi du
          HMAC-SHA256 en base64 de <Code>{'{id}.{timestamp}.{corps}'}</Code>, avec la clé = le secret sans son préfixe,
          décodé du base64. Vérifiez sur le corps brut, avant tout parsing.
        </p>
        <h3 className="font-semibold">Node.js</h3>
        <pre className={block}>{NODE}</pre>
        <h3 className="font-semibold">Python</h3>
        <pre className={block}>{PYTHON}</pre>
      </section>
      <section className="space-y-3">
        <h2 className={h2}>Contenu des événements</h2>
        <pre className={block}>{PAYLOAD}</pre>
        <p>
          <Code>data</Code> contient la fiche telle que l’API la renvoie, avec son <Code>updatedAt</Code>. Chaque
          écriture envoie un événement <Code>.created</Code>, <Code>.updated</Code> ou <Code>.deleted</Code> (une action
          groupée : un par fiche) ; une restauration depuis la corbeille arrive en <Code>.updated</Code> avec{' '}
          <Code>restored: true</Code>. Événements disponibles :
        </p>
        <p className="font-mono text-xs">{WEBHOOK_EVENTS.join(' · ')}</p>
      </section>
      <section className="space-y-3">
        <h2 className={h2}>Nouveaux essais et ordre</h2>
        <Table
          head={['Essai', 'Délai après le précédent']}
          rows={[
            ['1', 'immédiat'],
            ['2', '5 secondes'],
            ['3', '5 minutes'],
            ['4', '30 minutes'],
            ['5', '2 heures'],
            ['6', '5 heures'],
            ['7', '10 heures'],
            ['8', '14 heures'],
            ['9', '20 heures'],
            ['10', '24 heures'],
          ]}
        />
        <Bullets>
          <li>
            Un envoi réussit sur une réponse 2xx en moins de 15 secondes. Une redirection (3xx) est un échec : elle
            n’est pas suivie. Chaque délai varie de ±10 % pour étaler la reprise.
          </li>
          <li>
            Une réponse 429 ou 503 avec <Code>Retry-After</Code> est respectée. Une réponse 410 Gone désactive le
            webhook.
          </li>
          <li>
            Après le dixième échec (environ trois jours), l’envoi est marqué en échec. Un webhook sans aucun succès
            pendant 5 jours est désactivé et les administrateurs sont prévenus ; en le réactivant, ils peuvent rejouer
            ce qu’il a manqué.
          </li>
          <li>
            L’ordre d’arrivée n’est pas garanti : comparez <Code>updatedAt</Code> à celui que vous avez déjà et ignorez
            une version plus ancienne. Un même événement peut arriver deux fois : dédoublonnez sur{' '}
            <Code>webhook-id</Code>.
          </li>
        </Bullets>
        <Note>
          Le journal des livraisons de chaque webhook garde 30 jours d’essais : date, événement, code, durée, extrait de
          réponse, prochain essai. « Renvoyer » rejoue une livraison, « Rejouer » tous les échecs depuis une date.
        </Note>
      </section>
    </>
  )
}
