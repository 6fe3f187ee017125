/** The same server with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A connection for CREATE/DROP DATABASE (the maintenance database `postgres`). */
export function adminUrl(url: string): string {
  return withDatabase(url, 'postgres');
}
