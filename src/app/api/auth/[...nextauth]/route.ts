import NextAuth from 'next-auth';
import { getAuthOptions } from '@/platform/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(getAuthOptions())(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };
