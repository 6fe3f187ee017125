import NextAuth from 'next-auth';
import { getAuthOptions } from '@/platform/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** Tells the browser to drop everything it kept for this site at logout (等保: residual data). */
const CLEAR_SITE_DATA = '"cache", "cookies", "storage"';

async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  const response: Response = await NextAuth(getAuthOptions())(req, { params });
  if (req.method !== 'POST' || params.nextauth.join('/') !== 'signout') return response;
  const headers = new Headers(response.headers);
  headers.set('Clear-Site-Data', CLEAR_SITE_DATA);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export { handler as GET, handler as POST };
