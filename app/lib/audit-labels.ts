import { fr, type MessageKey, t } from '../i18n/fr'

// The audit log's actions and record types in French (worker audit(c, '<action>') calls); an
// action missing here shows as recorded, so a new one is never hidden.
export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': 'Connexion',
  'auth.login_failed': 'Connexion refusée',
  'auth.login_locked': 'Connexion à un compte verrouillé',
  'auth.locked': 'Compte verrouillé (5 échecs)',
  'auth.logout': 'Déconnexion',
  'auth.logout_all': 'Déconnexion de toutes les sessions',
  'auth.password_changed': 'Mot de passe changé',
  'auth.password_reset': 'Mot de passe réinitialisé',
  'auth.reset_requested': 'Réinitialisation demandée',
  'auth.reset_refused': 'Lien de réinitialisation refusé',
  'auth.session_revoked': 'Session fermée',
  'user.created': 'Utilisateur créé',
  'user.updated': 'Utilisateur modifié',
  'user.role_changed': 'Rôle changé',
  'user.team_changed': 'Équipe changée',
  'user.unlocked': 'Compte déverrouillé',
  'user.password_reset_forced': 'Mot de passe imposé par un administrateur',
  'team.created': 'Équipe créée',
  'team.renamed': 'Équipe renommée',
  'team.deleted': 'Équipe supprimée',
  'role.permissions_changed': 'Permissions du rôle modifiées',
  'role.permissions_reset': 'Permissions du rôle rétablies',
  'token.created': 'Jeton d’API créé',
  'token.revoked': 'Jeton d’API révoqué',
  'webhook.created': 'Webhook créé',
  'webhook.updated': 'Webhook modifié',
  'webhook.deleted': 'Webhook supprimé',
  'webhook.secret_rotated': 'Secret de webhook renouvelé',
  'webhook.redelivered': 'Livraison de webhook relancée',
  'webhook.replayed': 'Événements de webhook rejoués',
  'event.replayed': 'Événement rejoué',
  'import.uploaded': 'Fichier d’import envoyé',
  'import.started': 'Import lancé',
  'import.revert_requested': 'Annulation d’import demandée',
  'bin.restored': 'Restauré depuis la corbeille',
}

export const AUDIT_TARGETS: Record<string, string> = {
  user: 'Utilisateur',
  team: 'Équipe',
  role: 'Rôle',
  api_token: 'Jeton d’API',
  session: 'Session',
  webhook: 'Webhook',
  webhook_delivery: 'Livraison de webhook',
  import: 'Import',
  event: 'Événement',
}

// The generic trail (worker/audit/audit.ts) records `<resource>.deleted` and `<resource>.exported`
// for every resource of the permission matrix, named with the roles screen's labels.
const TRAIL_KINDS: Record<string, string> = { deleted: 'supprimé(s)', exported: 'exporté(s)' }

export function auditAction(action: string) {
  if (AUDIT_ACTIONS[action]) return AUDIT_ACTIONS[action]
  const [resource, kind] = action.split('.')
  const label = `admin.resource.${resource}`
  if (kind && TRAIL_KINDS[kind] && label in fr) return `${t(label as MessageKey)} ${TRAIL_KINDS[kind]}`
  return action
}

export function auditTarget(type: string | null) {
  if (!type) return ''
  return AUDIT_TARGETS[type] ?? (`admin.resource.${type}` in fr ? t(`admin.resource.${type}` as MessageKey) : type)
}
