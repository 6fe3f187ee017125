import { getDb } from '@/platform/db';
import { KitCard } from '@/ui/kit/card';
import { LinkButton } from '@/ui/kit/link-button';
import type { TArchiveOwnerType } from '../constants';
import { archiveSummaryOf } from '../queries';

/** 一地一档 on a parcel's or project's page: how many items per stage, and the way to the archive. The caller checks archive:view. */
export async function ArchiveSection(props: { ownerType: TArchiveOwnerType; ownerId: string }) {
  const summary = await archiveSummaryOf(await getDb(), props.ownerType, props.ownerId);
  if (!summary) return null;
  return (
    <KitCard title={`档案（${summary.total} 件）`} testId="archive-section" actions={<LinkButton href={`/archives/${summary.id}`}>打开档案</LinkButton>}>
      <p className="lr-muted" style={{ margin: 0 }}>
        {summary.total === 0 ? `该${props.ownerType}的档案还没有条目。` : summary.byStage.map((s) => `${s.stage} ${s.n} 件`).join('，')}
      </p>
    </KitCard>
  );
}
