export const ROLES = ['agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who a request acts for once a session was checked: what the API may show, never the password hash. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

/** The audit actor for a person: 'user:<userId>', as every audit event by a console user records it. */
export function userActor(user: Pick<AuthUser, 'id'>): string {
  return `user:${user.id}`;
}
