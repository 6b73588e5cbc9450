import { ContactPolicySchema, DEFAULT_CONTACT_POLICY, type ContactPolicy } from '../domain/contactPolicy.js';
import type { Db, Tx } from './database.js';
import { currentSetting, saveSetting, type SettingKind } from './settingVersions.js';

/** The contact policy as a versioned setting (SettingVersion kind "contactPolicy"). */
export const CONTACT_POLICY: SettingKind<ContactPolicy> = {
  kind: 'contactPolicy',
  schema: ContactPolicySchema,
  fallback: DEFAULT_CONTACT_POLICY,
  auditType: 'contact_policy.changed',
};
export const CONTACT_POLICY_KIND = CONTACT_POLICY.kind;

/** The creditor's current contact policy: the latest version, or the São Paulo preset before any was saved. */
export function currentContactPolicy(db: Tx, creditorId: string): Promise<ContactPolicy> {
  return currentSetting(db, creditorId, CONTACT_POLICY);
}

/** Saves a new version (history kept) and audits who changed what. `policy` is already validated. */
export function saveContactPolicy(db: Db, creditorId: string, policy: ContactPolicy, actor: string): Promise<ContactPolicy> {
  return saveSetting(db, creditorId, CONTACT_POLICY, policy, actor);
}
