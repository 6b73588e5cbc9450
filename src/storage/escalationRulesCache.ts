import type { EscalationRules } from '../domain/escalationRules.js';
import type { Db } from './database.js';
import { currentEscalationRules } from './escalationRulesRepository.js';

/**
 * The current escalation rules, read at most every `ttlMs` (every turn needs them). A save in this
 * process drops the cached copy at once; other processes see it within the TTL.
 */
export class EscalationRulesCache {
  private cached?: { rules: EscalationRules; at: number };

  constructor(
    private db: Db,
    private creditorId: string,
    private ttlMs = 5_000,
  ) {}

  async get(): Promise<EscalationRules> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.rules;
    const rules = await currentEscalationRules(this.db, this.creditorId);
    this.cached = { rules, at: Date.now() };
    return rules;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
