import { expect } from 'vitest';
import { TEST_ADMIN_TOKEN, type TestApp } from './testApp.js';

let n = 0;

/** A person using the agent API as the console does: session cookie plus the CSRF token. */
export class ConsoleAgent {
  cookie = '';
  csrf = '';
  id = '';
  constructor(
    private t: TestApp,
    readonly email: string,
    readonly name: string,
  ) {}

  /** Creates the user through the admin API and logs in. */
  static async create(t: TestApp, name: string, role: 'agent' | 'admin' = 'agent'): Promise<ConsoleAgent> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${process.pid}.${++n}@example.com`;
    const password = 'a long enough password';
    const created = await t.api('POST', '/api/admin/users', { email, name, role, password }, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(created.status).toBe(201);
    const a = new ConsoleAgent(t, email, name);
    a.id = created.body.user.id;
    const login = await t.api('POST', '/api/auth/login', { email, password });
    expect(login.status).toBe(200);
    a.cookie = login.headers.getSetCookie().find((h) => h.startsWith('cordial_session='))!.split(';')[0]!;
    a.csrf = login.body.csrfToken;
    return a;
  }

  api<T = any>(method: string, path: string, body?: unknown) {
    return this.t.api<T>(method, path, body, { cookie: this.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }) });
  }

  claim(conversationId: string) {
    return this.api('POST', `/api/agent/handoffs/${conversationId}/claim`);
  }

  reply(conversationId: string, text: string) {
    return this.api('POST', `/api/agent/conversations/${conversationId}/messages`, { text });
  }

  conversation(conversationId: string) {
    return this.api('GET', `/api/agent/conversations/${conversationId}`);
  }

  async queue(): Promise<any[]> {
    const r = await this.api('GET', '/api/agent/handoffs');
    expect(r.status).toBe(200);
    return r.body.handoffs;
  }
}
