import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('refuses an ADMIN_TOKEN shorter than 32 characters, saying how long it must be', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'secret' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_TOKEN: 'x'.repeat(31) })).toThrow(/ADMIN_TOKEN: at least 32 characters/);
    expect(loadConfig({ ADMIN_TOKEN: 'x'.repeat(32) }).ADMIN_TOKEN).toBe('x'.repeat(32));
    // Unset (or blank) is fine: one is generated, 32 characters long.
    expect(loadConfig({ ADMIN_TOKEN: '  ' }).ADMIN_TOKEN).toBeUndefined();
  });

  it('refuses an AUDIT_CHECKPOINT_SECRET shorter than 32 characters; checkpoints every 5 minutes by default', () => {
    expect(() => loadConfig({ AUDIT_CHECKPOINT_SECRET: 'x'.repeat(31) })).toThrow(/AUDIT_CHECKPOINT_SECRET: at least 32 characters/);
    expect(loadConfig({ AUDIT_CHECKPOINT_SECRET: 'x'.repeat(32) }).AUDIT_CHECKPOINT_SECRET).toBe('x'.repeat(32));
    expect(loadConfig({}).AUDIT_CHECKPOINT_SECRET).toBeUndefined();
    expect(loadConfig({}).AUDIT_CHECKPOINT_INTERVAL_MS).toBe(300_000);
    expect(() => loadConfig({ AUDIT_CHECKPOINT_INTERVAL_MS: '0' })).toThrow(/AUDIT_CHECKPOINT_INTERVAL_MS/);
  });

  it('trusts no proxy unless TRUST_PROXY says so', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toBe('loopback');
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY: false, true, or the proxies/);
    expect(() => loadConfig({ TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY/);
  });
  it('needs MAIL_FROM and PUBLIC_URL with SMTP_URL, and checks each URL', () => {
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'smtp://u:p@127.0.0.1:2525' })).toThrow(/MAIL_FROM: required with SMTP_URL[\s\S]*PUBLIC_URL: required with SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail', MAIL_FROM: 'a@b.c', PUBLIC_URL: 'https://x' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtps://mail', MAIL_FROM: 'a@b.c', PUBLIC_URL: 'cobranca.exemplo' })).toThrow(/PUBLIC_URL: must be an http\(s\):\/\/ URL/);
    const c = loadConfig({ SMTP_URL: 'smtps://u:p@mail:465', MAIL_FROM: 'Cobrança <c@x.com>', PUBLIC_URL: 'https://x.com' });
    expect([c.MAIL_LINK_DAYS, c.MAIL_REPLY_TO]).toEqual([7, undefined]);
    expect(() => loadConfig({ MAIL_LINK_DAYS: '0' })).toThrow(/MAIL_LINK_DAYS/);
  });

  it('needs the four WHATSAPP_CLOUD_* settings with WHATSAPP_PROVIDER=cloud, naming each one missing', () => {
    expect(loadConfig({}).WHATSAPP_PROVIDER).toBe('baileys');
    expect(() => loadConfig({ WHATSAPP_PROVIDER: 'cloud', WHATSAPP_CLOUD_TOKEN: 't' })).toThrow(
      /WHATSAPP_CLOUD_PHONE_NUMBER_ID: required with WHATSAPP_PROVIDER=cloud[\s\S]*WHATSAPP_CLOUD_APP_SECRET[\s\S]*WHATSAPP_CLOUD_VERIFY_TOKEN/,
    );
    const full = { WHATSAPP_PROVIDER: 'cloud', WHATSAPP_CLOUD_TOKEN: 't', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922', WHATSAPP_CLOUD_APP_SECRET: 's', WHATSAPP_CLOUD_VERIFY_TOKEN: 'v' };
    expect(loadConfig(full).WHATSAPP_CLOUD_API_ROOT).toBe('https://graph.facebook.com/v23.0');
    // A new number's messaging tier until the operator raises it.
    expect(loadConfig(full).WHATSAPP_DAILY_LIMIT).toBe(250);
    expect(() => loadConfig({ ...full, WHATSAPP_DAILY_LIMIT: '0' })).toThrow(/WHATSAPP_DAILY_LIMIT/);
    expect(() => loadConfig({ ...full, WHATSAPP_CLOUD_PHONE_NUMBER_ID: '+55 11' })).toThrow(/WHATSAPP_CLOUD_PHONE_NUMBER_ID: the phone number id: digits/);
    expect(() => loadConfig({ WHATSAPP_PROVIDER: 'twilio' })).toThrow(/WHATSAPP_PROVIDER/);
  });
});
