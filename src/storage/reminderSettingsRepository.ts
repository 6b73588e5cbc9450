import { DEFAULT_REMINDER_SETTINGS, ReminderSettingsSchema, type ReminderSettings } from '../domain/reminderSettings.js';
import type { Db, Tx } from './database.js';
import { currentSetting, saveSetting, type SettingKind } from './settingVersions.js';

/** The reminder settings as a versioned setting (SettingVersion kind "reminders"). */
export const REMINDER_SETTINGS: SettingKind<ReminderSettings> = {
  kind: 'reminders',
  // The schema's input and output differ only in list order (stored sorted): a stored version parses to itself.
  schema: ReminderSettingsSchema as never,
  fallback: DEFAULT_REMINDER_SETTINGS,
  auditType: 'reminder_settings.changed',
};

/** The creditor's current reminder settings: the latest version, or the defaults before any was saved. */
export function currentReminderSettings(db: Tx, creditorId: string): Promise<ReminderSettings> {
  return currentSetting(db, creditorId, REMINDER_SETTINGS);
}

/** Saves a new version (history kept) and audits who changed what. `settings` is already validated. */
export function saveReminderSettings(db: Db, creditorId: string, settings: ReminderSettings, actor: string): Promise<ReminderSettings> {
  return saveSetting(db, creditorId, REMINDER_SETTINGS, settings, actor);
}
