import { PageSkeleton } from '@/ui/kit/page-skeleton';

/** While a page of the app renders after a client navigation, the shell stays and this shows. */
export default function Loading() {
  return <PageSkeleton />;
}
