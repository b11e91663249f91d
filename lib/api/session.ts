/**
 * Who is calling. Tributary has no sign-in yet; when it arrives, this is the only place that
 * checks it (every route goes through lib/api/route.ts, which calls authenticate()).
 */
export interface Session {
  userId: string | null;
  anonymous: boolean;
}

export async function authenticate(_request: Request): Promise<Session> {
  return { userId: null, anonymous: true };
}
